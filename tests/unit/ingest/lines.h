/* lines.h - what the ingest passes' unit tests share: a text cut into
 * struct tline as ingest_layout.c cuts it (a form feed is a page break,
 * the indent counted, trailing space trimmed), and the lines a pass kept,
 * joined again, to look for what a manual's reader would see. */
#ifndef LINELEAD_TEST_INGEST_LINES_H
#define LINELEAD_TEST_INGEST_LINES_H

#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "ingest_line.h"

#define L(s) (s), strlen(s)

/* text cut into lines in a; *n gets their number. */
static inline struct tline *lines_of(struct arena *a, const char *text, size_t *n)
{
	size_t len = strlen(text), cap = 1, pos = 0;
	struct tline *lines;

	for(size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	lines = arena_alloc(a, cap * sizeof(*lines));
	*n = 0;
	while(lines && pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos, i = 0, col = 0;
		struct tline *t = &lines[(*n)++];

		memset(t, 0, sizeof(*t));
		pos += ll + (nl ? 1 : 0);
		for(; i < ll && line[i] == '\f'; i++)
			t->brk = true;
		for(; i < ll && (line[i] == ' ' || line[i] == '\t'); i++)
			col += line[i] == '\t' ? 4 : 1;
		t->s = line + i;
		t->len = ll - i;
		t->indent = col;
		while(t->len && (t->s[t->len - 1] == ' ' || t->s[t->len - 1] == '\t'))
			t->len--;
	}
	return lines;
}

/* The lines not dropped, one a line, in b (emptied first). */
static inline const char *kept(struct buf *b, const struct tline *lines, size_t n)
{
	buf_reset(b);
	for(size_t i = 0; i < n; i++)
		if(!lines[i].drop && (buf_append(b, lines[i].s, lines[i].len) ||
		                      buf_append(b, "\n", 1)))
			return "";
	return buf_str(b);
}

/* Is line i's text exactly s? */
static inline bool line_is(const struct tline *lines, size_t i, const char *s)
{
	return lines[i].len == strlen(s) && memcmp(lines[i].s, s, lines[i].len) == 0;
}

#endif
