/* test_path.c - answer/path: the part of the local answer path that needs
 * no database: the kit (the shipped data/answers, read from the source
 * tree) loads and a missing one is refused, and a follow-up leans on the
 * turns before it.  answer_local itself is driven end to end
 * (cli/test_cli_answers.c, tests/e2e); its parts are tested beside their
 * modules (test_gather.c, test_unknown.c, test_parts.c).  The .c is
 * included (as h2o's tests do) to reach lean_on. */
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

static void test_followup(void)
{
	struct answer_kit *kit = NULL;
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ask_understand(kit->lexicon, "its 3 now and the cooler reads 48, keep the milk?", &a);
	lean_on(kit->lexicon, &a, "power went out at 11 this morning");
	CHECK(a.followup && a.elapsed == 240,
	      "a clock time of the turn before and now: the time runs across turns: %d",
	      a.elapsed);
	ask_understand(kit->lexicon, "and now?", &a);
	lean_on(kit->lexicon, &a, "rice sat on the counter for 3 hrs at 90");
	CHECK(a.elapsed == 180 && a.reading == 90 && a.kind == ASKED_DECISION,
	      "the time and the reading the turn before told still stand");
	ask_understand(kit->lexicon, "so when does it have to go", &a);
	lean_on(kit->lexicon, &a, "we opened the ranch on a thursday");
	CHECK(a.made_weekday == 4, "the day it was opened, told the turn before, still stands: %d",
	      a.made_weekday);
	ask_understand(kit->lexicon, "how much of that is rinsing", &a);
	lean_on(kit->lexicon, &a, "how many seconds does a full handwash take");
	CHECK(a.figure == FIGURE_TIME, "'how much of that' asks a share of the figure before");
	{
		/* a follow-up naming its thing picks its part over one stating the
		 * figure only the turn before asked */
		struct section dial = make_section("Probe", "Checking a Probe",
		                                   "In ice water the probe should read 32°F.\n\n"
		                                   "1. Stir the ice water and wait a minute.\n"
		                                   "2. A pocket dial probe: turn its nut until it "
		                                   "reads right.\n");

		ask_understand(kit->lexicon, "its the pocket dial kind", &a);
		lean_on(kit->lexicon, &a, "my probe says 35 sitting in ice water");
		CHECK(a.figure_inherited && lead_best_part(&a, &dial) == 2,
		      "a follow-up's own words outweigh the figure it only inherits: part %d",
		      lead_best_part(&a, &dial));
	}
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
		lean_on(kit->lexicon, &a, earlier);
		const char *thread = arena_printf(&arena, "%s %s", q, earlier);

		CHECK(without_other_machines(&a, thread, s, 2) == 1 &&
		      strcmp(s[0].path, "When to Call Service") == 0,
		      "a follow-up keeps to the machine its thread named");
	}
	answer_kit_free(kit);
}

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
	{
		/* a follow-up keeps its thread, never through a maker's manual it never named */
		struct section maker = make_section("Ostrava QT-7 Warmer Manual", "Overview",
		                                    "Keep gravy above 135°F in the well.\n");
		struct section own = make_section("Holding", "Gravy",
		                                  "Hold gravy at 135°F or above.\n");

		ask_understand(kit->lexicon, "and after an hour", &a);
		lean_on(kit->lexicon, &a, "gravy in the well, how warm");
		CHECK(keeps_thread(&a, &own) && !keeps_thread(&a, &maker),
		      "the thread's own section keeps it; an unnamed maker's manual does not");
	}
	answer_kit_free(kit);
}

/* A reading told after the thread's answer is held against that answer's
 * section, never an unnamed maker's. */
static void test_reading_in_thread(void)
{
	struct answer_kit *kit = NULL;
	struct turn history[2] = {{"user", "what temp for the wings", "safety"},
	                          {"assistant", "Cook wings to 165°F at the thickest part.", "safety"}};
	struct question q = {.text = "and if the probe says 158 can i plate them",
	                     .history = history,
	                     .nhistory = 2};
	struct section s[3];
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	s[0] = make_section("Cooling", "Cooling", "Cool food from 135°F to 70°F in 2 hours.\n");
	s[1] = make_section("Holding", "Holding", "Hold hot food at 135°F or above.\n");
	s[2] = make_section("Cooking", "Wings", "Cook wings to 165°F at the thickest part.\n");
	ask_understand(kit->lexicon, q.text, &a);
	lean_on(kit->lexicon, &a, history[0].content);
	reading_in_thread(&arena, &q, &a, s, 3);
	CHECK(strcmp(s[0].path, "Wings") == 0, "the reading is held against the thread's rule: %s",
	      s[0].path);
	s[0] = make_section("Cooling", "Cooling", "Cool food from 135°F to 70°F in 2 hours.\n");
	s[2] = make_section("Brackley BX-4 Broiler Manual", "Wings",
	                    "Cook wings to 165°F at the thickest part.\n");
	reading_in_thread(&arena, &q, &a, s, 3);
	CHECK(strcmp(s[0].path, "Cooling") == 0,
	      "never through a maker's manual the thread never named: %s", s[0].path);
	answer_kit_free(kit);
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_kit();
	test_followup();
	test_part_answer();
	test_first_figure();
	test_reading_in_thread();
	arena_free(&arena);
	return TAP_DONE();
}
