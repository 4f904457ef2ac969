/* test_validate.c - http/validate: untrusted JSON fields checked against a
 * route's table.  Each type's rule (a string's length in characters and
 * not blank, an id's characters and never "." or "..", an enum's choices,
 * a bool absent as -1, an integer's bounds, an object's size and finite
 * numbers), and every bad field listed with its name, not just the first. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "http.h"
#include "validate.h"
#include "../tap.h"

struct order {
	const char *note;
	const char *id;
	const char *size;
	int hot;
	struct json_object *extra;
	long long count;
};

static const char *const sizes[] = {"small", "large", NULL};

static const struct field_spec specs[] = {
	{"note", FIELD_STRING, true, 1, 10, NULL, offsetof(struct order, note)},
	{"id", FIELD_ID, false, 1, 8, NULL, offsetof(struct order, id)},
	{"size", FIELD_ENUM, false, 0, 0, sizes, offsetof(struct order, size)},
	{"hot", FIELD_BOOL, false, 0, 0, NULL, offsetof(struct order, hot)},
	{"extra", FIELD_OBJECT, false, 0, 20, NULL, offsetof(struct order, extra)},
	{"count", FIELD_INT, false, 1, 5, NULL, offsetof(struct order, count)},
};

static struct json_object *body;

/* Validates json into o; bad gets the names of the fields listed, comma-joined. */
static ll_result run(const char *json, struct order *o, char *bad, size_t badlen)
{
	struct http_request req;
	ll_result r;

	memset(&req, 0, sizeof(req));
	memset(o, 0, sizeof(*o));
	o->count = 3;
	bad[0] = '\0';
	if(body)
		json_object_put(body);
	body = json_tokener_parse(json);
	r = validate_object(&req, body, specs, sizeof(specs) / sizeof(specs[0]), o);
	for(size_t i = 0, pos = 0; req.error_fields && i < json_object_array_length(req.error_fields); i++) {
		struct json_object *e = json_object_array_get_idx(req.error_fields, i), *f;
		int w;

		if(!json_object_object_get_ex(e, "field", &f))
			continue;
		w = snprintf(bad + pos, badlen - pos, "%s%s", pos ? "," : "", json_object_get_string(f));
		if(w > 0 && (size_t)w < badlen - pos)
			pos += (size_t)w;
	}
	if(req.error_fields)
		json_object_put(req.error_fields);
	return r;
}

int main(void)
{
	struct order o;
	char bad[128];

	CHECK(run("{\"note\":\"no ice\",\"id\":\"a-1.b_2\",\"size\":\"large\",\"hot\":true,"
	          "\"extra\":{\"n\":1},\"count\":5}", &o, bad, sizeof(bad)) == LL_OK,
	      "a valid body passes (%s)", bad);
	CHECK(strcmp(o.note, "no ice") == 0 && strcmp(o.id, "a-1.b_2") == 0 && strcmp(o.size, "large") == 0 &&
	      o.hot == 1 && o.extra && o.count == 5, "every field lands in its slot");
	CHECK(run("{\"note\":\"x\"}", &o, bad, sizeof(bad)) == LL_OK && o.hot == -1 && o.count == 3 &&
	      !o.id && !o.size, "absent fields: a bool reads -1, an integer keeps its default");
	CHECK(run("{}", &o, bad, sizeof(bad)) == LL_EVALIDATION && strcmp(bad, "note") == 0,
	      "a missing required field is named (%s)", bad);
	CHECK(run("{\"note\":null}", &o, bad, sizeof(bad)) == LL_EVALIDATION, "null is absent");
	CHECK(run("{\"note\":\"   \"}", &o, bad, sizeof(bad)) == LL_EVALIDATION, "a blank string is refused");
	CHECK(run("{\"note\":\"caf\xc3\xa9 caf\xc3\xa9\"}", &o, bad, sizeof(bad)) == LL_OK &&
	      run("{\"note\":\"12345678901\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "a string's length is counted in characters, not bytes");
	CHECK(run("{\"note\":\"a\\u0000b\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION, "a NUL inside is refused");
	CHECK(run("{\"note\":\"x\",\"id\":\"..\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION &&
	      run("{\"note\":\"x\",\"id\":\"a/b\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION &&
	      run("{\"note\":\"x\",\"id\":\"123456789\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "an id is never '..', a slash, or too long");
	CHECK(run("{\"note\":\"x\",\"size\":\"medium\"}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "an enum only takes its choices");
	CHECK(run("{\"note\":\"x\",\"hot\":1}", &o, bad, sizeof(bad)) == LL_EVALIDATION, "a bool is true or false");
	CHECK(run("{\"note\":\"x\",\"count\":6}", &o, bad, sizeof(bad)) == LL_EVALIDATION &&
	      run("{\"note\":\"x\",\"count\":2.5}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "an integer within its bounds, and an integer");
	CHECK(run("{\"note\":\"x\",\"extra\":{\"long\":\"abcdefghijklmnop\"}}", &o, bad, sizeof(bad)) ==
	      LL_EVALIDATION && run("{\"note\":\"x\",\"extra\":[1]}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "an object within its size, and an object");
	CHECK(run("{\"note\":\"x\",\"extra\":{\"n\":1e999999}}", &o, bad, sizeof(bad)) == LL_EVALIDATION,
	      "an infinite number in an object is refused");
	CHECK(run("{\"note\":5,\"id\":\".\",\"size\":\"x\",\"hot\":\"yes\",\"extra\":2,\"count\":0}",
	          &o, bad, sizeof(bad)) == LL_EVALIDATION &&
	      strcmp(bad, "note,id,size,hot,extra,count") == 0,
	      "every bad field is listed, in the table's order (%s)", bad);
	CHECK(validate_object(NULL, NULL, specs, 1, &o) == LL_EVALIDATION, "no body: the required field is missing");
	if(body)
		json_object_put(body);
	return TAP_DONE();
}
