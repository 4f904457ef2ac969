/* test_compose_second.c - answer/compose_second: a question's other part,
 * answered beside its first, and the sentence helpers the composer shares
 * with it: the sentence stating the figure asked, a list's items carried
 * with its opening, a sentence joined after another, a second code's
 * meaning after the first's.  Sections are hand-made, questions read with
 * the shipped lexicon. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/compose_second.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_sentences(const struct lexicon *lx)
{
	const char *step = "Wet your hands with warm water. The sink must supply water at least "
	                   "100°F.";
	const char *s;
	struct ask q;

	CHECK(compose_joined_initial("Discard all food.") == 'd' &&
	      compose_joined_initial("CO2 only.") == 'C' && compose_joined_initial("A kit.") == 'a',
	      "a joined sentence begins lower case, unless with a name or a code");
	CHECK(compose_same_figure("Scrub for 20 seconds.", "How to Wash Hands: 20 Seconds in All") &&
	      !compose_same_figure("Scrub 10 to 15 seconds.", "How to Wash Hands: 20 Seconds"),
	      "two texts share their first number, or not");
	ask_understand(lx, "the handwashing faucet water, how warm for washing up", &q);
	s = compose_figure_sentence(&arena, &q, step);
	CHECK(s && strcmp(s, "The sink must supply water at least 100°F.") == 0,
	      "the later sentence stating the figure asked: %s", s ? s : "(null)");
	CHECK(compose_figure_sentence(&arena, &q, "Hot water must be at least 100°F. Dry well.") !=
	              NULL,
	      "a text whose first sentence states it is kept");
	struct ask pull;

	ask_understand(lx, "should we pull her out of the smoke first", &pull);
	s = compose_telling_sentence(&arena, &pull,
	                             "Stay with her. If there is smoke, move her out of the smoke "
	                             "if it is safe to.");
	CHECK(s && strcmp(s, "If there is smoke, move her out of the smoke if it is safe to.") == 0,
	      "the sentence of a step that answers, not the step's first: %s", s ? s : "(null)");
	s = compose_telling_sentence(&arena, &pull, "Move her out of the smoke. Stay with her.");
	CHECK(s && strncmp(s, "Move her out of the smoke. Stay", 31) == 0,
	      "a step whose first sentence answers is kept whole: %s", s ? s : "(null)");
	CHECK(compose_heading_states(&q, "Hand Sinks: At Least 100°F") &&
	      !compose_heading_states(&q, "Hand Sinks"),
	      "a heading states the figure asked, or not");
	ask_understand(lx, "where do the test strips go", &q);
	CHECK(compose_content_matched(&q, "Keep the test strips in the drawer.") >= 2 &&
	      compose_content_matched(&q, "Wipe the counter.") == 0,
	      "how many of the question's words a text holds");
}

static void test_items(void)
{
	struct section kit = make_section("First Aid", "The Kit",
	                                  "A first-aid kit usually contains:\n\n"
	                                  "- Bandages of several sizes.\n"
	                                  "- Sterile gauze.\n"
	                                  "- Medical tape.\n");
	const char *t = compose_with_its_items(&arena, &kit, "A first-aid kit usually contains:");

	CHECK(t && strcmp(t, "A first-aid kit usually contains: bandages of several sizes; "
	                     "sterile gauze.") == 0,
	      "a list's opening carries its first two items: %s", t ? t : "(null)");
	t = compose_with_its_items(&arena, &kit, "Bandages of several sizes.");
	CHECK(t && strcmp(t, "Bandages of several sizes.") == 0, "a sentence alone stays as it is");
}

static void test_second_code(const struct lexicon *lx)
{
	struct section s[2] = {
	        make_section("Frostline FL-200 Manual", "E1: Low water",
	                     "E1 means the water supply is low. Check the inlet valve.\n"),
	        make_section("Frostline FL-200 Manual", "E7: Door open",
	                     "E7 means the door was open more than 2 minutes.\n\n"
	                     "1. Close the door.\n")};
	struct compose_in in = {0};
	const struct section *used = NULL;
	const char *lead = "E1 means the water supply is low.";
	struct ask q;

	ask_understand(lx, "what do E1 and E7 mean", &q);
	in.ask = &q;
	in.ranked = s;
	in.nranked = 2;
	CHECK(compose_second_code_lead(&arena, &in, &lead, &used) == LL_OK && used == &s[1] &&
	      strncmp(lead, "E1 means the water supply is low.", 33) == 0 && strstr(lead, "E7"),
	      "the second code's meaning follows the first's: %s", lead);
	lead = "E1 means the water supply is low.";
	used = NULL;
	ask_understand(lx, "what does E1 mean", &q);
	CHECK(compose_second_code_lead(&arena, &in, &lead, &used) == LL_OK && used == NULL &&
	      strcmp(lead, "E1 means the water supply is low.") == 0,
	      "one code asked: the lead stays");
}

/* The other part is never answered from another machine's manual: "who
 * do i call" about a warm walk-in got the dish machine's service call. */
