/* router.c - route table and dispatch. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "log.h"
#include "router.h"
#include "routes.h"
#include "scoreboard.h"
#include "ingest_detect.h"
#include "settings.h"

static const struct route route_table[] = {
	{"GET", "/health", route_health, SCOPE_NONE, BODY_NONE},
	{"GET", "/info", route_info, SCOPE_NONE, BODY_NONE},
	{"GET", "/metrics", route_metrics, SCOPE_ADMIN, BODY_NONE},
	{"POST", "/chat/production", route_chat_production, SCOPE_CHAT, BODY_JSON},
	{"POST", "/chat/stream", route_chat_stream, SCOPE_CHAT, BODY_JSON},
	{"POST", "/chat/classify", route_chat_classify, SCOPE_CHAT, BODY_JSON},
	{"GET", "/conversations/{id}", route_conversation_get, SCOPE_CHAT, BODY_NONE},
	{"DELETE", "/conversations/{id}", route_conversation_delete, SCOPE_CHAT, BODY_NONE},
	{"POST", "/feedback", route_feedback, SCOPE_CHAT, BODY_JSON},
	{"GET", "/documents", route_documents_list, SCOPE_ADMIN, BODY_NONE},
	{"POST", "/documents", route_documents_create, SCOPE_ADMIN, BODY_DOCUMENT},
	{"DELETE", "/documents/{id}", route_documents_delete, SCOPE_ADMIN, BODY_NONE},
	{"GET", "/documents/jobs/{id}", route_documents_job, SCOPE_ADMIN, BODY_NONE},
};

#define ROUTE_COUNT (sizeof(route_table) / sizeof(route_table[0]))

/* Matches one pattern; a "{id}" segment captures one non-empty path segment. */
static bool pattern_match(const char *pattern, const char *path, char *param, size_t paramlen)
{
	const char *brace = strstr(pattern, "{id}");
	size_t prefix, seglen;
	const char *seg;

	if(!brace)
		return strcmp(pattern, path) == 0;
	prefix = (size_t)(brace - pattern);
	if(strncmp(pattern, path, prefix) != 0)
		return false;
	seg = path + prefix;
	seglen = strcspn(seg, "/");
	if(seglen == 0 || seg[seglen] != '\0' || seglen >= paramlen)
		return false;
	memcpy(param, seg, seglen);
	param[seglen] = '\0';
	return true;
}

ll_result router_match(const char *method, const char *path, const struct route **route,
                       char *param, size_t paramlen, char *allow, size_t allowlen)
{
	size_t used = 0;
	bool path_known = false;

	*route = NULL;
	allow[0] = '\0';
	for(size_t i = 0; i < ROUTE_COUNT; i++) {
		const struct route *r = &route_table[i];

		if(!pattern_match(r->pattern, path, param, paramlen))
			continue;
		if(strcmp(r->method, method) == 0) {
			*route = r;
			return LL_OK;
		}
		path_known = true;
		if(used < allowlen) {
			int n = snprintf(allow + used, allowlen - used, "%s%s", used ? ", " : "",
			                 r->method);

			if(n > 0)
				used += (size_t)n;
		}
	}
	if(path_known)
		return LL_EMETHOD;
	param[0] = '\0';
	return LL_ENOTFOUND;
}

static ll_result router_read_body(struct route_ctx *rc, struct http_request *req,
                                  const struct route *r)
{
	const struct settings *s = rc->settings;

	switch(r->body) {
	case BODY_JSON:
		return http_read_json(req, (size_t)s->max_body_bytes, s->max_json_depth);
	case BODY_DOCUMENT:
		/* Text documents come as JSON or raw; PDFs and .docx as raw bodies
		 * (the content decides the format: ingest_detect.h). */
		if(strncasecmp(req->content_type, "application/json", 16) == 0)
			return http_read_json(req, (size_t)s->max_document_bytes + 65536,
			                      s->max_json_depth);
		if(strncasecmp(req->content_type, "application/pdf", 15) == 0 ||
		   strncasecmp(req->content_type, "text/markdown", 13) == 0 ||
		   strncasecmp(req->content_type, "text/plain", 10) == 0 ||
		   strncasecmp(req->content_type, "application/octet-stream", 24) == 0 ||
		   strncasecmp(req->content_type, DOCX_MEDIA_TYPE, strlen(DOCX_MEDIA_TYPE)) == 0)
			return http_read_body(req, (size_t)s->max_document_bytes);
		req->error_message = "Content-Type must be application/json, text/markdown, "
		                     "text/plain, application/pdf, " DOCX_MEDIA_TYPE
		                     " or application/octet-stream";
		return LL_EMEDIATYPE;
	case BODY_NONE:
		break;
	}
	return LL_OK;
}

void router_dispatch(struct route_ctx *rc, struct http_request *req)
{
	const struct route *r;
	char allow[64];
	ll_result result;

	result = router_match(req->method, req->path, &r, req->param, sizeof(req->param), allow,
	                      sizeof(allow));
	if(result == LL_EMETHOD)
		http_add_header(req, "Allow", allow);
	if(result)
		goto out;
	req->route = r->pattern;
	if(!http_query_valid(req->query)) {
		req->error_message = "The query string must be %-encoded UTF-8 text without "
		                     "control characters";
		result = LL_EINVAL;
		goto out;
	}
	if(rc->slot)
		snprintf(rc->slot->route, sizeof(rc->slot->route), "%s", r->pattern);
	if(r->scope != SCOPE_NONE) {
		route_stage(rc, "auth");
		result = auth_check(rc->auth, rc->db, req, r->scope);
		if(result)
			goto out;
	}
	route_stage(rc, "reading");
	result = router_read_body(rc, req, r);
	if(result)
		goto out;
	route_stage(rc, "handling");
	result = r->handler(rc, req);
	if(!result && !req->status) {
		log_error("no_response", "handler for %s returned without answering", r->pattern);
		result = LL_EINTERNAL;
	}
out:
	if(result) {
		if(result == LL_EDB && rc->scoreboard)
			scoreboard_add(&rc->scoreboard->c.db_errors, 1);
		http_respond_error(req, result);
	}
}
