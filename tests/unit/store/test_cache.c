/* test_cache.c - store/cache: the question as the cache reads it and the
 * key it is stored under, the parts that need no database. */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "cache.h"
#include "../tap.h"

static void test_normalize(void)
{
	char out[64], tiny[6];

	CHECK(cache_normalize("How do I...clean it?", out, sizeof(out)) == 17 &&
	      strcmp(out, "how do i clean it") == 0,
	      "lower case, punctuation runs are one space, trimmed");
	CHECK(cache_normalize("  --Fryer   E03!!  ", out, sizeof(out)) == 9 &&
	      strcmp(out, "fryer e03") == 0, "leading and trailing punctuation go");
	CHECK(cache_normalize("Cr\xc3\xa8me BR\xc3\xbbL\xc3\xa9" "E", out, sizeof(out)) > 0 &&
	      strcmp(out, "cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e") == 0,
	      "non-ASCII bytes are kept as they are");
	CHECK(cache_normalize("", out, sizeof(out)) == 0 && out[0] == '\0', "empty stays empty");
	CHECK(cache_normalize("abcdefgh", tiny, sizeof(tiny)) == 5 && strcmp(tiny, "abcde") == 0,
	      "a long question is cut at outlen - 1");
	CHECK(cache_normalize("abcd efgh", tiny, sizeof(tiny)) == 4 && strcmp(tiny, "abcd") == 0,
	      "a cut never leaves a trailing space");
	CHECK(cache_normalize("abc", out, 0) == 0, "no room: nothing written");
}

static void test_key(void)
{
	char a[CACHE_KEY_LEN + 1], b[CACHE_KEY_LEN + 1], c[CACHE_KEY_LEN + 1];

	cache_key("How do I...clean it?", "equipment", "gpt", a);
	CHECK(strcmp(a, "190293208cf4579f961f1faaa0dda1e0ab408fca84ba2ae5ee1e4749a9280207") == 0,
	      "the key is the hex SHA-256 of question, agent and model, one a line");
	cache_key("how do i clean it", "equipment", "gpt", b);
	CHECK(strcmp(a, b) == 0, "two spellings of one question share a key");
	cache_key("how do i clean it", "safety", "gpt", c);
	CHECK(strcmp(a, c) != 0, "another agent is another key");
	cache_key("how do i clean it", "equipment", "other", c);
	CHECK(strcmp(a, c) != 0, "another model is another key");
}

/* A cached answer comes back with its citations' categories: the agents
 * consulted name the lead section's agent for a cached answer too. */
static void test_answer_round_trip(void)
{
	struct citation cits[2] = {
		{.document_id = 7, .title = "Temps", .section = "Cooler", .snippet = "41",
		 .score = 0.5, .category = "safety"},
		{.document_id = 9, .title = "Old", .section = "", .snippet = "", .score = 0.1},
	};
	struct answer in = {.response = "Keep it at 41°F.", .citations = cits, .ncitations = 2};
	struct answer out;
	struct arena a;
	struct json_object *o = cache_answer_to_json(&in);

	arena_init(&a, 4096);
	memset(&out, 0, sizeof(out));
	CHECK(o && cache_answer_from_json(&a, o, &out) == LL_OK && out.ncitations == 2 &&
	      out.citations[0].document_id == 7 && strcmp(out.citations[0].category, "safety") == 0 &&
	      (!out.citations[1].category || !out.citations[1].category[0]),
	      "a citation's category survives the cache; none stays none");
	json_object_put(o);
	arena_free(&a);
}

int main(void)
{
	test_normalize();
	test_key();
	test_answer_round_trip();
	return TAP_DONE();
}
