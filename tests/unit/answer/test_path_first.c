/* test_path_first.c - answer/path_first: which section leads.  An
 * overview never leads but for "what is X"; a figure asked is answered by
 * a section that states it; a code asked by its own section; a follow-up
 * keeps its thread, never through a maker's manual it never named; a
 * reading told after the thread's answer is held against that answer's
 * section.  Sections are hand-made, questions read with the shipped
 * data/answers.  The .c is included (as h2o's tests do) to reach
 * keeps_thread. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "path_first.c"
#include "answer/path.h"
#include "answer/path_lean.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_rules(const struct lexicon *lx)
{
	struct section s[3];
	struct ask a;

	s[0] = make_section("A", "One", "one\n");
	s[1] = make_section("B", "Two", "two\n");
	s[2] = make_section("C", "Three", "three\n");
	path_bring_first(s, 2);
	CHECK(strcmp(s[0].path, "Three") == 0 && strcmp(s[1].path, "One") == 0 &&
	      strcmp(s[2].path, "Two") == 0,
	      "a section brought first, the ones before it one down");

	s[0] = make_section("Fryers", "Fryer Overview", "The fryer cooks fries.\n");
	s[0].kind = SECTION_OVERVIEW;
	s[1] = make_section("Fryers", "Filtering the Oil", "1. Turn off the fryer.\n"
	                                                   "2. Drain the oil.\n");
	ask_understand(lx, "how do i filter the fryer oil", &a);
	path_answers_first(&a, s, 2);
	CHECK(strcmp(s[0].path, "Filtering the Oil") == 0, "an overview does not lead steps: %s",
	      s[0].path);
	s[0] = make_section("Fryers", "Fryer Overview", "The fryer cooks fries.\n");
	s[0].kind = SECTION_OVERVIEW;
	s[1] = make_section("Fryers", "Filtering the Oil", "1. Turn off the fryer.\n");
	ask_understand(lx, "what is a fryer", &a);
	path_answers_first(&a, s, 2);
	CHECK(a.kind == ASKED_DEFINITION && strcmp(s[0].path, "Fryer Overview") == 0,
	      "\"what is X\": the overview may lead: %s", s[0].path);

	s[0] = make_section("Holding", "Hot Holding", "Keep hot food in the hot well.\n");
	s[1] = make_section("Holding", "Hot Holding Temperature",
	                    "Hold hot food at 135°F or above.\n");
	ask_understand(lx, "hot well food, what temp is the floor", &a);
	path_states_first(&a, s, 2);
	CHECK(strcmp(s[0].path, "Hot Holding Temperature") == 0,
	      "a figure asked: the section stating it leads: %s", s[0].path);

	s[0] = make_section("Korvald K2 Manual", "Operation",
	                    "If the display shows E3, see the error codes.\n");
	s[1] = make_section("Korvald K2 Manual", "E3: Probe fault",
	                    "1. Unplug the probe.\n2. Plug it back in.\n");
	ask_understand(lx, "korvald threw E3", &a);
	path_code_first(&a, s, 2);
	CHECK(a.kind == ASKED_FAULT && strcmp(s[0].path, "E3: Probe fault") == 0,
	      "a code asked: its own section leads: %s", s[0].path);
}

static void test_thread(void)
{
	struct answer_kit *kit = NULL;
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	{
		/* a follow-up keeps its thread, never through a maker's manual it never named */
		struct section maker = make_section("Ostrava QT-7 Warmer Manual", "Overview",
		                                    "Keep gravy above 135°F in the well.\n");
		struct section own = make_section("Holding", "Gravy",
		                                  "Hold gravy at 135°F or above.\n");

		ask_understand(kit->lexicon, "and after an hour", &a);
		path_lean_on(kit->lexicon, &a, "gravy in the well, how warm");
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
	path_lean_on(kit->lexicon, &a, history[0].content);
	path_reading_in_thread(&arena, &q, &a, s, 3);
	CHECK(strcmp(s[0].path, "Wings") == 0, "the reading is held against the thread's rule: %s",
	      s[0].path);
	s[0] = make_section("Cooling", "Cooling", "Cool food from 135°F to 70°F in 2 hours.\n");
	s[2] = make_section("Brackley BX-4 Broiler Manual", "Wings",
	                    "Cook wings to 165°F at the thickest part.\n");
	path_reading_in_thread(&arena, &q, &a, s, 3);
	CHECK(strcmp(s[0].path, "Cooling") == 0,
	      "never through a maker's manual the thread never named: %s", s[0].path);
	answer_kit_free(kit);
}

/* "where do i begin": the section that comes first in the best one's
 * manual leads, of those holding at least half as much of the question. */
static void test_first_in_manual(const struct lexicon *lx)
{
	struct section s[3];
	struct ask a;

	s[0] = make_section("Closing", "Last Walk Before Locking Up", "Check the doors.\n");
	s[1] = make_section("Closing", "Before the Lobby Closes", "Clean the lobby.\n");
	s[2] = make_section("Opening", "Unlocking", "Unlock the doors.\n");
	s[0].ordinal = 30;
	s[1].ordinal = 4;
	s[2].ordinal = 0;
	s[2].document_id = 9;
	ask_understand(lx, "closing shift, where do i start", &a);
	path_first_in_manual(&a, s, 3);
	CHECK(strcmp(s[0].path, "Before the Lobby Closes") == 0,
	      "the manual's earlier section leads, never another manual's: %s", s[0].path);
	s[0] = make_section("Closing", "Last Walk Before Locking Up", "Check the doors.\n");
	s[1] = make_section("Closing", "Before the Lobby Closes", "Clean the lobby.\n");
	s[0].ordinal = 30;
	s[1].ordinal = 4;
	ask_understand(lx, "closing shift, what gets checked at the doors", &a);
	path_first_in_manual(&a, s, 2);
	CHECK(strcmp(s[0].path, "Last Walk Before Locking Up") == 0,
	      "a question not asking what comes first keeps the ranking");
}

/* A follow-up naming no machine stays with the thread's machine. */
static void test_thread_machine(const struct lexicon *lx)
{
	struct section s[2];
	struct ask a;

	s[0] = make_section("Slips and Spills", "Cleaning Up a Spill", "Use floor cleaner.\n");
	s[1] = make_section("Ice Machine Care", "Cleaning and Sanitizing", "Use ice machine "
	                                                                  "cleaner.\n");
	s[1].document_id = 9;
	s[1].coverage = 0.35;
	ask_understand(lx, "which cleaner goes in there", &a);
	a.followup = true;
	path_thread_machine_first(&a, "which cleaner goes in there how is the ice machine cleaned",
	                          s, 2);
	CHECK(strcmp(s[0].path, "Cleaning and Sanitizing") == 0,
	      "the thread's machine's section leads: %s", s[0].path);
	path_bring_first(s, 1);
	path_thread_machine_first(&a, "which cleaner goes in there how is the floor mopped", s, 2);
	CHECK(strcmp(s[0].path, "Cleaning Up a Spill") == 0,
	      "a thread naming no machine changes nothing: %s", s[0].path);
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped lexicon loads");
	if(lx) {
		test_rules(lx);
		test_first_in_manual(lx);
		test_thread_machine(lx);
	}
	lexicon_free(lx);
	test_thread();
	test_reading_in_thread();
	arena_free(&arena);
	return TAP_DONE();
}