static void test_other_machine(const struct lexicon *lx)
{
	struct section s = make_section("Walk-In Cooler Troubleshooting", "Cooler Running Warm",
	                                "Check the door closes and seals. Probe the food.\n");
	struct section o[2] = {
	        make_section("Dish Machine Troubleshooting", "When to Call Service",
	                     "Call service when the final rinse cannot reach 180°F.\n"),
	        make_section("Walk-In Cooler Troubleshooting", "When to Call Service",
	                     "Call the refrigeration company when the cooler stays above 41°F.\n")};
	struct compose_in in = {0};
	const struct section *used = NULL;
	const char *lead = "Check the door closes and seals.";
	struct ask q, other;

	o[0].document_id = 8;
	s.category = o[0].category = o[1].category = "equipment";
	ask_understand(lx, "the walkin cooler hit 52, first step and who gets called", &q);
	ask_understand(lx, "who gets called", &other);
	in.ask = &q;
	in.ranked = &s;
	in.nranked = 1;
	in.other_ask = &other;
	in.other = o;
	in.nother = 2;
	CHECK(compose_two_part_lead(&arena, &in, false, &lead, &used) == LL_OK && used == &o[1] &&
	      !strstr(lead, "final rinse") && strstr(lead, "refrigeration"),
	      "the walk-in's own service call, not the dish machine's: %s", lead);
}

/* A two-part question no other section answers: the first section's own
 * step past the ones the lead shows says the other part ("how do i descale
 * the kettle and do i rinse it after": its fifth step). */
static void test_late_part(const struct lexicon *lx)
{
	struct section s = make_section("Kettle", "Descaling the Kettle",
	                                "1. Unplug the kettle.\n2. Fill it with descaler.\n"
	                                "3. Wait 20 minutes.\n4. Drain the descaler.\n"
	                                "5. Rinse the kettle twice with clean water before use.\n");
	struct compose_in in = {0};
	const struct section *used = NULL;
	const char *lead = "";
	struct ask q, other;

	ask_understand(lx, "how do i descale the kettle and do i rinse it after", &q);
	ask_understand(lx, "do i rinse it after", &other);
	in.ask = &q;
	in.ranked = &s;
	in.nranked = 1;
	in.other_ask = &other;
	CHECK(compose_two_part_lead(&arena, &in, false, &lead, &used) == LL_OK && lead &&
	              strstr(lead, "Rinse the kettle twice"),
	      "the section's own later step answers the other part: %s", lead ? lead : "none");
	{
		struct section o = make_section("Kettle Care", "Cleaning the Lid",
		                                "Rinse the lid after each use.\n");

		o.document_id = 8;
		ask_understand(lx, "do i rinse the kettle twice after", &other);
		in.other = &o;
		in.nother = 1;
		lead = "";
		CHECK(compose_two_part_lead(&arena, &in, false, &lead, &used) == LL_OK && lead &&
		              strstr(lead, "Rinse the kettle twice"),
		      "and says more of it than another section's answer: %s", lead ? lead : "none");
	}
}

/* A list's opening leads a two-part question: the item further down that
 * answers the first part comes with it, the other part's item after. */
static void test_answering_item(const struct lexicon *lx)
{
	struct section s = make_section("Prep Table", "Loading the Prep Rack",
	                                "Load it in this order, top to bottom:\n\n"
	                                "1. Sauces and dressings.\n2. Buns and wraps.\n"
	                                "3. Sliced cheese.\n4. Raw bacon on the lowest rack.\n");
	struct compose_in in = {0};
	const struct section *used = NULL;
	const char *lead = "Load it in this order, top to bottom:";
	struct ask q, other;

	ask_understand(lx, "what sits on the lowest rack and where do buns go", &q);
	ask_understand(lx, "where do buns go", &other);
	in.ask = &q;
	in.ranked = &s;
	in.nranked = 1;
	in.other_ask = &other;
	in.other = &s;
	in.nother = 1;
	CHECK(compose_two_part_lead(&arena, &in, false, &lead, &used) == LL_OK && lead &&
	              strstr(lead, "Raw bacon on the lowest rack") && strstr(lead, "Buns and wraps") &&
	              strstr(lead, "Raw bacon") < strstr(lead, "Buns and wraps"),
	      "the item that answers the first part, then the other part's: %s",
	      lead ? lead : "none");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped lexicon loads");
	if(lx) {
		test_sentences(lx);
		test_items();
		test_second_code(lx);
		test_other_machine(lx);
		test_late_part(lx);
		test_answering_item(lx);
	}
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
