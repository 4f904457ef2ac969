/* ask_reading.h - the numbers a question tells: the crew's reading, a
 * sanitizer's tested concentration, the temperatures asked to be reached.
 *
 * "patty read 152, can i serve it", "quat strip says 300 ppm", "when does
 * it have to hit 70 and when 41": the reading is held against the rule
 * (verdict.h), the concentration against the sanitizer's band; a target is
 * no reading.  Whether the food read started hot (it is being cooled) and
 * the clause the reading was taken in (its subject) come with it.
 * ask_understand (ask.h) reads them into struct ask.  Pure: text in,
 * numbers and terms out.
 *
 * Where a function takes t, t is the question as ask_lowered (ask_cue.h)
 * makes it: " <lower-cased> ".  Temperatures are °F.
 */
#ifndef LINELEAD_ANSWER_ASK_READING_H
#define LINELEAD_ANSWER_ASK_READING_H

#include <stdbool.h>

#include "text/terms.h"

/* A reading the crew took: a bare number a thermometer could show, after a
 * word that reports one ("reading 46", "came in at 44", "temped at 158",
 * "its at 48"), followed by nothing, a degree or a plain word, never by
 * another figure's unit ("at 30 min"); of one said now and one said of
 * before ("was 38"), the one now; 0 when there is none, -1 when there are
 * several. */
int ask_reading_of(const char *t);

/* A concentration the crew tested: the one number followed by "ppm"
 * ("strip says 300 ppm", "like 10ppm"); 0 when none or several. */
int ask_ppm_of(const char *t);

/* The temperatures the question asks to be reached ("when does it have to
 * hit 70 and when does it have to be 41"), two at most, into target. */
void ask_targets_of(const char *t, int target[2]);

/* Did t name a hot food's temperature (hot holding's minimum to boiling)
 * before the one it reads now, well below hot holding ("was at 135 at 1pm,
 * now its only at 80")?  Then the food is being cooled; a hot-held pan that
 * slipped to 120 is not. */
bool ask_started_hot(const char *t, int reading);

/* The clause a reading was taken in ("truck chicken temped 46" of "truck
 * chicken temped 46 and the milk is 44"): from the last join or stop
 * before the number up to it; its terms in *out (none when the number is
 * not found).  text is the question as written, any case. */
void ask_reading_subject(const char *text, int reading, struct terms *out);

#endif
