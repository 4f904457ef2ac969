/* test_ragie.c - llm/ragie: a retrievals reply read into passages (the
 * fields, the clamped score, top_k, appending after the built-in ones,
 * what is not a reply). */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "ragie.h"
#include "../tap.h"

static const char reply[] =
	"{\"scored_chunks\": ["
	" {\"text\": \"Hold the reset for 5 s.\", \"score\": 1.7,"
	"  \"document_metadata\": {\"title\": \"Fryer\", \"section\": \"Reset\","
	"   \"category\": \"equipment\", \"linelead_document_id\": 42}},"
	" {\"text\": \"Clean daily.\", \"score\": -0.2, \"document_name\": \"Grill.pdf\"},"
	" {\"text\": \"\", \"score\": 0.5},"
	" {\"text\": \"Past top_k.\", \"score\": 0.1}"
	"]}  \n";

int main(void)
{
	struct arena a;
	struct passage pg = {.chunk_id = 1, .score = 0.5, .origin = "pg"};
	struct passages out = {.items = &pg, .count = 1};
	ll_result r;

	arena_init(&a, 16384);
	r = ragie_reply_parse(&a, reply, strlen(reply), 3, &out);
	CHECK(r == LL_OK && out.count == 3, "two passages with text of the first three, after the one kept "
	      "(%zu)", out.count);
	CHECK(out.count == 3 && out.items[0].chunk_id == 1, "the built-in passage stays first");
	CHECK(out.count == 3 && strcmp(out.items[1].title, "Fryer") == 0 &&
	      strcmp(out.items[1].section, "Reset") == 0 &&
	      strcmp(out.items[1].category, "equipment") == 0 && out.items[1].document_id == 42 &&
	      out.items[1].score == 1.0 && strcmp(out.items[1].origin, "ragie") == 0,
	      "metadata read, score clamped to 1, our document id kept");
	CHECK(out.count == 3 && strcmp(out.items[2].title, "Grill.pdf") == 0 &&
	      strcmp(out.items[2].category, "general") == 0 && out.items[2].score == 0,
	      "no metadata: the document's name, category general, score clamped to 0");
	out.count = 0;
	CHECK(ragie_reply_parse(&a, "{\"scored_chunks\": 3}", 20, 5, &out) == LL_EUPSTREAM,
	      "scored_chunks not an array: not a reply");
	CHECK(ragie_reply_parse(&a, "{} {}", 5, 5, &out) == LL_EUPSTREAM,
	      "two objects: not a reply");
	CHECK(ragie_reply_parse(&a, "[1,", 3, 5, &out) == LL_EUPSTREAM, "broken JSON: not a reply");
	arena_free(&a);
	return TAP_DONE();
}
