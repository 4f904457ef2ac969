/* test_routes.c - http/router and every route_*.c, over FastCGI as nginx
 * speaks it, against a private, migrated PostgreSQL: one process is both the
 * web server (fcgi_client) and the worker (accept, router_dispatch, finish).
 * What a client would notice: /health and /info, /metrics for admins only,
 * a chat answer stored under the asking key, a conversation and its feedback
 * seen only by that key, a manual uploaded, listed and deleted, and
 * route_ctx's stage and master checks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apikeys.h"
#include "auth.h"
#include "http.h"
#include "log.h"
#include "router.h"
#include "worker.h"
#include "answer/path.h"

#include "../fcgi_client.h"
#include "../pgtemp.h"
#include "../tap.h"

struct server {
	int listen_fd;
	char path[96];
	FCGX_Request fcgx;
	struct route_ctx rc;
};

static struct server srv;
static struct scoreboard *sb;
static char chat_a[80], chat_b[80], admin[80];

/* One request through the router; the reply is parsed into *r (free it). */
static int call(const char *method, const char *uri, const char *key, const char *body,
                struct fcgi_reply *r)
{
	char auth[128], query[256];
	const char *q = strchr(uri, '?');
	char path[256];
	const char *params[] = {"REQUEST_METHOD",
	                        method,
	                        "DOCUMENT_URI",
	                        path,
	                        "QUERY_STRING",
	                        query,
	                        "CONTENT_TYPE",
	                        "application/json",
	                        "HTTP_AUTHORIZATION",
	                        auth,
	                        NULL};
	struct http_request req;
	int fd = fcgi_connect(srv.path), rc = -1;

	snprintf(path, sizeof(path), "%.*s", q ? (int)(q - uri) : (int)strlen(uri), uri);
	snprintf(query, sizeof(query), "%s", q ? q + 1 : "");
	snprintf(auth, sizeof(auth), "Bearer %s", key ? key : "");
	if(!key)
		params[8] = NULL;
	if(fd < 0 || fcgi_send(fd, params, body, body ? strlen(body) : 0) != 0 ||
	   FCGX_Accept_r(&srv.fcgx) < 0)
		goto out;
	memset(&req, 0, sizeof(req));
	http_request_begin(&req, &srv.fcgx, srv.rc.arena);
	router_dispatch(&srv.rc, &req);
	FCGX_Finish_r(&srv.fcgx);
	http_request_end(&req);
	arena_reset(srv.rc.arena);
	rc = fcgi_read(fd, r);
out:
	if(fd >= 0)
		close(fd);
	return rc;
}

/* The string at key of the reply's JSON body, copied into out. */
static const char *field(const struct fcgi_reply *r, const char *key, char *out, size_t len)
{
	struct json_object *o = json_tokener_parse(r->body), *v = NULL;

	out[0] = '\0';
	if(o && json_object_object_get_ex(o, key, &v))
		snprintf(out, len, "%s", json_object_get_string(v));
	json_object_put(o);
	return out;
}

static int status_of(const char *method, const char *uri, const char *key, const char *body)
{
	struct fcgi_reply r;
	int status = -1;

	if(call(method, uri, key, body, &r) == 0)
		status = r.status;
	fcgi_reply_free(&r);
	return status;
}

static void test_health(void)
{
	struct fcgi_reply r;
	char v[64];

	CHECK(call("GET", "/health", NULL, NULL, &r) == 0 && r.status == 200 &&
	              strcmp(field(&r, "status", v, sizeof(v)), "healthy") == 0 &&
	              strstr(r.body, "\"database\":{\"status\":\"ok\""),
	      "route_health: GET /health is 200 with the database up, no key needed (%s)", v);
	fcgi_reply_free(&r);
	CHECK(call("GET", "/info", NULL, NULL, &r) == 0 && r.status == 200 &&
	              strstr(r.body, "\"equipment\"") && strstr(r.body, "\"safety\""),
	      "route_health: GET /info names the agents");
	fcgi_reply_free(&r);
	CHECK(status_of("GET", "/metrics", chat_a, NULL) == 403,
	      "route_metrics: a chat key may not read /metrics (403)");
	CHECK(call("GET", "/metrics?format=prometheus", admin, NULL, &r) == 0 && r.status == 200 &&
	              strstr(r.head, "text/plain") && strstr(r.body, "# TYPE linelead_"),
	      "route_metrics: an admin key reads the counters as Prometheus text");
	fcgi_reply_free(&r);
	CHECK(status_of("GET", "/metrics?window=24h", admin, NULL) == 200 &&
	              status_of("GET", "/metrics?window=2y", admin, NULL) == 400,
	      "route_metrics: as JSON with a day's history; an unknown window is 400");
	route_stage(&srv.rc, "retrieval");
	CHECK(strcmp(srv.rc.slot->stage, "retrieval") == 0,
	      "route_ctx: route_stage marks the stage in this process's slot");
	CHECK(status_of("GET", "/no/such/route", NULL, NULL) == 404 &&
	              status_of("PUT", "/health", NULL, NULL) == 405,
	      "router: an unknown path is 404, a wrong method 405");
}

