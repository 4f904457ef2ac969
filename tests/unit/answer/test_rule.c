/* test_rule.c - answer/rule: a decision held against the rule its manual
 * states, and a figure question answered only by a section stating that
 * figure; with hand-made sections and questions read with the shipped
 * lexicon. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/lead.h"
#include "answer/rule.h"
#include "answer_fixture.h"
#include "buf.h"
#include "../tap.h"

static void test_verdict(const struct lexicon *lx)
{
	/* the best section only says what to do: the limit is in the next one */
	struct section two[2] = {
		make_section("Receiving", "Rejecting Product",
		             "Write each rejected item and the reason on the invoice.\n"),
		make_section("Receiving", "Refrigerated Food",
		             "Refrigerated chicken must be received at 41°F or below.\n")};
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "raw chicken off the delivery read 46, ok to take it", &q);
	CHECK(q.kind == ASKED_DECISION &&
	      rule_reading_verdict(&q, two, 2, two[0].parts[0].text, &text, NULL) == LL_OK &&
	      strncmp(buf_str(&text), "No, 46°F is above the 41°F limit", 33) == 0,
	      "the verdict on a reading from the manual's section that states its limit: %s",
	      buf_str(&text));
	buf_reset(&text);
	CHECK(rule_reading_verdict(&q, two, 1, two[0].parts[0].text, &text, NULL) == LL_OK &&
	      text.len == 0, "no limit stated: no verdict");
	{
		struct section held = make_section("Holding", "Hot Holding",
		                                   "Hot food must stay at 135°F or above.\n");

		ask_understand(lx, "sausage sat in the bin and the timer went off, reads 160, serve it",
		               &q);
		buf_reset(&text);
		CHECK(rule_reading_verdict(&q, &held, 1, held.parts[0].text, &text, NULL) == LL_OK &&
		              !strstr(buf_str(&text), "Yes"),
		      "a hold time run out: no yes for the temperature: %s", buf_str(&text));
		ask_understand(lx, "sausage in the bin reads 160, serve it", &q);
		buf_reset(&text);
		CHECK(rule_reading_verdict(&q, &held, 1, held.parts[0].text, &text, NULL) == LL_OK &&
		              strncmp(buf_str(&text), "Yes", 3) == 0,
		      "with no time told the reading decides: %s", buf_str(&text));
	}
	{
		/* the rule's own manual says nothing to do: another generic manual's
		 * action on the same limit does, never one on another limit */
		struct section three[3] = {
			make_section("Holding", "Cold Holding",
			             "Cold food must stay at 41°F or below.\n"),
			make_section("Buffet", "Sneeze Guards",
			             "If the glass is above 40 inches, lower it.\n"),
			make_section("Cooler Logs", "Checking Coolers",
			             "If a cooler reads above 41°F, tell the manager and recheck within "
			             "30 minutes.\n")};

		three[1].document_id = 8;
		three[2].document_id = 9;
		ask_understand(lx, "salad cooler shows 45, we good", &q);
		buf_reset(&text);
		CHECK(rule_reading_verdict(&q, three, 3, three[0].parts[0].text, &text, NULL) ==
		              LL_OK && strstr(buf_str(&text), "above the 41°F limit") &&
		              strstr(buf_str(&text), "tell the manager"),
		      "the verdict, then another manual's action on the same limit: %s",
		      buf_str(&text));
	}
	buf_free(&text);
}

