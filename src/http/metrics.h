/* metrics.h - the figures behind GET /metrics. */
#ifndef LINELEAD_METRICS_H
#define LINELEAD_METRICS_H

#include <stdbool.h>

#include <json-c/json.h>

#include "buf.h"
#include "result.h"

struct db;
struct scoreboard;

/* GET /metrics's JSON object (docs/DESIGN.md, openapi.yaml); with window
 * ("1h", "24h", "7d") also the durable history, and with dashboard the top
 * equipment problems and recent conversations of that window (from db).
 * The live figures are sb's.  *out is new (caller puts).  LL_EINVAL for a
 * bad window. */
__attribute__((warn_unused_result))
ll_result metrics_json(struct db *db, struct scoreboard *sb, const char *window, bool dashboard,
                       struct json_object **out);

/* Prometheus text exposition format 0.0.4 of sb's counters, appended to out. */
__attribute__((warn_unused_result))
ll_result metrics_prometheus(struct scoreboard *sb, struct buf *out);

#endif
