/* ingest_steps.c - list markers rewritten as numbered steps (ingest_steps.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "result.h"
#include "ingest_line.h"
#include "ingest_steps.h"

/* "Step 3: Drain the oil", "STEP 3 - ...", "**Step 3.** ...": a step written
 * with its word.  Returns the length of the marker and the space after it,
 * *num its number; 0 for another line ("Step 3 of the procedure is ..."). */
static size_t step_word(const char *s, size_t len, int *num)
{
	size_t i = 0, d = 0;

	while(i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if(len - i < 7 || strncasecmp(s + i, "step ", 5) != 0)
		return 0;
	i += 5;
	*num = 0;
	while(i < len && isdigit((unsigned char)s[i]) && d < 3) {
		*num = *num * 10 + (s[i++] - '0');
		d++;
	}
	if(!d || (i < len && isalnum((unsigned char)s[i])))
		return 0;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	if(i < len && (s[i] == ':' || s[i] == '.' || s[i] == ')' || s[i] == '-'))
		i++;
	else if(len - i >= 3 &&
	        (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
		i += 3;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	return i < len && isupper((unsigned char)s[i]) ? i : 0;
}

ll_result ingest_number_step_words(struct arena *a, struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		int num;
		size_t w = step_word(lines[i].s, lines[i].len, &num);
		char *line;

		if(!w)
			continue;
		line = arena_printf(a, "%d. %.*s", num, (int)(lines[i].len - w), lines[i].s + w);
		if(!line)
			return LL_ENOMEM;
		lines[i].s = line;
		lines[i].len = strlen(line);
	}
	return LL_OK;
}

/* Whether lines[i] is indented under a numbered step a few lines above
 * ("4. Lift out the deflector." over "   a. Scrape off carbon"): a
 * sub-step, which keeps its letter. */
static bool under_step(const struct tline *lines, size_t i)
{
	for(size_t j = i; j > 0 && i - j < 8; j--) {
		const struct tline *p = &lines[j - 1];

		if(p->len && ingest_line_is_step(p->s, p->len))
			return p->indent < lines[i].indent;
	}
	return false;
}

ll_result ingest_tighten_markers(struct arena *a, struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		struct tline *t = &lines[i];
		size_t m = 0, gap;
		int num = 0;
		char *line;

		while(m < t->len && m < 2 && isdigit((unsigned char)t->s[m]))
			num = num * 10 + (t->s[m++] - '0');
		if(m == 0 && t->len > 2 && t->s[0] >= 'a' && t->s[0] <= 'l' &&
		   (t->s[1] == ')' || t->s[1] == '.') && !under_step(lines, i))
			num = t->s[m++] - 'a' + 1;
		if(num == 0 || m >= t->len || (t->s[m] != '.' && t->s[m] != ')'))
			continue;
		for(gap = m + 1; gap < t->len && t->s[gap] == ' '; gap++)
			;
		if(gap >= t->len || !isupper((unsigned char)t->s[gap]) ||
		   (gap == m + 2 && isdigit((unsigned char)t->s[0])))
			continue;
		line = arena_printf(a, "%d. %.*s", num, (int)(t->len - gap), t->s + gap);
		if(!line)
			return LL_ENOMEM;
		t->s = line;
		t->len = strlen(line);
	}
	return LL_OK;
}

/* How long a numbered line without a full stop is when it runs on (a
 * heading is shorter). */
#define DECIMAL_SENTENCE 60

/* A sentence numbered under its section ("4.2 Check that ...", "6.2.1
 * With the grill off ..."): the length of its prefix ("4", "6.2") in
 * *prefix, its own number in *num; the offset of its text, or 0 for
 * another line -- a heading, a dot-leader row, a number alone. */
static size_t decimal_step(const char *s, size_t len, size_t *prefix, int *num)
{
	size_t i = 0, last = 0;
	int parts = 0;

	for(;;) {
		size_t d = 0;

		*num = 0;
		while(i < len && isdigit((unsigned char)s[i]) && d < 2) {
			*num = *num * 10 + (s[i++] - '0');
			d++;
		}
		if(d == 0 || (i < len && isdigit((unsigned char)s[i])))
			return 0;
		parts++;
		if(i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1]) && parts < 3) {
			last = i++;
			continue;
		}
		break;
	}
	*prefix = last;
	/* a sentence ends, or runs on to the next line; a heading does neither */
	if(parts < 2 || i >= len || s[i] != ' ' ||
	   !(ingest_is_terminal(s[len - 1]) || len >= DECIMAL_SENTENCE) ||
	   memmem(s, len, "..", 2) || memmem(s, len, "\xe2\x80\xa6", 3))
		return 0;
	while(i < len && s[i] == ' ')
		i++;
	return i < len && isupper((unsigned char)s[i]) && ingest_count_words(s + i, len - i) >= 2
	               ? i
	               : 0;
}

/* How far apart two steps of one run may stand, in lines (wrapped text
 * between them). */
#define DECIMAL_RUN_GAP 8

/* A line read as a numbered sentence: where its text starts (0: not
 * one), the length of its prefix, its own number. */
struct decimal {
	size_t at, prefix;
	int num;
};

/* Does a step of d[i]'s prefix, numbered one before or after it, stand
 * within the gap? */
static bool in_run(const struct tline *lines, const struct decimal *d, size_t n, size_t i)
{
	size_t from = i > DECIMAL_RUN_GAP ? i - DECIMAL_RUN_GAP : 0;

	for(size_t j = from; j < n && j <= i + DECIMAL_RUN_GAP; j++)
		if(j != i && d[j].at && (d[j].num == d[i].num - 1 || d[j].num == d[i].num + 1) &&
		   d[j].prefix == d[i].prefix && memcmp(lines[j].s, lines[i].s, d[i].prefix) == 0)
			return true;
	return false;
}

ll_result ingest_number_decimal_steps(struct arena *a, struct tline *lines, size_t n)
{
	struct decimal *d = n ? arena_alloc(a, n * sizeof(*d)) : NULL;
	bool *step = n ? arena_alloc(a, n * sizeof(*step)) : NULL;

	if(n && (!d || !step))
		return LL_ENOMEM;
	for(size_t i = 0; i < n; i++)
		d[i].at = decimal_step(lines[i].s, lines[i].len, &d[i].prefix, &d[i].num);
	/* all the run is found before any line of it is rewritten */
	for(size_t i = 0; i < n; i++)
		step[i] = d[i].at && in_run(lines, d, n, i);
	for(size_t i = 0; i < n; i++) {
		char *line;

		if(!step[i])
			continue;
		line = arena_printf(a, "%d. %.*s", d[i].num, (int)(lines[i].len - d[i].at),
		                    lines[i].s + d[i].at);
		if(!line)
			return LL_ENOMEM;
		lines[i].s = line;
		lines[i].len = strlen(line);
	}
	return LL_OK;
}
