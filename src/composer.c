/* composer.c - the local grounded generator.
 *
 * The passages are cut into units (sentences, numbered steps, bullets,
 * WARNING/CAUTION/DANGER lines); each unit is scored by the question's terms
 * it contains (codes and numbers weigh more), by the terms of its section
 * heading, by its passage's retrieval score and by how much of the retrieved
 * set comes from its document; a question after a figure ("how long", "how
 * hot") favours units stating a figure of that kind (time or temperature),
 * and that figure leads the response.  The answer is made of the
 * best units copied verbatim (markup stripped, numbers and units intact), the
 * best-matching step list in its original order, and the warnings of the
 * passages used.  Nothing else is stated as a fact.
 *
 * Three things a manual settles before any score: a section defining the
 * code the question names ("AL-3", "Fault 21") answers it with its own
 * steps, not another code's; a FAQ entry asking the question again answers
 * with its answer; and a question naming a machine (a brand or model only
 * one retrieved document's title holds) is answered from that machine's
 * manual before a generic guide, and its fault never with another
 * machine's section for a code that reads the same ("E1" and "E01").
 *
 * Crew type fast: a hyphenated compound ("no-show") is a term beside its
 * parts, a question word one typo from a passage's word is that word, and a
 * unit after a number names what it measures ("115 V" is the voltage, "per
 * 24 hours" a day).
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "composer.h"

#define MAX_UNITS 600
#define MAX_SENTENCES 3
#define MAX_STEPS 12
#define MAX_WARNINGS 6
#define MAX_CITATIONS 4
#define SNIPPET_MAX 240
#define NOT_FOUND_CONFIDENCE 0.2
#define LIST_TIE 0.1            /* step lists this close in score are a tie */
/* ... and when closer than half that, broken by their own headings if one
 * holds more of the question by this much: a word most passages hold
 * ("check", weight 0.3 or less after the discount below) found by chance in
 * one heading does not count */
#define LIST_HEADING_MARGIN 0.35

/* ---------------------------------------------------------------- words */

static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
	"as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
	"can", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "else",
	"every", "few", "for", "from", "further", "get", "gets", "getting", "go", "going", "got",
	"had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
	"if", "im", "in", "into", "is", "it", "its", "itself", "just", "keep", "keeps", "know",
	"let", "like", "me", "might", "more", "most", "must", "my", "need", "needs", "no", "nor",
	"not", "now", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our",
	"out", "over", "own", "please", "pls", "same", "say", "she", "should", "so", "some",
	"still", "such", "tell", "than", "that", "thats", "the", "their", "them", "then", "there",
	"these", "they", "thing", "this", "those", "through", "to", "too", "under", "until", "up",
	"us", "use", "very", "want", "was", "way", "we", "were", "what", "whats", "when", "where",
	"which", "while", "who", "why", "will", "with", "would", "you", "your", "yours", "dont",
	"doesnt", "isnt", "wont", "cant", "really", "guys", "hey", "hi", "u", "ur", "yo",
	"anything", "something", "right", "properly", "help", "supposed", "show",
	"shows", "showing", "shown", "says", "saying", "mean", "means", "meaning", NULL};

/* The stop words by hash (FNV-1a, open addressing), built on first use:
 * the lookup runs for every token of every passage. */
#define STOP_SLOTS 512                /* a power of two, over twice the words */
static uint16_t stop_slot[STOP_SLOTS]; /* index in stopwords + 1; 0 = free */
static size_t stop_longest;

