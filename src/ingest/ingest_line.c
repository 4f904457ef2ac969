/* ingest_line.c - what one line of a manual's text is (ingest_line.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "ingest_line.h"

int ingest_count_words(const char *s, size_t len)
{
	int n = 0;
	bool in = false;

	for(size_t i = 0; i < len; i++) {
		bool sp = isspace((unsigned char)s[i]) != 0;

		if(!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

bool ingest_is_terminal(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

bool ingest_line_is_step(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

bool ingest_line_is_bullet(const char *s, size_t len)
{
	return len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ';
}

int ingest_numbered_heading(const char *s, size_t len)
{
	size_t i = 0, d;
	int numbers = 0, words = 0, figures = 0;
	bool title = true;

	if(len > 70)
		return 0;
	for(;;) {
		for(d = 0; i < len && isdigit((unsigned char)s[i]) && d < 3; i++)
			d++;
		if(d == 0 || d > 2)
			return 0;
		numbers++;
		if(i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1]) && numbers < 4) {
			i++;
			continue;
		}
		break;
	}
	if(i < len && s[i] == '.' && numbers > 1)
		i++;
	if(i >= len || s[i] != ' ')
		return 0;
	while(i < len && s[i] == ' ')
		i++;
	if(i >= len || !isupper((unsigned char)s[i]) || ingest_is_terminal(s[len - 1]) ||
	   s[len - 1] == ',')
		return 0;
	while(i < len) {
		size_t w = i, letters = 0, digits = 0;

		while(i < len && s[i] != ' ') {
			letters += isalpha((unsigned char)s[i]) != 0;
			digits += isdigit((unsigned char)s[i]) != 0;
			i++;
		}
		words++;
		figures += digits > 0;
		if(letters >= 4 && islower((unsigned char)s[w]))
			title = false;
		while(i < len && s[i] == ' ')
			i++;
	}
	/* "10.2 Slices thick at one end and thin at the other": a
	 * sub-section may name a symptom at length */
	if(words > (numbers > 1 ? 12 : 8) || (numbers == 1 && !title))
		return 0;
	/* "3   Wings   177 C/350 F   9:00   ON": a table's numbered row, not a
	 * heading; a heading names at most one figure ("4.2 The 120 V model") */
	if(figures > 1)
		return 0;
	return numbers;
}

bool ingest_line_is_text_heading(const char *s, size_t len)
{
	int upper = 0;

	if(len == 0 || len > 80)
		return false;
	if(ingest_numbered_heading(s, len))
		return true;
	if((len > 8 && strncasecmp(s, "section ", 8) == 0 && isdigit((unsigned char)s[8])) ||
	   (len > 8 && strncasecmp(s, "chapter ", 8) == 0 && isdigit((unsigned char)s[8])))
		return true;
	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		if(isupper((unsigned char)s[i]))
			upper++;
	}
	if(ingest_line_is_step(s, len) &&
	   !(isupper((unsigned char)s[3]) || isupper((unsigned char)s[4])))
		return false;
	return upper >= 3 && s[len - 1] != '.';
}

bool ingest_line_is_subheading(const char *s, size_t len, const char *next, size_t nlen)
{
	if(len < 3 || len > 60 || ingest_count_words(s, len) > 8 || !isupper((unsigned char)s[0]) ||
	   ingest_is_terminal(s[len - 1]) || s[len - 1] == ',' || s[len - 1] == '-' || nlen == 0)
		return false;
	if(ingest_line_is_step(next, nlen) || ingest_line_is_bullet(next, nlen))
		return true;
	return isupper((unsigned char)next[0]) && len * 10 <= nlen * 6 &&
	       !ingest_line_is_text_heading(next, nlen);
}

#define ELLIPSIS "\xe2\x80\xa6"

/* Does a dot leader ("...", "…") start at s[i]? */
static bool leader_at(const char *s, size_t len, size_t i)
{
	return (i + 1 < len && s[i] == '.' && s[i + 1] == '.') ||
	       (len - i >= 3 && memcmp(s + i, ELLIPSIS, 3) == 0);
}

size_t ingest_label_name(const char *s, size_t len, size_t gap)
{
	size_t i = gap;

	while(i < len) {
		if(s[i] == ' ' || s[i] == '.')
			i++;
		else if(len - i >= 3 && memcmp(s + i, ELLIPSIS, 3) == 0)
			i += 3;
		else
			break;
	}
	return i;
}

