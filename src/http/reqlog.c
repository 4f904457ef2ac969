/* reqlog.c - request_log rows, kept by the worker and written in batches. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "log.h"
#include "reqlog.h"
#include "scoreboard.h"
#include "settings.h"
#include "store.h"

/* The log rows and the keys' last use are bookkeeping: each statement
 * commits on its own (autocommit) without waiting for the WAL flush, which
 * would otherwise hold the worker for an fsync per batch - the condition,
 * true for every row, sets synchronous_commit off for the statement's own
 * transaction, so one round trip does it all.  A crash of PostgreSQL itself
 * may lose the last few hundred milliseconds of log rows, never a message
 * (those commit synchronously). */
#define ASYNC_COMMIT "set_config('synchronous_commit', 'off', true) IS NOT NULL"

/* api_keys.last_used_at, at most once a minute per key and worker: the
 * operator wants to see stale keys, not every use. */
static void reqlog_touch_key(struct db *db, long long key_id)
{
	static const struct db_stmt touch = {
		"reqlog_touch_key",
		"UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND " ASYNC_COMMIT};
	static long long last_id;
	static double last_at;
	char key_text[24];
	const char *params[1] = {key_text};
	double now = clock_mono();
	ll_result result;

	if(key_id == last_id && now - last_at < 60.0)
		return;
	last_id = key_id;
	last_at = now;
	snprintf(key_text, sizeof(key_text), "%lld", key_id);
	result = db_exec(db, &touch, 1, params, NULL);
	(void)result; /* bookkeeping only */
}

/* Once an hour per node: the worker that wins the compare-and-swap on the
 * scoreboard's next-prune time does it, after its response was sent, so no
 * one waits for it.  A huge backlog is worked off over several turns. */
#define REQLOG_PRUNE_INTERVAL 3600
#define REQLOG_PRUNE_CALLS 10

