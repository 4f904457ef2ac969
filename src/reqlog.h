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

#endif
