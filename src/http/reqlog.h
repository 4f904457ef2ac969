/* reqlog.h - the durable request log: one row per request in request_log,
 * written after the response was sent so it never adds latency.
 *
 * A worker keeps its rows in a struct reqlog and writes them in one statement
 * when nothing else is waiting (so at light load each row goes out right
 * after its response), and under load when REQLOG_BATCH rows are kept or the
 * oldest is REQLOG_MAX_AGE_S old: one transaction and one rollup upsert per
 * batch instead of per request.  A worker that exits normally (drained,
 * recycled) writes what it kept; one that is SIGKILLed loses at most its
 * batch - these are metrics, never a conversation (store.c commits those
 * before the answer is sent).  A failure is counted; it never affects a
 * request. */
#ifndef LINELEAD_REQLOG_H
#define LINELEAD_REQLOG_H

#include <stdbool.h>

#include "http.h"
#include "result.h"

struct db;
struct scoreboard;
struct settings;

#define REQLOG_BATCH 16
#define REQLOG_MAX_AGE_S 0.25

struct reqlog_row {
	char request_id[64];
	char method[16];
	const char *route;           /* static pattern */
	const char *agent;           /* static name or NULL */
	int status;
	double duration_ms;
	bool degraded, cached, llm_called;
	long long api_key_id;        /* 0 = none */
};

struct reqlog {
	struct reqlog_row rows[REQLOG_BATCH];
	int n;
	double oldest;               /* clock_mono() of rows[0] */
};

/* Keeps req's row. */
void reqlog_add(struct reqlog *log, const struct http_request *req, double duration_ms);
/* Seconds until the kept rows must be written: <= 0 when the batch is full
 * or its oldest row is REQLOG_MAX_AGE_S old; a large value when none are kept. */
double reqlog_due_in(const struct reqlog *log);

/* Writes the kept rows to db (nothing to do when none), then prunes when
 * due (s->retention_days; the next time is sb's, shared by the workers; no
 * pruning without sb).  The rows are gone either way: a batch that failed
 * is counted, not kept. */
__attribute__((warn_unused_result))
ll_result reqlog_flush(struct reqlog *log, struct db *db, const struct settings *s,
                       struct scoreboard *sb);

#endif
