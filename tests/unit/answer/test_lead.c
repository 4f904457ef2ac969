/* test_lead.c - answer/lead: the part of a hand-made section that leads.
 * A figure question leads with the sentence stating the figure, alone; a
 * sentence pointing back at the one before it is read with it; a fix that
 * came back is told by its words.  Questions are read with the shipped
 * lexicon. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/lead.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_lead(const struct lexicon *lx)
{
	struct section temps = make_section("Cooking", "Fish: 145°F",
	                                    "Fish is safe at 145°F for 15 seconds. "
	                                    "Rest it for 3 minutes.\n");
	struct ask q;
	const char *out = NULL;
	int i;

	ask_understand(lx, "how hot for fish", &q);
	i = compose_lead(&q, &temps);
	CHECK(i >= 0 && strncmp(temps.parts[i].text, "Fish is safe at 145°F", 21) == 0,
	      "a figure question's lead states the figure");
	CHECK(lead_text(&arena, &q, &temps, &out) == LL_OK && out &&
	      strncmp(out, "Fish is safe at 145°F", 21) == 0 && !strstr(out, "3 minutes"),
	      "and stands alone: %s", out ? out : "none");
	CHECK(lead_first_of(&temps, PART_PROSE) == 0 && lead_first_of(&temps, PART_STEP) == -1,
	      "the first part of a kind, -1 for none");
	CHECK(lead_points_back("This means the pump is blocked.") &&
	      lead_points_back("To keep the food there, set the walk-in to 38°F.") &&
	      !lead_points_back("Fish is safe at 145°F."),
	      "a sentence that points back at the one before it, not one that stands alone");
	{
		struct section table = make_section(
		        "Cone baker", "9. Troubleshooting",
		        "Check the table below before you call service.\n\n"
		        "Cones pale \xE2\x80\x94 Cause: plates too cool \xE2\x80\x94 Remedy: Raise the "
		        "setpoint.\n"
		        "Cones stick \xE2\x80\x94 Cause: plates dry \xE2\x80\x94 Remedy: Reseason the "
		        "plates.\n");

		ask_understand(lx, "cones keep sticking to the plates", &q);
		i = compose_lead(&q, &table);
		CHECK(i >= 0 && strncmp(table.parts[i].text, "Cones stick", 11) == 0,
		      "a symptom told leads with its row of the table, not the table's introduction");
	}
	{
		struct section pests = make_section(
		        "Pests", "When a roach turns up",
		        "If you see a roach near the prep table or in a delivery, do this now:\n\n"
		        "1. Tell the manager.\n"
		        "2. Call the pest company.\n"
		        "3. Do not spray anything yourself.\n"
		        "4. Discard any food that may have been touched.\n");

		ask_understand(lx, "saw a roach on the bread bag by the prep table, can we use the bread?",
		               &q);
		CHECK(lead_text(&arena, &q, &pests, &out) == LL_OK && out &&
		      strstr(out, "Discard any food") != NULL,
		      "a decision on a food leads with its list's verdict on food: %s",
		      out ? out : "none");
	}
	CHECK(lead_says_any("If it jams AGAIN, call Service.", lead_recurs) &&
	      !lead_says_any("Clear the basket guide.", lead_recurs),
	      "a fix that came back is told by its words, in any case");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx)
		test_lead(lx);
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
