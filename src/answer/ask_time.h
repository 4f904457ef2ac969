/* ask_time.h - the times a question tells: how long, since when, which day.
 *
 * How long the food has been so ("been out 3 hrs", "came out at 10 and its
 * 2:30 now"), the clock time a "when" is asked from ("pulled at 10:30, when
 * do they get tossed"), and the day of the month or the week it was made
 * and the one it is now.  Durations in words ("an hour ago", "two hrs",
 * "half an hour") count as digits.  ask_understand (ask.h) reads them into
 * struct ask; the answer path (path.c) reads the elapsed time of an earlier
 * turn.  Pure: text in, numbers out.
 *
 * Where a function takes t, t is the question as ask_lowered (ask_cue.h)
 * makes it: " <lower-cased> ".  A clock time is minutes past 12 on a
 * 12-hour clock.
 */
#ifndef LINELEAD_ANSWER_ASK_TIME_H
#define LINELEAD_ANSWER_ASK_TIME_H

/* The minutes text says the food has been so, as ask_understand reads
 * elapsed ("came out at 10 ... its 2:30 now"), 0 for none; *start gets the
 * clock time they run from (1 + minutes past 12), 0 for none. */
int ask_elapsed(const char *text, int *start);

/* A clock time at p ("10", "2:30", "1pm"): minutes past 12 on a 12-hour
 * clock, -1 for none. */
int ask_clock_at(const char *p);

/* A question asking when, from a clock time it names ("we pulled them at
 * 10:30, when do they get tossed"): 1 + the time in minutes past 12; 0 when
 * it asks no when or names no time. */
int ask_since_of(const char *t);

/* The days of the month t names ("made it on the 3rd, its the 10th"): the
 * one said to be now into *today, the first other into *made; 0 for none. */
void ask_days_of(const char *t, int *made, int *today);

/* The weekdays t names ("opened it on a tuesday, today is friday"): the
 * one said to be now into *today, the first other into *made (1 Monday ..
 * 7 Sunday); 0 for none. */
void ask_weekdays_of(const char *t, int *made, int *today);

#endif
