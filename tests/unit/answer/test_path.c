/* test_path.c - answer/path: the part of the local answer path that needs
 * no database: the kit (the shipped data/answers, read from the source
 * tree) loads and a missing one is refused.  answer_local itself is driven
 * end to end (cli/test_cli_answers.c, tests/e2e); its parts are tested
 * beside their modules (test_gather.c, test_unknown.c, test_parts.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/path.h"
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

int main(void)
{
	test_kit();
	return TAP_DONE();
}
