/* verdict.h - a reading held against the limit a manual states.
 *
 * "patty read 152, can i serve it" is answered by the rule ("at least
 * 155°F for 17 seconds"); the crew also need the comparison said, first,
 * in the same sentence as the rule: "152°F is below the 155°F minimum, not
 * safe yet — Ground meat must be...".  Pure: text in, text out, nothing
 * kept.
 */
#ifndef LINELEAD_ANSWER_VERDICT_H
#define LINELEAD_ANSWER_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

struct terms;

/* Every verdict ends so ("No, 150°F is below the 155°F minimum —"), and
 * fits in VERDICT_MAX bytes. */
#define VERDICT_DASH "\xE2\x80\x94" /* "—" */
#define VERDICT_END " " VERDICT_DASH
#define VERDICT_COLD_TARGET 70 /* °F: a target this cold is one food is cooled to */
#define VERDICT_HOT_TARGET 135 /* °F: a target this hot is one food is heated to */
#define VERDICT_MAX 160

/* How a verdict is asked for (flags). */
#define VERDICT_DECIDE 1u       /* a yes/no question ("can we take it"): "Yes, ..." / "No, ..." */
#define VERDICT_UNKNOWN_TIME 2u /* nobody knows how long it has been at the reading */

/* Writes to out (at most outlen bytes) the words comparing reading (°F)
 * with the temperature limit rule states ("at least 155°F", "41°F (5°C) or
 * below") -- the one whose clause names a subject term ("milk and shell
 * eggs 45°F or below"), else the first; false, out untouched, when rule
 * states no limit.  VERDICT_DECIDE puts the verdict's own word first: "Yes,
 * 44°F is within..." / "No, 48°F is above...".  VERDICT_UNKNOWN_TIME, when
 * a holding limit (a ceiling, or a floor of 135°F or less: not a cooking
 * temperature) is missed, rules as the Food Code does on food out of
 * temperature for a time no one knows: "... for an unknown time: throw it
 * away". */
bool verdict_of_reading(int reading, const char *rule, const struct terms *subject, unsigned how,
                        char *out, size_t outlen);

/* Writes to out the words comparing elapsed minutes with the time limit
 * rule states ("within 2 hours", "for up to 4 hours", "no more than 60
 * minutes"): "No, 4 hours 30 minutes is past the 4-hour limit —" / "Yes,
 * 3 hours is within the 4-hour limit —"; from a clock time start (1 +
 * minutes past 12; 0 for none), when the limit runs or ran out too ("...,
 * which runs out at 3:00 —"); false, out untouched, when rule states no time
 * limit. */
bool verdict_of_time(int elapsed, int start, const char *rule, unsigned how, char *out,
                     size_t outlen);

/* Does part rule on a time out of elapsed minutes: it states a time the
 * elapsed one is under ("warm for less than 4 hours: it may be kept", for
 * 2 hours) or past ("for 4 hours or more: throw it away", for 5)? */
bool time_applies(int elapsed, const char *part);

/* Writes to out when the time limit rule states runs out from a clock time
 * (minutes past 12): "By 2:30, 4 hours after 10:30 —"; with a target
 * temperature (0: none) only a rule naming it, or no temperature, says
 * when: "41°F by 8:00, 6 hours after 2:00 —"; false when rule states no
 * time limit. */
bool deadline_of(int since, int target, const char *rule, char *out, size_t outlen);

/* A reading of food being cooled (cooling true) or reheated, elapsed
 * minutes after it started, held against the target rule says it must
 * reach in time -- cooling: its cooling step ("from 135°F to 70°F within 2
 * hours"); reheating: a hot target, 135°F or above ("If the food does not
 * reach 165°F within 2 hours"): "No, 90°F after 2 hours has not reached
 * 70°F within the 2 hours, cooling failed —", or how long it has left;
 * false when rule states no such target with a time limit. */
bool verdict_of_reaching(bool cooling, int reading, int elapsed, const char *rule, unsigned how,
                         char *out, size_t outlen);

/* The last day food made or opened on day made of the month may be used,
 * by the days rule states ("kept for up to 7 days, counting the day it was
 * made as day 1"), and with today (0: not said) whether it still may:
 * "No, its last day was the 9th (day 7 from the 3rd) —"; false when rule
 * states no days or the last day would pass the 28th. */
bool verdict_of_days(int made, int today, const char *rule, unsigned how, char *out,
                     size_t outlen);

/* The same for food made or opened on a weekday (1 Monday .. 7 Sunday),
 * today a weekday too (0: not said): "Its last day is Monday: Tuesday is
 * day 1, Monday day 7 —"; false when rule states no days or more than a
 * week of them (the weekday would come round again). */
bool verdict_of_weekdays(int made, int today, const char *rule, unsigned how, char *out,
                         size_t outlen);

/* A concentration tested against the first range rule states ("50–99 ppm"):
 * "Yes, 300 ppm is within the 200–400 ppm range —" / "No, 150 ppm is above
 * the 50–99 ppm range, too strong —"; false when rule states no range. */
bool verdict_of_ppm(int ppm, const char *rule, unsigned how, char *out, size_t outlen);

#endif
