/* route_health.c - GET /health and GET /info: public, no key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agents.h"
#include "clock.h"
#include "llm.h"
#include "routes.h"
#include "db.h"
#include "scoreboard.h"
#include "settings.h"

/* What this worker's last check found.  Load balancers and monitors poll
 * /health, often together: a worker (a process) asks PostgreSQL at most once
 * every HEALTH_CHECK_INTERVAL_S and answers from the last check meanwhile,
 * so the figures may be that old. */
#define HEALTH_CHECK_INTERVAL_S 1.0
/* The master loops every 100 ms; this long without a loop means it is
 * frozen (stopped, swapping): workers still serve, but nothing watches them. */
#define HEALTH_MASTER_STALL_S 5.0

static struct {
	double at;                    /* clock_mono() of the check; 0 = never */
	bool ok;
	double latency_ms;
	long long documents, chunks;
} health_last;

/* One round trip says whether PostgreSQL answers, how fast, and what the
 * knowledge base holds (documents keeps its chunk count: no scan of chunks). */
static void health_check(struct route_ctx *rc)
{
	static const struct db_stmt counts = {
		"health_counts", "SELECT count(*), coalesce(sum(chunk_count), 0) FROM documents"};
	PGresult *res = NULL;
	double t0 = clock_mono();

	health_last.ok = db_exec(rc->db, &counts, 0, NULL, &res) == LL_OK;
	health_last.at = clock_mono();
	health_last.latency_ms = health_last.ok ? (health_last.at - t0) * 1000.0 : 0;
	health_last.documents = health_last.ok ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	health_last.chunks = health_last.ok ? strtoll(PQgetvalue(res, 0, 1), NULL, 10) : 0;
	PQclear(res);
}

static bool health_database(struct route_ctx *rc, struct json_object *db,
                            struct json_object *retrieval)
{
	bool ok;

	if(!health_last.at || clock_mono() - health_last.at >= HEALTH_CHECK_INTERVAL_S)
		health_check(rc);
	ok = health_last.ok;
	json_object_object_add(db, "status", json_object_new_string(ok ? "ok" : "unavailable"));
	json_object_object_add(db, "latency_ms", json_object_new_double(health_last.latency_ms));
	json_object_object_add(retrieval, "status",
	                       json_object_new_string(ok ? "ok" : "unavailable"));
	json_object_object_add(retrieval, "backend", json_object_new_string(
		rc->settings->retrieval == RETRIEVAL_RAGIE ? "ragie" :
		rc->settings->retrieval == RETRIEVAL_BOTH ? "pg+ragie" : "pg"));
	json_object_object_add(retrieval, "documents",
	                       json_object_new_int64(health_last.documents));
	json_object_object_add(retrieval, "chunks", json_object_new_int64(health_last.chunks));
	return ok;
}

/* "ok", "stalled" (frozen: nobody replaces, recycles or watches workers) or
 * "gone" (dead: this worker is finishing its last request). */
static const char *health_master(const struct route_ctx *rc)
{
	if(!rc->scoreboard)
		return "ok";
	if(route_orphaned(rc))
		return "gone";
	return scoreboard_master_silence(rc->scoreboard) > HEALTH_MASTER_STALL_S ? "stalled" : "ok";
}

ll_result route_health(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body = json_object_new_object(), *db = json_object_new_object();
	struct json_object *llm = json_object_new_object(), *workers = json_object_new_object();
	struct json_object *retrieval = json_object_new_object();
	struct json_object *master = json_object_new_object();
	const char *llm_state = rc->llm ? llm_state_name(rc->llm) : "disabled";
	const char *master_state = health_master(rc);
	bool db_ok, degraded, up;
	int total = 1, busy = 1;

	route_stage(rc, "db_ping");
	db_ok = health_database(rc, db, retrieval);
	json_object_object_add(llm, "status", json_object_new_string(llm_state));
	if(rc->scoreboard)
		scoreboard_workers(rc->scoreboard, &total, &busy);
	json_object_object_add(workers, "total", json_object_new_int(total));
	json_object_object_add(workers, "busy", json_object_new_int(busy));
	json_object_object_add(master, "status", json_object_new_string(master_state));
	up = db_ok && strcmp(master_state, "gone") != 0;
	degraded = (rc->llm && strcmp(llm_state, "ok") != 0) || strcmp(master_state, "ok") != 0;
	json_object_object_add(body, "status", json_object_new_string(
		!up ? "unhealthy" : degraded ? "degraded" : "healthy"));
	json_object_object_add(body, "version", json_object_new_string(VERSION));
	json_object_object_add(body, "environment",
	                       json_object_new_string(rc->settings->environment));
	json_object_object_add(body, "uptime_seconds", json_object_new_double(
		rc->scoreboard ? clock_wall() - rc->scoreboard->started : 0));
	json_object_object_add(body, "database", db);
	json_object_object_add(body, "llm", llm);
	if(db_ok)
		json_object_object_add(body, "retrieval", retrieval);
	else
		json_object_put(retrieval);
	json_object_object_add(body, "workers", workers);
	json_object_object_add(body, "master", master);
	http_respond_json(req, up ? 200 : 503, body);
	json_object_put(body);
	return LL_OK;
}

ll_result route_info(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body = json_object_new_object(), *agents = json_object_new_array();
	struct json_object *features = json_object_new_array(), *llm = json_object_new_object();
	static const char *const feature_names[] = {
		"classification", "retrieval", "grounded_answers", "citations", "safety_warnings",
		"conversations", "streaming", "feedback", "metrics", "document_ingestion", NULL};

	for(int i = 0; i < AGENT_COUNT; i++) {
		const struct agent *a = agent_get((enum agent_id)i);
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(a->name));
		json_object_object_add(o, "description", json_object_new_string(a->description));
		json_object_array_add(agents, o);
	}
	for(int i = 0; feature_names[i]; i++)
		json_object_array_add(features, json_object_new_string(feature_names[i]));
	json_object_object_add(llm, "provider", json_object_new_string(
		settings_llm_enabled(rc->settings) ? "openai-compatible" : "local"));
	json_object_object_add(llm, "model", json_object_new_string(
		settings_llm_enabled(rc->settings) ? rc->settings->llm_model : "local"));
	json_object_object_add(body, "name", json_object_new_string("Line Lead"));
	json_object_object_add(body, "version", json_object_new_string(VERSION));
	json_object_object_add(body, "environment",
	                       json_object_new_string(rc->settings->environment));
	json_object_object_add(body, "agents", agents);
	json_object_object_add(body, "features", features);
	json_object_object_add(body, "llm", llm);
	json_object_object_add(body, "retrieval", json_object_new_string(
		rc->settings->retrieval == RETRIEVAL_RAGIE ? "ragie" :
		rc->settings->retrieval == RETRIEVAL_BOTH ? "both" : "pg"));
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}
