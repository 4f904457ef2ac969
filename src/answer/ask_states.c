/* ask_states.c - what a text states: a figure of a kind, a code, a model
 * number (see ask_states.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "answer/ask_states.h"
#include "text/terms.h"

/* A number followed (after spaces) by one of units, case-insensitive. */
static bool number_then(const char *text, const char *const *units)
{
	for(const char *p = text; *p; p++) {
		const char *q = p;

		if(!isdigit((unsigned char)*p) || (p > text && isdigit((unsigned char)p[-1])))
			continue;
		while(isdigit((unsigned char)*q) || *q == '.' || *q == ',')
			q++;
		while(*q == ' ' || *q == '-')
			q++;
		for(int i = 0; units[i]; i++)
			if(strncasecmp(q, units[i], strlen(units[i])) == 0)
				return true;
	}
	return false;
}

/* A sum of money in text: "$5", "$1,000", "20 dollars", "50 cents". */
static bool states_money(const char *text)
{
	static const char *const units[] = {"dollar", "cent", "buck", NULL};

	for(const char *p = strchr(text, '$'); p; p = strchr(p + 1, '$'))
		if(isdigit((unsigned char)p[1]))
			return true;
	return number_then(text, units);
}

/* A telephone number in text: "1-800-555-0143", "(800) 555-0143",
 * "800.555.0143" -- three digits, a separator, four digits, after three
 * digits and a separator. */
static bool states_phone(const char *text)
{
	for(const char *p = text; *p; p++) {
		const char *q = p + 3;

		if(strspn(p, "0123456789") != 3 || (p > text && isdigit((unsigned char)p[-1])))
			continue;
		q += strspn(q, "-. )") <= 2 ? strspn(q, "-. )") : 3;
		if(q == p + 3 || strspn(q, "0123456789") != 3 || !strchr("-. ", q[3]) || !q[3] ||
		   strspn(q + 4, "0123456789") != 4 || isdigit((unsigned char)q[8]))
			continue;
		return true;
	}
	return false;
}

/* Does text say "every" of a period ("every 4 hours", "every shift",
 * "every other day"), not of things ("every cooler and freezer")? */
static bool every_period(const char *text)
{
	static const char *const periods[] = {"hour", "hr", "day", "shift", "week", "month",
	                                      "year", "minute", "min", "morning", "night",
	                                      "evening", "time", "other", "opening", "close",
	                                      "closing", "use", "batch", "load", "change", NULL};

	for(const char *p = strcasestr(text, "every "); p; p = strcasestr(p + 1, "every ")) {
		const char *w = p + 6;

		if(isdigit((unsigned char)*w) || strncasecmp(w, "few ", 4) == 0)
			return true;
		for(int i = 0; periods[i]; i++)
			if(strncasecmp(w, periods[i], strlen(periods[i])) == 0)
				return true;
	}
	return false;
}

/* A size told by comparison ("larger than the palm of the hand", "the size
 * of a quarter"): how big a burn or a cut has to be is often stated so. */
static bool states_size_compared(const char *text)
{
	static const char *const cues[] = {"larger than", "bigger than", "smaller than",
	                                   "wider than", "deeper than", "the size of", NULL};

	for(int i = 0; cues[i]; i++)
		if(strcasestr(text, cues[i]))
			return true;
	return false;
}

bool ask_states_figure(const char *text, enum figure f)
{
	static const char *const temperature[] = {"\xC2\xB0", "degree", "F ", "F.", "F,", NULL};
	static const char *const time[] = {"hour", "minute", "day", "second", "week", "month", "hr",
	                                   "min", "sec", NULL};
	static const char *const concentration[] = {"ppm", "parts per", "%", NULL};
	static const char *const amount[] = {"lb", "kg", "oz", "fl oz", "fl. oz", "fluid ounce",
	                                     "ounce", "gal", "qt", "quart", "pint", "liter",
	                                     "litre", "l ", "ml", "pan", "cup", "case", "in ",
	                                     "inch", "mm", "cm", "%", "rack", "piece", "basket",
	                                     "bag", "box", "tablespoon", "tbsp", "teaspoon", "tsp",
	                                     "scoop", "pump", "packet", "pouch", NULL};
	static const char *const electric[] = {"A ", "A,", "A.", "A)", "amp", "V ", "V,", "V.",
	                                       "volt", "W ", "kW", "watt", NULL};
	static const char *const pressure[] = {"psi", "bar", "kPa", "mbar", "in W.C", "in. W.C",
	                                       "in WC", "inches W.C", "inches of water",
	                                       "in. water", "\" W.C", "W.C.", NULL};
	static const char *const weight[] = {"lb", "pound", "kg", "oz", NULL};
	static const char *const distance[] = {"mi", "mile", "km", "ft", "feet", "foot", "yard",
	                                       "block", "minute", "inch", "in ", "in.", "cm",
	                                       "meter", "metre", NULL};
	static const char *const frequency[] = {"daily", "weekly", "monthly", "each day",
	                                        "each shift", "per day", "a day", "a week",
	                                        "once a", "times a", "yearly", "quarterly",
	                                        "each week", "each month", "a minute",
	                                        "per minute", "per hour", NULL};

	switch(f) {
	case FIGURE_TEMPERATURE:
		return number_then(text, temperature);
	case FIGURE_TIME:
		return number_then(text, time);
	case FIGURE_CONCENTRATION:
		return number_then(text, concentration);
	case FIGURE_AMOUNT:
		return number_then(text, amount) || states_money(text) ||
		       states_size_compared(text);
	case FIGURE_ELECTRIC:
		return number_then(text, electric);
	case FIGURE_PRESSURE:
		return number_then(text, pressure);
	case FIGURE_WEIGHT:
		return number_then(text, weight);
	case FIGURE_DISTANCE:
		return number_then(text, distance);
	case FIGURE_PHONE:
		return states_phone(text);
	case FIGURE_FREQUENCY:
		if(every_period(text))
			return true;
		for(int i = 0; frequency[i]; i++)
			if(strcasestr(text, frequency[i]))
				return true;
		return false;
	default:
		return false;
	}
}

bool ask_same_code(const char *a, const char *b)
{
	char x[32], y[32];

	terms_code_normalise(a, x, sizeof(x));
	terms_code_normalise(b, y, sizeof(y));
	return strcasecmp(x, y) == 0;
}

bool ask_holds_code(const char *text, const char *code)
{
	char codes[32][16];
	int n = terms_codes_of(text, codes, 32);

	for(int i = 0; i < n; i++)
		if(ask_same_code(codes[i], code))
			return true;
	return false;
}

bool ask_model_like(const char *w)
{
	size_t letters = 0, digits = 0;

	if(strchr(w, ' '))
		return false;       /* "Code 4": a code written as a word and a number */

	for(const char *p = w; *p; p++) {
		letters += isalpha((unsigned char)*p) != 0;
		digits += isdigit((unsigned char)*p) != 0;
	}
	return letters >= 3 || (letters >= 2 && (strchr(w, '-') || digits >= 3));
}

bool ask_names_model(const char *text)
{
	char codes[4][16];
	int n = terms_codes_of(text, codes, 4);

	for(int i = 0; i < n; i++)
		if(ask_model_like(codes[i]))
			return true;
	return false;
}
