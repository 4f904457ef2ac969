/* ingest_heading.c - headings that stand on their own line (ingest_heading.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ingest_heading.h"
#include "ingest_line.h"

#define HEAD_TITLE_MAX_WORDS 6

/* "SECTION 3 — CLEANING", "Chapter 2: Safety", "PART 4": a numbered part. */
static bool part_heading(const char *s, size_t len)
{
	static const char *const words[] = {"section ", "chapter ", "part ", NULL};

	for(int k = 0; words[k]; k++) {
		size_t wl = strlen(words[k]);

		if(len > wl && strncasecmp(s, words[k], wl) == 0 && isdigit((unsigned char)s[wl]))
			return !ingest_is_terminal(s[len - 1]) || s[len - 1] == ':';
	}
	return false;
}

/* A short word a title leaves in lower case. */
static bool minor_word(const char *s, size_t len)
{
	static const char *const minor[] = {"the", "and", "for", "of", "to", "in", "on", "with",
	                                    "a", "an", "or", "at", "by", "from", "per", NULL};

	for(int k = 0; minor[k]; k++)
		if(strlen(minor[k]) == len && strncmp(s, minor[k], len) == 0)
			return true;
	return false;
}

/* Whether the words from s on are a title: each word of three letters or
 * more but the minor ones starts with a capital ("Drain the oil" is a
 * step), at most max words, no closing punctuation. */
static bool title_words(const char *s, size_t len, int max)
{
	int words = 0;
	size_t i = 0;

	if(!len || !isupper((unsigned char)s[0]) || ingest_is_terminal(s[len - 1]) ||
	   s[len - 1] == ',')
		return false;
	while(i < len) {
		size_t w = i, letters = 0;

		while(i < len && s[i] != ' ') {
			letters += isalpha((unsigned char)s[i]) != 0;
			i++;
		}
		if(letters >= 3 && !isupper((unsigned char)s[w]) && !minor_word(s + w, i - w))
			return false;
		if(i - w > 0)
			words++;
		if(i + 1 < len && s[i] == ' ' && s[i + 1] == ' ')
			return false;           /* a layout gap: a table row */
		while(i < len && s[i] == ' ')
			i++;
	}
	return words <= max;
}

/* "1. Specifications", "5. Problems": one number with a period before a
 * short title (a step is a sentence). */
static bool numbered_title(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 2 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 2 < len && s[i] == '.' && s[i + 1] == ' ' &&
	       title_words(s + i + 2, len - i - 2, 5);
}

/* An ALL-CAPS line of two words or more that is not a table row, nor a
 * lone WARNING. */
static bool caps_heading(const char *s, size_t len)
{
	size_t after = 0, upper = 0, spaces = 0;

	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		upper += isupper((unsigned char)s[i]) ? 1 : 0;
		spaces += s[i] == ' ';
		if(i + 2 < len && s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] == ' ')
			return false;
	}
	if(upper < 6 || !spaces || s[len - 1] == '.' || s[len - 1] == ',')
		return false;
	return !(ingest_warning_word(s, len, &after) && after >= len);
}

/* The level of a line that is a heading on its own, 0 otherwise.  blank_around:
 * blank lines above and below (a Title Case line counts only then). */
static int standalone_heading(const struct tline *t, bool blank_around)
{
	const char *end;

	/* "3.2 Roller length ..... 17.5 in" is a label and its value */
	if(t->drop || t->len < 3 || t->len > 80 || ingest_line_code_label(t->s, t->len) ||
	   ingest_line_is_bullet(t->s, t->len) ||
	   (ingest_dot_leader(t->s, t->len, &end) && !ingest_line_is_toc(t->s, t->len)))
		return 0;
	if(part_heading(t->s, t->len) || numbered_title(t->s, t->len))
		return 2;
	if(ingest_numbered_heading(t->s, t->len))
		return ingest_numbered_heading(t->s, t->len) > 1 ? 3 : 2;
	if(ingest_line_is_step(t->s, t->len))
		return 0;
	if(caps_heading(t->s, t->len))
		return 2;
	if(blank_around && title_words(t->s, t->len, HEAD_TITLE_MAX_WORDS) &&
	   ingest_count_words(t->s, t->len) >= 2)
		return 3;
	return 0;
}

