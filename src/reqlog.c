/* reqlog.c - INSERT into request_log after each response. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "reqlog.h"
#include "worker.h"

/* api_keys.last_used_at, at most once a minute per key and worker: the
 * operator wants to see stale keys, not every use. */
static void reqlog_touch_key(struct worker *w, long long key_id, const char *key_text)
{
	static const struct db_stmt touch = {
		"reqlog_touch_key", "UPDATE api_keys SET last_used_at = now() WHERE id = $1"};
	static long long last_id;
	static double last_at;
	const char *params[1] = {key_text};
	double now = http_now();
	ll_result result;

	if(key_id == last_id && now - last_at < 60.0)
		return;
	last_id = key_id;
	last_at = now;
	result = db_exec(&w->db, &touch, 1, params, NULL);
	(void)result; /* bookkeeping only */
}

ll_result reqlog_write(struct worker *w, const struct http_request *req, double duration_ms)
{
	static const struct db_stmt insert = {
		"reqlog_insert",
		"INSERT INTO request_log (request_id, node, worker_pid, method, route, status,"
		" duration_ms, agent, degraded, cached, llm_called, api_key_id)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULLIF($12, '0')::bigint)"};
	char pid[16], status[8], ms[32], key[24];
	const char *params[12];
	ll_result result;

	/* Without a database there is nowhere to write; do not stall the
	 * worker reconnecting for the log's sake. */
	if(!w->db.conn)
		return LL_EDB;
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	snprintf(status, sizeof(status), "%d", req->status);
	snprintf(ms, sizeof(ms), "%.3f", duration_ms);
	snprintf(key, sizeof(key), "%lld", req->api_key_id);
	params[0] = req->request_id;
	params[1] = w->settings->node_name;
	params[2] = pid;
	params[3] = req->method;
	params[4] = req->route;
	params[5] = status;
	params[6] = ms;
	params[7] = req->agent;
	params[8] = req->degraded ? "true" : "false";
	params[9] = req->cached ? "true" : "false";
	params[10] = req->llm_called ? "true" : "false";
	params[11] = key;
	result = db_exec(&w->db, &insert, 12, params, NULL);
	if(result)
		log_warn("request_log_failed", "the request was served but not logged durably");
	if(req->api_key_id)
		reqlog_touch_key(w, req->api_key_id, key);
	return result;
}
