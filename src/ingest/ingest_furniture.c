/* ingest_furniture.c - page furniture and small print, marked to drop. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "result.h"
#include "ingest_furniture.h"
#include "ingest_row.h"
#include "ingest_line.h"

/* The line with digits as '#' and runs of spaces as one: page furniture
 * repeats in this form. */
static size_t line_key(const char *s, size_t len, char *out, size_t outlen)
{
	size_t o = 0;

	for(size_t i = 0; i < len && o + 1 < outlen; i++) {
		if(isdigit((unsigned char)s[i])) {
			if(o == 0 || out[o - 1] != '#')
				out[o++] = '#';
		} else if(s[i] == ' ' || s[i] == '\t') {
			if(o && out[o - 1] != ' ')
				out[o++] = ' ';
		} else
			out[o++] = (char)tolower((unsigned char)s[i]);
	}
	out[o] = '\0';
	return o;
}

struct keyed {
	const char *key;
	size_t idx;
};

static int keyed_cmp(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Legal small print a manufacturer prints on its back page or under a
 * table ("CX-10 is a trademark of Vantera. Specifications may change
 * without notice.", "© 2025 Kestrel Inc. All rights reserved."): never
 * an answer, yet it names the model, so it would be quoted as one.
 * Returns how many kinds of it the line shows (a kind may be written two
 * ways, "may change without" for a line that wraps before "notice"). */
static int boilerplate_marks(const char *s, size_t len)
{
	static const char *const kinds[][2] = {
		{"trademark", NULL}, {"all rights reserved", NULL}, {"copyright", "\xc2\xa9"},
		{"without notice", "may change without"}, {"subject to change", NULL},
		{"printed in ", NULL},
	};
	char low[512];
	int found = 0;

	if(len >= sizeof(low))
		len = sizeof(low) - 1;
	for(size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	for(size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		found += strstr(low, kinds[k][0]) != NULL ||
		         (kinds[k][1] && strstr(low, kinds[k][1]) != NULL);
	return found;
}

void ingest_drop_small_print(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n;) {
		size_t j = i, nlines = 0;
		int marks = 0, words = 0;

		if(!lines[i].len || lines[i].drop) {
			i++;
			continue;
		}
		while(j < n && lines[j].len && !lines[j].drop && (j == i || !lines[j].brk)) {
			marks += boilerplate_marks(lines[j].s, lines[j].len);
			words += ingest_count_words(lines[j].s, lines[j].len);
			nlines++;
			j++;
		}
		if(words <= 60 && (marks >= 2 || (marks == 1 && nlines <= 2 && words <= 15)))
			for(size_t k = i; k < j; k++)
				lines[k].drop = true;
		i = j;
	}
}

/* How often each line's key (line_key) occurs in the text: count[i] for
 * lines[i], 0 for a line without a key; NULL when out of memory. */
static int *furniture_counts(struct arena *a, const struct tline *lines, size_t n)
{
	char **keys = arena_alloc(a, (n ? n : 1) * sizeof(*keys));
	int *count = arena_alloc(a, (n ? n : 1) * sizeof(*count));
	struct keyed *order = arena_alloc(a, (n ? n : 1) * sizeof(*order));

	if(!keys || !count || !order)
		return NULL;
	for(size_t i = 0; i < n; i++) {
		char k[160];

		line_key(lines[i].s, lines[i].len < 200 ? lines[i].len : 0, k, sizeof(k));
		keys[i] = arena_strdup(a, k);
		if(!keys[i])
			return NULL;
		count[i] = 0;
	}
	for(size_t i = 0; i < n; i++) {
		order[i].key = keys[i];
		order[i].idx = i;
	}
	qsort(order, n, sizeof(*order), keyed_cmp);
	for(size_t i = 0; i < n;) {
		size_t j = i;

		while(j < n && strcmp(order[j].key, order[i].key) == 0)
			j++;
		for(size_t k = i; k < j; k++)
			count[order[k].idx] = order[i].key[0] ? (int)(j - i) : 0;
		i = j;
	}
	return count;
}

/* Whether lines[i] is the first line of a page or the last before a break
 * (blank lines between do not count). */
static bool line_at_page_edge(const struct tline *lines, size_t n, size_t i)
{
	size_t j = i;
	bool edge = false;

	if(lines[i].brk || i == 0)
		return true;
	while(j > 0 && !lines[j - 1].len && !lines[j - 1].brk)
		j--;
	if(j > 0 && lines[j - 1].brk && !lines[j - 1].len)
		edge = true;
	for(j = i + 1; j < n && !lines[j].len && !lines[j].brk; j++)
		;
	if(j >= n || lines[j].brk)
		edge = true;
	return edge;
}

/* Marks tables of contents, page numbers that repeat (or stand alone at a
 * page's edge) and lines repeated three times or more at a page's edge;
 * whether any page furniture was marked (a table of contents is not). */
static bool mark_furniture(struct tline *lines, size_t n, const int *count)
{
	bool any_drop = false;

	for(size_t i = 0; i < n; i++) {
		struct tline *t = &lines[i];
		bool pure, edge;

		if(!t->len)
			continue;
		if(ingest_line_is_toc(t->s, t->len)) {
			t->drop = true;
			continue;
		}
		edge = line_at_page_edge(lines, n, i);
		if(ingest_line_has_page_number(t->s, t->len, &pure) &&
		   (count[i] >= 2 || (pure && edge)))
			t->drop = any_drop = true;
		else if(count[i] >= 3 && edge && !ingest_line_is_step(t->s, t->len) &&
		        !ingest_line_is_bullet(t->s, t->len))
			t->drop = any_drop = true;
	}
	return any_drop;
}

/* The next line with text or a page break from i in direction dir (-1 or
 * 1); i itself at either end of the text. */
static size_t furniture_neighbour(const struct tline *lines, size_t n, size_t i, int dir)
{
	size_t j = i;

	for(;;) {
		if((dir < 0 && j == 0) || (dir > 0 && j + 1 >= n))
			break;
		j = (size_t)((long)j + dir);
		if(lines[j].len || lines[j].brk)
			break;
	}
	return j;
}

/* A repeated line next to a dropped one is furniture too. */
static void drop_furniture_neighbours(struct tline *lines, size_t n, const int *count)
{
	for(size_t i = 0; i < n; i++) {
		if(!lines[i].drop || !lines[i].len)
			continue;
		for(int dir = -1; dir <= 1; dir += 2) {
			size_t j = furniture_neighbour(lines, n, i, dir);

			if(j != i && lines[j].len && !lines[j].drop && count[j] >= 3 &&
			   !ingest_line_is_step(lines[j].s, lines[j].len))
				lines[j].drop = true;
		}
	}
}

/* A page break inside a paragraph: the blank lines between the two halves
 * are dropped too, so that they join. */
static void join_split_paragraphs(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		size_t p, q;
		bool gap = false;

		if(!lines[i].drop)
			continue;
		for(p = i; p > 0 && (lines[p].drop || !lines[p].len); p--)
			;
		for(q = i; q < n && (lines[q].drop || !lines[q].len); q++)
			gap |= lines[q].drop;
		if(!gap || q >= n || p >= i || lines[p].drop || !lines[p].len)
			continue;
		if(!ingest_is_terminal(lines[p].s[lines[p].len - 1]) &&
		   islower((unsigned char)lines[q].s[0]))
			for(size_t k = p + 1; k < q; k++)
				lines[k].drop = true;
		i = q;
	}
}

ll_result ingest_drop_furniture(struct arena *a, struct tline *lines, size_t n)
{
	int *count = furniture_counts(a, lines, n);

	if(!count)
		return LL_ENOMEM;
	if(!mark_furniture(lines, n, count))
		return LL_OK;
	drop_furniture_neighbours(lines, n, count);
	join_split_paragraphs(lines, n);
	return LL_OK;
}

/* A page's running header as pdftotext lays it out: two short parts set
 * far apart ("HARLOW HM-20 MIXER          Owner's Manual"). */
static bool header_layout(const struct tline *t)
{
	const char *gap = t->len > 20 ? memmem(t->s, t->len, "        ", 8) : NULL;

	return gap && ingest_count_words(t->s, t->len) <= 12 &&
	       !ingest_is_terminal(t->s[t->len - 1]) &&
	       !ingest_line_is_step(t->s, t->len) && !ingest_line_code_label(t->s, t->len);
}

/* A footer's revision or form line: "Form CT4-COI 11/2019", "Doc. X Rev. B". */
static bool revision_line(const char *s, size_t len)
{
	static const char *const marks[] = {"rev. ", "rev ", "revision ", "form ", "doc. ",
	                                    "publication ", NULL};

	if(ingest_count_words(s, len) > 12)
		return false;
	for(int k = 0; marks[k]; k++)
		for(size_t i = 0; i + strlen(marks[k]) <= len; i++)
			if(strncasecmp(s + i, marks[k], strlen(marks[k])) == 0 &&
			   (i == 0 || s[i - 1] == ' '))
				return true;
	return false;
}

/* Whether the line after lines[i] has cells starting under two of its own:
 * a table's header over its first row, not a page's running header. */
static bool heads_rows(const struct tline *lines, size_t i, size_t n)
{
	struct cells h, r;
	int same = 0;

	if(i + 1 >= n || !lines[i + 1].len || ingest_split_cells(&lines[i], &h) < 2 ||
	   ingest_split_cells(&lines[i + 1], &r) < 2)
		return false;
	for(int k = 0; k < h.n; k++)
		for(int m = 0; m < r.n; m++)
			same += h.pos[k] == r.pos[m];
	return same >= 2;
}

void ingest_drop_page_edges(struct tline *lines, size_t n)
{
	bool paged = false, top = false;

	for(size_t i = 0; i < n; i++)
		paged |= lines[i].brk;
	for(size_t i = 0; paged && i < n; i++) {
		struct tline *t = &lines[i];
		size_t j;

		top |= t->brk;
		if(!t->len || t->drop)
			continue;
		if(top && header_layout(t) && !heads_rows(lines, i, n))
			t->drop = true;
		top = false;
		for(j = i + 1; j < n && !lines[j].len && !lines[j].brk; j++)
			;
		if((j >= n || lines[j].brk) && revision_line(t->s, t->len))
			t->drop = true;
	}
}
