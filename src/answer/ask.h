/* ask.h - what a question asks, and about what.
 *
 * The kind of answer wanted (a figure, a verdict, a fault's meaning, a
 * procedure, a definition), the figure's unit, the subject's terms, the
 * codes and models named, and the emergencies in it.  Pure: the lexicon is
 * the only input besides the text (already through lexicon_rewrite).
 */
#ifndef LINELEAD_ANSWER_ASK_H
#define LINELEAD_ANSWER_ASK_H

#include <stdbool.h>

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

enum figure {
	FIGURE_NONE = 0,
	FIGURE_TEMPERATURE,
	FIGURE_TIME,
	FIGURE_CONCENTRATION,
	FIGURE_AMOUNT,
	FIGURE_FREQUENCY,
	FIGURE_ELECTRIC,
	FIGURE_PRESSURE,
	FIGURE_WEIGHT,
	FIGURE_DISTANCE,
	FIGURE_PHONE       /* a number to call */
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

/* The minutes text says the food has been so, as ask_understand reads
 * elapsed ("came out at 10 ... its 2:30 now"), 0 for none; *start gets the
 * clock time they run from (1 + minutes past 12), 0 for none. */
int ask_elapsed(const char *text, int *start);

const char *ask_kind_name(enum asked k);
const char *ask_figure_name(enum figure f);

/* The same code or model number, whatever the case, the hyphen and the
 * leading zeros ("WH120" and "WH-120", "e-03" and "E3"): terms_code_normalise. */
bool ask_same_code(const char *a, const char *b);

/* Is code (as the question wrote it) in text, whatever the case and
 * hyphens? */
bool ask_holds_code(const char *text, const char *code);

/* A model number ("KM-660", "BG-4", "TW40H"), not an error code ("C04",
 * "A11", "E-45"): two letters or more with a hyphen or three digits. */
bool ask_model_like(const char *code);

/* Does text (a manual's title) name a model number ("... BG-4 ...")? */
bool ask_names_model(const char *text);

/* Does text ask for steps in words ("how do i", "walk me through")? */
bool ask_wants_steps(const char *text);

/* Does text state a figure of the kind f ("165°F", "4 hours", "200 ppm")? */
bool ask_states_figure(const char *text, enum figure f);

#endif
