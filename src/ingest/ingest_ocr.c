/* ingest_ocr.c - tesseract's word boxes to laid-out text. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_ocr.h"

/* Columns of a laid-out line at most (a page is about 120). */
#define OCR_MAX_COLUMN 400

struct word {
	long left, top, width, height;
	const char *text;
	size_t len;
	int line;     /* the visual line it is on */
	bool aligned; /* it starts where words of other lines start */
	int edge;     /* the table column it starts, -1 for none */
};

/* A column's left edge: where words start after a gap on this many lines. */
#define OCR_COLUMN_LINES 3
/* ... counted within this many lines above and below a word. */
#define OCR_COLUMN_REACH 6
/* Columns of a page at most; words at edges past them are placed as text. */
#define OCR_MAX_EDGES 64

/* The numeric fields and the text of one TSV row (a word: level 5). */
static bool parse_row(const char *s, size_t n, struct word *w)
{
	long f[11];
	const char *p = s, *end = s + n;

	/* the row is not NUL-terminated: numbers read within it only, in tenths:
	 * tesseract's pixels ("412"), pdftotext's points ("337.09") */
	for(int k = 0; k < 11; k++) {
		const char *q = p;
		bool minus = q < end && *q == '-';

		q += minus ? 1 : 0;
		f[k] = 0;
		while(q < end && isdigit((unsigned char)*q) && f[k] < 100000000)
			f[k] = f[k] * 10 + (*q++ - '0');
		f[k] *= 10;
		if(q + 1 < end && *q == '.' && isdigit((unsigned char)q[1]))
			f[k] += q[1] - '0';
		while(q < end && (isdigit((unsigned char)*q) || *q == '.'))
			q++;
		if(q == p + (minus ? 1 : 0) || q >= end || *q != '\t')
			return false;
		f[k] = minus ? -f[k] : f[k];
		p = q + 1;
	}
	while(end > p && (end[-1] == '\r' || end[-1] == ' '))
		end--;
	if(f[0] != 50 || end <= p || f[6] < 0 || f[7] < 0 || f[8] <= 0 || f[9] <= 0)
		return false;
	/* a table's rule read as a letter is no word */
	if(end - p == 1 && (*p == '|' || *p == '!'))
		return false;
	w->left = f[6];
	w->top = f[7];
	w->width = f[8];
	w->height = f[9];
	w->text = p;
	w->len = (size_t)(end - p);
	w->aligned = false;
	w->edge = -1;
	return true;
}

static int by_top(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	return x->top != y->top ? (x->top < y->top ? -1 : 1)
				: (x->left < y->left ? -1 : x->left > y->left);
}

