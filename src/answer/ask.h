/* ask.h - what a question asks, and about what.
 *
 * The kind of answer wanted (a figure, a verdict, a fault's meaning, a
 * procedure, a definition), the figure's unit, the subject's terms, the
 * codes and models named, and the emergencies in it.  Pure: the lexicon is
 * the only input besides the text (already through lexicon_rewrite).
 *
 * Read with: ask_time.h (how long, since when, which day), ask_reading.h
 * (a reading, a tested concentration, temperatures to reach), ask_cue.h
 * (how the cue phrases are matched).  ask_states.h (the kinds of figure;
 * does a text state one, a code, a model number) is included here: the
 * answer path reads sections with it.
 */
#ifndef LINELEAD_ANSWER_ASK_H
#define LINELEAD_ANSWER_ASK_H

#include <stdbool.h>

#include "answer/ask_states.h"
#include "answer/lexicon.h"
#include "text/terms.h"

enum asked {
	ASKED_PROCEDURE = 0,
	ASKED_FIGURE,
	ASKED_DECISION,
	ASKED_FAULT,
	ASKED_DEFINITION,
	ASKED_KINDS
};

#define ASK_MAX_CODES 4

struct ask {
	const char *text;                     /* the question, crew words rewritten */
	enum asked kind;
	enum figure figure;                   /* for ASKED_FIGURE (and a decision's "how long") */
	struct terms terms;          /* its content terms; a number is a reading ("it's at 44"),
	                                    * not the figure looked for, and weighs little */
	char codes[ASK_MAX_CODES][16];        /* codes and model numbers named */
	int ncodes;
	const struct emergency *emergency[LEXICON_MAX_EMERGENCIES];
	int nemergency;
	bool followup;                        /* leans on the turns before (answer/path.c) */
	uint32_t earlier;                     /* ... and which terms the earlier text holds */
	bool figure_inherited;                /* ... and asks the figure they asked */
	bool persists;                        /* the first fix was tried ("still", "came back") */
	bool unknown_time;                    /* "nobody knows how long" it sat */
	bool time_up;                         /* its hold time ran out ("past the timer") */
	bool over;                            /* the threat is gone ("hes gone now") */
	bool after;                           /* asks what follows it ("once its out, ...") */
	uint64_t machines;                    /* the kinds of machine it names (terms.h) */
	bool cooling;                         /* about food being cooled ("cooling 2 hrs") */
	bool heating;                         /* about food being reheated ("reheating chili") */
	int reading; /* a temperature the crew read ("probed at 152"), or 0 */
	int elapsed; /* minutes it has been so ("been out 3 hrs", "at 10, its 2:30 now"), or 0 */
	int since;   /* asked when, from a clock time ("at 10:30"): 1 + minutes past 12, or 0 */
	int start;   /* the clock time elapsed runs from ("pulled at 11, its 2:50"): 1 + minutes
	              * past 12, or 0 */
	int target[2]; /* temperatures asked to be reached ("when does it have to hit 70, and
	                * be 41"), 0 for none */
	int made;    /* the day of the month it was made or opened ("on the 10th"), or 0 */
	int today;   /* the day of the month it is now ("its the 17th"), or 0 */
	int made_weekday;  /* the weekday it was made or opened ("on a tuesday"): 1 Monday
	                    * .. 7 Sunday, or 0 */
	int today_weekday; /* the weekday it is now ("today is friday"), or 0 */
	int ppm;     /* a concentration the crew tested ("strip says 300 ppm"), or 0 */
	struct terms subject;                 /* the reading's own clause ("chicken temped 46") */
	struct terms ruled_out;               /* what the crew found fine ("door seals fine",
	                                       * "already checked the breaker") */
};

void ask_understand(const struct lexicon *lx, const char *text, struct ask *out);

const char *ask_kind_name(enum asked k);
const char *ask_figure_name(enum figure f);

/* Does text ask for steps in words ("how do i", "walk me through")? */
bool ask_wants_steps(const char *text);

#endif
