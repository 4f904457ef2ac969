/* test_http.c - JSON body parsing, the chat route's fields, query strings
 * and results: the edge every request crosses before a handler sees it.
 * The router's matching is test_router.c's, the field rules by type
 * test_validate.c's. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "http.h"
#include "result.h"
#include "routes.h"
#include "../tap.h"
#include "valid.h"
#include "validate.h"

/* The parsed body of the last check(): the typed fields point into it, so
 * it lives until the next call. */
static struct json_object *last_body;

static ll_result check(const char *json, struct chat_fields *out, int *nerrors)
{
	struct json_object *obj = NULL;
	const char *msg;
	struct http_request req;
	ll_result r;

	memset(&req, 0, sizeof(req));
	memset(out, 0, sizeof(*out));
	*nerrors = 0;
	if(last_body)
		json_object_put(last_body);
	last_body = NULL;
	r = http_parse_json(json, strlen(json), 16, &obj, &msg);
	if(r)
		return r;
	r = route_chat_fields(&req, obj, out);
	if(req.error_fields) {
		*nerrors = (int)json_object_array_length(req.error_fields);
		json_object_put(req.error_fields);
	}
	last_body = obj;
	return r;
}

int main(void)
{
	struct chat_fields f;
	struct json_object *obj;
	char deep[200];
	const char *msg;
	int n;

	CHECK(check("{\"message\":\"grill shows E03\",\"priority\":\"urgent\",\"stream\":true}", &f, &n) == LL_OK,
	      "a valid chat body passes");
	CHECK(f.stream == 1 && f.priority && strcmp(f.priority, "urgent") == 0, "typed fields are filled");
	CHECK(check("{\"message\":\"hi\"}", &f, &n) == LL_OK && f.stream == -1, "an absent bool reads as -1");
	CHECK(check("{}", &f, &n) == LL_EVALIDATION && n == 1, "a missing required field is listed");
	CHECK(check("{\"message\":\"\",\"priority\":\"asap\",\"stream\":\"yes\",\"conversation_id\":\"../etc\"}", &f, &n) == LL_EVALIDATION && n == 4,
	      "every bad field is listed, not just the first (%d)", n);
	CHECK(check("{\"message\":\"   \"}", &f, &n) == LL_EVALIDATION, "a blank message is refused");
	CHECK(check("{\"message\":\"a\\u0000b\"}", &f, &n) == LL_EVALIDATION, "an escaped NUL inside a string is refused");
	CHECK(check("{\"message\": 42}", &f, &n) == LL_EVALIDATION, "a wrong type is refused");
	CHECK(check("{\"message\":\"x\",\"context\":[1]}", &f, &n) == LL_EVALIDATION, "context must be an object");
	CHECK(check("{\"message\":\"caf\xc3\xa9\"}", &f, &n) == LL_OK, "valid UTF-8 passes");
	CHECK(check("{\"message\":\"caf\xc3\"}", &f, &n) == LL_EINVAL, "invalid UTF-8 is malformed JSON");
	CHECK(check("{\"message\":\"a\xc0\xaf\"}", &f, &n) != LL_OK, "overlong UTF-8 is refused");
	CHECK(check("{\"message\":\"a\\ud800b\"}", &f, &n) != LL_OK, "a lone surrogate escape is refused");
	CHECK(valid_utf8("\xf0\x9f\x8d\x94 burger", 11), "4-byte UTF-8 (an emoji) is accepted");
	CHECK(!valid_utf8("\xed\xa0\x80", 3), "an encoded surrogate is refused");
	CHECK(check("{\"message\":\"x\"", &f, &n) == LL_EINVAL, "truncated JSON is malformed");
	CHECK(check("[1,2]", &f, &n) == LL_EINVAL, "a JSON array body is refused");
	CHECK(check("{\"message\":\"x\"} trailing", &f, &n) == LL_EINVAL, "trailing garbage is refused");
	CHECK(check("{'message':'x'}", &f, &n) == LL_EINVAL, "non-strict JSON is refused");
	CHECK(check("{\"message\":\"a\",\"message\":\"b\"}", &f, &n) == LL_EINVAL, "a key named twice is refused");
	CHECK(check("{\"message\":\"a\",\"context\":{\"k\":1,\"\\u006b\":2}}", &f, &n) == LL_EINVAL,
	      "a key named twice in a nested object, once escaped, is refused");
	CHECK(check("{\"message\":\"a: \\\"b\\\": c\",\"context\":{\"k:\":[{\"x\":1}]}}", &f, &n) == LL_OK,
	      "colons inside strings are not keys");
	CHECK(check("{\"message\":\"x\",\"context\":{\"n\":1e999999}}", &f, &n) == LL_EVALIDATION,
	      "an infinite number in context is refused");
	CHECK(check("{\"message\":\"x\",\"conversation_id\":\"..\"}", &f, &n) == LL_EVALIDATION,
	      "conversation id .. is refused");
	CHECK(http_query_valid("title=caf%C3%A9+au+lait&category=safety") && http_query_valid(""),
	      "a UTF-8 query passes");
	CHECK(!http_query_valid("title=a%00b") && !http_query_valid("title=a%FFb") &&
	      !http_query_valid("title=a%0Ab") && !http_query_valid("title=%zz") && !http_query_valid("t%00=1") &&
	      !http_query_valid("title=%E2%82") && !http_query_valid("x=\x01"),
	      "NUL, control characters, bad escapes and broken UTF-8 in a query are refused");
	memset(deep, '[', 100);
	memcpy(deep, "{\"a\":", 5);
	deep[100] = '\0';
	CHECK(http_parse_json(deep, strlen(deep), 16, &obj, &msg) == LL_EINVAL && strstr(msg, "deeply"),
	      "nesting past the depth limit is refused with a clear message");
	{
		char big[2100];

		memcpy(big, "{\"message\":\"", 12);
		memset(big + 12, 'a', 2001);
		memcpy(big + 2013, "\"}", 3);
		CHECK(check(big, &f, &n) == LL_EVALIDATION, "a 2001-character message is refused");
	}

	CHECK(result_http_status(LL_EVALIDATION) == 422 && strcmp(result_code(LL_EVALIDATION), "validation_failed") == 0,
	      "validation errors are 422 validation_failed");
	CHECK(result_http_status(LL_EDB) == 503 && result_http_status(LL_ETOOLARGE) == 413 &&
	      result_http_status(LL_EMEDIATYPE) == 415 && result_http_status(LL_ETIMEOUT) == 504,
	      "statuses follow docs/DESIGN.md");
	CHECK(result_http_status((ll_result)999) == 500, "an unknown result is a 500, never a crash");
	if(last_body)
		json_object_put(last_body);
	return TAP_DONE();
}
