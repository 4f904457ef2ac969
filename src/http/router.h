/* router.h - the table of routes and the one dispatch path every request
 * takes: match method + path, authenticate, read and parse the body, call
 * the handler, and turn any error into the JSON error response.
 */
#ifndef LINELEAD_ROUTER_H
#define LINELEAD_ROUTER_H

#include "http.h"
#include "route_ctx.h"

/* A handler answers the request itself and returns LL_OK, or returns an
 * error (optionally setting req->error_message / error_fields) and lets the
 * router send it.  When a JSON body is declared, req->json is parsed. */
typedef ll_result (*route_handler)(struct route_ctx *rc, struct http_request *req);

enum route_body { BODY_NONE = 0, BODY_JSON, BODY_DOCUMENT };

struct route {
	const char *method;
	const char *pattern;      /* literal segments and at most one "{id}" */
	route_handler handler;
	enum scope scope;         /* SCOPE_NONE = public */
	enum route_body body;
};

void router_dispatch(struct route_ctx *rc, struct http_request *req);

/* Matches method + path against the table.  LL_OK with *route set (and
 * req->param filled); LL_ENOTFOUND; or LL_EMETHOD with allow ("GET, DELETE")
 * filled.  Exposed for the fuzz target and the unit tests. */
ll_result router_match(const char *method, const char *path, const struct route **route,
                       char *param, size_t paramlen, char *allow, size_t allowlen);

#endif