static int by_line_left(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if(x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->left < y->left ? -1 : x->left > y->left;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of a word's width per character and of its height: the
 * page's character cell. */
static void cell_size(const struct word *w, size_t n, long *cw, long *ch)
{
	long *v = malloc(n * sizeof(*v));
	size_t k = 0;

	*cw = 20;
	*ch = 40;
	if(!v)
		return;
	for(size_t i = 0; i < n; i++)
		if(w[i].len >= 3)
			v[k++] = w[i].width / (long)w[i].len;
	if(k) {
		qsort(v, k, sizeof(*v), cmp_long);
		*cw = v[k / 2] > 0 ? v[k / 2] : 1;
	}
	for(size_t i = 0; i < n; i++)
		v[i] = w[i].height;
	qsort(v, n, sizeof(*v), cmp_long);
	*ch = v[n / 2] > 0 ? v[n / 2] : 1;
	free(v);
}

/* Numbers the visual lines: a word within half a line's height of the
 * line's first word is on it.  The words are sorted by top. */
static int group_lines(struct word *w, size_t n, long ch)
{
	int line = 0;
	long line_top = n ? w[0].top : 0;

	for(size_t i = 0; i < n; i++) {
		if(w[i].top - line_top > ch / 2) {
			line++;
			line_top = w[i].top;
		}
		w[i].line = line;
	}
	return line + 1;
}

/* The characters of UTF-8 text s (len bytes), as a line's columns count. */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for(size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static long gap_before(const struct word *w, size_t i)
{
	return w[i].left - (w[i - 1].left + w[i - 1].width);
}

/* Is the gap before w[i] (not first on its line) one between columns:
 * two characters wide before a column's edge, or very wide?  Justified
 * text leaves wide gaps too, but not lined up down the page. */
static bool column_gap(const struct word *w, size_t i, long cw)
{
	long gap = gap_before(w, i);

	return (gap >= 2 * cw && w[i].edge >= 0) || gap >= 4 * cw;
}

static int by_left(const void *a, const void *b)
{
	const struct word *x = *(const struct word *const *)a, *y = *(const struct word *const *)b;

	return x->left < y->left ? -1 : x->left > y->left;
}

/* How many of the lines from..to (of w sorted by line, first[] their first
 * words) have a word that runs across the left edge x, as text runs across
 * a gap that justification left. */
static int crossings(const struct word *w, const size_t *first, int from, int to, long x,
                     long cw)
{
	int n = 0;

	for(int l = from; l <= to; l++)
		for(size_t i = first[l]; i < first[l + 1]; i++)
			if(w[i].left < x - cw / 2 && w[i].left + w[i].width > x + cw / 2) {
				n++;
				break;
			}
	return n;
}

/* Numbers the edges of the aligned words of c (k of them, sorted by
 * left): a new edge more than half a character right of the last one's
 * first word.  Returns how many. */
static int number_edges(struct word **c, size_t k, long cw)
{
	int g = -1;
	long start = 0;

	for(size_t i = 0; i < k; i++) {
		if(!c[i]->aligned)
			continue;
		if(g < 0 || c[i]->left > start + cw / 2) {
			if(g + 1 >= OCR_MAX_EDGES)
				break;
			start = c[i]->left;
			g++;
		}
		c[i]->edge = g;
	}
	return g + 1;
}

/* Finds a table's columns among the words (sorted by line, then left):
 * a left edge within half a character of which words start a line or
 * follow a wide gap (column_gap) on OCR_COLUMN_LINES lines or more near
 * each other, and that the lines between them do not run across.  Sets each such word's
 * edge; returns the number of edges. */
static int mark_columns(struct word *w, size_t n, int lines, long cw)
{
	struct word **c = malloc(n * sizeof(*c));
	size_t *first = malloc(((size_t)lines + 1) * sizeof(*first));
	size_t k = 0;
	int edges = 0;

	if(!c || !first)
		goto out;
	for(size_t i = 0, l = 0; i < n; i++) {
		while(l <= (size_t)w[i].line)
			first[l++] = i;
		if(i == 0 || w[i].line != w[i - 1].line || gap_before(w, i) >= 2 * cw)
			c[k++] = &w[i];
	}
	first[lines] = n;
	qsort(c, k, sizeof(*c), by_left);
	for(size_t i = 0, lo = 0, hi = 0; i < k; i++) {
		int top = c[i]->line, bottom = c[i]->line, near = 0;

		while(c[lo]->left < c[i]->left - cw / 2)
			lo++;
		while(hi < k && c[hi]->left <= c[i]->left + cw / 2)
			hi++;
		for(size_t j = lo; j < hi; j++) {
			if(abs(c[j]->line - c[i]->line) > OCR_COLUMN_REACH)
				continue;
			near++;
			top = c[j]->line < top ? c[j]->line : top;
			bottom = c[j]->line > bottom ? c[j]->line : bottom;
		}
		c[i]->aligned = near >= OCR_COLUMN_LINES &&
		                crossings(w, first, top, bottom, c[i]->left, cw) * 4 < near;
	}
	edges = number_edges(c, k, cw);
out:
	free(first);
	free(c);
	return edges;
}

/* The column w[i] is written at, its line written up to col: one space
 * after the word before it unless a column gap sets it off; then at its
 * edge's column (pos) or its place on the page, two spaces at least past
 * the cell before it. */
static size_t place(const struct word *w, size_t i, bool first, size_t col, long cw, long margin,
                    const long *pos)
{
	long want = (w[i].left - margin + cw / 2) / cw;

	if(!first && !column_gap(w, i, cw))
		return col + 1;
	if(w[i].edge >= 0)
		want = pos[w[i].edge];
	if(want > OCR_MAX_COLUMN)
		want = OCR_MAX_COLUMN;
	if(!first && (size_t)want < col + 2)
		return col + 2;
	return (size_t)want;
}

/* Each edge's column: where the page puts it, moved right until no line's
 * cell before it comes closer than two spaces, so a column's words line up
 * down the page as its cells do. */
static void place_edges(const struct word *w, size_t n, long cw, long margin, int edges,
                        long *pos)
{
	for(int g = 0; g < edges; g++)
		pos[g] = -1;
	for(size_t i = 0; i < n; i++)
		if(w[i].edge >= 0 && pos[w[i].edge] < 0)
			pos[w[i].edge] = (w[i].left - margin + cw / 2) / cw;
	for(int round = 0; round <= edges; round++) {
		bool moved = false;
		size_t col = 0;

		for(size_t i = 0; i < n; i++) {
			bool first = i == 0 || w[i].line != w[i - 1].line;
			size_t at = place(w, i, first, first ? 0 : col, cw, margin, pos);

			if(!first && w[i].edge >= 0 && column_gap(w, i, cw) &&
			   (long)at > pos[w[i].edge] && at <= OCR_MAX_COLUMN) {
				pos[w[i].edge] = (long)at;
				moved = true;
			}
			col = at + chars(w[i].text, w[i].len);
		}
		if(!moved)
			break;
	}
}

/* Is the line that starts at w[i] a table's row: cells set off by a
 * column gap, or one cell at a column right of the margin? */
static bool row_of_cells(const struct word *w, size_t n, size_t i, long cw, long margin)
{
	if(w[i].edge >= 0 && w[i].left > margin + 2 * cw)
		return true;
	for(size_t k = i + 1; k < n && w[k].line == w[i].line; k++)
		if(column_gap(w, k, cw))
			return true;
	return false;
}

/* Writes the words (sorted by line, then left) laid out: each at its
 * column (place), a blank line where the page leaves more than half a line
 * of space, except less than a line's between two rows of a table (a blank
 * line would end the table). */
static ll_result write_lines(const struct word *w, size_t n, long cw, long ch, int edges,
                             struct buf *out)
{
	long margin = w[0].left, bottom = -1, pos[OCR_MAX_EDGES];
	size_t col = 0;
	bool cells, row_above;
	ll_result result = LL_OK;

	for(size_t i = 1; i < n; i++)
		margin = w[i].left < margin ? w[i].left : margin;
	place_edges(w, n, cw, margin, edges, pos);
	cells = row_of_cells(w, n, 0, cw, margin);
	for(size_t i = 0; i < n && !result; i++) {
		bool first = i == 0 || w[i].line != w[i - 1].line;
		size_t want;

		if(first && i > 0) {
			row_above = cells;
			cells = row_of_cells(w, n, i, cw, margin);
			result = buf_append(out, "\n", 1);
			if(!result && w[i].top - bottom > ch / 2 &&
			   !(cells && row_above && w[i].top - bottom <= ch))
				result = buf_append(out, "\n", 1);
			bottom = -1;
			col = 0;
		}
		want = place(w, i, first, col, cw, margin, pos);
		for(; !result && col < want; col++)
			result = buf_append(out, " ", 1);
		if(!result)
			result = buf_append(out, w[i].text, w[i].len);
		col += chars(w[i].text, w[i].len);
		if(w[i].top + w[i].height > bottom)
			bottom = w[i].top + w[i].height;
	}
	if(!result)
		result = buf_append(out, "\n", 1);
	return result;
}

ll_result ingest_ocr_layout(const char *tsv, size_t len, struct buf *out)
{
	struct word *w = malloc(INGEST_OCR_MAX_WORDS * sizeof(*w));
	size_t n = 0;
	long cw, ch;
	int lines, edges;
	ll_result result = LL_OK;

	if(!w)
		return LL_ENOMEM;
	for(size_t i = 0; i < len && n < INGEST_OCR_MAX_WORDS;) {
		const char *nl = memchr(tsv + i, '\n', len - i);
		size_t row = nl ? (size_t)(nl - tsv - i) : len - i;

		if(parse_row(tsv + i, row, &w[n]))
			n++;
		i += row + 1;
	}
	if(n == 0)
		goto out;
	qsort(w, n, sizeof(*w), by_top);
	cell_size(w, n, &cw, &ch);
	lines = group_lines(w, n, ch);
	qsort(w, n, sizeof(*w), by_line_left);
	edges = mark_columns(w, n, lines, cw);
	result = write_lines(w, n, cw, ch, edges, out);
out:
	free(w);
	return result;
}
