/* test_retriever.c - answer/retriever without PostgreSQL: the words and
 * codes a question is searched with, the rerank by what each passage
 * holds, the merge of Ragie's passages.  The .c is included (as h2o's tests
 * do) to reach its statics. */
#include "retriever.c"

#include "../tap.h"

static void test_words(void)
{
	char words[MAX_WORDS][32];
	int n = query_words("How do I clean the Fryer's walk-in no-show filter?", words);
	bool fryer = false, walk = false, noshow = false, filter = false, stop = false;

	for(int i = 0; i < n; i++) {
		fryer |= strcmp(words[i], "fryer") == 0;
		walk |= strcmp(words[i], "walk") == 0;
		noshow |= strcmp(words[i], "no-show") == 0;
		filter |= strcmp(words[i], "filter") == 0;
		stop |= strcmp(words[i], "the") == 0 || strcmp(words[i], "do") == 0;
	}
	CHECK(fryer && walk && filter && !stop, "content words, lower case, stop words dropped");
	CHECK(noshow, "a compound of stop words stays one word, hyphen kept");
	n = query_words("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii",
	                words);
	CHECK(n <= MAX_WORDS, "at most MAX_WORDS words: %d", n);
}

static void test_plain_words(void)
{
	char out[128];

	plain_words("burger patties read 125, reheat or trash", out, sizeof(out));
	CHECK(!strstr(out, " or ") && strstr(out, "reheat") && strstr(out, "trash"),
	      "crew's 'or' is no websearch OR: %s", out);
	plain_words("freezer says -4, \"odd\" right", out, sizeof(out));
	CHECK(!strchr(out, '"') && !strstr(out, " -4") && strstr(out, "4"),
	      "no NOT, no phrase: %s", out);
	plain_words("e-03 on the orange ordering screen", out, sizeof(out));
	CHECK(strstr(out, "e-03") && strstr(out, "orange ordering"),
	      "a hyphen inside a code and words starting with 'or' are kept: %s", out);
}

static void test_literals(void)
{
	char out[128];

	code_array("grill shows E-03 and BG-4", out, sizeof(out));
	CHECK(strcmp(out, "{E3,BG4}") == 0, "codes as linelead_codes() stores them: %s", out);
	code_array("no code here", out, sizeof(out));
	CHECK(strcmp(out, "{}") == 0, "no code: an empty array");
	categories_literal(AGENT_EQUIPMENT, out, sizeof(out));
	CHECK(strcmp(out, "{equipment,safety}") == 0, "the agent's categories, its own first: %s", out);
}

static void test_rerank(void)
{
	struct passage items[3] = {
		{.chunk_id = 1, .title = "Hot Holding", .section = "Hot Holding", .body = "hot hot hot",
		 .score = 0.9},
		{.chunk_id = 2, .title = "Cook Times", .section = "Burgers",
		 .body = "Cook burgers to 155F.", .score = 0.5},
		{.chunk_id = 3, .title = "Hot Holding", .section = "Fries", .body = "hold fries hot",
		 .score = 0.6},
	};
	struct passages p = {.items = items, .count = 3};
	struct terms t;

	terms_of("how hot do burgers cook", &t);
	rerank(&t, &p);
	CHECK(p.items[0].chunk_id == 2, "the section headed with the rare word leads (chunk %lld)",
	      p.items[0].chunk_id);
}

static void test_merge(void)
{
	struct arena a;
	struct answer_ctx ctx;
	struct passage pg_items[2] = {{.chunk_id = 1, .score = 0.9}, {.chunk_id = 2, .score = 0.3}};
	struct passage rg_items[1] = {{.chunk_id = 9, .score = 0.5, .origin = "ragie"}};
	struct passages pg = {.items = pg_items, .count = 2}, rg = {.items = rg_items, .count = 1};

	arena_init(&a, 4096);
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &a;
	CHECK(merge(&ctx, &pg, &rg) == LL_OK && pg.count == 3 && pg.items[0].chunk_id == 1 &&
	      pg.items[1].chunk_id == 9 && pg.items[2].chunk_id == 2,
	      "Ragie's passages merged in by score");
	arena_free(&a);
}

int main(void)
{
	test_plain_words();
	test_words();
	test_literals();
	test_rerank();
	test_merge();
	return TAP_DONE();
}
