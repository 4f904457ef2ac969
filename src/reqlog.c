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

/* Retention (docs/schema.md, "Retention"): linelead_prune(days) in
 * autocommit, one call per statement (each bounded to 100k rows, ~0.15 s),
 * repeated while it deletes, at most max_calls times. */
ll_result reqlog_prune(struct db *db, int days, int max_calls, long long *deleted)
{
	static const struct db_stmt prune = {"reqlog_prune", "SELECT linelead_prune($1)"};
	char text[16];
	const char *params[1] = {text};
	ll_result result = LL_OK;

	*deleted = 0;
	snprintf(text, sizeof(text), "%d", days);
	for(int i = 0; i < max_calls; i++) {
		PGresult *res = NULL;
		long long n;

		result = db_exec(db, &prune, 1, params, &res);
		if(result)
			break;
		n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		*deleted += n;
		if(n <= 0)
			break;
	}
	return result;
}

/* Once an hour per node: the worker that wins the compare-and-swap on the
 * scoreboard's next-prune time does it, after its response was sent, so no
 * one waits for it.  A huge backlog is worked off over several turns. */
#define REQLOG_PRUNE_INTERVAL 3600
#define REQLOG_PRUNE_CALLS 10

static void reqlog_maybe_prune(struct worker *w)
{
	int64_t now = (int64_t)scoreboard_wall_now();
	int64_t due;
	long long deleted = 0;

	if(!w->scoreboard || w->settings->retention_days <= 0)
		return;
	due = __atomic_load_n(&w->scoreboard->prune_next_at, __ATOMIC_RELAXED);
	if(now < due || !__atomic_compare_exchange_n(&w->scoreboard->prune_next_at, &due,
	                                              now + REQLOG_PRUNE_INTERVAL, false,
	                                              __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	if(reqlog_prune(&w->db, w->settings->retention_days, REQLOG_PRUNE_CALLS, &deleted) != LL_OK)
		log_warn("prune_failed", "linelead_prune(%d) failed", w->settings->retention_days);
	else if(deleted > 0)
		log_info("pruned", "deleted %lld request_log rows older than %d days", deleted,
		         w->settings->retention_days);
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
	/* The log row and the key's last use are bookkeeping: committed
	 * without waiting for the WAL flush, which would otherwise hold the
	 * worker for an fsync per request.  A crash of PostgreSQL itself may
	 * lose the last few hundred milliseconds of log rows, never a message
	 * (those commit synchronously). */
	result = db_begin(&w->db);
	if(!result)
		result = db_exec_simple(&w->db, "SET LOCAL synchronous_commit TO off");
	if(!result)
		result = db_exec(&w->db, &insert, 12, params, NULL);
	if(!result && req->api_key_id)
		reqlog_touch_key(w, req->api_key_id, key);
	if(!result)
		result = db_commit(&w->db);
	if(result) {
		db_rollback(&w->db);
		log_warn("request_log_failed", "the request was served but not logged durably");
	}
	reqlog_maybe_prune(w);
	return result;
}