/* POSTs a question as key; fills the conversation and request ids. */
static int ask(const char *key, char *conversation, char *request_id)
{
	struct fcgi_reply r;
	int status = -1;

	if(call("POST", "/chat/production", key,
	        "{\"message\":\"the grill is not heating, what do I check?\"}", &r) == 0) {
		status = r.status;
		field(&r, "conversation_id", conversation, 64);
		field(&r, "request_id", request_id, 64);
	}
	fcgi_reply_free(&r);
	return status;
}

static void test_chat(void)
{
	char conv[64], req_id[64], uri[128], body[256];
	struct fcgi_reply r;

	CHECK(status_of("POST", "/chat/production", NULL, "{\"message\":\"hi\"}") == 401,
	      "route_chat: no key is 401");
	CHECK(status_of("POST", "/chat/production", chat_a, "{\"message\":\"\"}") == 422,
	      "route_chat: an empty message is 422");
	CHECK(ask(chat_a, conv, req_id) == 200 && conv[0] && req_id[0],
	      "route_chat: a question is answered (conversation %s)", conv);
	CHECK(call("POST", "/chat/classify", chat_a, "{\"message\":\"the fryer is on fire\"}",
	           &r) == 0 &&
	              r.status == 200 && strstr(r.body, "\"agent\":\"safety\""),
	      "route_chat: /chat/classify routes a fire to safety");
	fcgi_reply_free(&r);
	CHECK(call("POST", "/chat/stream", chat_a, "{\"message\":\"how do I clean the grill?\"}",
	           &r) == 0 &&
	              r.status == 200 && strstr(r.head, "text/event-stream") &&
	              strstr(r.body, "event: "),
	      "route_chat: /chat/stream answers as Server-Sent Events");
	fcgi_reply_free(&r);
	snprintf(uri, sizeof(uri), "/conversations/%s", conv);
	CHECK(call("GET", uri, chat_a, NULL, &r) == 0 && r.status == 200 &&
	              strstr(r.body, "the grill is not heating"),
	      "route_conversations: its key reads the conversation");
	fcgi_reply_free(&r);
	CHECK(status_of("GET", uri, chat_b, NULL) == 404,
	      "route_conversations: another key gets 404 for the same id");
	snprintf(body, sizeof(body), "{\"request_id\":\"%s\",\"rating\":\"down\"}", req_id);
	CHECK(status_of("POST", "/feedback", chat_b, body) == 404,
	      "route_feedback: another key cannot rate the answer");
	CHECK(status_of("POST", "/feedback", chat_a, body) == 201 &&
	              status_of("POST", "/feedback", chat_a, body) == 200,
	      "route_feedback: its key rates it (201), then replaces the rating (200)");
	CHECK(status_of("DELETE", uri, chat_b, NULL) == 404 &&
	              status_of("DELETE", uri, chat_a, NULL) == 200 &&
	              status_of("GET", uri, chat_a, NULL) == 404,
	      "route_conversations: only its key deletes it; then it is gone");
}

