/* test_path_lean.c - answer/path_lean: what a question takes from the text
 * before it.  A follow-up keeps the time, the reading, the day and the
 * figure its thread told; its own new words weigh double and the earlier
 * ones are marked as the thread's; the emergency of the thread still
 * leads.  Questions are read with the shipped data/answers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/lead.h"
#include "answer/path.h"
#include "answer/path_lean.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_followup(void)
{
	struct answer_kit *kit = NULL;
	struct ask a;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ask_understand(kit->lexicon, "its 3 now and the cooler reads 48, keep the milk?", &a);
	path_lean_on(kit->lexicon, &a, "power went out at 11 this morning");
	CHECK(a.followup && a.elapsed == 240,
	      "a clock time of the turn before and now: the time runs across turns: %d",
	      a.elapsed);
	ask_understand(kit->lexicon, "and now?", &a);
	path_lean_on(kit->lexicon, &a, "rice sat on the counter for 3 hrs at 90");
	CHECK(a.elapsed == 180 && a.reading == 90 && a.kind == ASKED_DECISION,
	      "the time and the reading the turn before told still stand");
	ask_understand(kit->lexicon, "so when does it have to go", &a);
	path_lean_on(kit->lexicon, &a, "we opened the ranch on a thursday");
	CHECK(a.made_weekday == 4, "the day it was opened, told the turn before, still stands: %d",
	      a.made_weekday);
	ask_understand(kit->lexicon, "and the ice cream one?", &a);
	path_lean_on(kit->lexicon, &a, " what should that little drinks fridge by the window be at");
	CHECK(a.kind == ASKED_FIGURE && a.figure == FIGURE_TEMPERATURE,
	      "the turn before is read as asked, its first word first (the path passes it "
	      "after a space)");
	ask_understand(kit->lexicon, "how much of that is rinsing", &a);
	path_lean_on(kit->lexicon, &a, "how many seconds does a full handwash take");
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
		path_lean_on(kit->lexicon, &a, "my probe says 35 sitting in ice water");
		CHECK(a.figure_inherited && lead_best_part(&a, &dial) == 2,
		      "a follow-up's own words outweigh the figure it only inherits: part %d",
		      lead_best_part(&a, &dial));
	}
	answer_kit_free(kit);
}

/* The weights: the turn's own words double, the thread's marked earlier. */
static void test_weights(void)
{
	struct lexicon *lx = fixture_lexicon();
	struct ask plain, a;
	uint32_t turkey, chicken;

	CHECK(lx != NULL, "the shipped lexicon loads");
	if(!lx)
		return;
	ask_understand(lx, "what about turkey burgers", &plain);
	a = plain;
	path_lean_on(lx, &a, "how hot do i cook chicken");
	turkey = terms_match(&a.terms, "turkey", NULL);
	chicken = terms_match(&a.terms, "chicken", NULL);
	CHECK(a.followup && turkey && !(turkey & a.earlier) && chicken && (chicken & a.earlier),
	      "the thread's words join the question, marked as earlier; its own are not");
	for(int i = 0; i < a.terms.n; i++)
		if(turkey & 1u << i)
			CHECK(a.terms.weight[i] == 2 * plain.terms.weight[i],
			      "a word of the turn's own weighs double: %g", a.terms.weight[i]);
	CHECK(a.kind == ASKED_FIGURE && a.figure == FIGURE_TEMPERATURE && a.figure_inherited,
	      "\"what about ...\" asks what the turn before asked");
	ask_understand(lx, "it stopped stinging, can i stop the water", &a);
	path_lean_on(lx, &a, "what do i put on a burn");
	CHECK(a.nemergency > 0, "the thread's emergency still leads");
	lexicon_free(lx);
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_followup();
	test_weights();
	arena_free(&arena);
	return TAP_DONE();
}
