/* test_verdict.c - answer/verdict: a reading held against the limit a
 * manual states, said first: below a minimum is not safe yet, above a
 * ceiling is out, the limit whose clause names the subject, "Yes," or
 * "No," first when the crew asked yes or no, and no verdict without a
 * limit.  The reading's subject comes from ask_understand on the shipped
 * lexicon (data/answers). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/verdict.h"
#include "answer_fixture.h"
#include "text/terms.h"
#include "../tap.h"

static void test_verdicts(void)
{
	char v[160];
	struct terms milk, cooler;

	CHECK(verdict_of_reading(152, "Ground beef must be at least as hot as 155\xC2\xB0" "F (68\xC2\xB0" "C) for 17 seconds.",
	                         NULL, 0, v, sizeof(v)) && strstr(v, "below the 155") && strstr(v, "not safe"),
	      "a reading under a minimum is not safe yet");
	CHECK(verdict_of_reading(9, "Keep freezers at 0\xC2\xB0" "F (\xE2\x88\x92" "18\xC2\xB0" "C) or below.",
	                         NULL, 0, v, sizeof(v)) && strstr(v, "above the 0"),
	      "a freezer's reading against the freezer's limit: %s", v);
	CHECK(verdict_of_reading(80, "Cover the pan once it reaches 41\xC2\xB0" "F (5\xC2\xB0" "C).",
	                         NULL, 0, v, sizeof(v)) && strstr(v, "above the 41"),
	      "food cooled reaches a cold figure from above: a ceiling, not a minimum: %s", v);
	CHECK(!verdict_of_reading(9, "Cold food must stay at 41\xC2\xB0" "F (5\xC2\xB0" "C) or below.",
	                          NULL, 0, v, sizeof(v)),
	      "a frozen reading is no verdict against a cooler's limit");
	{
		const char *bleach = "Mix chlorine to 50\xE2\x80\x93" "99 ppm (parts per million).";

		CHECK(verdict_of_ppm(120, bleach, VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 120 ppm is above the 50", 27) == 0,
		      "a concentration above the range: %s", v);
		CHECK(verdict_of_ppm(60, bleach, VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "Yes, 60 ppm is within", 21) == 0, "within the range: %s", v);
		CHECK(verdict_of_ppm(15, "Iodine: 12.5-25 ppm.", 0, v, sizeof(v)) &&
		      strstr(v, "within the 12.5"), "a range with a decimal: %s", v);
		CHECK(!verdict_of_ppm(60, "Test the bucket every 2 hours.", 0, v, sizeof(v)),
		      "no range, no verdict");
	}
	CHECK(verdict_of_reading(140, "Hold hot food at 135\xC2\xB0" "F (57\xC2\xB0" "C) or above.", NULL, 0, v, sizeof(v)) &&
	      strstr(v, "meets the 135"), "a reading over a minimum meets it");
	CHECK(verdict_of_reading(46, "If a product reads above 41\xC2\xB0" "F (5\xC2\xB0" "C), reject it.", NULL, 0, v, sizeof(v)) &&
	      strstr(v, "above the 41"), "'reads above 41' makes 41 a ceiling");
	{
		/* a figure at the very end of its text, with no "(5°C)" after it: the
		 * limit is read without reading past the text (valgrind, ASan) */
		char *rule = strdup("Keep the water at least 110\xC2\xB0" "F");

		CHECK(rule && verdict_of_reading(120, rule, NULL, 0, v, sizeof(v)) &&
		      strstr(v, "meets the 110"), "a figure that ends the text: %s", v);
		free(rule);
	}
	terms_of("milk came in at 44", &milk);
	CHECK(verdict_of_reading(44, "It must be 41\xC2\xB0" "F (5\xC2\xB0" "C) or below; milk and shell eggs 45\xC2\xB0" "F (7\xC2\xB0" "C) "
	                         "or below.", &milk, 0, v, sizeof(v)) && strstr(v, "within the 45"),
	      "the limit whose clause names the subject");
	terms_of("prep cooler says 46", &cooler);
	CHECK(verdict_of_reading(46, "Keep it at 41\xC2\xB0" "F (5\xC2\xB0" "C) or below; cream 46\xC2\xB0"
	                         "F (8\xC2\xB0" "C) or below, then chill it to 41\xC2\xB0" "F (5\xC2\xB0"
	                         "C) by 4 hours.", &cooler, 0, v, sizeof(v)) &&
	      strstr(v, "above the 41"),
	      "a figure's own clause says its side, not the 'or below' of the one before it: %s", v);
	/* "milk came in at 44, can we take it": the verdict's own word first */
	CHECK(verdict_of_reading(44, "Milk must be 45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &milk, VERDICT_DECIDE, v,
	                         sizeof(v)) && strncmp(v, "Yes, 44", 7) == 0,
	      "a yes/no question within the limit is answered yes first");
	CHECK(verdict_of_reading(48, "Milk must be 45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &milk, VERDICT_DECIDE, v,
	                         sizeof(v)) && strncmp(v, "No, 48", 6) == 0,
	      "a yes/no question over the limit is answered no first");
	/* nobody knows how long: out of a holding limit is thrown away, short of a cooking
	 * temperature is cooked on */
	CHECK(verdict_of_reading(72, "Hold it at 41\xC2\xB0" "F (5\xC2\xB0" "C) or below.", NULL,
	                         VERDICT_DECIDE | VERDICT_UNKNOWN_TIME, v, sizeof(v)) &&
	      strncmp(v, "No, 72", 6) == 0 && strstr(v, "throw it away"),
	      "cold food over its limit for an unknown time is thrown away");
	CHECK(verdict_of_reading(110, "Hold hot food at 135\xC2\xB0" "F (57\xC2\xB0" "C) or above.", NULL,
	                         VERDICT_UNKNOWN_TIME, v, sizeof(v)) && strstr(v, "throw it away"),
	      "hot food under its holding floor for an unknown time is thrown away");
	CHECK(verdict_of_reading(150, "Cook it to at least 155\xC2\xB0" "F (68\xC2\xB0" "C).", NULL,
	                         VERDICT_UNKNOWN_TIME, v, sizeof(v)) && !strstr(v, "throw") &&
	      strstr(v, "not safe yet"), "a cooking temperature not reached is cooked on, not thrown");
	CHECK(!verdict_of_reading(44, "Cook it for 4 minutes.", NULL, 0, v, sizeof(v)), "no limit, no verdict");
	{
		/* a reading that must fall within a band, not past a limit */
		const char *band = "The probe should show 212\xC2\xB0" "F (100\xC2\xB0" "C) in boiling water. "
		                   "Within \xC2\xB1" "2\xC2\xB0" "F (\xC2\xB1" "1\xC2\xB0" "C) is fine.";

		CHECK(verdict_of_reading(211, band, NULL, VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "Yes, 211\xC2\xB0" "F is within \xC2\xB1" "2\xC2\xB0" "F of 212", 24) == 0,
		      "a reading inside a band is within it: %s", v);
		CHECK(verdict_of_reading(207, band, NULL, VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 207\xC2\xB0" "F is off by 5\xC2\xB0" "F", 18) == 0 && strstr(v, "around 212"),
		      "a reading outside a band is off by how much: %s", v);
		CHECK(verdict_of_time(270, 0, "Cook, serve or discard it within 4 hours of taking it out.",
		                      VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 4 hours 30 minutes is past the 4-hour limit", 47) == 0,
		      "a time past the limit: %s", v);
		CHECK(verdict_of_time(45, 0, "Deliver it within 60 minutes of bagging.", VERDICT_DECIDE, v,
		                      sizeof(v)) &&
		      strncmp(v, "Yes, 45 minutes is within the 60-minute limit", 45) == 0,
		      "a time within the limit: %s", v);
		CHECK(verdict_of_time(200, 1 + 10 * 60 + 30, "Use or toss it within 4 hours of "
		                      "pulling it.", VERDICT_DECIDE, v, sizeof(v)) &&
		      strstr(v, "within the 4-hour limit, which runs out at 2:30"),
		      "a time within the limit from a clock time says when it runs out: %s", v);
		CHECK(!verdict_of_time(45, 0, "Change gloves every 4 hours.", VERDICT_DECIDE, v, sizeof(v)),
		      "a frequency is no limit");
		{
			const char *week = "Keep opened sauce for up to 7 days, counting the day "
			                   "it was opened as day 1.";

			CHECK(verdict_of_days(12, 0, week, 0, v, sizeof(v)) &&
			      strncmp(v, "Its last day is the 18th", 24) == 0,
			      "opened on the 12th: its last day is the 18th: %s", v);
			CHECK(verdict_of_days(2, 9, week, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "No, its last day was the 8th", 28) == 0,
			      "opened on the 2nd, the 9th is day 8: %s", v);
			CHECK(verdict_of_days(21, 23, week, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "Yes, the 23rd is day 3", 22) == 0, "day 3 is within: %s", v);
			CHECK(!verdict_of_days(25, 0, week, 0, v, sizeof(v)),
			      "past the 28th the month's length decides: no verdict");
			CHECK(verdict_of_weekdays(2, 0, week, 0, v, sizeof(v)) &&
			      strncmp(v, "Its last day is Monday: Tuesday is day 1", 40) == 0,
			      "opened on a Tuesday: its last day is the Monday after: %s", v);
			CHECK(verdict_of_weekdays(6, 5, week, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "Yes, Friday is day 7; its last day is Friday", 44) == 0,
			      "opened on a Saturday, the Friday after is day 7: %s", v);
			CHECK(!verdict_of_weekdays(3, 0, "Keep it for up to 14 days.", 0, v, sizeof(v)),
			      "more than a week of days: the weekday comes round again, no verdict");
		}
		CHECK(!verdict_of_time(120, 0, "If the cooler reads above 41\xC2\xB0" "F, tell the manager "
		                       "at once and check it again within 20 minutes.", VERDICT_DECIDE, v,
		                       sizeof(v)),
		      "a task's deadline is no limit on the food: %s", v);
		CHECK(deadline_of(10 * 60 + 30, 0, "Hold it for up to 4 hours, then discard it.", v,
		                  sizeof(v)) &&
		      strncmp(v, "By 2:30, 4 hours after 10:30", 28) == 0, "when the limit runs out: %s", v);
		v[0] = '\0';
		CHECK(!verdict_of_reading(95, "Bean soup \xE2\x80\x94 HOLD set: 165\xC2\xB0" "F "
		                          "(74\xC2\xB0" "C) \xE2\x80\x94 Maximum hold: 4 hours.", NULL, 0,
		                          v, sizeof(v)),
		      "the next cell's 'maximum' is no ceiling on this cell's temperature: %s", v);
		{
			/* a rule with two steps: each target has its own time */
			static const char warn[] = "If the stew has not reached 70\xC2\xB0" "F within 2 "
			                           "hours, reheat it. Get it to 41\xC2\xB0" "F or below "
			                           "within 6 hours in all.";

			CHECK(deadline_of(3 * 60, 41, warn, v, sizeof(v)) &&
			      strncmp(v, "41\xC2\xB0" "F by 9:00, 6 hours after 3:00", 31) == 0,
			      "the time of the step that reaches the target asked: %s", v);
			CHECK(deadline_of(3 * 60, 70, warn, v, sizeof(v)) &&
			      strncmp(v, "70\xC2\xB0" "F by 5:00, 2 hours after 3:00", 31) == 0,
			      "the other target, the other step's time: %s", v);
			CHECK(!deadline_of(3 * 60, 41, "Hold it at 135\xC2\xB0" "F or above for up to 4 "
			                   "hours.", v, sizeof(v)),
			      "a rule about other temperatures says nothing of when 41 is due");
		}
		{
			static const char step[] = "From 135\xC2\xB0" "F (57\xC2\xB0" "C) to 70\xC2\xB0"
			                           "F (21\xC2\xB0" "C) within 2 hours.";

			CHECK(verdict_of_reaching(true, 88, 120, step, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "No, 88\xC2\xB0" "F after 2 hours has not reached 70", 39) == 0,
			      "still above the step's target when its time is up: cooling failed: %s", v);
			CHECK(verdict_of_reaching(true, 95, 45, step, 0, v, sizeof(v)) && strstr(v, "1 hour 15 minutes left"),
			      "above the target with time to go: how long is left: %s", v);
			CHECK(verdict_of_reaching(true, 66, 110, step, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "Yes, 66", 7) == 0, "at the target in time: %s", v);
			CHECK(!verdict_of_reaching(true, 88, 120, "Reheat it to 165\xC2\xB0" "F within 2 hours.",
			                          VERDICT_DECIDE, v, sizeof(v)),
			      "a reheating time is no cooling step");
			CHECK(!verdict_of_reaching(true, 47, 420, "Check it against the cooling limits (135\xC2\xB0"
			                          "F to 70\xC2\xB0" "F in 2 hours and to 41\xC2\xB0"
			                          "F within 6 hours).", VERDICT_DECIDE, v, sizeof(v)),
			      "the next step's time is not the first step's: %s", v);
		}
		{
			static const char warm[] = "If the gravy does not reach 165\xC2\xB0" "F (74\xC2\xB0"
			                           "C) within 2 hours, discard it.";

			CHECK(verdict_of_reaching(false, 148, 130, warm, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "No, 148\xC2\xB0" "F after 2 hours 10 minutes has not reached 165",
			              51) == 0 && strstr(v, "reheating failed"),
			      "short of the target when its time is up: reheating failed: %s", v);
			CHECK(verdict_of_reaching(false, 150, 50, warm, 0, v, sizeof(v)) &&
			      strstr(v, "1 hour 10 minutes left"),
			      "short of the target with time to go: how long is left: %s", v);
			CHECK(verdict_of_reaching(false, 171, 90, warm, VERDICT_DECIDE, v, sizeof(v)) &&
			      strncmp(v, "Yes, 171", 8) == 0, "at the target in time: %s", v);
			CHECK(!verdict_of_reaching(false, 60, 120, "Cool it to 41\xC2\xB0" "F within 4 hours.",
			                            VERDICT_DECIDE, v, sizeof(v)),
			      "a cold target is no reheating rule");
		}
		CHECK(verdict_of_reading(121, "Hold the soup at 135\xC2\xB0" "F or above. Probe it every hour. "
		                         "Check the probe: it should show 212\xC2\xB0" "F in boiling water. "
		                         "Within \xC2\xB1" "2\xC2\xB0" "F is fine.", NULL, VERDICT_DECIDE,
		                         v, sizeof(v)) &&
		      strstr(v, "below the 135") && !strstr(v, "\xC2\xB1"),
		      "a reading far from a band's target, or a band said two sentences away, is held "
		      "against the limit: %s", v);
		CHECK(verdict_of_reading(157, "Cook the wings until the inside is as hot as 165\xC2\xB0" "F "
		                         "(74\xC2\xB0" "C), held for less than a second.", NULL,
		                         VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 157\xC2\xB0" "F is below the 165", 22) == 0,
		      "'for less than a second' is no 'or less': %s", v);
		CHECK(!verdict_of_reading(44, "Cook burgers to at least 155\xC2\xB0" "F (68\xC2\xB0" "C).",
		                          NULL, VERDICT_DECIDE, v, sizeof(v)) &&
		      !verdict_of_reading(150, "Keep the mix at 40\xC2\xB0" "F or below.", NULL,
		                          VERDICT_DECIDE, v, sizeof(v)),
		      "a cold reading is no cooking temperature missed, a hot one no cold limit broken");
		CHECK(verdict_of_reading(190, "To start cleaning, check that the cavity is below 140\xC2\xB0" "F.",
		                         NULL, VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 190\xC2\xB0" "F is above the 140", 22) == 0,
		      "'check that it is below' is a ceiling: %s", v);
		CHECK(time_applies(150, "Warm for less than 4 hours: it may be kept.") &&
		      !time_applies(300, "Warm for less than 4 hours: it may be kept.") &&
		      time_applies(300, "Out for 4 hours or more: throw it away.") &&
		      !time_applies(150, "Cool it to 41\xC2\xB0" "F within 6 hours."),
		      "a rule on the time out applies on its own side of its figure");
		CHECK(time_applies(150, "If the gravy does not get to 165\xC2\xB0" "F within 2 hours, dump it.") &&
		      !time_applies(90, "If the gravy does not get to 165\xC2\xB0" "F within 2 hours, dump it."),
		      "a figure not reached within a time applies once that time is past");
		CHECK(verdict_of_time(300, 0, "Out for 4 hours or more: throw it away. Cool it within 6 hours.",
		                      VERDICT_DECIDE, v, sizeof(v)) &&
		      strncmp(v, "No, 5 hours is past the 4-hour limit", 36) == 0,
		      "'4 hours or more' is the limit, not a later 'within 6 hours': %s", v);
		CHECK(verdict_of_reading(46, "Keep it at 41\xC2\xB0" "F or below.", NULL, 0, v, sizeof(v)) &&
		      strstr(v, "above the 41"), "a limit without a band is still the limit: %s", v);
	}
}

/* The limit of the reading's own clause: "the patties probed 47 but the
 * eggs were fine" holds the patties, not the eggs, to their limit. */
static void test_reading_subject(const struct lexicon *lx)
{
	struct ask q;
	char v[160];

	ask_understand(lx, "the raw patties probed 47 but the shell eggs were fine, accept it?", &q);
	CHECK(verdict_of_reading(q.reading, "It must be 41\xC2\xB0" "F (5\xC2\xB0" "C) or below; milk and shell eggs "
	                         "45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &q.subject, 0, v, sizeof(v)) &&
	      strstr(v, "above the 41"), "the eggs' limit is not the patties'");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	test_verdicts();
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx)
		test_reading_subject(lx);
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
