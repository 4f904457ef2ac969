/* test_router.c - http/router: the table of routes matched by method and
 * path.  A public route, the 405 with every method of the path in Allow, a
 * path parameter captured whole and never across segments, the scope and
 * body kind each route declares; every route in the table is reachable
 * (router.c is included to read route_table, as curl's tests reach statics). */
#include "router.c"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../tap.h"

static ll_result match(const char *method, const char *path, const struct route **route,
                       char *param, size_t paramlen, char *allow, size_t allowlen)
{
	param[0] = allow[0] = '\0';
	return router_match(method, path, route, param, paramlen, allow, allowlen);
}

int main(void)
{
	const struct route *route;
	char param[128], allow[64], small[4];

	CHECK(match("GET", "/health", &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
	      route->scope == SCOPE_NONE, "GET /health is public");
	CHECK(match("POST", "/health", &route, param, sizeof(param), allow, sizeof(allow)) == LL_EMETHOD &&
	      strcmp(allow, "GET") == 0, "POST /health is 405 with Allow: GET");
	CHECK(match("GET", "/conversations/abc-1", &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
	      strcmp(param, "abc-1") == 0, "a path parameter is captured");
	CHECK(match("PUT", "/conversations/abc", &route, param, sizeof(param), allow, sizeof(allow)) == LL_EMETHOD &&
	      strcmp(allow, "GET, DELETE") == 0, "Allow lists every method of the path");
	CHECK(match("GET", "/conversations/", &route, param, sizeof(param), allow, sizeof(allow)) == LL_ENOTFOUND,
	      "an empty parameter does not match");
	CHECK(match("GET", "/conversations/a/b", &route, param, sizeof(param), allow, sizeof(allow)) == LL_ENOTFOUND,
	      "a parameter never spans segments");
	CHECK(match("GET", "/metrics", &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
	      route->scope == SCOPE_ADMIN, "metrics needs the admin scope");
	CHECK(match("POST", "/chat/production", &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
	      route->scope == SCOPE_CHAT && route->body == BODY_JSON, "chat takes a JSON body with the chat scope");
	CHECK(match("GET", "/no/such/path", &route, param, sizeof(param), allow, sizeof(allow)) == LL_ENOTFOUND &&
	      match("GET", "", &route, param, sizeof(param), allow, sizeof(allow)) == LL_ENOTFOUND,
	      "an unknown path is not found");
	CHECK(match("GET", "/HEALTH", &route, param, sizeof(param), allow, sizeof(allow)) == LL_ENOTFOUND,
	      "paths are matched exactly, case and all");
	CHECK(match("GET", "/conversations/abcdefgh", &route, small, sizeof(small), allow,
	            sizeof(allow)) != LL_OK || strlen(small) < sizeof(small),
	      "a parameter longer than its buffer never overruns it");
	CHECK(match("POST", "/documents", &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
	      route->scope == SCOPE_ADMIN && route->body == BODY_DOCUMENT,
	      "an upload is a document body, for the admin scope");
	for(size_t i = 0; i < ROUTE_COUNT; i++) {
		const struct route *r = &route_table[i];
		const char *brace = strstr(r->pattern, "{id}");
		char path[128];

		if(brace)
			snprintf(path, sizeof(path), "%.*sid-7%s", (int)(brace - r->pattern), r->pattern, brace + 4);
		else
			snprintf(path, sizeof(path), "%s", r->pattern);
		CHECK(match(r->method, path, &route, param, sizeof(param), allow, sizeof(allow)) == LL_OK &&
		      route == r && (!brace || strcmp(param, "id-7") == 0), "%s %s reaches its handler",
		      r->method, path);
	}
	return TAP_DONE();
}
