/* test_path_other.c - answer/path_other: a question's other part, ranked
 * on its own, without a database: of the sections ranked for a part, the
 * one that answers it (never a quiz, never one holding too little of it),
 * and the ranking for a part alone, which leaves the caller's as it was.
 * The .c is included (as h2o's tests do) to reach part_answer. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "path_other.c"
#include "answer/path.h"
#include "answer_fixture.h"
#include "../tap.h"

/* Of a part's ranked sections, the one that answers it. */
static void test_part_answer(void)
{
	struct answer_kit *kit = NULL;
	struct section ranked[2];
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ranked[0] = make_section("Reheating", "Quiz: Reheating",
	                         "Q: How hot? A: 165°F.\n");
	ranked[0].kind = SECTION_QUIZ;
	ranked[1] = make_section("Reheating", "Reheat to 165°F Within 2 Hours",
	                         "Reheated food must reach 165°F for 15 seconds.\n");
	ask_understand(kit->lexicon, "what temp do we bring soup back up to", &a);
	CHECK(part_answer(&a, ranked, 2) == 1, "a quiz never answers a part: the next section");
	ranked[1].coverage = 0.1;
	CHECK(part_answer(&a, ranked, 2) == -1, "one holding too little of the part answers none");
	answer_kit_free(kit);
}

/* The candidates ranked for a part alone, in a copy. */
static void test_ranked_for(void)
{
	struct answer_kit *kit = NULL;
	struct answer_ctx ctx = {.arena = &arena};
	struct question q = {.text = "how hot do we reheat soup"};
	struct section from[2], *mine;
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ctx.kit = kit;
	from[0] = make_section("Cleaning", "Mopping the Floor", "Mop the floor at close.\n");
	from[1] = make_section("Reheating", "Reheat to 165°F",
	                       "Reheat soup to 165°F for 15 seconds.\n");
	ask_understand(kit->lexicon, q.text, &a);
	mine = path_ranked_for(&ctx, &q, &a, from, 2);
	CHECK(mine && strcmp(mine[0].path, "Reheat to 165°F") == 0,
	      "the part's own ranking puts what answers it first");
	CHECK(strcmp(from[0].path, "Mopping the Floor") == 0, "the caller's ranking stays");
	answer_kit_free(kit);
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_part_answer();
	test_ranked_for();
	arena_free(&arena);
	return TAP_DONE();
}