static void reqlog_maybe_prune(struct db *db, int retention_days, struct scoreboard *sb)
{
	int64_t now = (int64_t)clock_wall();
	int64_t due;
	long long deleted = 0;

	if(!sb || retention_days <= 0)
		return;
	due = __atomic_load_n(&sb->prune_next_at, __ATOMIC_RELAXED);
	if(now < due || !__atomic_compare_exchange_n(&sb->prune_next_at, &due,
	                                              now + REQLOG_PRUNE_INTERVAL, false,
	                                              __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	if(store_prune(db, retention_days, REQLOG_PRUNE_CALLS, &deleted) != LL_OK)
		log_warn("prune_failed", "linelead_prune(%d) failed", retention_days);
	else if(deleted > 0)
		log_info("pruned", "deleted %lld request_log rows older than %d days", deleted,
		         retention_days);
}

void reqlog_add(struct reqlog *log, const struct http_request *req, double duration_ms)
{
	struct reqlog_row *r;

	/* never full here: the worker writes a full batch before it takes
	 * another request; were it full, the kept rows would make room */
	if(log->n == REQLOG_BATCH)
		log->n = 0;
	r = &log->rows[log->n];
	if(log->n++ == 0)
		log->oldest = clock_mono();
	snprintf(r->request_id, sizeof(r->request_id), "%s", req->request_id);
	snprintf(r->method, sizeof(r->method), "%s", req->method ? req->method : "-");
	r->route = req->route ? req->route : "-";
	r->agent = req->agent;
	r->status = req->status;
	r->duration_ms = duration_ms;
	r->degraded = req->degraded;
	r->cached = req->cached;
	r->llm_called = req->llm_called;
	r->api_key_id = req->api_key_id;
}

double reqlog_due_in(const struct reqlog *log)
{
	if(log->n == 0)
		return 3600.0;
	if(log->n == REQLOG_BATCH)
		return 0;
	return REQLOG_MAX_AGE_S - (clock_mono() - log->oldest);
}

/* One element of a PostgreSQL array literal: NULL, or text in double quotes
 * with " and \ escaped (the values are parameters, never SQL). */
static ll_result array_text(struct buf *b, bool first, const char *text)
{
	ll_result result = first ? LL_OK : buf_appends(b, ",");

	if(result)
		return result;
	if(!text)
		return buf_appends(b, "NULL");
	result = buf_appends(b, "\"");
	for(const char *p = text; *p && !result; p++)
		result = (*p == '"' || *p == '\\') ? buf_printf(b, "\\%c", *p)
		                                    : buf_append(b, p, 1);
	return result ? result : buf_appends(b, "\"");
}

/* The columns of the batch, as array literals: $1..$12 of the insert. */
enum { COL_ID, COL_NODE, COL_PID, COL_METHOD, COL_ROUTE, COL_STATUS, COL_MS, COL_AGENT,
       COL_DEGRADED, COL_CACHED, COL_LLM, COL_KEY, NCOLS };

static ll_result reqlog_arrays(const struct reqlog *log, const char *node, struct buf cols[NCOLS])
{
	char pid[16];
	ll_result result = LL_OK;

	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	for(int c = 0; c < NCOLS && !result; c++)
		result = buf_appends(&cols[c], "{");
	for(int i = 0; i < log->n && !result; i++) {
		const struct reqlog_row *r = &log->rows[i];
		const char *sep = i ? "," : "";

		result = array_text(&cols[COL_ID], i == 0, r->request_id);
		if(!result)
			result = array_text(&cols[COL_NODE], i == 0, node);
		if(!result)
			result = buf_printf(&cols[COL_PID], "%s%s", sep, pid);
		if(!result)
			result = array_text(&cols[COL_METHOD], i == 0, r->method);
		if(!result)
			result = array_text(&cols[COL_ROUTE], i == 0, r->route);
		if(!result)
			result = buf_printf(&cols[COL_STATUS], "%s%d", sep, r->status);
		if(!result)
			result = buf_printf(&cols[COL_MS], "%s%.3f", sep, r->duration_ms);
		if(!result)
			result = array_text(&cols[COL_AGENT], i == 0, r->agent);
		if(!result)
			result = buf_printf(&cols[COL_DEGRADED], "%s%s", sep,
			                    r->degraded ? "t" : "f");
		if(!result)
			result = buf_printf(&cols[COL_CACHED], "%s%s", sep, r->cached ? "t" : "f");
		if(!result)
			result = buf_printf(&cols[COL_LLM], "%s%s", sep, r->llm_called ? "t" : "f");
		if(!result)
			result = buf_printf(&cols[COL_KEY], "%s%lld", sep, r->api_key_id);
	}
	for(int c = 0; c < NCOLS && !result; c++)
		result = buf_appends(&cols[c], "}");
	return result;
}

ll_result reqlog_flush(struct reqlog *log, struct db *db, const struct settings *s,
                       struct scoreboard *sb)
{
	static const struct db_stmt insert = {
		"reqlog_insert",
		"INSERT INTO request_log (request_id, node, worker_pid, method, route, status,"
		" duration_ms, agent, degraded, cached, llm_called, api_key_id)"
		" SELECT i, n, p, m, r, s, d, a, dg, c, l, NULLIF(k, 0)"
		" FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[],"
		"             $7::float8[], $8::text[], $9::bool[], $10::bool[], $11::bool[],"
		"             $12::bigint[])"
		"   AS b(i, n, p, m, r, s, d, a, dg, c, l, k)"
		" WHERE " ASYNC_COMMIT};
	struct buf cols[NCOLS];
	const char *params[NCOLS];
	ll_result result;

	if(log->n == 0)
		return LL_OK;
	/* Without a database there is nowhere to write; do not stall the
	 * worker reconnecting for the log's sake. */
	if(!db->conn) {
		log->n = 0;
		return LL_EDB;
	}
	for(int c = 0; c < NCOLS; c++)
		buf_init(&cols[c], 64 * 1024);
	result = reqlog_arrays(log, s->node_name, cols);
	for(int c = 0; c < NCOLS; c++)
		params[c] = buf_str(&cols[c]);
	if(!result)
		result = db_exec(db, &insert, NCOLS, params, NULL);
	for(int i = 0; i < log->n && !result; i++)
		if(log->rows[i].api_key_id)
			reqlog_touch_key(db, log->rows[i].api_key_id);
	if(result)
		log_warn("request_log_failed", "%d served requests were not logged", log->n);
	for(int c = 0; c < NCOLS; c++)
		buf_free(&cols[c]);
	log->n = 0;
	reqlog_maybe_prune(db, s->retention_days, sb);
	return result;
}