static uint32_t word_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;

	for(size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static bool stop_find(const char *word, size_t len, uint32_t *slot)
{
	uint32_t h = word_hash(word, len) & (STOP_SLOTS - 1);

	for(; stop_slot[h]; h = (h + 1) & (STOP_SLOTS - 1)) {
		const char *s = stopwords[stop_slot[h] - 1];

		if(strncmp(s, word, len) == 0 && s[len] == '\0')
			return true;
	}
	*slot = h;
	return false;
}

static void stop_build(void)
{
	for(int i = 0; stopwords[i]; i++) {
		size_t len = strlen(stopwords[i]);
		uint32_t slot;

		if(len > stop_longest)
			stop_longest = len;
		if(!stop_find(stopwords[i], len, &slot))
			stop_slot[slot] = (uint16_t)(i + 1);
	}
}

bool composer_is_stopword(const char *word, size_t len)
{
	uint32_t slot;

	if(!stop_longest)
		stop_build();
	return len > 0 && len <= stop_longest && stop_find(word, len, &slot);
}

static bool is_word_char(unsigned char c)
{
	return isalnum(c) != 0;
}

/* A token is code-like when letters are followed by digits ("e03", "bg-4",
 * "c602", "xl-200b"). */
static bool token_is_code(const char *t)
{
	size_t letters = 0, digits = 0;
	const char *p = t, *after;

	while(isalpha((unsigned char)*p) && letters < 5) {
		p++;
		letters++;
	}
	if(letters == 0)
		return false;
	if(*p == '-')
		p++;
	while(isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if(digits == 0)
		return false;
	after = p;
	while(isalpha((unsigned char)*p))
		p++;
	if(*p)
		return false;
	/* "co2", "h2o": one digit without a hyphen is a word; a letter and a
	 * digit alone ("E3", "F1", "H1") is an error code */
	if(digits == 1 && !strchr(t, '-') && !(letters == 1 && !*after))
		return false;
	return true;
}

/* Normalises a code: no hyphen, no leading zeros in the number ("e-03" -> "e3"). */
static void code_normalise(char *t)
{
	char out[COMPOSER_TERM_LEN];
	size_t o = 0;
	const char *p = t;

	while(*p && isalpha((unsigned char)*p) && o < sizeof(out) - 1)
		out[o++] = *p++;
	if(*p == '-')
		p++;
	while(*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	while(*p && o < sizeof(out) - 1)
		out[o++] = *p++;
	out[o] = '\0';
	memcpy(t, out, o + 1);
}

static void stem(char *w)
{
	size_t n = strlen(w);

	if(n > 5 && strcmp(w + n - 3, "ing") == 0)
		n -= 3;
	else if(n > 4 && strcmp(w + n - 3, "ied") == 0) {
		n -= 3;
		w[n++] = 'y';
	} else if(n > 4 && strcmp(w + n - 2, "ed") == 0)
		n -= 2;
	else if(n > 4 && strcmp(w + n - 3, "ies") == 0) {
		n -= 3;
		w[n++] = 'y';
	} else if(n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u')
		n -= 1;
	/* "cutting" -> "cutt" -> "cut" */
	if(n > 3 && w[n - 1] == w[n - 2] && !strchr("lsaeiou", w[n - 1]))
		n -= 1;
	w[n] = '\0';
}

static const struct {
	const char *from, *to;
} synonyms[] = {
	{"temp", "temperature"}, {"frier", "fryer"}, {"fridge", "cooler"}, {"mgr", "manager"},
	{"sanitiser", "sanitizer"}, {"walkin", "walk-in"}, {"icemaker", "ice"},
};

/* A word's synonym, then its stem ("does" is a stop word, its stem "doe"
 * would not be). */
static void normalise_word(char *tok, size_t toklen)
{
	for(size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if(synonyms[i].from[0] == tok[0] && strcmp(tok, synonyms[i].from) == 0) {
			snprintf(tok, toklen, "%s", synonyms[i].to);
			break;
		}
	if(!composer_is_stopword(tok, strlen(tok)))
		stem(tok);
}

/* Whether the word at s is letters only ("show" in "no-show", not "cx10"
 * in the slug "vantera-cx10-combi-oven": that is a model number). */
static bool letters_only(const char *s)
{
	while(isalpha((unsigned char)*s))
		s++;
	return !isdigit((unsigned char)*s);
}

/* Reads the next token of s into tok (lower-cased, normalised); returns the
 * position after it, or NULL at the end.  A hyphen joins letters to letters
 * ("no-show", "walk-in": a compound; see compound_parts) and letters to
 * digits ("BG-4", "E-03": a code). */
static const char *next_token(const char *s, char *tok, size_t toklen, bool *is_code, bool *is_number)
{
	size_t n = 0;
	bool alpha = true;

	while(*s && !is_word_char((unsigned char)*s))
		s++;
	if(!*s)
		return NULL;
	while(*s && (is_word_char((unsigned char)*s) ||
	             (*s == '-' && n > 0 && tok[n - 1] != '-' && is_word_char((unsigned char)s[1]) &&
	              (isdigit((unsigned char)s[1]) || (alpha && letters_only(s + 1)))))) {
		alpha &= !isdigit((unsigned char)*s);
		if(n < toklen - 1)
			tok[n++] = (char)tolower((unsigned char)*s);
		s++;
	}
	tok[n] = '\0';
	*is_number = n > 0 && strspn(tok, "0123456789") == n;
	*is_code = !*is_number && token_is_code(tok);
	if(*is_code)
		code_normalise(tok);
	else if(!*is_number)
		normalise_word(tok, toklen);
	return s;
}

/* The parts of a compound token ("no-show" -> "no", "show"), each
 * normalised as a word; stop words and one-letter parts left out.  Returns
 * how many (0 for a token without a hyphen or a code). */
static int compound_parts(const char *tok, bool is_code, char parts[][COMPOSER_TERM_LEN], int max)
{
	int n = 0;

	if(is_code || !strchr(tok, '-'))
		return 0;
	for(const char *p = tok; *p && n < max;) {
		size_t len = strcspn(p, "-");

		if(len >= 2 && len < COMPOSER_TERM_LEN) {
			memcpy(parts[n], p, len);
			parts[n][len] = '\0';
			if(!composer_is_stopword(parts[n], len)) {
				normalise_word(parts[n], COMPOSER_TERM_LEN);
				n++;
			}
		}
		p += len;
		if(*p == '-')
			p++;
	}
	return n;
}

static bool term_match(const char *a, size_t la, const char *b, size_t lb)
{
	if(a[0] != b[0])
		return false;
	if(la == lb)
		return memcmp(a, b, la) == 0;
	if(la < 4 || lb < 4)
		return false;
	if(la > lb + 2 || lb > la + 2)
		return false;
	if(memcmp(a, b, la < lb ? la : lb) == 0)
		return true;
	/* "calibrate" / "calibration": the stemmer leaves the last letter */
	{
		size_t m = la < lb ? la : lb;
		char last = la < lb ? a[la - 1] : b[lb - 1];

		return m >= 6 && (last == 'e' || last == 'y') && memcmp(a, b, m - 1) == 0;
	}
}

/* Whether token tok (of length len, from next_token) is term i of t:
 * codes and numbers exactly, words by term_match. */
static bool term_is(const struct composer_terms *t, int i, const char *tok, size_t len)
{
	if(t->exact[i])
		return len == t->len[i] && memcmp(tok, t->term[i], len) == 0;
	return len > 0 && term_match(tok, len, t->term[i], t->len[i]);
}

/* "fault", "error", "alarm", "code": the number after one is a code
 * ("Fault 21", "error 5"), as manuals that number their faults write them. */
static bool code_word(const char *tok)
{
	static const char *const words[] = {"fault", "error", "alarm", "code", "err", NULL};

	for(int i = 0; words[i]; i++)
		if(strcmp(tok, words[i]) == 0)
			return true;
	return false;
}

static void add_term(struct composer_terms *out, const char *tok, bool is_code, bool is_number)
{
	size_t len = strlen(tok);

	for(int i = 0; i < out->n; i++)
		if(strcmp(out->term[i], tok) == 0)
			return;
	if(out->n >= COMPOSER_MAX_TERMS || len >= COMPOSER_TERM_LEN)
		return;
	memcpy(out->term[out->n], tok, len + 1);
	out->len[out->n] = len;
	out->weight[out->n] = is_code ? 3.0 : is_number ? 2.0 : 1.0;
	out->exact[out->n] = is_code || is_number;
	out->code[out->n] = is_code;
	out->n++;
}

void composer_terms_of(const char *text, struct composer_terms *out)
{
	char tok[COMPOSER_TERM_LEN];
	bool is_code, is_number, after_how = false, after_code_word = false;
	const char *p = text ? text : "";

	out->n = 0;
	while((p = next_token(p, tok, sizeof(tok), &is_code, &is_number)) != NULL) {
		size_t len = strlen(tok);
		bool how = after_how;

		/* "how long", "how hot", "how many": the form of the question
		 * (the figure it asks for), not its topic */
		after_how = strcmp(tok, "how") == 0;
		if(is_number && after_code_word)
			is_code = true;
		after_code_word = code_word(tok);
		if(how && !is_code && !is_number)
			continue;
		if(len < 2 && !is_number)
			continue;
		if(!is_code && !is_number && composer_is_stopword(tok, len))
			continue;
		/* "no-show" stays one term, and its parts are terms too: a
		 * passage writing "walk in" still shares "walk"; beside its parts
		 * the compound weighs half, one concept not counted twice */
		{
			char parts[4][COMPOSER_TERM_LEN];
			int np = compound_parts(tok, is_code, parts, 4), at = out->n;

			add_term(out, tok, is_code, is_number);
			if(np && out->n > at)
				out->weight[at] = 0.5;
			for(int k = 0; k < np; k++)
				add_term(out, parts[k], false, false);
		}
	}
}

int composer_codes_of(const char *text, char codes[][16], int max)
{
	const char *p = text ? text : "";
	int n = 0;

	while(*p && n < max) {
		const char *start;
		char tok[COMPOSER_TERM_LEN];
		size_t len = 0;

		while(*p && !is_word_char((unsigned char)*p))
			p++;
		start = p;
		while(*p && (is_word_char((unsigned char)*p) ||
		             (*p == '-' && p > start && isdigit((unsigned char)p[1])))) {
			if(len < sizeof(tok) - 1)
				tok[len++] = (char)tolower((unsigned char)*p);
			p++;
		}
		tok[len] = '\0';
		if(len == 0 || len > 12 || !token_is_code(tok))
			continue;
		bool dup = false;
		for(int i = 0; i < n && !dup; i++)
			dup = strcasecmp(codes[i], tok) == 0;
		if(dup)
			continue;
		for(size_t i = 0; i <= len; i++)
			codes[n][i] = (char)toupper((unsigned char)tok[i]);
		n++;
	}
	return n;
}

static const char *const equipment_nouns[] = {
	"grill", "fryer", "frier", "freezer", "soft serve", "shake machine", "ice machine",
	"ice maker", "oven", "toaster", "holding cabinet", "warmer", "walk-in", "walk in", "cooler",
	"dish machine", "dishwasher", "coffee", "brewer", "espresso", "beverage", "soda",
	"fountain", "pos", "register", "headset", "printer", "kiosk", "broiler", "microwave",
	"hood", "platen", "compressor", "thermostat", "probe", "slicer", "mixer", "blender",
	"steamer", "griddle", "smoker", "rethermalizer", "drive-thru", "timer", NULL};

int composer_equipment_nouns(const char *text, char *out, size_t outlen)
{
	size_t used = 0;
	int n = 0;

	if(outlen)
		out[0] = '\0';
	for(int i = 0; equipment_nouns[i]; i++) {
		const char *hit = strcasestr(text ? text : "", equipment_nouns[i]);
		size_t len = strlen(equipment_nouns[i]);

		if(!hit || (hit > text && is_word_char((unsigned char)hit[-1])))
			continue;
		if(used + len + 2 > outlen)
			break;
		if(used)
			out[used++] = ' ';
		memcpy(out + used, equipment_nouns[i], len);
		used += len;
		out[used] = '\0';
		n++;
	}
	return n;
}

/* ---------------------------------------------------------------- units */

enum unit_kind { UNIT_SENTENCE, UNIT_STEP, UNIT_BULLET, UNIT_WARNING };

struct unit {
	enum unit_kind kind;
	const char *text;       /* cleaned, in the arena */
	int passage;            /* index into passages */
	int list;               /* step/bullet list id, unique across passages */
	int order;              /* position across everything */
	uint32_t matched;       /* question terms found in the text (bit i = term i) */
	uint32_t section;       /* question terms found in its section heading */
	double weight;          /* sum of the matched terms' weights */
	double score;
	bool has_digit;
	unsigned has_quantity;  /* QTY_ bits: a number with its unit: "165°F", "2 hours", "50 ppm" */
	bool heading;           /* the section heading itself ("Cooling: 135°F to 70°F in 2 Hours") */
};

#define MAX_LISTS 256

struct units {
	struct unit item[MAX_UNITS];
	int n;
	int next_list;
	/* the paragraph right before each list ("F1 - Long freeze cycle."),
	 * which says what the list is for: unit indexes [first, last) */
	int lead_first[MAX_LISTS], lead_last[MAX_LISTS];
};

/* Copies s[0..len) without Markdown emphasis, collapsing whitespace. */
static char *clean_text(struct arena *a, const char *s, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	bool space = false;

	if(!out)
		return NULL;
	for(size_t i = 0; i < len; i++) {
		char c = s[i];

		if(c == '`' || ((c == '*' || c == '_') && i + 1 < len && s[i + 1] == c)) {
			if(c != '`')
				i++;
			continue;
		}
		if(c == '\n' || c == '\t' || c == '\r' || c == ' ') {
			space = o > 0;
			continue;
		}
		if(space)
			out[o++] = ' ';
		space = false;
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

static bool has_digit(const char *s)
{
	for(; *s; s++)
		if(isdigit((unsigned char)*s))
			return true;
	return false;
}

/* The dimensions of the figures a text states. */
#define QTY_TIME 1u     /* "2 hours", "6-hour mark", "7 days" */
#define QTY_TEMP 2u     /* "165°F", "41 degrees" */
#define QTY_OTHER 4u    /* "50 ppm", "2 qt", "20%" */
#define QTY_LIMIT 8u    /* a threshold: "under 200 psi", "above 41°F" */

/* Whether the number at p (in s) follows a threshold word ("under 200
 * psi", "more than 15 psi"): the condition a "when do I" answers with. */
static bool after_threshold(const char *s, const char *p)
{
	static const char *const words[] = {"under", "over", "below", "above", "than", "least", "most",
	                                    "exceeds", "reaches", "past", NULL};
	const char *end = p, *w;

	while(end > s && end[-1] == ' ')
		end--;
	w = end;
	while(w > s && isalpha((unsigned char)w[-1]))
		w--;
	for(int i = 0; words[i] && w < end; i++)
		if(strlen(words[i]) == (size_t)(end - w) && strncasecmp(w, words[i], (size_t)(end - w)) == 0)
			return true;
	return false;
}

/* A number followed by a unit ("165°F", "20 seconds", "0.010 in", "2 qt"):
 * the shape of the answer to "how long / how hot / how many".  Returns the
 * QTY_ bits of the units found, 0 for none. */
static unsigned has_quantity(const char *s)
{
	static const char *const time_units[] = {
		"hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds",
		"sec", "secs", "day", "days", "week", "weeks", "month", "months", "year", "years", NULL};
	static const char *const other_units[] = {
		"ppm", "lb", "lbs", "pound", "pounds", "kg", "g", "oz", "fl", "qt", "quart",
		"quarts", "gal", "gallon", "gallons", "l", "ml", "in", "inch", "inches", "ft", "feet",
		"cm", "mm", "m", "v", "volt", "volts", "a", "amp", "amps", "psi", "bar", "times",
		"percent", NULL};
	unsigned found = 0;

	for(const char *p = s; *p; p++) {
		const char *q;
		size_t wl = 0;

		if(!isdigit((unsigned char)*p) || (p > s && isalpha((unsigned char)p[-1])))
			continue;
		if(after_threshold(s, p) && !(found & QTY_LIMIT)) {
			/* the figure with its unit, alone: "200 psi, change" */
			char fig[20];
			size_t fl = 0;

			while(p[fl] && fl < sizeof(fig) - 1 && (fl == 0 || !isdigit((unsigned char)p[fl]) ||
			                                        isdigit((unsigned char)p[fl - 1]) || p[fl - 1] == '.'))
				fl++;
			memcpy(fig, p, fl);
			fig[fl] = '\0';
			if(fl && (has_quantity(fig) & ~QTY_LIMIT))
				found |= QTY_LIMIT;
		}
		q = p;
		while(isdigit((unsigned char)*q) || ((*q == '.' || *q == ',') && isdigit((unsigned char)q[1])))
			q++;
		p = q - 1;
		if(*q == '%') {
			found |= QTY_OTHER;
			continue;
		}
		if(q[0] == '\xc2' && q[1] == '\xb0') {
			found |= QTY_TEMP;
			continue;
		}
		if(*q == '-' && isalpha((unsigned char)q[1]))
			q++;                        /* "6-hour mark" */
		while(*q == ' ')
			q++;
		if(q[0] == '\xc2' && q[1] == '\xb0') {
			found |= QTY_TEMP;
			continue;
		}
		while(isalpha((unsigned char)q[wl]))
			wl++;
		if(wl == 0)
			continue;
		if((wl == 1 && (*q == 'F' || *q == 'C' || *q == 'f' || *q == 'c')) ||
		   (wl == 7 && strncasecmp(q, "degrees", 7) == 0)) {
			found |= QTY_TEMP;
			continue;
		}
		for(int i = 0; time_units[i]; i++)
			if(strlen(time_units[i]) == wl && strncasecmp(q, time_units[i], wl) == 0)
				found |= QTY_TIME;
		for(int i = 0; other_units[i]; i++)
			if(strlen(other_units[i]) == wl && strncasecmp(q, other_units[i], wl) == 0)
				found |= QTY_OTHER;
	}
	return found;
}

static ll_result unit_add(struct arena *a, struct units *u, enum unit_kind kind, const char *s,
                          size_t len, int passage, int list)
{
	struct unit *x;
	char *text;

	if(u->n >= MAX_UNITS)
		return LL_OK;
	text = clean_text(a, s, len);
	if(!text)
		return LL_ENOMEM;
	if(kind == UNIT_SENTENCE && (strncmp(text, "A: ", 3) == 0 || strncasecmp(text, "Answer: ", 8) == 0))
		text += text[1] == ':' ? 3 : 8;    /* a FAQ's answer marker is no part of it */
	if(strlen(text) < 2)
		return LL_OK;
	if(kind == UNIT_SENTENCE && strstr(text, " ask ")) {
		/* "Crew ask "grill won't heat", "platen is cold"": a retrieval
		 * hint written into the manuals, not an answer */
		int quotes = 0;

		for(const char *c = text; *c; c++)
			quotes += *c == '"';
		if(quotes >= 4)
			return LL_OK;
	}
	x = &u->item[u->n];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->text = text;
	x->passage = passage;
	x->list = list;
	x->order = u->n;
	x->has_digit = has_digit(text);
	x->has_quantity = x->has_digit ? has_quantity(text) : 0;
	u->n++;
	return LL_OK;
}

/* Splits a paragraph into sentences: after . ! ? followed by a space and a
 * capital, a digit or a quote, unless the word before is an abbreviation. */
static ll_result add_sentences(struct arena *a, struct units *u, const char *s, size_t len, int passage)
{
	size_t start = 0;
	ll_result result = LL_OK;

	for(size_t i = 0; i < len && !result; i++) {
		char c = s[i];
		size_t j, w;

		if(c != '.' && c != '!' && c != '?')
			continue;
		j = i + 1;
		while(j < len && (s[j] == ')' || s[j] == '"'))
			j++;
		if(j >= len || (s[j] != ' ' && s[j] != '\n'))
			continue;
		while(j < len && (s[j] == ' ' || s[j] == '\n'))
			j++;
		if(j >= len || !(isupper((unsigned char)s[j]) || isdigit((unsigned char)s[j]) || s[j] == '"' || s[j] == '('))
			continue;
		/* the word before the period */
		w = i;
		while(w > start && !isspace((unsigned char)s[w - 1]))
			w--;
		if(c == '.') {
			size_t wl = i - w;

			if(memchr(s + w, '.', wl) || (wl == 2 && (strncmp(s + w, "No", 2) == 0 || strncmp(s + w, "vs", 2) == 0)) ||
			   (wl == 6 && strncmp(s + w, "approx", 6) == 0))
				continue;
		}
		result = unit_add(a, u, UNIT_SENTENCE, s + start, i + 1 - start, passage, -1);
		start = j;
	}
	if(!result && start < len)
		result = unit_add(a, u, UNIT_SENTENCE, s + start, len - start, passage, -1);
	return result;
}

/* "1. " / "12) " -> the length of the marker, 0 when not a numbered step. */
static size_t step_marker(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	if(i == 0 || i >= len || (s[i] != '.' && s[i] != ')'))
		return 0;
	if(i + 1 >= len || s[i + 1] != ' ')
		return 0;
	return i + 2;
}

static size_t bullet_marker(const char *s, size_t len)
{
	if(len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return 2;
	return 0;
}

/* WARNING / CAUTION / DANGER at the start, after emphasis or a quote mark. */
static bool is_warning(const char *s, size_t len)
{
	static const char *const words[] = {"WARNING", "CAUTION", "DANGER"};
	size_t i = 0;

	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == '>' || s[i] == ' ' || s[i] == '!' ||
	                  (unsigned char)s[i] >= 0x80))
		i++;
	for(size_t k = 0; k < 3; k++) {
		size_t wl = strlen(words[k]);

		if(len - i >= wl && strncasecmp(s + i, words[k], wl) == 0 &&
		   (len - i == wl || !isalpha((unsigned char)s[i + wl])) &&
		   (strncmp(s + i, words[k], wl) == 0 || (len - i > wl && s[i + wl] == ':')))
			return true;
	}
	return false;
}

static ll_result split_passage(struct arena *a, struct units *u, const char *body, int passage)
{
	const char *p = body ? body : "";
	const char *para = NULL;
	size_t para_len = 0;
	int list = -1;
	enum unit_kind list_kind = UNIT_SENTENCE;
	int last_item = -1;          /* unit index of the last step/bullet, for continuations */
	bool blank = false;
	int para_first = -1, para_last = -1;
	ll_result result = LL_OK;

	while(*p && !result) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *line = p;
		size_t indent = 0, m;

		p = eol ? eol + 1 : p + len;
		while(indent < len && (line[indent] == ' ' || line[indent] == '\t'))
			indent++;
		line += indent;
		len -= indent;
		while(len && (line[len - 1] == ' ' || line[len - 1] == '\r'))
			len--;
		if(len >= 2 && line[0] == '>' && line[1] == ' ') {
			line += 2;
			len -= 2;
		}
		if(len == 0) {
			if(para) {
				para_first = u->n;
				result = add_sentences(a, u, para, para_len, passage);
				para_last = u->n;
			}
			para = NULL;
			blank = true;
			continue;
		}
		if(line[0] == '#' || line[0] == '|') {
			if(para)
				result = add_sentences(a, u, para, para_len, passage);
			para = NULL;
			list = -1;
			last_item = -1;
			continue;
		}
		if(is_warning(line, len)) {
			if(para)
				result = add_sentences(a, u, para, para_len, passage);
			para = NULL;
			if(!result)
				result = unit_add(a, u, UNIT_WARNING, line, len, passage, -1);
			last_item = -1;
			blank = false;
			continue;
		}
		if((m = step_marker(line, len)) != 0 || (bullet_marker(line, len) && (m = 2) != 0)) {
			enum unit_kind kind = step_marker(line, len) ? UNIT_STEP : UNIT_BULLET;

			if(para) {
				para_first = u->n;
				result = add_sentences(a, u, para, para_len, passage);
				para_last = u->n;
			}
			para = NULL;
			if(list < 0 || list_kind != kind) {
				list = u->next_list++;
				if(list < MAX_LISTS) {
					u->lead_first[list] = para_first;
					u->lead_last[list] = para_last;
				}
			}
			list_kind = kind;
			if(!result && is_warning(line + m, len - m))
				result = unit_add(a, u, UNIT_WARNING, line + m, len - m, passage, -1);
			else if(!result) {
				result = unit_add(a, u, kind, line + m, len - m, passage, list);
				last_item = u->n - 1;
			}
			blank = false;
			continue;
		}
		if(last_item >= 0 && indent >= 2 && !blank && last_item == u->n - 1) {
			/* a wrapped step: join it to the step */
			struct unit *x = &u->item[last_item];
			char *joined = arena_printf(a, "%s %.*s", x->text, (int)len, line);

			if(!joined)
				result = LL_ENOMEM;
			else {
				x->text = clean_text(a, joined, strlen(joined));
				x->has_digit = has_digit(x->text);
				x->has_quantity = x->has_digit ? has_quantity(x->text) : 0;
			}
			continue;
		}
		/* prose: a list ends at a prose line */
		list = -1;
		last_item = -1;
		blank = false;
		if(!para) {
			para = line;
			para_len = len;
		} else {
			/* lines of one paragraph are contiguous in body except for the
			 * stripped indent; sentences only need the span */
			para_len = (size_t)(line + len - para);
		}
	}
	if(!result && para)
		result = add_sentences(a, u, para, para_len, passage);
	return result;
}

/* ---------------------------------------------------------------- scoring */

/* A unit after a number names what it measures, as a crew asks for it:
 * "115 V" answers "what voltage", "220 lb per 24 hours" "how much in a
 * day".  number NULL: after any number.  Tokens as next_token gives them
 * (stemmed, lower case). */
static const struct {
	const char *unit, *number, *names[3];
} unit_names[] = {
	{"hour", "24", {"day", "daily", NULL}},
	{"v", NULL, {"volt", "voltage", "power"}},
	{"a", NULL, {"amp", "amperage", "current"}},
	{"hz", NULL, {"frequency", NULL, NULL}},
	{"w", NULL, {"watt", "power", NULL}},
	{"kw", NULL, {"watt", "power", NULL}},
	{"psi", NULL, {"pressure", NULL, NULL}},
	{"lb", NULL, {"pound", "weight", NULL}},
	{"gal", NULL, {"gallon", NULL, NULL}},
};

/* The names of unit tok after the number prev ("" when the token before
 * was no number); NULL for none. */
static const char *const *unit_named(const char *tok, const char *prev)
{
	if(!*prev)
		return NULL;
	for(size_t i = 0; i < sizeof(unit_names) / sizeof(unit_names[0]); i++)
		if(strcmp(tok, unit_names[i].unit) == 0 && (!unit_names[i].number || strcmp(prev, unit_names[i].number) == 0))
			return unit_names[i].names;
	return NULL;
}

static uint32_t match_terms(const struct composer_terms *t, const char *text, double *weight)
{
	char tok[COMPOSER_TERM_LEN], number[COMPOSER_TERM_LEN] = "";
	bool is_code, is_number;
	uint32_t matched = 0;
	const char *p = text ? text : "";

	while((p = next_token(p, tok, sizeof(tok), &is_code, &is_number)) != NULL) {
		char parts[4][COMPOSER_TERM_LEN];
		int np = compound_parts(tok, is_code, parts, 4);
		const char *const *names = unit_named(tok, number);

		for(int k = -1; k < np + 3; k++) {
			const char *w = k < 0 ? tok : k < np ? parts[k] : names ? names[k - np] : NULL;
			size_t len = w ? strlen(w) : 0;

			for(int i = 0; i < t->n && len; i++)
				if(!(matched & (1u << i)) && term_is(t, i, w, len))
					matched |= 1u << i;
		}
		if(is_number)
			snprintf(number, sizeof(number), "%s", tok);
		else
			number[0] = '\0';
	}
	if(weight) {
		*weight = 0;
		for(int i = 0; i < t->n; i++)
			if(matched & (1u << i))
				*weight += t->weight[i];
	}
	return matched;
}

uint32_t composer_match_terms(const struct composer_terms *t, const char *text, double *weight)
{
	return match_terms(t, text, weight);
}

static bool contains_any(const char *text, const char *const *words)
{
	for(int i = 0; words[i]; i++) {
		const char *hit = text;
		size_t wl = strlen(words[i]);

		while((hit = strcasestr(hit, words[i])) != NULL) {
			bool start_ok = hit == text || !isalpha((unsigned char)hit[-1]);

			if(start_ok)
				return true;
			hit += wl;
		}
	}
	return false;
}

static const char *const quantity_cues[] = {
	"how long", "how many", "how much", "how hot", "how cold", "how often", "how soon",
	"how far", "temperature", "temp", "degree", "minimum", "maximum", "ppm", "what time",
	"limit", "hours", "minutes", "days", "how warm", "concentration", "strength", "how heavy",
	"how big", "how deep", "how thick", "how high", "how low", "how fast", "how quickly",
	"how old", "how strong", "how close", "how tall", "how wide", "how full", "how often",
	"capacity", "weight", "size", "tolerance", "interval", "setpoint", "set point", "voltage",
	"pressure", "what time", NULL};
/* "when do I ...": a time ("after 24 hours"), or the occasions a section
 * "When to Wash Your Hands" lists -- see asks_heading() */
static const char *const when_cues[] = {"when do", "when should", "when does", NULL};

/* which figure a quantity question asks for */
static const char *const time_cues[] = {
	"how long", "how fast", "how soon", "how quickly", "how often", "when ", "hours", "hour ",
	"minutes", "days", "weeks", "within", "what time", "how many hour", "how many day",
	"how many minute", "how many week", "how much time", "deadline", NULL};
static const char *const temp_cues[] = {
	"how hot", "how cold", "how warm", "temp", "degree", "cook to", "heat to", "reheat to",
	"cool to", "internal", NULL};

static const char *const escalate_cues[] = {
	"fire", "flame", "burn", "burned", "burnt", "scald", "cut ", "cut myself", "bleed", "blood",
	"injur", "hurt", "fell", "fall ", "slipped", "unconscious", "unresponsive", "faint",
	"chok", "911", "sick", "ill ", "ill.", "illness", "vomit", "throwing up", "diarrh",
	"fever", "jaundice", "sore throat", "allergic", "anaphyla", "reaction", "epipen",
	"contamin", "poison", "chemical in", "chemical splash", "bleach in", "glass in",
	"metal in", "foreign object", "rodent", "mouse", "mice", "rat ", "droppings",
	"cockroach", "roach", "smoke", "gas smell", "smell gas", "shock", "electrocut", NULL};

static const char *const service_cues[] = {
	"call service", "service technician", "technician", "service company", "service call",
	"authorized service", "service agent", "call the manufacturer", "service provider",
	"repair company", "call for service", "qualified service", NULL};

/* The question word a section heading starts with and the question asks
 * ("When to Wash Your Hands" for "when do I have to wash my hands", "What
 * to Do When You Find Pests" for "what do I do about a roach") when the
 * heading also names at least half the question's terms: that section is
 * the answer to that kind of question.  "" for none. */
static const char *asks_heading(const char *question, const char *section, const struct composer_terms *t,
                                double total)
{
	static const char *const wh[] = {"when", "where", "what", "how", "why", "which", NULL};
	const char *last = section ? strrchr(section, '>') : NULL;
	double w = 0;

	last = last ? last + 1 : section ? section : "";
	while(*last == ' ')
		last++;
	for(int i = 0; wh[i]; i++) {
		size_t wl = strlen(wh[i]);
		const char *hit = question;

		if(strncasecmp(last, wh[i], wl) != 0 || isalpha((unsigned char)last[wl]))
			continue;
		while((hit = strcasestr(hit, wh[i])) != NULL) {
			if((hit == question || !isalpha((unsigned char)hit[-1])) && !isalpha((unsigned char)hit[wl]))
				break;
			hit += wl;
		}
		if(!hit || total <= 0)
			return "";
		match_terms(t, last + wl, &w);
		return w >= 0.5 * total ? wh[i] : "";
	}
	return "";
}

/* A text ending in a question mark (or a quoted question): it asks, it does
 * not answer. */
static bool is_question(const char *text)
{
	size_t tl = strlen(text);

	return tl && (text[tl - 1] == '?' || (tl > 1 && text[tl - 1] == '"' && text[tl - 2] == '?'));
}

/* A FAQ entry asking the question again: the section's own heading is a
 * question ("Why does the machine pause before the final rinse?", from a
 * "Q:" line) holding most (70%) of the weight of the question's terms that
 * the document's title does not already hold (the model every section is
 * about): "How many racks before I change the water?" does not ask "how
 * many racks an hour".  Its answer is what the section opens with. */
static bool faq_heading(const struct passage *ps, const struct composer_terms *t, uint32_t content)
{
	const char *section = ps->section ? ps->section : "";
	const char *last = strrchr(section, '>');
	uint32_t asked = content & ~match_terms(t, ps->title, NULL), held;
	double w = 0, total = 0;

	last = last ? last + 1 : section;
	if(!is_question(last))
		return false;
	held = match_terms(t, last, NULL) & asked;
	for(int i = 0; i < t->n; i++) {
		total += (asked >> i) & 1u ? t->weight[i] : 0;
		w += (held >> i) & 1u ? t->weight[i] : 0;
	}
	return total > 0 && w >= 0.7 * total;
}

/* ---------------------------------------------------------------- helpers */

/* The weight of the question's terms in list l's own heading: the last part
 * of its passage's section ("Descaling the Brewer"), less the terms of the
 * title (every section's), and the paragraph right before the list
 * ("No-show (the employee does not call):"), each counted. */
static double list_heading_weight(const struct units *u, const struct composer_terms *t,
                                  const struct passage *ps, int l)
{
	const char *section = ps->section ? ps->section : "";
	const char *last = strrchr(section, '>');
	uint32_t m = match_terms(t, last ? last + 1 : section, NULL) & ~match_terms(t, ps->title, NULL), lead = 0;
	double w = 0;

	if(l >= 0 && l < MAX_LISTS && u->lead_first[l] >= 0)
		for(int k = u->lead_first[l]; k < u->lead_last[l]; k++)
			lead |= u->item[k].matched;
	/* a term in both counts twice: the nearer heading is the narrower */
	for(int i = 0; i < t->n; i++)
		w += (((m >> i) & 1u) + ((lead >> i) & 1u)) * t->weight[i];
	return w;
}

struct list_of_strings {
	const char **items;
	size_t n, cap;
};

static ll_result strings_add(struct arena *a, struct list_of_strings *l, const char *s)
{
	for(size_t i = 0; i < l->n; i++)
		if(strcasecmp(l->items[i], s) == 0)
			return LL_OK;
	if(l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const char **items = arena_alloc(a, cap * sizeof(*items));

		if(!items)
			return LL_ENOMEM;
		if(l->n)
			memcpy(items, l->items, l->n * sizeof(*items));
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = s;
	return LL_OK;
}

/* A snippet of at most SNIPPET_MAX bytes around the first matched term,
 * cut at spaces so no UTF-8 sequence is split. */
static const char *make_snippet(struct arena *a, const struct composer_terms *t, const char *body)
{
	char *clean = clean_text(a, body ? body : "", strlen(body ? body : ""));
	size_t len, at = 0, start, end;
	char tok[COMPOSER_TERM_LEN];
	bool is_code, is_number, found = false;
	const char *p;

	if(!clean)
		return NULL;
	len = strlen(clean);
	if(len <= SNIPPET_MAX)
		return clean;
	p = clean;
	while(!found) {
		const char *before = p;

		while(*before && !is_word_char((unsigned char)*before))
			before++;
		p = next_token(p, tok, sizeof(tok), &is_code, &is_number);
		if(!p)
			break;
		for(int i = 0; i < t->n && !found; i++)
			if(term_is(t, i, tok, strlen(tok))) {
				found = true;
				at = (size_t)(before - clean);
			}
	}
	start = at > 60 ? at - 60 : 0;
	while(start > 0 && clean[start - 1] != ' ')
		start--;
	end = start + SNIPPET_MAX - 6;
	if(end > len)
		end = len;
	while(end < len && end > start && clean[end] != ' ')
		end--;
	return arena_printf(a, "%s%.*s%s", start ? "…" : "", (int)(end - start), clean + start,
	                    end < len ? "…" : "");
}

/* Two sentences saying nearly the same: the Jaccard similarity of their
 * terms is above 0.7 (the heading "Cooling: 2 Hours" and the sentence that
 * repeats it, a step quoted in two chunks). */
static bool near_duplicate(const char *x, const char *y)
{
	struct composer_terms a, b;
	int both = 0;

	if(strcmp(x, y) == 0)
		return true;
	composer_terms_of(x, &a);
	composer_terms_of(y, &b);
	if(a.n == 0 || b.n == 0)
		return false;
	for(int i = 0; i < a.n; i++)
		for(int k = 0; k < b.n; k++)
			if(strcmp(a.term[i], b.term[k]) == 0) {
				both++;
				break;
			}
	return (double)both / (double)(a.n + b.n - both) > 0.7;
}

static int cmp_score_desc(const void *x, const void *y)
{
	const struct unit *a = *(const struct unit *const *)x, *b = *(const struct unit *const *)y;

	if(a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->order - b->order;
}

static int cmp_order(const void *x, const void *y)
{
	const struct unit *a = *(const struct unit *const *)x, *b = *(const struct unit *const *)y;

	if(a->passage != b->passage)
		return a->passage - b->passage;
	return a->order - b->order;
}

/* The list x introduces: x ends with a colon and is the last sentence of
 * the paragraph right before the list ("The nine major food allergens
 * are:"); -1 for none.  Quoted alone, such a sentence says nothing. */
static int introduced_list(const struct units *u, const struct unit *x)
{
	size_t tl = strlen(x->text);

	if(!tl || x->text[tl - 1] != ':' || x->kind != UNIT_SENTENCE || x->heading)
		return -1;
	for(int l = 0; l < u->next_list && l < MAX_LISTS; l++)
		if(u->lead_first[l] >= 0 && u->lead_last[l] == x->order + 1)
			return l;
	return -1;
}

static const char **strings_finish(struct list_of_strings *l, size_t *n)
{
	*n = l->n;
	return l->items;
}

/* ---------------------------------------------------------------- answers */

static ll_result compose_general(struct arena *a, const struct question *q, struct answer *out)
{
	static const char *const thanks[] = {"thank", "thx", "appreciate", "cheers", NULL};
	static const char *const hello[] = {"hello", "hi ", "hi!", "hey", "good morning",
	                                    "good afternoon", "good evening", "yo ", NULL};
	char text[512];
	const char *msg = q->text ? q->text : "";
	const char *help = "I can help with equipment problems and error codes, food-safety and "
	                   "workplace-safety rules, running the shift (opening, closing, cash, "
	                   "inventory, customers) and training new crew.";

	if(contains_any(msg, thanks))
		snprintf(text, sizeof(text), "You're welcome! Ask me any time. %s", help);
	else if(contains_any(msg, hello) || strcasecmp(msg, "hi") == 0)
		snprintf(text, sizeof(text), "Hi! I'm Line Lead, the crew's assistant. %s What do you need?", help);
	else
		snprintf(text, sizeof(text), "That's outside what I can answer. %s", help);
	out->response = arena_strdup(a, text);
	out->confidence = 0.9;
	return out->response ? LL_OK : LL_ENOMEM;
}

static ll_result compose_not_found(struct arena *a, const struct question *q, struct answer *out)
{
	static const char *const equipment_steps[] = {
		"If the machine is unsafe (smoke, sparks, burning smell, leaking gas or oil), switch it off, unplug it or turn it off at the breaker, and keep people away.",
		"Tell the manager on duty.",
		"Call the service company for this equipment; do not open panels or attempt repairs yourself.",
	};
	static const char *const safety_steps[] = {
		"Stop and make the area safe; do not serve food you are unsure about.",
		"Tell the manager on duty now.",
		"Call 911 for a fire that is not out, a serious injury, trouble breathing or anyone unresponsive.",
	};
	static const char *const other_steps[] = {
		"Ask the manager on duty for the store's procedure.",
	};
	const char *const *steps;
	size_t nsteps;
	struct buf b;
	char codes[4][16];
	int ncodes = composer_codes_of(q->text, codes, 4);
	ll_result result;

	buf_init(&b, 4096);
	result = buf_appends(&b, "I couldn't find this in the store's manuals, so I can't give you model-specific steps.");
	if(!result && ncodes > 0)
		result = buf_printf(&b, " None of them mention %s.", codes[0]);
	if(!result)
		result = buf_appends(&b, q->agent == AGENT_EQUIPMENT
			? " Ask your manager to add the manual for this equipment (`linelead ingest` or the dashboard's Documents page) and ask again. Until then: turn the equipment off and lock it out if it is unsafe, and call the manager or the service company."
			: " Ask your manager to add the store's document on this (`linelead ingest` or the dashboard's Documents page) and ask again. Until then, check with the manager on duty.");
	if(result)
		goto out;
	out->response = arena_strdup(a, buf_str(&b));
	if(!out->response) {
		result = LL_ENOMEM;
		goto out;
	}
	if(q->agent == AGENT_EQUIPMENT) {
		steps = equipment_steps;
		nsteps = 3;
		out->service_call_recommended = true;
	} else if(q->agent == AGENT_SAFETY) {
		steps = safety_steps;
		nsteps = 3;
	} else {
		steps = other_steps;
		nsteps = 1;
	}
	out->steps = arena_alloc(a, nsteps * sizeof(*out->steps));
	if(!out->steps) {
		result = LL_ENOMEM;
		goto out;
	}
	for(size_t i = 0; i < nsteps; i++)
		out->steps[i] = steps[i];
	out->nsteps = nsteps;
	out->confidence = NOT_FOUND_CONFIDENCE;
out:
	buf_free(&b);
	return result;
}

/* The document the question names: a question term in the title of one
 * retrieved document and in no passage of any other ("tidewell", the model
 * "TW-40H") names the machine the crew asks about.  Returns the passages
 * with that document's first and the others' scores halved -- a generic
 * guide sharing more of the question's words is not that machine's manual
 * -- in *local (items in the arena); p itself when no one document is
 * named, or the named one was barely retrieved. */
static const struct passages *named_first(struct arena *a, const struct composer_terms *t,
                                          const struct passages *p, struct passages *local)
{
	uint32_t title[64], any[64];
	size_t n = p ? p->count : 0, o = 0;
	long long named = -1;
	double best = 0;

	if(n < 2 || n > 64)
		return p;
	for(size_t k = 0; k < n; k++) {
		const struct passage *ps = &p->items[k];

		title[k] = match_terms(t, ps->title, NULL);
		any[k] = title[k] | match_terms(t, ps->section, NULL) | match_terms(t, ps->body, NULL);
	}
	for(int i = 0; i < t->n; i++) {
		long long doc = -1;
		bool alone = true;

		for(size_t k = 0; k < n && alone; k++)
			if((title[k] >> i) & 1u)
				doc = p->items[k].document_id;
		for(size_t k = 0; k < n && doc >= 0 && alone; k++)
			alone = !((any[k] >> i) & 1u) || p->items[k].document_id == doc;
		if(doc < 0 || !alone)
			continue;
		if(named >= 0 && named != doc)
			return p;              /* two documents named: no preference */
		named = doc;
	}
	if(named < 0 || p->items[0].document_id == named)
		return p;
	local->items = arena_alloc(a, n * sizeof(*local->items));
	if(!local->items)
		return p;
	for(int pass = 0; pass < 2; pass++)
		for(size_t k = 0; k < n; k++)
			if((p->items[k].document_id == named) == (pass == 0)) {
				local->items[o] = p->items[k];
				if(pass == 0 && local->items[o].score > best)
					best = local->items[o].score;
				if(pass == 1)
					local->items[o].score *= 0.5;
				o++;
			}
	local->count = n;
	return best >= 0.5 * p->items[0].score ? local : p;
}

/* Whether a and b are one typo apart: a letter added, dropped, changed or
 * two swapped ("chiken" / "chicken", "burgr" / "burger"). */
static bool one_typo_apart(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;

	if(la > lb + 1 || lb > la + 1)
		return false;
	while(i < la && i < lb && a[i] == b[i])
		i++;
	if(la == lb)
		return i == la || strcmp(a + i + 1, b + i + 1) == 0 ||
		       (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0);
	return la < lb ? strcmp(a + i, b + i + 1) == 0 : strcmp(a + i + 1, b + i) == 0;
}

/* Typed in a hurry: a question word of five letters or more that no passage
 * holds becomes the passage word one typo from it, same first letter
 * ("chiken tendrs" -> "chicken", "tender"), the first found in the
 * passages' order.  The retriever searched with the corrected words
 * (retriever.c, correct_words); this lets the answer use them too. */
static void correct_typos(struct composer_terms *t, const struct passages *ps, size_t np)
{
	uint32_t held = 0, fuzzy = 0;

	for(int i = 0; i < t->n; i++)
		if(!t->exact[i] && t->len[i] >= 5 && !strchr(t->term[i], '-'))
			fuzzy |= 1u << i;
	for(size_t k = 0; k < np && (held & fuzzy) != fuzzy; k++)
		held |= match_terms(t, ps->items[k].body, NULL) | match_terms(t, ps->items[k].section, NULL) |
		        match_terms(t, ps->items[k].title, NULL);
	fuzzy &= ~held;
	for(size_t k = 0; k < np && fuzzy; k++)
		for(int f = 0; f < 3 && fuzzy; f++) {
			const struct passage *p = &ps->items[k];
			const char *s = f == 0 ? p->title : f == 1 ? p->section : p->body;
			char tok[COMPOSER_TERM_LEN];
			bool is_code, is_number;

			while(s && fuzzy && (s = next_token(s, tok, sizeof(tok), &is_code, &is_number)) != NULL) {
				size_t len = strlen(tok);

				if(is_code || is_number || len < 4)
					continue;
				for(int i = 0; i < t->n; i++)
					if(((fuzzy >> i) & 1u) && tok[0] == t->term[i][0] &&
					   one_typo_apart(t->term[i], t->len[i], tok, len)) {
						memcpy(t->term[i], tok, len + 1);
						t->len[i] = len;
						fuzzy &= ~(1u << i);
					}
			}
		}
}

/* The safety agent's own rules, added only when a passage used says the same. */
static ll_result safety_rules(struct arena *a, const struct passages *p, const bool *used,
                              bool escalate, struct list_of_strings *warnings)
{
	bool says_911 = false, says_manager = false, says_discard = false;
	ll_result result = LL_OK;

	for(size_t i = 0; i < p->count; i++) {
		const char *body = p->items[i].body ? p->items[i].body : "";

		if(!used[i])
			continue;
		says_911 |= strstr(body, "911") != NULL;
		says_manager |= strcasestr(body, "manager") != NULL;
		says_discard |= strcasestr(body, "throw it out") != NULL || strcasestr(body, "throw it away") != NULL;
	}
	if(escalate && says_manager)
		result = strings_add(a, warnings, "Tell the manager on duty now.");
	if(!result && escalate && says_911)
		result = strings_add(a, warnings, "Call 911 for a fire that is not out, heavy bleeding, trouble breathing or anyone unresponsive.");
	if(!result && says_discard)
		result = strings_add(a, warnings, "When in doubt, throw it out.");
	return result;
}

ll_result composer_compose(struct arena *a, const struct question *q,
                           const struct passages *passages, struct answer *out)
{
	struct units *u = NULL;
	struct composer_terms terms;
	struct unit *sorted[MAX_UNITS], *picked[MAX_SENTENCES + 1];
	struct list_of_strings warnings = {0}, steps = {0};
	bool used[64] = {false};
	uint32_t pmask[64] = {0};      /* question terms each passage holds */
	uint32_t defines[64] = {0};    /* question codes each passage's heading names */
	uint32_t models[64] = {0};     /* question codes in each passage's document title */
	uint32_t named_models = 0;     /* question codes some passage's title holds */
	bool foreign[64] = {false};    /* the passage's document carries no model named */
	bool fault_named = false;      /* the question names a code besides the model */
	double docsum[64] = {0}, top_doc = 0;
	double strong_best = 0;        /* the best sentence score in the main documents */
	unsigned qdim = 0;             /* QTY_ bits of the figure the question asks for */   /* see the document weight below */
	bool urgent = q->priority == PRIORITY_URGENT;
	bool quantity, escalate, service = false;
	bool announced = false;        /* a sentence quoted introduces the step list */
	bool asks[64] = {false};       /* the passage's heading answers the question's word */
	bool asks_when = false;
	double content_weight = 0, best_sentence = 0, top_pscore = 0;
	uint32_t covered = 0, content_mask = 0, code_mask = 0;
	uint32_t asked_mask = 0;       /* the terms coverage counts (see below) */
	size_t np = passages ? passages->count : 0;
	int npicked = 0, nsorted = 0, best_list = -1;
	int defining = -1;             /* the first passage defining a code the question names */
	int faq = -1;                  /* else a FAQ entry asking the question (faq_heading) */
	struct passages named;         /* the passages reordered by named_first */
	char codes[4][16];
	int ncodes;
	struct buf b;
	ll_result result = LL_OK;

	memset(out, 0, sizeof(*out));
	out->model = "local";
	buf_init(&b, 16384);
	if(np > 64)
		np = 64;
	escalate = (q->agent == AGENT_SAFETY || q->secondary == AGENT_SAFETY) && contains_any(q->text ? q->text : "", escalate_cues);
	out->escalate = escalate;
	if(q->agent == AGENT_GENERAL) {
		result = compose_general(a, q, out);
		goto out;
	}
	composer_terms_of(q->text, &terms);
	correct_typos(&terms, passages, np);
	passages = named_first(a, &terms, passages, &named);
	{
		double all = 0;

		for(int i = 0; i < terms.n; i++)
			all += terms.weight[i];
		for(size_t k = 0; k < np; k++) {
			const char *w = asks_heading(q->text ? q->text : "", passages->items[k].section, &terms, all);

			asks[k] = *w != '\0';
			asks_when |= strcmp(w, "when") == 0;
		}
	}
	quantity = contains_any(q->text ? q->text : "", quantity_cues) ||
	           (!asks_when && contains_any(q->text ? q->text : "", when_cues));
	if(quantity && contains_any(q->text ? q->text : "", time_cues))
		qdim |= QTY_TIME;
	if(quantity && contains_any(q->text ? q->text : "", temp_cues))
		qdim |= QTY_TEMP;
	/* "when do I change the cylinder": a time, or the reading that says
	 * it is time ("under 200 psi, change the cylinder") */
	if(!asks_when && contains_any(q->text ? q->text : "", when_cues))
		qdim |= QTY_LIMIT;
	u = arena_alloc(a, sizeof(*u));
	if(!u) {
		result = LL_ENOMEM;
		goto out;
	}
	for(size_t i = 0; i < np && !result; i++) {
		const char *sec = passages->items[i].section ? passages->items[i].section : "";
		const char *last = strrchr(sec, '>');

		/* a heading that states the figures ("Burgers and Ground Beef:
		 * 155°F (68°C) for 17 Seconds") is itself an answer */
		last = last ? last + 1 : sec;
		while(*last == ' ')
			last++;
		if(has_digit(last) && has_quantity(last) && !result) {
			int before = u->n;

			result = unit_add(a, u, UNIT_SENTENCE, last, strlen(last), (int)i, -1);
			if(u->n > before)
				u->item[before].heading = true;
		}
		if(!result)
			result = split_passage(a, u, passages->items[i].body, (int)i);
	}
	if(result)
		goto out;
	if(np)
		top_pscore = passages->items[0].score;

	/* which question terms each passage holds (body, section, title),
	 * tokenised once per passage; codes no passage mentions do not count
	 * against coverage (they get their own note) */
	for(int k = 0; k < terms.n; k++)
		if(terms.code[k])
			code_mask |= 1u << k;
	for(size_t k = 0; k < np; k++) {
		const struct passage *ps = &passages->items[k];
		uint32_t sec = match_terms(&terms, ps->section, NULL);

		pmask[k] = match_terms(&terms, ps->body, NULL) | sec | match_terms(&terms, ps->title, NULL);
		/* the code in the document's title ("Brightline BG-4 ... Manual")
		 * is the model every section is about, not a fault one section
		 * explains: it tells no section or list of that manual apart */
		models[k] = match_terms(&terms, ps->title, NULL) & code_mask;
		/* "3. FAULT CODES > F1 - Long freeze cycle": this passage defines F1 */
		defines[k] = sec & code_mask & ~models[k];
		named_models |= models[k];
	}
	/* the question names a model some documents carry (title, section or
	 * body): the others' sections are another machine's, even where codes
	 * read the same ("E1" on the FX-8 is not the BG-4's "E01") -- they
	 * define no code of the question, and when it names a fault their
	 * sentences and steps do not answer it */
	for(size_t k = 0; k < np && named_models; k++) {
		bool carries = false;

		for(size_t j = 0; j < np && !carries; j++)
			carries = passages->items[j].document_id == passages->items[k].document_id &&
			          (pmask[j] & named_models);
		foreign[k] = !carries;
		if(foreign[k])
			defines[k] = 0;
	}
	fault_named = (code_mask & ~named_models) != 0;
	for(int i = 0; i < terms.n; i++) {
		bool anywhere = false;
		size_t holding = 0;

		for(size_t k = 0; k < np; k++)
			holding += (pmask[k] >> i) & 1u;
		anywhere = holding > 0;
		/* a term every passage holds (the model number of the manual they
		 * all come from) tells them apart less than one only a few hold */
		if(np >= 2 && holding > 0)
			terms.weight[i] *= 1.0 - 0.7 * (double)holding / (double)np;
		if(anywhere || !terms.code[i]) {
			content_weight += terms.weight[i];
			content_mask |= 1u << i;
		}
		/* a number no passage holds is a reading ("came in at 44
		 * degrees"), not the topic: it does not count against coverage */
		if(anywhere || !terms.exact[i])
			asked_mask |= 1u << i;
	}

	/* each passage's document weight: the sum of the scores of the passages
	 * from the same document */
	for(size_t k = 0; k < np; k++) {
		for(size_t j = 0; j < np; j++)
			if(passages->items[j].document_id == passages->items[k].document_id)
				docsum[k] += passages->items[j].score;
		if(docsum[k] > top_doc)
			top_doc = docsum[k];
	}
	for(int i = 0; i < u->n; i++) {
		struct unit *x = &u->item[i];
		const struct passage *ps = &passages->items[x->passage];
		double sw = 0, tw = 0;
		uint32_t sm = (x->section = match_terms(&terms, ps->section, &sw)) | match_terms(&terms, ps->title, &tw);
		uint32_t extra;
		double ew = 0;

		x->matched = match_terms(&terms, x->text, &x->weight);
		/* a sentence naming only the model its manual is about ("Item:
		 * CX-10 (electric)", "This manual covers the FX-8") says nothing
		 * about what was asked */
		if(x->passage < 64 && x->matched && !(x->matched & ~models[x->passage]))
			x->weight = 0;
		extra = sm & ~x->matched;
		for(int k = 0; k < terms.n; k++)
			if(extra & (1u << k))
				ew += terms.weight[k];
		x->score = content_weight > 0 ? (x->weight + 0.6 * ew) / content_weight : 0;
		x->score += 0.25 * ps->score + (x->passage == 0 ? 0.1 : 0);
		/* the document most of the best passages come from is the topic;
		 * a sentence from another document merely sharing words is not */
		if(x->passage < 64 && top_doc > 0)
			x->score += 0.5 * docsum[x->passage] / top_doc;
		/* a heading stating the figure asked for ("Two-Stage Cooling: 135°F
		 * to 70°F in 2 Hours") sums up its section */
		if(quantity && x->heading && (x->has_quantity & (qdim ? qdim : ~0u)))
			x->score += 0.15;
		/* a question (a quiz line, "Crew ask ...?") does not answer one */
		if(is_question(x->text))
			x->score -= 0.2;
		/* "how long / how hot": the sentence holding the figure answers,
		 * not the one repeating most of the question's words */
		if(quantity)
			x->score += (x->has_quantity & qdim) ? 0.45 : x->has_quantity ? (qdim ? 0.25 : 0.35) :
			            x->has_digit ? 0.05 : 0;
		if(escalate && (strstr(x->text, "911") || strcasestr(x->text, "manager")))
			x->score += 0.1;
		if(x->passage < 64 && asks[x->passage])
			x->score += 0.15;
		/* a sentence under a heading naming the question's code counts
		 * as matching ("Meaning: ..." under "E03: Platen Over-Temperature") */
		for(int k = 0; k < terms.n; k++)
			if(terms.code[k] && (extra & (1u << k)) && x->weight <= 0 && !(match_terms(&terms, ps->title, &tw) & (1u << k)))
				x->weight = 0.4 * terms.weight[k];
		/* the section that defines the code the question names says
		 * what it means; a section merely mentioning it does not */
		if(x->passage < 64 && defines[x->passage])
			x->score += 0.3;
		if(x->passage < 64 && foreign[x->passage] && fault_named)
			continue;
		/* a step stating the figure asked for ("The handwashing sink
		 * must supply water at least 100°F") answers like a sentence */
		if(x->kind == UNIT_SENTENCE || x->kind == UNIT_BULLET ||
		   (x->kind == UNIT_STEP && quantity && (x->has_quantity & (qdim ? qdim : ~0u))))
			sorted[nsorted++] = x;
	}

	/* the sentences: best first, each with at least one question term */
	qsort(sorted, (size_t)nsorted, sizeof(sorted[0]), cmp_score_desc);
	for(int i = 0; i < nsorted; i++)
		if(sorted[i]->weight > 0 && sorted[i]->passage < 64 && docsum[sorted[i]->passage] >= 0.5 * top_doc &&
		   sorted[i]->score > strong_best)
			strong_best = sorted[i]->score;
	for(int i = 0; i < nsorted && npicked < (urgent ? 1 : MAX_SENTENCES); i++) {
		struct unit *x = sorted[i];
		bool dup = false;

		if(x->weight <= 0 || (npicked && (x->score < 0.7 * picked[0]->score || x->weight < 0.5 * best_sentence)))
			continue;
		/* a second figure of the kind asked for, about less than the
		 * first ("ground beef 155°F" beside "chicken 165°F"), is the
		 * answer to another question; one about other words of the
		 * question ("Wash temperature: 160°F" beside "the wash tank
		 * stayed below 150°F") may be the one asked for */
		if(npicked && quantity && (x->has_quantity & (qdim ? qdim : ~0u)) &&
		   (picked[0]->matched & content_mask & ~x->matched) &&
		   !(x->matched & content_mask & ~picked[0]->matched))
			continue;
		if(passages->items[x->passage].score < 0.6 * top_pscore && npicked)
			continue;
		/* a manual describing itself ("This manual covers the FX-8: eight
		 * valves over an ice bin") shares the question's words, not its
		 * topic: it does not support another sentence's answer */
		if(npicked && (strcasestr(x->text, "this manual") || strcasestr(x->text, "this guide")))
			continue;
		/* supporting sentences from a document the retrieved set barely
		 * holds are another topic sharing words */
		if(npicked && x->passage < 64 && top_doc > 0 && docsum[x->passage] < 0.5 * top_doc &&
		   passages->items[x->passage].document_id != passages->items[picked[0]->passage].document_id)
			continue;
		/* ... and do not lead either while the main document has a
		 * sentence nearly as good */
		if(!npicked && x->passage < 64 && top_doc > 0 && docsum[x->passage] < 0.5 * top_doc &&
		   strong_best >= 0.8 * x->score)
			continue;
		for(int k = 0; k < npicked && !dup; k++)
			dup = near_duplicate(picked[k]->text, x->text);
		if(dup)
			continue;
		picked[npicked++] = x;
		covered |= x->matched;
		if(npicked == 1)
			best_sentence = x->weight;
	}

	for(size_t k = 0; k < np && k < 64 && defining < 0; k++)
		if(defines[k])
			defining = (int)k;
	/* else a strong FAQ entry asking the same question answers it */
	for(size_t k = 0; k < np && k < 64 && defining < 0 && faq < 0; k++)
		if(passages->items[k].score >= 0.8 * top_pscore &&
		   faq_heading(&passages->items[k], &terms, content_mask))
			faq = (int)k;
	if(npicked) {
		/* the question names a code and a passage's heading defines it:
		 * the answer is that section's opening (what the code means), in
		 * its own order, plus what else that section says, not the
		 * sentences elsewhere that merely mention the code */
		int d = defining >= 0 ? defining : faq, lead = 0, n2 = 0;
		struct unit *keep[MAX_SENTENCES + 1];

		for(int i = 0; d >= 0 && i < u->n && lead < MAX_SENTENCES + 1; i++) {
			struct unit *x = &u->item[i];

			/* its heading is not its opening, nor is a FAQ's question;
			 * a list ends it */
			if(x->passage != d || x->kind == UNIT_WARNING || x->heading || (d == faq && is_question(x->text)))
				continue;
			if(x->kind != UNIT_SENTENCE)
				break;
			keep[n2++] = x;
			lead++;
		}
		/* then the sentences picked from it, and the others of that
		 * section naming the code, best first ("Call support if F4
		 * returns. Do not keep resetting F4: ..."); one more than usual,
		 * as the opening takes two */
		for(int k = 0; d >= 0 && k < npicked + nsorted && n2 < MAX_SENTENCES + 1; k++) {
			struct unit *x = k < npicked ? picked[k] : sorted[k - npicked];
			bool dup = false;

			if(x->passage != d || (k >= npicked && (x->kind != UNIT_SENTENCE || !(x->matched & defines[d]))) ||
			   (d == faq && is_question(x->text)))
				continue;
			for(int j = 0; j < n2 && !dup; j++)
				dup = keep[j] == x || near_duplicate(keep[j]->text, x->text);
			if(!dup)
				keep[n2++] = x;
		}
		if(n2) {
			memcpy(picked, keep, (size_t)n2 * sizeof(*keep));
			npicked = urgent && n2 > 1 ? 1 : n2;
			for(int k = 0; k < npicked; k++)
				covered |= picked[k]->matched;
		}
	}
	if(quantity && npicked) {
		/* a question after a figure gets one: the best sentence with a
		 * number and unit from the passages the answer already uses */
		bool have = false;

		for(int k = 0; k < npicked; k++)
			have |= picked[k]->has_quantity != 0;
		for(int i = 0; i < nsorted && !have; i++) {
			struct unit *x = sorted[i];
			bool dup = false;

			if(!x->has_quantity || x->weight <= 0 || passages->items[x->passage].score < 0.6 * top_pscore)
				continue;
			if(qdim && !(x->has_quantity & qdim))
				continue;
			if(x->passage < 64 && docsum[x->passage] < 0.5 * top_doc && strong_best >= 0.8 * x->score)
				continue;
			for(int k = 0; k < npicked && !dup; k++)
				dup = near_duplicate(picked[k]->text, x->text);
			if(dup)
				continue;
			if(npicked >= (urgent ? 1 : MAX_SENTENCES))
				npicked--;      /* the last one makes room (at most MAX_SENTENCES + 1 stay) */
			picked[npicked++] = x;
			covered |= x->matched;
			have = true;
		}
	}
	/* the step list: the one holding the best-matching step, from the top
	 * passages; operations and training may use a bullet checklist */
	{
		double best = -1, lbest[MAX_LISTS];
		int lpassage[MAX_LISTS];
		/* the best sentence announces a list: that list is its answer,
		 * unless the question asks for a figure the list does not state */
		int intro = npicked ? introduced_list(u, picked[0]) : -1;

		for(int l = 0; l < MAX_LISTS; l++) {
			lbest[l] = -1;
			lpassage[l] = 0;
		}

		if(intro >= 0 && quantity) {
			bool states = false;

			for(int i = 0; i < u->n && !states; i++)
				states = u->item[i].list == intro && (u->item[i].has_quantity & (qdim ? qdim : ~0u));
			if(!states)
				intro = -1;
		}

		for(int i = 0; i < u->n && intro < 0; i++) {
			struct unit *x = &u->item[i];
			/* bullets: an operations or training checklist, or the fixes
			 * listed in the equipment section that answers */
			bool eligible = x->kind == UNIT_STEP ||
			                (x->kind == UNIT_BULLET && (q->agent == AGENT_OPERATIONS || q->agent == AGENT_TRAINING ||
			                                            (q->agent == AGENT_EQUIPMENT && x->passage == 0)));
			double s;
			bool lead_code;

			if(!eligible || (x->passage < 64 && foreign[x->passage] && fault_named))
				continue;
			/* a step naming no question term is on topic in the top
			 * passage, or in its document under a heading naming one
			 * ("Register Skills on the Sign-Off") */
			if(x->weight <= 0 && x->passage != 0 &&
			   (!(x->section & ~models[x->passage]) ||
			    passages->items[x->passage].document_id != passages->items[0].document_id))
				continue;
			/* a weaker section of the document the answer quotes is still
			 * on its topic ("Drawer Over or Short" beside the cash
			 * overview); elsewhere only the strong passages count */
			if(passages->items[x->passage].score < 0.6 * top_pscore &&
			   !(npicked && passages->items[x->passage].score >= 0.4 * top_pscore &&
			     passages->items[x->passage].document_id == passages->items[picked[0]->passage].document_id))
				continue;
			/* steps come from the passage that answers: the top one or
			 * the best sentence's (for every agent: a checklist of
			 * another document sharing a number is another topic) */
			lead_code = x->passage < 64 && defines[x->passage] != 0;
			if(x->list >= 0 && x->list < MAX_LISTS && u->lead_first[x->list] >= 0) {
				uint32_t lead = 0;

				for(int k = u->lead_first[x->list]; k < u->lead_last[x->list]; k++)
					lead |= u->item[k].matched;
				lead_code |= (lead & code_mask & ~models[x->passage]) != 0;
			}
			/* the question names a code a passage defines: steps under
			 * another code ("AL-1" for "Fault 21") answer another question */
			if(defining >= 0 && !lead_code && !(x->matched & code_mask & ~models[x->passage]))
				continue;
			/* ... or another section of the same document: "what do I do"
			 * lives in the "Steps in Order" section beside the overview. */
			if(x->passage != 0 && npicked && x->passage != picked[0]->passage &&
			   passages->items[x->passage].document_id != passages->items[picked[0]->passage].document_id &&
			   !(x->matched & code_mask) && !lead_code)
				continue;
			s = x->score + (x->kind == UNIT_STEP ? 0.05 : 0);
			/* "how long": the list stating the figures */
			if(quantity && (x->has_quantity & (qdim ? qdim : ~0u)))
				s += 0.1;
			if(x->matched & code_mask & ~models[x->passage])
				s += 0.1;
			if(lead_code)
				s += 0.6;    /* the list under "F1 - Long freeze cycle." */
			if(s > best) {
				best = s;
				best_list = x->list;
			}
			if(x->list >= 0 && x->list < MAX_LISTS && s > lbest[x->list]) {
				lbest[x->list] = s;
				lpassage[x->list] = x->passage;
			}
		}
		/* lists of one document scoring about the same: a word of the
		 * question found by chance in one of them ("first", "trainer")
		 * does not make it the answer; for a near tie, the list's own
		 * heading naming more of it does (its section's, not the title
		 * every section shares, and the line right before it: "No-show
		 * (the employee does not call):"), else the document's own order
		 * -- its earlier section is where the procedure starts */
		for(int l = 0; best_list >= 0 && best_list < MAX_LISTS && l < u->next_list && l < MAX_LISTS; l++) {
			const struct passage *pl, *pb = &passages->items[lpassage[best_list]];
			double hl, hb;

			if(l == best_list || lbest[l] < 0 || lbest[l] < best - LIST_TIE)
				continue;
			pl = &passages->items[lpassage[l]];
			if(pl->document_id != pb->document_id)
				continue;
			hl = list_heading_weight(u, &terms, pl, l);
			hb = list_heading_weight(u, &terms, pb, best_list);
			if((hl > hb + LIST_HEADING_MARGIN && fabs(lbest[l] - best) < LIST_TIE / 2) ||
			   (hl > hb - LIST_HEADING_MARGIN && pl->chunk_id < pb->chunk_id)) {
				best_list = l;
				best = lbest[l];
			}
		}
		/* a list whose best step matches far less than the best sentence
		 * belongs to another topic */
		if(best_list >= 0 && npicked && best < 0.5 * picked[0]->score)
			best_list = -1;
		if(intro >= 0)
			best_list = intro;
		if(best_list >= 0)
			for(int i = 0; i < u->n && steps.n < (urgent ? 3 : MAX_STEPS) && !result; i++)
				if(u->item[i].list == best_list) {
					result = strings_add(a, &steps, u->item[i].text);
					covered |= u->item[i].matched;
					used[u->item[i].passage] = true;
				}
		if(result)
			goto out;
	}
	if(best_sentence <= 0 && steps.n == 0) {
		/* no question term anywhere: nothing relevant was found */
		np = 0;
	}
	{
		double cov = 0, asked = 0;

		/* relevance: the question terms the passages the answer uses hold,
		 * heading included, not only the few sentences quoted */
		for(int k = 0; k < npicked; k++)
			covered |= pmask[picked[k]->passage];
		covered |= pmask[0];
		for(int k = 0; k < terms.n; k++) {
			if((covered & content_mask & asked_mask) & (1u << k))
				cov += terms.weight[k];
			if((content_mask & asked_mask) & (1u << k))
				asked += terms.weight[k];
		}
		cov = asked > 0 ? cov / asked : 0;
		if(np && cov < 0.3 && terms.n >= 2)
			np = 0;
		if(np == 0) {
			result = compose_not_found(a, q, out);
			out->escalate = escalate;
			goto out;
		}
		out->confidence = 0.4 + 0.55 * (0.5 * (top_pscore > 1 ? 1 : top_pscore) + 0.5 * cov);
		if(out->confidence > 0.95)
			out->confidence = 0.95;
	}
	for(int k = 0; k < npicked; k++)
		used[picked[k]->passage] = true;
	used[0] = true;

	/* warnings of the passages used, in their order */
	for(int i = 0; i < u->n && !result; i++)
		if(u->item[i].kind == UNIT_WARNING && used[u->item[i].passage] && warnings.n < MAX_WARNINGS)
			result = strings_add(a, &warnings, u->item[i].text);
	/* ... then a warning elsewhere in the answer's manual about the same
	 * thing: two or more of the question's words besides codes ("If a
	 * glass breaks in or near the bin" for a glass broken by the ice bin) */
	for(int i = 0; i < u->n && !result && warnings.n < MAX_WARNINGS; i++) {
		const struct unit *x = &u->item[i];
		uint32_t words = x->matched & content_mask & ~code_mask;
		int nwords = 0;
		bool dup = false;

		if(x->kind != UNIT_WARNING || used[x->passage] ||
		   passages->items[x->passage].document_id != passages->items[0].document_id)
			continue;
		for(; words; words &= words - 1)
			nwords++;
		for(size_t k = 0; k < warnings.n && !dup; k++)
			dup = strcmp(warnings.items[k], x->text) == 0;
		if(nwords >= 2 && !dup) {
			result = strings_add(a, &warnings, x->text);
			used[x->passage] = true;     /* and cited */
		}
	}
	if(!result && (q->agent == AGENT_SAFETY || q->secondary == AGENT_SAFETY))
		result = safety_rules(a, passages, used, escalate, &warnings);
	if(result)
		goto out;

	/* service call: the manual says so, or the answer is weak */
	if(q->agent == AGENT_EQUIPMENT || q->secondary == AGENT_EQUIPMENT) {
		for(size_t i = 0; i < np && !service; i++)
			service = used[i] && contains_any(passages->items[i].body ? passages->items[i].body : "", service_cues);
		service |= out->confidence < 0.5;
	}
	out->service_call_recommended = service;

	/* the response text */
	/* a step quoted as a sentence is not repeated when its list is shown;
	 * a sentence announcing a list not shown ("Call-in (the employee calls
	 * ahead):") says nothing alone */
	for(int k = 0; k < npicked && npicked > 1; k++)
		if((picked[k]->kind == UNIT_STEP && best_list >= 0 && picked[k]->list == best_list) ||
		   (introduced_list(u, picked[k]) >= 0 && introduced_list(u, picked[k]) != best_list)) {
			memmove(picked + k, picked + k + 1, (size_t)(npicked - k - 1) * sizeof(*picked));
			npicked--;
			k--;
		}
	qsort(picked, (size_t)npicked, sizeof(picked[0]), cmp_order);
	if(quantity && npicked > 1) {
		/* the figure asked for leads: the best sentence stating it first,
		 * the rest in their order */
		int lead = -1;

		for(int k = 0; k < npicked; k++)
			if((picked[k]->has_quantity & (qdim ? qdim : ~0u)) &&
			   (lead < 0 || picked[k]->score > picked[lead]->score))
				lead = k;
		if(lead > 0) {
			struct unit *x = picked[lead];

			memmove(picked + 1, picked, (size_t)lead * sizeof(*picked));
			picked[0] = x;
		}
	}
	/* the sentence announcing the list shown ("The nine major allergens
	 * are:") goes last, right before that list, and frames it itself */
	for(int k = 0; k < npicked && best_list >= 0 && !announced; k++)
		if(introduced_list(u, picked[k]) == best_list) {
			struct unit *x = picked[k];

			memmove(picked + k, picked + k + 1, (size_t)(npicked - k - 1) * sizeof(*picked));
			picked[npicked - 1] = x;
			announced = true;
		}
	if(escalate && q->agent == AGENT_SAFETY)
		result = buf_appends(&b, "Get the manager on duty now. ");
	if(!result && urgent && warnings.n)
		result = buf_printf(&b, "%s ", warnings.items[0]);
	for(int k = 0; k < npicked && !result; k++) {
		const char *t = picked[k]->text;
		size_t tl = strlen(t);

		result = buf_printf(&b, "%s%s ", t, tl && strchr(".!?:", t[tl - 1]) ? "" : ".");
	}
	if(!result && steps.n && !urgent && !announced)
		result = buf_appends(&b, q->agent == AGENT_EQUIPMENT ? "Work through the steps below in order." :
		                         q->agent == AGENT_SAFETY ? "Do the steps below in order." :
		                         "Follow the checklist below in order.");
	if(!result && urgent && steps.n)
		result = buf_appends(&b, "Do these first:");
	if(!result && service && q->agent == AGENT_EQUIPMENT)
		result = buf_appends(&b, " If the problem is still there after these steps, stop and call service.");
	ncodes = composer_codes_of(q->text, codes, 4);
	for(int k = 0; k < ncodes && !result; k++) {
		char code[COMPOSER_TERM_LEN];
		bool seen = false;

		memcpy(code, codes[k], sizeof(codes[k]));
		for(size_t c = 0; code[c]; c++)
			code[c] = (char)tolower((unsigned char)code[c]);
		code_normalise(code);
		for(int i = 0; i < terms.n && !seen; i++)
			seen = strcmp(terms.term[i], code) == 0 && (content_mask & (1u << i)) && strcmp(terms.term[i], code) == 0;
		if(!seen) {
			result = buf_printf(&b, " The manuals I have do not mention %s; check that model's own manual for what it means, or ask your manager to add it.", codes[k]);
			out->confidence = out->confidence * 0.9 < 0.4 ? 0.4 : out->confidence * 0.9;
		}
	}
	if(result)
		goto out;
	{
		size_t len = b.len;
		const char *s = buf_str(&b);

		while(len && s[len - 1] == ' ')
			len--;
		out->response = arena_strndup(a, s, len);
	}
	if(!out->response) {
		result = LL_ENOMEM;
		goto out;
	}
	out->steps = strings_finish(&steps, &out->nsteps);
	out->warnings = strings_finish(&warnings, &out->nwarnings);

	/* citations: the passages used, best first */
	out->citations = arena_alloc(a, MAX_CITATIONS * sizeof(*out->citations));
	if(!out->citations) {
		result = LL_ENOMEM;
		goto out;
	}
	for(size_t i = 0; i < np && out->ncitations < MAX_CITATIONS; i++) {
		const struct passage *ps = &passages->items[i];
		struct citation *c;
		bool dup = false;

		if(!used[i])
			continue;
		for(size_t k = 0; k < out->ncitations && !dup; k++)
			dup = out->citations[k].document_id == ps->document_id &&
			      strcmp(out->citations[k].section ? out->citations[k].section : "", ps->section ? ps->section : "") == 0;
		if(dup)
			continue;
		c = &out->citations[out->ncitations++];
		c->document_id = ps->document_id;
		c->title = ps->title ? ps->title : "";
		c->section = ps->section ? ps->section : "";
		c->snippet = make_snippet(a, &terms, ps->body);
		c->score = ps->score;
		if(!c->snippet) {
			result = LL_ENOMEM;
			goto out;
		}
	}
out:
	buf_free(&b);
	if(!result && !out->steps)
		out->nsteps = 0;
	return result;
}
