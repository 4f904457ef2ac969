/* route_metrics.c - GET /metrics: live figures from the scoreboard, as JSON
 * or Prometheus text; ?window=1h|24h|7d adds the durable history from
 * PostgreSQL (all nodes), read from the hourly rollup so it stays fast at
 * any request_log size. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "buf.h"
#include "metrics.h"
#include "routes.h"
#include "db.h"
#include "scoreboard.h"

ll_result route_metrics(struct route_ctx *rc, struct http_request *req)
{
	char format[16] = "", window[8] = "", include[16] = "";
	struct json_object *body = NULL;
	struct buf text;
	ll_result result;

	if(!rc->scoreboard)
		return LL_EUNAVAILABLE;
	http_query_param(req, "format", format, sizeof(format));
	http_query_param(req, "window", window, sizeof(window));
	http_query_param(req, "include", include, sizeof(include));
	if(strcmp(format, "prometheus") == 0 ||
	   (!format[0] && http_accepts(req, "text/plain") &&
	    !http_accepts(req, "application/json"))) {
		buf_init(&text, 1 << 20);
		result = metrics_prometheus(rc->scoreboard, &text);
		if(!result)
			http_respond_body(req, 200, "text/plain; version=0.0.4; charset=utf-8",
			                  buf_str(&text), text.len);
		buf_free(&text);
		return result;
	}
	if(format[0] && strcmp(format, "json") != 0) {
		req->error_message = "format must be json or prometheus";
		return LL_EINVAL;
	}
	result = metrics_json(rc->db, rc->scoreboard, window[0] ? window : NULL,
	                      strcmp(include, "dashboard") == 0, &body);
	if(result) {
		if(result == LL_EINVAL)
			req->error_message = "window must be 1h, 24h or 7d";
		return result;
	}
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}