static void test_documents(void)
{
	static const char doc[] = "{\"title\":\"Shake machine\",\"category\":\"equipment\","
	                          "\"content\":\"# Shake machine\\n\\n## Cleaning\\n\\n"
	                          "1. Empty the hopper.\\n2. Rinse the freezing cylinder.\\n\"}";
	struct fcgi_reply r;
	char id[32], uri[64];

	CHECK(status_of("POST", "/documents", chat_a, doc) == 403,
	      "route_documents: a chat key may not upload");
	CHECK(call("POST", "/documents", admin, doc, &r) == 0 && r.status == 201 &&
	              field(&r, "id", id, sizeof(id))[0],
	      "route_documents: an admin uploads a manual (201, id %s)", id);
	fcgi_reply_free(&r);
	CHECK(call("GET", "/documents", admin, NULL, &r) == 0 && r.status == 200 &&
	              strstr(r.body, "Shake machine"),
	      "route_documents: it is listed");
	fcgi_reply_free(&r);
	snprintf(uri, sizeof(uri), "/documents/%s", id);
	CHECK(status_of("DELETE", uri, admin, NULL) == 200 &&
	              status_of("DELETE", uri, admin, NULL) == 404,
	      "route_documents: deleted once, then 404");
	CHECK(status_of("GET", "/documents/jobs/999", admin, NULL) == 404,
	      "route_documents: an unknown job is 404");
}

static void test_route_ctx(void)
{
	struct route_ctx rc = {.master = 0};

	route_stage(&rc, "retrieval"); /* no slot: nothing to mark */
	CHECK(!route_orphaned(&rc), "route_ctx: without a master, never orphaned");
	rc.master = getppid();
	CHECK(!route_orphaned(&rc), "route_ctx: the parent is the master: not orphaned");
	rc.master = getpid();
	CHECK(route_orphaned(&rc), "route_ctx: a master that is not the parent: orphaned");
}

static int make_keys(struct db *db)
{
	long long id;

	return apikeys_create(db, "a", SCOPE_CHAT, chat_a, sizeof(chat_a), &id) ||
	       apikeys_create(db, "b", SCOPE_CHAT, chat_b, sizeof(chat_b), &id) ||
	       apikeys_create(db, "admin", SCOPE_ADMIN, admin, sizeof(admin), &id);
}

static int serve(struct pgtemp *pg, struct settings *s, struct worker *w, struct auth *auth,
                 struct answer_ctx *actx)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	char err[256];

	if(!data_dir || settings_defaults(s, err, sizeof(err)) != LL_OK)
		return -1;
	free(s->database_url);
	s->database_url = strdup(pg->conninfo);
	free(s->data_dir);
	s->data_dir = strdup(data_dir);
	if(scoreboard_create(&sb) != LL_OK || worker_init(w, s, sb, &sb->slots[0]) != LL_OK)
		return -1;
	sb->nslots = 1;
	sb->master_heartbeat = clock_mono();
	auth_init(auth, s);
	worker_answer_ctx(w, actx);
	srv.rc = (struct route_ctx){.settings = s,
	                            .db = &w->db,
	                            .arena = &w->arena,
	                            .classifier = w->classifier,
	                            .auth = auth,
	                            .answer = actx,
	                            .scoreboard = sb,
	                            .slot = w->slot};
	snprintf(srv.path, sizeof(srv.path), "%s/fcgi.sock", pg->dir);
	srv.listen_fd = fcgi_listen(srv.path);
	if(srv.listen_fd < 0 || FCGX_Init() != 0 ||
	   FCGX_InitRequest(&srv.fcgx, srv.listen_fd, 0) != 0)
		return -1;
	return make_keys(&w->db) == LL_OK ? 0 : -1;
}

int main(void)
{
	struct pgtemp pg;
	struct settings s;
	struct worker w;
	struct auth auth;
	struct answer_ctx actx;
	int rc;

	log_setup(LOG_ERROR, 2);
	test_route_ctx();
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0, "a private, migrated PostgreSQL");
	if(rc == 0 && serve(&pg, &s, &w, &auth, &actx) == 0) {
		test_health();
		test_chat();
		test_documents();
	} else
		CHECK(0, "the worker and its socket are set up");
	if(srv.listen_fd > 0) {
		FCGX_Free(&srv.fcgx, 1);
		worker_free(&w);
		settings_free(&s);
	}
	if(sb)
		scoreboard_destroy(sb);
	pgtemp_free(&pg);
	return TAP_DONE();
}