static bool tline_blank(const struct tline *lines, size_t n, size_t j)
{
	return j >= n || !lines[j].len || lines[j].drop;
}

/* A line that is only a web address: a page's footer, never an answer. */
static bool line_is_url(const char *s, size_t len)
{
	/* len first: the line is not NUL-terminated */
	if(len <= 8 || memchr(s, ' ', len))
		return false;
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
	       strncasecmp(s, "www.", 4) == 0;
}

/* Whether an ALL-CAPS heading stands a few short lines above lines[i]
 * (a title block: "WH-120 VENTILATOR" / "with CCP-3 Cabinet" / "OPERATION
 * AND MAINTENANCE MANUAL"): lines[i] is its subtitle. */
static bool caps_after_heading(const struct tline *lines, size_t i)
{
	for(int seen = 0; i > 0 && seen < 3; i--) {
		const struct tline *p = &lines[i - 1];

		if(!p->len || p->drop)
			continue;
		if(p->head && caps_heading(p->s, p->len))
			return !part_heading(p->s, p->len);
		if(p->len > 70 || ingest_is_terminal(p->s[p->len - 1]))
			return false;
		seen++;
	}
	return false;
}

#define TAG_MAX_WORDS 8   /* an entry's tag: "Buns soggy or wet." */
#define TAG_INDENT 3      /* its text set in at least this much deeper */

/* A tag of a list of entries (lines[i]): a short line after a blank one,
 * starting with a capital, with text set in deeper right under it
 * ("Buns soggy or wet." over "     Move the bun damper down ..."). */
static bool entry_tag(const struct tline *lines, size_t n, size_t i)
{
	const struct tline *t = &lines[i];

	if(t->head || t->drop || !t->len || t->len > 60 || !isupper((unsigned char)t->s[0]) ||
	   ingest_count_words(t->s, t->len) > TAG_MAX_WORDS || memchr(t->s, ':', t->len) ||
	   ingest_line_is_step(t->s, t->len) || ingest_line_is_bullet(t->s, t->len) ||
	   ingest_line_code_label(t->s, t->len))
		return false;
	return (i == 0 || tline_blank(lines, n, i - 1)) && !tline_blank(lines, n, i + 1) &&
	       lines[i + 1].indent >= t->indent + TAG_INDENT;
}

/* The line after the entry whose tag is lines[i]: past its text. */
static size_t entry_end(const struct tline *lines, size_t n, size_t i)
{
	size_t j = i + 1;

	while(j < n && !tline_blank(lines, n, j) && lines[j].indent > lines[i].indent)
		j++;
	while(j < n && tline_blank(lines, n, j))
		j++;
	return j;
}

/* A run of two entries or more (entry_tag), each right after the one before:
 * each tag heads a section of its own under the heading above ("8.
 * Troubleshooting by Symptom" > "Buns soggy or wet"). */
static void mark_entries(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		size_t j = i, tags = 0;

		while(j < n && entry_tag(lines, n, j)) {
			tags++;
			j = entry_end(lines, n, j);
		}
		for(size_t k = i; tags >= 2 && k < j; k = entry_end(lines, n, k)) {
			lines[k].head = 3;
			if(lines[k].s[lines[k].len - 1] == '.')
				lines[k].len--;
		}
		if(tags >= 2)
			i = j - 1;
	}
}

void ingest_mark_headings(struct tline *lines, size_t n)
{
	bool top = false;

	for(size_t i = 0; i < n; i++)
		lines[i].drop |= line_is_url(lines[i].s, lines[i].len);
	for(size_t i = 0; i < n; i++) {
		bool around = (i == 0 || tline_blank(lines, n, i - 1)) &&
		              tline_blank(lines, n, i + 1);

		lines[i].head = standalone_heading(&lines[i], around);
		/* a second ALL-CAPS line right under the first is its subtitle
		 * ("WH-120 VENTILATOR" over "OPERATION AND MAINTENANCE MANUAL") */
		if(lines[i].head && caps_heading(lines[i].s, lines[i].len) &&
		   caps_after_heading(lines, i))
			lines[i].head = 0;
		if(lines[i].head == 3 && !ingest_numbered_heading(lines[i].s, lines[i].len) && !top)
			lines[i].head = 2;
		if(lines[i].head == 2)
			top = true;
	}
	mark_entries(lines, n);
}
