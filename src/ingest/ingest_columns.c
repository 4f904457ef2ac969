/* ingest_columns.c - two columns of prose read one after the other. */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "result.h"
#include "ingest_columns.h"
#include "ingest_line.h"
#include "ingest_row.h"

/* How line l sits against a column boundary at: 2 when it has text on both
 * sides (*cut = the byte where its right side starts, *words the words of
 * each side), 1 when on one side only (*cut = 0 left, l->len right), 0 for
 * a blank line, -1 when its text runs across the boundary. */
static int column_cut(const struct tline *l, size_t at, size_t *cut, int words[2])
{
	struct cells c;
	int m;

	if(!l->len)
		return 0;
	m = ingest_split_cells(l, &c);
	for(int k = 1; k < m; k++)
		if(c.pos[k] + 1 >= at && c.pos[k] <= at + 1) {
			*cut = (size_t)(c.s[k] - l->s);
			words[0] = ingest_count_words(l->s, *cut);
			words[1] = ingest_count_words(c.s[k], l->len - *cut);
			return 2;
		}
	if(l->indent + 1 >= at) {
		*cut = 0;
		return 1;
	}
	if(l->indent + ingest_utf8_chars(l->s, l->len) + 2 <= at) {
		*cut = l->len;
		return 1;
	}
	return -1;
}

/* The cell of lines[j] (not its first) that starts at column at, within
 * one; -1 for none or a blank or dropped line.  c gets its cells. */
static int cell_at(const struct tline *lines, size_t j, size_t at, struct cells *c)
{
	if(lines[j].drop || !lines[j].len)
		return -1;
	ingest_split_cells(&lines[j], c);
	for(int k = 1; k < c->n; k++)
		if(c->pos[k] + 1 >= at && c->pos[k] <= at + 1)
			return k;
	return -1;
}

/* Whether lines [from, to), cut at column at, are a table whose last column
 * wraps rather than two columns of prose ("A7  LOW PRESSURE  Under 20 psi
 * for 5 s  Open the valve. Clean the", then "during a fill  strainer."):
 * half the lines cut or more hold several cells left of the cut, and a
 * line's left side starts past the margin (its first column empty) where
 * another's inner cell does.  A prose column holding a list ("Voltage
 * 208 V") has cells too, but its lines all start at its margin. */
static bool run_is_table(const struct tline *lines, size_t from, size_t to, size_t at)
{
	struct cells c;
	size_t starts[32], margin = (size_t)-1;
	int ns = 0, cuts = 0, tabled = 0, k;

	for(size_t j = from; j < to; j++) {
		if((k = cell_at(lines, j, at, &c)) < 0)
			continue;
		cuts++;
		tabled += k >= 2;
		for(int m = 1; m < k && ns < 32; m++)
			starts[ns++] = c.pos[m];
		if(lines[j].indent < margin)
			margin = lines[j].indent;
	}
	if(tabled * 2 < cuts)
		return false;
	for(size_t j = from; j < to; j++) {
		if(cell_at(lines, j, at, &c) < 0 || lines[j].indent <= margin + 2)
			continue;
		for(int m = 0; m < ns; m++)
			if(lines[j].indent + 1 >= starts[m] && lines[j].indent <= starts[m] + 1)
				return true;
	}
	return false;
}

/* The run of two prose columns side by side around lines[i] (pdftotext
 * -layout of a two-column page): lines cut at one column *at (taken from
 * lines[i], split in two there) or holding text on one side of it, within
 * one page, not before floor.  Sets [*from, *to) (*to past the lines looked
 * at even when there is no run); false when there is none: fewer than
 * three lines cut, either side holds under five words a line on average
 * (a table's name column, a figure), or the lines are a table whose cells
 * wrap (run_is_table), which must stay on its rows. */
static bool column_run(const struct tline *lines, size_t i, size_t n, size_t floor, size_t *at,
                       size_t *from, size_t *to)
{
	struct cells c;
	int words[2], cuts = 0, left = 0, right = 0;
	size_t cut, j;

	*to = i + 1;
	if(lines[i].drop || !lines[i].len || ingest_split_cells(&lines[i], &c) != 2 ||
	   c.pos[1] < 30)
		return false;
	*at = c.pos[1];
	for(j = i; j < n && (j == i || !lines[j].brk) && !lines[j].drop; j++) {
		int k = column_cut(&lines[j], *at, &cut, words);

		if(k < 0)
			break;
		if(k == 2) {
			cuts++;
			left += words[0];
			right += words[1];
		}
	}
	*to = j;
	j = i;
	while(j > floor && !lines[j].brk && !lines[j - 1].drop &&
	      column_cut(&lines[j - 1], *at, &cut, words) >= 0)
		j--;
	*from = j;
	return cuts >= 3 && left >= 5 * cuts && right >= 5 * cuts &&
	       !run_is_table(lines, *from, *to, *at);
}

ll_result ingest_unzip_columns(struct arena *a, struct tline **lines, size_t *n)
{
	struct tline *in = *lines, *out = NULL;
	size_t o = 0, done = 0, seen = 0;

	/* each line is looked at by one run at most: linear in the lines */
	for(size_t i = 0; i < *n; i++) {
		size_t at, from, to;

		if(!column_run(in, i, *n, seen, &at, &from, &to)) {
			if(to > i + 1)
				seen = i = to - 1;
			continue;
		}
		/* a run of L lines becomes 2 L + 2, and L >= 3 */
		if(!out && !(out = arena_alloc(a, (3 * *n + 2) * sizeof(*out))))
			return LL_ENOMEM;
		memcpy(out + o, in + done, (from - done) * sizeof(*out));
		o += from - done;
		for(int side = 0; side < 2; side++) {
			for(size_t j = from; j < to; j++) {
				struct tline *t = &out[o++];
				int words[2];
				size_t cut = 0;
				int k = column_cut(&in[j], at, &cut, words);

				*t = in[j];
				t->brk = j == from && side == 0 && in[j].brk;
				if(side == 0) {
					t->len = k == 0 ? 0 : cut;
					while(t->len && t->s[t->len - 1] == ' ')
						t->len--;
				} else {
					t->s = in[j].s + cut;
					t->len = k == 0 ? 0 : in[j].len - cut;
					t->indent = k == 2 ? 0
					            : in[j].indent >= at ? in[j].indent - at : 0;
				}
			}
			out[o++] = (struct tline){.s = "", .len = 0};
		}
		i = to - 1;
		done = seen = to;
	}
	if(out) {
		memcpy(out + o, in + done, (*n - done) * sizeof(*out));
		*lines = out;
		*n = o + *n - done;
	}
	return LL_OK;
}
