/* reqlog.c - INSERT into request_log after each response. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Retention (docs/schema.md, "Retention"): linelead_prune(retention_days)
 * in autocommit, one call per statement, repeated while it deletes.  Done
 * from a worker after a response, so no one waits for it, and at most once
 * an hour per worker; the first call comes a random 1-10 minutes after the
 * worker started so the workers of a node (and the nodes) do not all prune
 * at once.  A call costs about 5 ms when nothing is due; each is bounded to
 * 100k rows (~0.15 s), and one turn to REQLOG_PRUNE_CALLS of them, so a huge
 * backlog is worked off over several turns without holding a worker.
 * TODO(lead): with a shared-memory "next prune" time in the scoreboard this
 * becomes once an hour per node (one compare-and-swap). */
#define REQLOG_PRUNE_INTERVAL 3600.0
#define REQLOG_PRUNE_CALLS 10

static void reqlog_maybe_prune(struct worker *w)
{
	static const struct db_stmt prune = {"reqlog_prune", "SELECT linelead_prune($1)"};
	static double next_at;
	char days[16];
	const char *params[1] = {days};
	double now = http_now();
	long long deleted = 0, n;
	ll_result result;

	if(next_at == 0) {
		next_at = now + 60.0 + (double)(((unsigned long)random() ^ (unsigned long)getpid()) % 540);
		return;
	}
	if(now < next_at || w->settings->retention_days <= 0)
		return;
	next_at = now + REQLOG_PRUNE_INTERVAL;
	snprintf(days, sizeof(days), "%d", w->settings->retention_days);
	for(int i = 0; i < REQLOG_PRUNE_CALLS; i++) {
		PGresult *res = NULL;

		result = db_exec(&w->db, &prune, 1, params, &res);
		if(result) {
			log_warn("prune_failed", "linelead_prune(%s) failed", days);
			break;
		}
		n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		deleted += n;
		if(n <= 0)
			break;
	}
	if(deleted > 0)
		log_info("pruned", "deleted %lld request_log rows older than %s days", deleted, days);
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
	reqlog_maybe_prune(w);
	return result;
}