static void test_cooling(const struct lexicon *lx)
{
	/* a reading some time into cooling is held against the cooling step,
	 * and the section's warning on a missed step follows */
	struct section cool = make_section("Cooling", "Cooling Soup",
	                                   "From 135°F (57°C) to 70°F (21°C) within 2 hours.\n\n"
	                                   "WARNING: If the soup has not reached 70°F within 2 "
	                                   "hours, reheat it to 165°F and start again, or throw "
	                                   "it out.\n");
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "soup in the ice bath for 2 and a half hours, probed at 84 is that ok", &q);
	CHECK(rule_reading_verdict(&q, &cool, 1, cool.parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "84°F after 2 hours 30 minutes has not reached 70°F") &&
	      strstr(buf_str(&text), "reheat it to 165°F"),
	      "past the step's time above its target: cooling failed, then what to do: %s",
	      buf_str(&text));
	buf_reset(&text);
	{
		/* the best section says how to cool; the rule is another section's */
		struct section how[2] = {
			make_section("Cooling", "Ways to Cool",
			             "Stir it in an ice bath; cover once it reaches 41°F (5°C).\n"),
			cool};

		ask_understand(lx, "the stew in the ice bath 2 and a half hours, at 79 now, ok?", &q);
		CHECK(rule_reading_verdict(&q, how, 2, how[0].parts[0].text, &text, NULL) == LL_OK &&
		      strstr(buf_str(&text), "79°F after 2 hours 30 minutes has not reached 70°F"),
		      "the cooling rule of a lower section, not the how-to's 41°F: %s",
		      buf_str(&text));
		buf_reset(&text);
	}
	ask_understand(lx, "the reach in has read 47 for 7 hours now, can we keep the soup", &q);
	CHECK(rule_reading_verdict(&q, &cool, 1, cool.parts[0].text, &text, NULL) == LL_OK &&
	      !strstr(buf_str(&text), "reached"),
	      "a cooler's reading is no food being cooled: %s", buf_str(&text));
	buf_free(&text);
}

static void test_action(const struct lexicon *lx)
{
	/* what to do on a reading below the floor is the section's own "If ..." step */
	struct section wings = make_section("Cooking", "Wings: 165°F",
	                                    "Cook wings to 165°F or above inside.\n\n"
	                                    "1. Probe the biggest wing.\n"
	                                    "2. If it reads 165°F or above, serve the batch.\n"
	                                    "3. If it reads below 165°F, fry the whole batch "
	                                    "1 more minute and probe again. Log the reading.\n");
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "biggest wing read 151, ok to serve it", &q);
	CHECK(rule_reading_verdict(&q, &wings, 1, wings.parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "151°F is below") &&
	      strstr(buf_str(&text), "if it reads below 165°F, fry the whole batch") &&
	      !strstr(buf_str(&text), "Log the reading"),
	      "below the floor, the first sentence of the section's step for below follows the "
	      "verdict: %s", buf_str(&text));
	/* the lead is the rule for another thing than the one read */
	{
		struct section rinse = make_section("Dish Machine", "Final Rinse Too Cool",
		                                    "The final rinse must reach 180°F at the manifold. "
		                                    "The plate surface must reach 160°F.\n");

		buf_reset(&text);
		ask_understand(lx, "the final rinse gauge reads 176, ok to keep washing", &q);
		CHECK(rule_reading_verdict(&q, &rinse, 1, rinse.parts[1].text, &text, NULL) == LL_OK &&
		      strstr(buf_str(&text), "176°F is below the 180°F minimum"),
		      "the rinse read is held against the rinse's rule, not the plate's: %s",
		      buf_str(&text));
	}
	buf_free(&text);
}

static void test_other_manuals_time_rule(const struct lexicon *lx)
{
	/* the best section is the log's; the rule on the time the crew know is
	 * another document's */
	struct section two[2] = {
		make_section("Logs", "Cooler Logs",
		             "Log every cooler at opening and at closing.\n"),
		make_section("Warm Cooler", "Keep or Discard",
		             "Food above 41°F for less than 4 hours may be kept: chill it now.\n")};
	struct ask q;
	const char *rule;

	two[1].document_id = 8;
	ask_understand(lx, "reach-in cooler at 47, the log had it at 38 3 hours ago, keep the ham?",
	               &q);
	rule = rule_of_manual(&q, two, 2, two[0].parts[0].text);
	CHECK(q.elapsed == 180 && rule && strstr(rule, "less than 4 hours"),
	      "another document's rule on the time the crew know: %s", rule ? rule : "none");
	two[1] = make_section("Orlin HW-4 Holding Well", "Hold Checks",
	                      "If the last good reading was more than 2 hours ago, throw it out.\n");
	two[1].document_id = 9;
	rule = rule_of_manual(&q, two, 2, two[0].parts[0].text);
	CHECK(!rule, "never a maker's manual's time rule on another machine's food: %s",
	      rule ? rule : "none");
}