size_t ingest_code_label(const char *s, size_t len, size_t *gap)
{
	static const char *const prefixes[] = {"code ", "error ", "fault ", "alarm ", NULL};
	size_t i = 0, letters = 0, digits = 0, end, code_end;
	bool prefixed = false;

	if(gap)
		*gap = 0;
	for(int k = 0; prefixes[k]; k++)
		if(len > strlen(prefixes[k]) &&
		   strncasecmp(s, prefixes[k], strlen(prefixes[k])) == 0) {
			i = strlen(prefixes[k]);
			prefixed = true;
			break;
		}
	while(i < len && isupper((unsigned char)s[i]) && letters < 4) {
		i++;
		letters++;
	}
	if(i < len && s[i] == '-' && letters)
		i++;
	while(i < len && isdigit((unsigned char)s[i]) && digits < 5) {
		i++;
		digits++;
	}
	if((letters == 0 && !prefixed) || digits == 0 || (i < len && isalnum((unsigned char)s[i])))
		return 0;
	code_end = i;
	while(i < len && s[i] == ' ')
		i++;
	if(i >= len)
		return 0;
	if(i > code_end && leader_at(s, len, i)) {   /* "E-09 ... RELEASE SHEET" */
		i = ingest_label_name(s, len, code_end);
		if(i >= len || !isalpha((unsigned char)s[i]))
			return 0;
		if(gap)
			*gap = code_end;
	} else if(s[i] == ':' || s[i] == '-')
		i++;
	else if(len - i >= 3 &&
	        (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
		i += 3;
	else if(i - code_end >= 2 && isupper((unsigned char)s[i])) {
		if(gap)
			*gap = code_end;
	} else
		return 0;
	/* to the first period, or an em dash after the name ("E22: No water
	 * — Action: ...", a table row) */
	for(end = i; end < len && end < 100 && s[end] != '.'; end++)
		if(end > i + 1 && len - end >= 3 && memcmp(s + end, "\xe2\x80\x94", 3) == 0)
			break;
	while(end > i && s[end - 1] == ' ')
		end--;
	return end;
}

size_t ingest_line_code_label(const char *s, size_t len)
{
	return ingest_code_label(s, len, NULL);
}

size_t ingest_line_question(const char *s, size_t len, size_t *start)
{
	size_t i = 0, e = len;

	while(i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if(len - i > 9 && strncasecmp(s + i, "question", 8) == 0)
		i += 8;
	else if(len - i > 2 && (s[i] == 'Q' || s[i] == 'q'))
		i++;
	else
		return 0;
	if(s[i] != ':' && s[i] != '.' && s[i] != ')')
		return 0;
	i++;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	while(e > i && (s[e - 1] == '*' || s[e - 1] == '_' || s[e - 1] == ' '))
		e--;
	if(e - i < 3 || !isalpha((unsigned char)s[i]))
		return 0;
	*start = i;
	return e - i;
}

size_t ingest_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for(size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

bool ingest_line_has_page_number(const char *s, size_t len, bool *pure)
{
	size_t i = 0, j;

	*pure = false;
	/* "12", "- 12 -", "12 / 40" */
	while(i < len && (s[i] == '-' || s[i] == ' '))
		i++;
	j = i;
	while(j < len && isdigit((unsigned char)s[j]))
		j++;
	if(j > i && j - i <= 4) {
		size_t k = j;

		while(k < len &&
		      (s[k] == ' ' || s[k] == '-' || s[k] == '/' || isdigit((unsigned char)s[k])))
			k++;
		if(k == len) {
			*pure = true;
			return true;
		}
	}
	for(i = 0; i + 5 < len; i++) {
		if(strncasecmp(s + i, "page", 4) != 0 ||
		   (i > 0 && isalpha((unsigned char)s[i - 1])))
			continue;
		j = i + 4;
		if(j < len && s[j] == '.')
			j++;
		while(j < len && s[j] == ' ')
			j++;
		if(j >= len || !isdigit((unsigned char)s[j]))
			continue;
		while(j < len && isdigit((unsigned char)s[j]))
			j++;
		if(j + 4 <= len && strncasecmp(s + j, " of ", 4) == 0) {
			j += 4;
			while(j < len && isdigit((unsigned char)s[j]))
				j++;
		}
		/* at the start or the end of the line */
		if(j == len || i == 0) {
			*pure = i == 0 && j == len;
			return true;
		}
	}
	return false;
}

const char *ingest_dot_leader(const char *s, size_t len, const char **end)
{
	for(size_t i = 0; i < len; i++) {
		size_t j = i, dots = 0;

		while(j < len && (s[j] == '.' ||
		                  (s[j] == ' ' && j + 1 < len && s[j + 1] == '.' && dots > 0))) {
			dots += s[j] == '.';
			j++;
		}
		if(dots >= 4) {
			size_t b = i;

			while(b > 0 && s[b - 1] == ' ')
				b--;
			while(j < len && s[j] == ' ')
				j++;
			*end = s + j;
			return s + b;
		}
		i = j > i ? j - 1 : i;
	}
	return NULL;
}

bool ingest_line_is_toc(const char *s, size_t len)
{
	const char *end, *lead = ingest_dot_leader(s, len, &end);
	size_t rest;

	if(!lead)
		return false;
	rest = (size_t)(s + len - end);
	if(rest == 0 || rest > 4)
		return false;
	for(size_t i = 0; i < rest; i++)
		if(!isdigit((unsigned char)end[i]))
			return false;
	return true;
}

/* The length of the rule character at s ('-', '=', '_', '*', '~', '+' or a
 * box-drawing character, U+2500-U+257F), 0 for another character. */
static size_t rule_char(const char *s, size_t len)
{
	if(*s == '-' || *s == '=' || *s == '_' || *s == '*' || *s == '~' || *s == '+')
		return 1;
	if(len >= 3 && (unsigned char)s[0] == 0xE2 &&
	   ((unsigned char)s[1] == 0x94 || (unsigned char)s[1] == 0x95))
		return 3;
	return 0;
}

bool ingest_line_is_rule(const char *s, size_t len)
{
	size_t i = 0, chars = 0;

	while(i < len) {
		size_t w = rule_char(s + i, len - i);

		if(!w)
			return false;
		i += w;
		chars++;
	}
	return chars >= 3;
}

size_t ingest_warning_word(const char *s, size_t len, size_t *after)
{
	static const char *const words[] = {
		"WARNING", "CAUTION", "DANGER", "NOTE", "IMPORTANT", NULL,
	};
	size_t i = 0;

	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == '>' || s[i] == ' ' || s[i] == '!'))
		i++;
	for(int k = 0; words[k]; k++) {
		size_t wl = strlen(words[k]), j;

		if(len - i < wl || strncmp(s + i, words[k], wl) != 0 ||
		   (len - i > wl && isalpha((unsigned char)s[i + wl])))
			continue;
		j = i + wl;
		while(j < len && (s[j] == '*' || s[j] == '_' || s[j] == ':' || s[j] == '!' ||
		                  s[j] == ' ' || s[j] == '-'))
			j++;
		*after = j;
		return wl;
	}
	return 0;
}

bool ingest_all_caps(const char *s, size_t len)
{
	int upper = 0;

	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		upper += isupper((unsigned char)s[i]) != 0;
	}
	return upper > 0;
}

/* "re-" and "pre-" too: "re-run", "pre-rinse" are how manuals write them,
 * and a cut "re-move" is joined when the document writes "remove" anywhere
 * else, as a manual that says it once says it again. */
static const char *const keep_hyphen[] = {"self", "non", "half", "well", "cross", "multi", "semi",
                                          "double", "single", "two", "three", "four", "low", "high",
                                          "all", "quick", "hand", "food", "re", "pre", NULL};

/* Whether the document holds word (wl bytes), also with its first letter
 * in lower case: a word opening a sentence ("Re-" "move") is written in
 * lower case elsewhere. */
static bool doc_has(const char *doc, size_t doclen, char *word, size_t wl)
{
	bool found = memmem(doc, doclen, word, wl) != NULL;

	if(!found && wl && isupper((unsigned char)word[0])) {
		word[0] = (char)tolower((unsigned char)word[0]);
		found = memmem(doc, doclen, word, wl) != NULL;
		word[0] = (char)toupper((unsigned char)word[0]);
	}
	return found;
}

bool ingest_wrap_hyphen(const struct buf *b, const char *next, size_t nlen, const char *doc,
                        size_t doclen, bool *keep)
{
	size_t e = b->len, w, sl = 0;
	char word[96];
	int wl;

	if(e < 2 || b->data[e - 1] != '-' || !nlen || !islower((unsigned char)next[0]))
		return false;
	if(isupper((unsigned char)b->data[e - 2]) &&
	   (e == 2 || !isalnum((unsigned char)b->data[e - 3]))) {
		*keep = true;
		return true;
	}
	if(e < 3 || !islower((unsigned char)b->data[e - 2]))
		return false;
	w = e - 1;
	while(w > 0 && isalpha((unsigned char)b->data[w - 1]))
		w--;
	*keep = false;
	for(int k = 0; keep_hyphen[k]; k++)
		if(strlen(keep_hyphen[k]) == e - 1 - w &&
		   strncasecmp(b->data + w, keep_hyphen[k], e - 1 - w) == 0)
			*keep = true;
	while(sl < nlen && isalpha((unsigned char)next[sl]))
		sl++;
	wl = snprintf(word, sizeof(word), "%.*s%.*s", (int)(e - w), b->data + w, (int)sl, next);
	if(wl > 0 && (size_t)wl < sizeof(word) && e - 1 > w) {
		if(doc_has(doc, doclen, word, (size_t)wl))
			*keep = true;
		else {
			memmove(word + (e - 1 - w), word + (e - w), (size_t)wl - (e - 1 - w));
			if(doc_has(doc, doclen, word, (size_t)wl - 1))
				*keep = false;
		}
	}
	return true;
}

bool ingest_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while(i < len) {
		unsigned char c = u[i];
		size_t n;

		if(c == 0)
			return false;
		if(c < 0x80) {
			i++;
			continue;
		}
		if((c & 0xE0) == 0xC0 && c >= 0xC2)
			n = 1;
		else if((c & 0xF0) == 0xE0)
			n = 2;
		else if((c & 0xF8) == 0xF0 && c <= 0xF4)
			n = 3;
		else
			return false;
		for(size_t k = 1; k <= n; k++)
			if(i + k >= len || (u[i + k] & 0xC0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}
