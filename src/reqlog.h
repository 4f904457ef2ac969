/* reqlog.h - the durable request log: one row per request in request_log,
 * written after the response was sent so it never adds latency.  A failure
 * is returned for counting; it never affects the request. */
#ifndef LINELEAD_REQLOG_H
#define LINELEAD_REQLOG_H

#include "http.h"
#include "result.h"

struct worker;

__attribute__((warn_unused_result))
ll_result reqlog_write(struct worker *w, const struct http_request *req, double duration_ms);

/* Deletes request_log rows older than `days` (and the rollup's and the
 * answer cache's expired rows) through linelead_prune(), up to max_calls
 * batches; *deleted counts the request_log rows. */
struct db;
__attribute__((warn_unused_result))
ll_result reqlog_prune(struct db *db, int days, int max_calls, long long *deleted);

#endif
