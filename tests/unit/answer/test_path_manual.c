/* test_path_manual.c - answer/path_manual: which manual a question names,
 * and the candidates it leaves: the maker and model of a title, the one
 * manual a brand names, only the named manual's sections, and a follow-up
 * kept to the machine its thread named.  Sections are hand-made,
 * questions read with the shipped data/answers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/path.h"
#include "answer/path_lean.h"
#include "answer/path_manual.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_maker(void)
{
	char out[64];

	path_maker_of("Spudline FD-40 Automatic Fry Dispenser", true, out, sizeof(out));
	CHECK(strcmp(out, "Spudline FD-40 ") == 0, "the maker and model of a title: '%s'", out);
	path_maker_of("Spudline FD-40 Automatic Fry Dispenser", false, out, sizeof(out));
	CHECK(strcmp(out, "Spudline ") == 0, "without the model: '%s'", out);
	path_maker_of("Food Safety Basics", true, out, sizeof(out));
	CHECK(strcmp(out, "Food Safety Basics ") == 0, "a title with no model is all words: '%s'",
	      out);
}

static void test_named(void)
{
	struct lexicon *lx = fixture_lexicon();
	struct section s[3];
	struct ask a;

	CHECK(lx != NULL, "the shipped lexicon loads");
	if(!lx)
		return;
	s[0] = make_section("Food Safety Basics", "Soft Serve", "Keep the mix below 41°F.\n");
	s[1] = make_section("Polar Swirl PS-2 Soft Serve Machine", "Cleaning",
	                    "Drain the hopper before you clean it.\n");
	s[1].document_id = 8;
	s[2] = make_section("Icemaster IM-5 Ice Machine", "Cleaning",
	                    "Empty the bin before you clean it.\n");
	s[2].document_id = 9;
	ask_understand(lx, "polar swirl needs a scrub tonight, steps?", &a);
	CHECK(path_named_manual(&a, s, 3) == 8, "a brand names its maker's manual: %lld",
	      path_named_manual(&a, s, 3));
	ask_understand(lx, "hopper needs a scrub tonight, steps?", &a);
	CHECK(path_named_manual(&a, s, 3) == 0, "no brand named, no manual: %lld",
	      path_named_manual(&a, s, 3));
	CHECK(path_only_manual(s, 3, 8) == 1 && s[0].document_id == 8,
	      "only the named manual's sections stay");
	lexicon_free(lx);
}

static void test_machines(void)
{
	struct answer_kit *kit = NULL;
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	{
		/* a follow-up naming no machine is still about the thread's: another
		 * machine's manual ("wait until the oven is below 100°F") is no answer */
		struct section s[2] = {
		        make_section("Vantera CX-10 Combi Oven", "Cleaning",
		                     "Wait until the oven is below 100°F before you clean it.\n"),
		        make_section("Walk-In Cooler and Freezer", "When to Call Service",
		                     "Call service when the freezer stays above 0°F.\n")};
		const char *q = "how long do i wait before i call for service";
		const char *earlier = "our walk-in freezer reads 15";

		ask_understand(kit->lexicon, q, &a);
		path_lean_on(kit->lexicon, &a, earlier);
		const char *thread = arena_printf(&arena, "%s %s", q, earlier);

		CHECK(path_without_other_machines(&a, thread, s, 2) == 1 &&
		      strcmp(s[0].path, "When to Call Service") == 0,
		      "a follow-up keeps to the machine its thread named");
	}
	answer_kit_free(kit);
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_maker();
	test_named();
	test_machines();
	arena_free(&arena);
	return TAP_DONE();
}
