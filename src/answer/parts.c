/* parts.c - the two parts of a question (see parts.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answer/parts.h"
#include "buf.h"
#include "text/terms.h"

#define ASK_TEXT_MAX 1024      /* the bytes of a question asks_within reads */
#define TAIL_WORDS 5           /* the most words parts_parallel_tail takes for a second thing */
#define CONTINUES_WORDS 3      /* the most words of a clause that goes on telling an emergency */

/* A clause of a few words after " and " that asks nothing and names no
 * food ("..., its red and blistering") goes on telling the one before. */
static bool continues(const char *clause)
{
	int words = 0;

	for(const char *c = clause; *c; c++)
		words += !isspace((unsigned char)*c) &&
		         (c == clause || isspace((unsigned char)c[-1]));
	return words <= CONTINUES_WORDS && !parts_asks_itself(clause) &&
	       !parts_asks_within(clause) && !parts_names_food(clause);
}

const char *parts_other_clauses(const struct lexicon *lx, struct arena *a, const char *text)
{
	static const char *const joins[] = {", ", ". ", "? ", "! ", "; ", " & ", " + ", " and ",
	                                    " also ", " but ", " then ", NULL};
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	struct buf b;
	const char *p = text, *out = NULL;
	bool told = false;  /* the clause before told an emergency and ended in " and " */

	buf_init(&b, 4096);
	while(*p) {
		size_t len = strlen(p);
		char *clause;
		bool emergency;

		for(int i = 0; joins[i]; i++) {
			const char *hit = strstr(p, joins[i]);

			if(hit && (size_t)(hit - p) < len)
				len = (size_t)(hit - p) + strlen(joins[i]);
		}
		if(!(clause = arena_strndup(a, p, len)))
			break;
		emergency = lexicon_emergencies(lx, clause, e, LEXICON_MAX_EMERGENCIES) > 0 ||
		            (told && continues(clause));
		if(!emergency && buf_appends(&b, clause) != LL_OK)
			break;
		told = emergency && len > 5 && strcmp(clause + len - 5, " and ") == 0;
		p += len;
	}
	if(b.len)
		out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Does [text, text + len) ask something: a question word among its words
 * ("shell eggs off the truck how cold do they gotta be"), not after one
 * that says it is not known ("idk how long")? */
static bool asks_within(const char *text, size_t len)
{
	static const char *const cues[] = {" how ", " what ", " whats ", " when ", " which ",
	                                   " where ", NULL};
	static const char *const unknown[] = {" idk", " know", " sure", " idea", " tell",
	                                      " remember", NULL};
	char t[ASK_TEXT_MAX];  /* a question's words past this are not read for a cue */
	bool asks = false;

	snprintf(t, sizeof(t), " %.*s ", (int)len, text);
	for(int i = 0; cues[i] && !asks; i++)
		for(const char *p = strstr(t, cues[i]); p && !asks; p = strstr(p + 1, cues[i])) {
			const char *w = p;

			while(w > t && w[-1] != ' ')
				w--;
			asks = true;
			for(int k = 0; unknown[k]; k++)
				if(w > t && strncasecmp(w - 1, unknown[k], strlen(unknown[k])) == 0)
					asks = false;
		}
	return asks;
}

const char *parts_asked_last(const char *text, const char **second)
{
	static const char *const joins[] = {", and ", " and ", ", ", "? ", "; ", " also ", NULL};

	for(int i = 0; joins[i]; i++) {
		const char *p = NULL;

		for(const char *hit = strstr(text, joins[i]); hit; hit = strstr(hit + 1, joins[i]))
			p = hit;
		if(!p || p == text)
			continue;
		const char *rest = p + strlen(joins[i]);

		if(!strpbrk(rest, ",?;") && !asks_within(rest, strcspn(rest, " ")) &&
		   asks_within(rest, strlen(rest)) &&
		   asks_within(text, (size_t)(p - text))) {
			*second = rest;
			return p;
		}
	}
	return NULL;
}

const char *parts_told_also(const char *text, const char **second)
{
	static const char *const joins[] = {", also ", "? also ", ". also ", "! also ", "; also ",
	                                    " and also ", NULL};
	const char *last = NULL;

	for(int i = 0; joins[i]; i++)
		for(const char *p = strstr(text, joins[i]); p; p = strstr(p + 1, joins[i])) {
			const char *rest = p + strlen(joins[i]);

			if(p > text && p > last && strchr(rest, ' ')) {
				last = p;
				*second = rest;
			}
		}
	return last;
}

const char *parts_second(const char *text, size_t *first_len)
{
	static const char *const joins[] = {", ", "? ", ". ", "; ", " & ", " + ", " and ", " also ",
	                                    NULL};
	static const char *const starts[] = {"how ", "what ", "when ", "who ", "where ", "can ",
	                                     "should ", "do ", "does ", "is ", "are ", "will ",
	                                     "toss", "throw", "whats ", "what's ", "wats ", "wat ",
	                                     "hows ", "how's ", "whens ", "wheres ", "where's ",
	                                     "which ", "any ", "if ", NULL};

	const char *last = NULL, *second = NULL;

	for(int i = 0; joins[i]; i++)
		for(const char *p = strstr(text, joins[i]); p; p = strstr(p + 1, joins[i])) {
			const char *rest = p + strlen(joins[i]);

			for(int k = 0; starts[k]; k++)
				if(strncasecmp(rest, starts[k], strlen(starts[k])) == 0 &&
				   p > text && p > last &&
				   /* "and if we sanitize by hand, how hot": a case that asks */
				   (strcmp(starts[k], "if ") != 0 ||
				    asks_within(rest, strlen(rest)))) {
					last = p;
					second = rest;
				}
		}
	if(!last)
		last = parts_told_also(text, &second);
	if(!last)
		last = parts_asked_last(text, &second);
	if(last)
		*first_len = (size_t)(last - text);
	return second;
}

const char *parts_parallel_tail(const char *text, size_t *first_len)
{
	const char *p = NULL, *hit = text;
	int words = 1;

	while((hit = strstr(hit, " and ")))
		p = hit++;
	if(!p || p == text)
		return NULL;
	for(const char *c = p + 5; *c; c++)
		words += *c == ' ' && c[1] && c[1] != ' ';
	if(words > TAIL_WORDS)
		return NULL;
	*first_len = (size_t)(p - text);
	return p + 5;
}

bool parts_asks_within(const char *text)
{
	return asks_within(text, strlen(text));
}

bool parts_asks_itself(const char *text)
{
	static const char *const starts[] = {"how ", "what", "when ", "who ", "where ", "can ",
	                                     "should ", "do ", "does ", "is ", "are ", "will ",
	                                     "which ", "wat ", "wats ", "hows ", "how's ",
	                                     "whens ", "wheres ", "where's ", "r ", NULL};

	for(int k = 0; starts[k]; k++)
		if(strncasecmp(text, starts[k], strlen(starts[k])) == 0)
			return true;
	return text[0] && text[strlen(text) - 1] == '?';
}

static const char *const foods[] = {"fries", "nugget", "bun", "lettuce", "tomato", "chicken",
                                    "patties", "patty", "burger", "meat", "beef", "rice",
                                    "chili", "cheese", "sauce", "salad", "egg", "sandwich",
                                    "bread", "produce", "onion", "bacon", "fish", "shrimp",
                                    "pork", "turkey", "steak", "soup", "gravy", "milk", NULL};

bool parts_names_food(const char *text)
{
	for(int i = 0; foods[i]; i++)
		if(strcasestr(text, foods[i]))
			return true;
	return false;
}

const char *parts_food_replaced(struct arena *a, const char *earlier, const char *text)
{
	char *out = earlier ? arena_strndup(a, earlier, strlen(earlier)) : NULL;

	if(!out || !parts_names_food(text))
		return out;
	for(int i = 0; foods[i]; i++) {
		char *p = out;

		while(!strcasestr(text, foods[i]) && (p = strcasestr(p, foods[i]))) {
			char *end = p + strlen(foods[i]);

			while(p > out && isalpha((unsigned char)p[-1]))
				p--;
			while(isalpha((unsigned char)*end))
				end++;
			memset(p, ' ', (size_t)(end - p));
		}
	}
	return out;
}

const char *parts_machine_replaced(struct arena *a, const char *earlier, const char *text)
{
	char *out = earlier ? arena_strndup(a, earlier, strlen(earlier)) : NULL;
	uint64_t now = terms_machine_kinds(text);

	for(char *p = out; now && p && *p;) {
		size_t len = strcspn(p, " ,.?!");
		char word[64];
		uint64_t kinds;

		if(len > 0 && len < sizeof(word)) {
			memcpy(word, p, len);
			word[len] = '\0';
			kinds = terms_machine_kinds(word);
			if(kinds && !(kinds & now))
				memset(p, ' ', len);
		}
		p += len;
		p += strspn(p, " ,.?!");
	}
	return out;
}

const char *parts_manner_blanked(struct arena *a, const char *text)
{
	static const char *const manner[] = {"fast", "faster", "quick", "quickly", "quicker",
	                                     "properly", "correctly", "safely", "asap", NULL};
	char *out = arena_strndup(a, text, strlen(text));

	for(char *p = out; p && *p;) {
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

		for(int i = 0; len && manner[i]; i++)
			if(strlen(manner[i]) == len && strncasecmp(p, manner[i], len) == 0)
				memset(p, ' ', len);
		p += len ? len : 1;
	}
	return out;
}

bool parts_has_content(const char *text)
{
	struct terms t;

	terms_of(text, &t);
	return terms_words(&t) != 0;
}

bool parts_refers_back(const char *text)
{
	static const char *const words[] = {" it ", " that ", " them ", " em ", " those ", " this ",
	                                    NULL};
	char t[ASK_TEXT_MAX];

	snprintf(t, sizeof(t), " %s ", text);
	for(char *p = t; *p; p++)
		if(*p == '?' || *p == ',' || *p == '.' || *p == '!')
			*p = ' ';
	for(int i = 0; words[i]; i++)
		if(strcasestr(t, words[i]))
			return true;
	return false;
}
