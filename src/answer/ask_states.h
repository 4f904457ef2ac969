/* ask_states.h - what a text states: a figure of a kind, a code, a model
 * number.
 *
 * The kinds of figure a question may ask (enum figure: a temperature, a
 * time, a concentration...), and whether a manual's sentence, heading or
 * title states one ("165°F", "4 hours", "200 ppm", "1-800-555-0143");
 * codes and model numbers compared as the crew and the manuals write them
 * ("WH120" and "WH-120", "E-03" and "E3").  The composer, the ranker and
 * the rules read sections by them; ask.h includes this header.  Pure: text
 * in, a yes or no out.
 */
#ifndef LINELEAD_ANSWER_ASK_STATES_H
#define LINELEAD_ANSWER_ASK_STATES_H

#include <stdbool.h>

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

/* Does text state a figure of the kind f ("165°F", "4 hours", "200 ppm")? */
bool ask_states_figure(const char *text, enum figure f);

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

#endif