static void test_time_rule_past_the_first(const struct lexicon *lx)
{
	/* the time rule ranks fifth; the first is a cooling warning */
	struct section five[5] = {
		make_section("Cooling", "Cooling Rule",
		             "WARNING: If food has not reached 70°F within 2 hours, reheat it to "
		             "165°F and start cooling again.\n"),
		make_section("Warm Cooler", "First Steps", "Keep the door closed.\n"),
		make_section("Warm Cooler", "Call", "Call the manager.\n"),
		make_section("Warm Cooler", "Log", "Log the readings.\n"),
		make_section("Warm Cooler", "Keep or Discard",
		             "Food above 41°F for less than 4 hours may be kept: chill it now.\n"
		             "Food above 41°F for 4 hours or more: throw it away.\n")};
	struct ask q;
	const char *rule;
	struct buf text;

	for(int i = 1; i < 5; i++)
		five[i].document_id = 8;
	buf_init(&text, 4096);
	ask_understand(lx, "reach-in cooler at 50 for about 3 hours, is the turkey ok?", &q);
	rule = rule_of_manual(&q, five, 5, five[0].parts[0].text);
	CHECK(rule && strstr(rule, "less than 4 hours"),
	      "a timed reading's rule from a section past the first few, not cooling's: %s",
	      rule ? rule : "none");
	CHECK(rule_reading_verdict(&q, five, 5, rule, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "within the 4-hour limit"),
	      "and the verdict held against it, not the cooling rule's 2 hours: %s",
	      buf_str(&text));
	buf_free(&text);
}

static void test_no_reheating_rule_for_a_cold_reading(const struct lexicon *lx)
{
	struct section reheat = make_section("Reheating", "Reheat to 165°F",
	                                     "If the food does not reach 165°F within 2 hours, "
	                                     "throw it away.\n");
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "reach-in cooler reads 49, the log had 39 at 6am and its noon now", &q);
	CHECK(rule_reading_verdict(&q, &reheat, 1, reheat.parts[0].text, &text, NULL) == LL_OK &&
	      !strstr(buf_str(&text), "2-hour limit"),
	      "a cooler's reading is never held to a reheating rule's 2 hours: %s",
	      buf_str(&text));
	buf_free(&text);
}

static void test_cooling_action_of_its_rule(const struct lexicon *lx)
{
	/* the best section is a kettle's; the cooling rule and its action another's */
	struct section two[2] = {
		make_section("Kettle", "Filling the Well", "Fill the well to the FILL line.\n"),
		make_section("Cooling", "Cooling Cooked Food",
		             "From 135°F to 70°F within 2 hours.\n\n"
		             "If food has not reached 70°F within 2 hours, reheat it to 165°F or "
		             "throw it away.\n")};
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "chowder came off the heat at 135 at 3pm, at 5:30 its 90", &q);
	CHECK(rule_reading_verdict(&q, two, 2, two[0].parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "cooling failed") && strstr(buf_str(&text), "165°F"),
	      "what to do on a failed cooling comes from the rule's own section: %s",
	      buf_str(&text));
	buf_free(&text);
}

static void test_action_of_its_manual(const struct lexicon *lx)
{
	/* the rule is the reach-in's section; what to do on it the log's */
	struct section two[2] = {
		make_section("Cold Units", "Reach-In Coolers", "Hold reach-in coolers at 41°F or below.\n"),
		make_section("Cold Units", "Logging",
		             "1. Log each unit at opening.\n"
		             "2. If a unit reads above its limit, tell the manager and check it again "
		             "in 30 minutes.\n")};
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "reach-in cooler by the fry station says 45, big deal?", &q);
	CHECK(rule_reading_verdict(&q, two, 2, two[0].parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "45°F is above the 41°F") &&
	      strstr(buf_str(&text), "tell the manager"),
	      "what to do on the verdict from another section of the rule's manual: %s",
	      buf_str(&text));
	buf_free(&text);
}

