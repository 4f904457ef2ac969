/* terms.c - the words of a question and of a manual, read one way.
 *
 * One tokenizer for the answer path and the retriever: content words
 * (stop words dropped, lower case, a light stemmer), codes and model
 * numbers ("E03", "BG-4", "Fault 21" -> a code), numbers, hyphenated
 * compounds ("no-show", "walk-in") as a term beside their parts, and a unit
 * after a number named by what it measures ("115 V" is the voltage, "per 24
 * hours" a day).  Pure; the stop-word table is built once, on first use.
 */

#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/terms.h"

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
	"anything", "something", "stuff", "right", "properly", "help", "supposed", "show",
	"shows", "showing", "shown", "says", "saying", "mean", "means", "meaning",
	/* what crew type around the question: no subject a manual could cover */
	"tryna", "finna", "gonna", "wanna", "gotta", "lemme", "imma", "ima", "kinda", "sorta",
	"plz", "rn", "tho", "idk", "bc", "cuz", "bro", "dude", "lol", "btw", "ngl", "yall", "em",
	"ya", NULL};

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

bool terms_is_stopword(const char *word, size_t len)
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
void terms_code_normalise(const char *code, char *out, size_t outlen)
{
	const char *p = code;
	size_t o = 0;

	if(outlen == 0)
		return;
	while(*p && isalpha((unsigned char)*p) && o + 1 < outlen)
		out[o++] = *p++;
	if(*p == '-')
		p++;
	while(*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	while(*p && o + 1 < outlen)
		out[o++] = *p++;
	out[o] = '\0';
}

size_t terms_stem(char *w)
{
	size_t n = strlen(w);
	bool verb = false;     /* -ing or -ed came off */

	if(n > 5 && strcmp(w + n - 3, "ing") == 0)
		n -= 3, verb = true;
	else if(n > 4 && strcmp(w + n - 3, "ied") == 0) {
		n -= 3;
		w[n++] = 'y';
	} else if(n > 4 && strcmp(w + n - 2, "ed") == 0)
		n -= 2, verb = true;
	else if(n > 4 && strcmp(w + n - 3, "ies") == 0) {
		n -= 3;
		w[n++] = 'y';
	} else if(n > 4 && strcmp(w + n - 2, "es") == 0 && (w[n - 3] == 'x' ||
	                                                  strncmp(w + n - 4, "sh", 2) == 0 ||
	                                                  strncmp(w + n - 4, "ch", 2) == 0 ||
	                                                  strncmp(w + n - 4, "ss", 2) == 0))
		n -= 2;            /* "fixes", "dishes", "batches", "glasses" */
	else if(n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u')
		n -= 1;
	/* "cutting" -> "cutt" -> "cut"; no English word ends in -nn, so a
	 * doubled n is a name's ("bunn" is a maker, not "bun") unless -ing or
	 * -ed came off ("planned", "running") */
	if(n > 3 && w[n - 1] == w[n - 2] && !strchr("lsaeiou", w[n - 1]) &&
	   (verb || w[n - 1] != 'n'))
		n -= 1;
	w[n] = '\0';
	return n;
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
	if(!terms_is_stopword(tok, strlen(tok)))
		terms_stem(tok);
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
 * position after it, or NULL at the end.  A dollar sign stays on the amount
 * it precedes.  A hyphen joins letters to letters
 * ("no-show", "walk-in": a compound; see compound_parts) and letters to
 * digits ("BG-4", "E-03": a code). */
static const char *next_token(const char *s, char *tok, size_t toklen, bool *is_code,
                              bool *is_number)
{
	size_t n = 0;
	bool alpha = true;

	while(*s && !is_word_char((unsigned char)*s)) {
		/* money ("a fake $100") is no number: "$100" matches "$100", not "100 V" */
		if(*s == '$' && isdigit((unsigned char)s[1]))
			tok[n++] = '$';
		s++;
	}
	if(!*s)
		return NULL;
	while(*s &&
	      (is_word_char((unsigned char)*s) ||
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
	if(*is_code) {
		char norm[TERMS_LEN];

		terms_code_normalise(tok, norm, sizeof(norm));
		memcpy(tok, norm, strlen(norm) + 1);
	}
	else if(!*is_number)
		normalise_word(tok, toklen);
	return s;
}

/* A prefix written with a hyphen ("auto-standby", "pre-heat", "self-clean"):
 * the word after it is the same thing, so it is no part of its own. */
static bool hyphen_prefix(const char *w, size_t len)
{
	static const char *const prefixes[] = {"auto", "pre", "re", "self", "non", "semi", "multi",
	                                       "anti", "de", "un", "sub", "co", "mid", "post",
	                                       "mini", "micro", "ultra", "super", NULL};

	for(int i = 0; prefixes[i]; i++)
		if(strlen(prefixes[i]) == len && strncmp(prefixes[i], w, len) == 0)
			return true;
	return false;
}

/* The parts of a compound token ("no-show" -> "no", "show"), each
 * normalised as a word; stop words, prefixes and one-letter parts left
 * out.  Returns how many (0 for a token without a hyphen or a code). */
static int compound_parts(const char *tok, bool is_code, char parts[][TERMS_LEN], int max)
{
	int n = 0;

	if(is_code || !strchr(tok, '-'))
		return 0;
	for(const char *p = tok; *p && n < max;) {
		size_t len = strcspn(p, "-");

		if(len >= 2 && len < TERMS_LEN) {
			memcpy(parts[n], p, len);
			parts[n][len] = '\0';
			if(!terms_is_stopword(parts[n], len) && !hyphen_prefix(parts[n], len)) {
				normalise_word(parts[n], TERMS_LEN);
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
static bool term_is(const struct terms *t, int i, const char *tok, size_t len)
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

static void add_term(struct terms *out, const char *tok, bool is_code, bool is_number)
{
	size_t len = strlen(tok);

	for(int i = 0; i < out->n; i++)
		if(strcmp(out->term[i], tok) == 0)
			return;
	if(out->n >= TERMS_MAX || len >= TERMS_LEN)
		return;
	memcpy(out->term[out->n], tok, len + 1);
	out->len[out->n] = len;
	out->weight[out->n] = is_code ? 3.0 : is_number ? 2.0 : 1.0;
	out->exact[out->n] = is_code || is_number;
	out->code[out->n] = is_code;
	out->n++;
}

void terms_of(const char *text, struct terms *out)
{
	char tok[TERMS_LEN];
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
		if(!is_code && !is_number && terms_is_stopword(tok, len))
			continue;
		/* "no-show" stays one term, and its parts are terms too: a
		 * passage writing "walk in" still shares "walk"; beside its parts
		 * the compound weighs half, one concept not counted twice */
		{
			char parts[4][TERMS_LEN];
			int np = compound_parts(tok, is_code, parts, 4), at = out->n;

			add_term(out, tok, is_code, is_number);
			if(np && out->n > at)
				out->weight[at] = 0.5;
			for(int k = 0; k < np; k++)
				add_term(out, parts[k], false, false);
		}
	}
}

/* "Code 4", "Error 19", "Fault 3": a code some manuals write as a word and
 * a number, and crew call by any of the words ("code 41" is the manual's
 * "Fault 41"): out is "Code 41".  After the word tok (lower case) at p:
 * where the code ends; NULL when tok is no such word or no number of one
 * to three digits stands alone after it ("Food Code 3-501.16" is none). */
static const char *worded_code(const char *tok, const char *p, char out[16])
{
	static const char *const words[] = {"code", "error", "err", "fault", NULL};
	const char *d = p, *end;
	int k = 0;

	while(words[k] && strcmp(tok, words[k]) != 0)
		k++;
	if(!words[k] || (*d != ' ' && *d != '#'))
		return NULL;
	while(*d == ' ' || *d == '#')
		d++;
	end = d;
	while(isdigit((unsigned char)*end))
		end++;
	if(end == d || end - d > 3 || isalnum((unsigned char)*end) || *end == '-' ||
	   (*end == '.' && isdigit((unsigned char)end[1])))
		return NULL;
	while(*d == '0' && d + 1 < end)
		d++;
	snprintf(out, 16, "Code %.*s", (int)(end - d), d);
	return end;
}

int terms_codes_of(const char *text, char codes[][16], int max)
{
	const char *p = text ? text : "";
	int n = 0;

	while(*p && n < max) {
		const char *start;
		char tok[TERMS_LEN];
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
		char code[16];
		const char *after = len ? worded_code(tok, p, code) : NULL;

		if(after)
			p = after;
		else if(len == 0 || len > 12 || !token_is_code(tok))
			continue;
		else
			for(size_t i = 0; i <= len; i++)
				code[i] = (char)toupper((unsigned char)tok[i]);
		bool dup = false;
		for(int i = 0; i < n && !dup; i++)
			dup = strcasecmp(codes[i], code) == 0;
		if(!dup)
			memcpy(codes[n++], code, sizeof(code));
	}
	return n;
}

static const char *const equipment_nouns[] = {
	"grill", "fryer", "frier", "freezer", "soft serve", "shake machine", "ice machine",
	"ice maker", "oven", "toaster", "holding cabinet", "warmer", "walk-in", "walk in", "cooler",
	"dish machine", "dishwasher", "coffee", "brewer", "espresso", "beverage", "soda",
	"fountain", "pos", "register", "headset", "printer", "kiosk", "broiler", "microwave",
	"hood", "platen", "compressor", "thermostat", "probe", "slicer", "mixer", "blender",
	"steamer", "griddle", "smoker", "rethermalizer", "drive-thru", "timer", "rotisserie",
	"panini", "sous vide", "waffle", "popcorn", "proofer", "wok", "grinder", "juicer",
	"dehydrator", "circulator", NULL,
};

/* The kind of machine each noun above names, as the index of the first
 * noun of that kind: a soda fountain is a beverage dispenser, a frier a
 * fryer. */
static const signed char machine_kind[] = {
	0, 1, 1, 3, 4, 4, 6,
	6, 8, 9, 10, 10, 12, 12, 12,
	15, 15, 17, 17, 17, 20, 20,
	20, 23, 23, 25, 23, 23, 28, 29,
	30, 0, 32, 33, 34, 35, 36, 37,
	38, 0, 40, 41, 42, 43, 44, 45,
	46, 47, 48, 49, 50, 51, 52, 53, 54};
_Static_assert(sizeof(machine_kind) == sizeof(equipment_nouns) / sizeof(equipment_nouns[0]) - 1,
               "a kind for every machine noun");
_Static_assert(sizeof(machine_kind) <= 64, "a kind is a bit of a uint64_t");

int terms_machine_nouns(const char *text, char *out, size_t outlen)
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

static bool names_noun(const char *text, const char *noun)
{
	for(const char *hit = strcasestr(text, noun); hit; hit = strcasestr(hit + 1, noun))
		if(hit == text || !is_word_char((unsigned char)hit[-1]))
			return true;
	return false;
}

uint32_t terms_words(const struct terms *t)
{
	uint32_t words = 0;

	for(int i = 0; i < t->n; i++)
		if(!t->exact[i] || t->code[i])
			words |= UINT32_C(1) << i;
	return words;
}

uint64_t terms_machine_kinds(const char *text)
{
	char x[512];
	size_t i = 0;
	uint64_t kinds = 0;

	/* hyphens as spaces: "Soft-Serve" names a soft serve machine */
	for(; text && text[i] && i + 1 < sizeof(x); i++)
		x[i] = text[i] == '-' ? ' ' : text[i];
	x[i] = '\0';
	for(int k = 0; equipment_nouns[k]; k++)
		if(names_noun(x, equipment_nouns[k]))
			kinds |= UINT64_C(1) << machine_kind[k];
	return kinds;
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
		if(strcmp(tok, unit_names[i].unit) == 0 &&
		   (!unit_names[i].number || strcmp(prev, unit_names[i].number) == 0))
			return unit_names[i].names;
	return NULL;
}

/* How many of a compound's parts are terms of t. */
static int parts_held(const struct terms *t, char parts[][TERMS_LEN], int np)
{
	int held = 0;

	for(int k = 0; k < np; k++)
		for(int i = 0; i < t->n; i++)
			if(term_is(t, i, parts[k], strlen(parts[k]))) {
				held++;
				break;
			}
	return held;
}

void terms_add(struct terms *t, const struct terms *from, int i, double weight)
{
	if(t->n >= TERMS_MAX)
		return;
	memcpy(t->term[t->n], from->term[i], sizeof(t->term[0]));
	t->weight[t->n] = weight;
	t->exact[t->n] = from->exact[i];
	t->code[t->n] = from->code[i];
	t->len[t->n] = from->len[i];
	t->n++;
}

uint32_t terms_match(const struct terms *t, const char *text, double *weight)
{
	char tok[TERMS_LEN], number[TERMS_LEN] = "";
	bool is_code, is_number;
	uint32_t matched = 0;
	const char *p = text ? text : "";

	while((p = next_token(p, tok, sizeof(tok), &is_code, &is_number)) != NULL) {
		char parts[4][TERMS_LEN];
		int np = compound_parts(tok, is_code, parts, 4);
		const char *const *names = unit_named(tok, number);

		/* a compound of two words is found by both ("soft-serve" is
		 * no answer to "ok to serve"); "walk-in" by its one */
		if(np >= 2 && parts_held(t, parts, np) < 2)
			np = 0;
		for(int k = -1; k < np + 3; k++) {
			const char *w = k < 0 ? tok
			                : k < np ? parts[k] : names ? names[k - np] : NULL;
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

bool terms_one_typo(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;

	if(la == lb && memcmp(a, b, la) == 0)
		return true;
	if((la > lb ? la - lb : lb - la) > 1)
		return false;
	while(i < la && i < lb && a[i] == b[i])
		i++;
	if(la == lb) {
		if(i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i])   /* swapped */
			return strcmp(a + i + 2, b + i + 2) == 0;
		return strcmp(a + i + 1, b + i + 1) == 0;                  /* changed */
	}
	return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}
