/* test_path.c - answer/path: the part of the local answer path that needs
 * no database: the kit (the shipped data/answers, read from the source
 * tree) loads and a missing one is refused, and a two-part question asks
 * first what its first part asks.  answer_local itself is driven end to
 * end (cli/test_cli_answers.c, tests/e2e); its parts are tested beside
 * their modules (test_path_lean.c, test_path_manual.c, test_path_first.c,
 * test_path_other.c, test_gather.c, test_unknown.c, test_parts.c).  The .c
 * is included (as h2o's tests do) to reach first_figure. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "path.c"
#include "answer_fixture.h"
#include "../tap.h"

static void test_kit(void)
{
	struct answer_kit *kit = NULL;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK && kit && kit->lexicon,
	      "the shipped data/answers loads");
	CHECK(kit && kit->ranker.w[F_BIAS] != 0, "with the ranker's weights");
	answer_kit_free(kit);
	kit = (struct answer_kit *)1;
	CHECK(answer_kit_load(TOP_SRCDIR "/no/such/dir", &kit) != LL_OK && kit == NULL,
	      "a data directory without the files is refused, nothing handed out");
}

static void test_first_figure(void)
{
	struct answer_kit *kit = NULL;
	struct answer_ctx ctx = {.arena = &arena};
	struct question q = {.text = "how do i portion the slaw and how cold does it stay"};
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ctx.kit = kit;
	ask_understand(kit->lexicon, q.text, &a);
	first_figure(&ctx, &q, &a);
	CHECK(a.kind == ASKED_PROCEDURE && a.figure == FIGURE_NONE,
	      "steps asked first, a figure second: the question asks the steps first");
	q.text = "how hot does the fryer run and how do i filter it";
	ask_understand(kit->lexicon, q.text, &a);
	first_figure(&ctx, &q, &a);
	CHECK(a.kind == ASKED_FIGURE && a.figure == FIGURE_TEMPERATURE,
	      "a figure asked first stays the question's");
	answer_kit_free(kit);
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_kit();
	test_first_figure();
	arena_free(&arena);
	return TAP_DONE();
}