static void test_start_reading_and_deadline(const struct lexicon *lx)
{
	struct section cool = make_section("Cooling", "Cooling",
	                                   "From 135°F to 70°F within 2 hours, then to 41°F within "
	                                   "6 hours in all.\n");
	struct ask q;
	struct buf text;

	buf_init(&text, 4096);
	ask_understand(lx, "stew went in the ice bath at 4pm at 135, what time does it gotta be 41",
	               &q);
	CHECK(rule_reading_verdict(&q, &cool, 1, cool.parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "41°F by 10:00"),
	      "the reading a cooling started at is no verdict; the time asked is: %s",
	      buf_str(&text));
	buf_reset(&text);
	ask_understand(lx, "soup went into the ice bath at 9am, at 11 it reads 66, when does it "
	               "gotta hit 41", &q);
	CHECK(rule_reading_verdict(&q, &cool, 1, cool.parts[0].text, &text, NULL) == LL_OK &&
	      strstr(buf_str(&text), "has reached 70°F") && strstr(buf_str(&text), "41°F by 3:00"),
	      "the verdict on the reading, then by when the next temperature: %s",
	      buf_str(&text));
	buf_free(&text);
}

static void test_manual_rule(const struct lexicon *lx)
{
	struct section hold = make_section("Holding", "Hot Holding",
	                                   "Soup reads below 135°F: reheat it to 165°F if it "
	                                   "dropped less than 2 hours ago.\n\n"
	                                   "1. Probe the soup.\n"
	                                   "2. If you cannot tell how long it has been below "
	                                   "135°F, throw it away.\n");
	struct ask q;
	const char *lead = NULL, *rule;

	ask_understand(lx, "soup reads 120, no idea how long, dump it?", &q);
	rule = lead_text(&arena, &q, &hold, &lead) == LL_OK ? rule_of_manual(&q, &hold, 1, lead)
	                                                   : NULL;
	CHECK(q.unknown_time && rule && strstr(rule, "cannot tell how long"),
	      "nobody knows how long: the manual's rule for an unknown time: %s",
	      rule ? rule : "none");
	ask_understand(lx, "how do i probe the soup", &q);
	CHECK(!rule_of_manual(&q, &hold, 1, lead), "no decision asked: no rule");
}

static void test_states_asked(const struct lexicon *lx)
{
	struct section thaw = make_section("Thawing", "Thawing in the Cooler",
	                                   "Keep raw food at 41°F or below; "
	                                   "never more than 4 hours above it.\n");
	struct section dates = make_section("Date Marking", "The 7-Day Rule",
	                                    "Ready-to-eat food may be kept for 7 days at 41°F.\n");
	struct ask q;

	ask_understand(lx, "how many days is raw chicken good in the walk in", &q);
	CHECK(q.kind == ASKED_FIGURE && !rule_states_asked(&q, &thaw, 1, false),
	      "days asked, only hours stated: not answered");
	CHECK(rule_states_asked(&q, &thaw, 1, true),
	      "a question in two parts is not held to one part's figure");
	ask_understand(lx, "how many days is opened deli ham good for", &q);
	CHECK(rule_states_asked(&q, &dates, 1, false), "days asked, days stated: answered");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx) {
		test_verdict(lx);
		test_action(lx);
		test_cooling(lx);
		test_other_manuals_time_rule(lx);
		test_time_rule_past_the_first(lx);
		test_cooling_action_of_its_rule(lx);
		test_no_reheating_rule_for_a_cold_reading(lx);
		test_start_reading_and_deadline(lx);
		test_action_of_its_manual(lx);
		test_manual_rule(lx);
		test_states_asked(lx);
	}
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
