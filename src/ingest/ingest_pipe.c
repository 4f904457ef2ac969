/* ingest_pipe.c - Markdown pipe tables and grid tables, one line a row. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"
#include "ingest_pipe.h"
#include "ingest_row.h"

/* The cells of a row; with no frame, a pipe at the start closes an empty
 * first cell. */
static int pipe_cells(const char *s, size_t len, const char **cs, size_t *cl, int max,
                      bool framed)
{
	size_t i = 0;
	int n = 0;

	if(framed && len && s[0] == '|')
		i = 1;
	while(i < len) {
		size_t start = i, a, b;

		while(i < len && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\')))
			i++;
		a = start;
		b = i;
		while(a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while(b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if(i >= len && a == b)
			break;              /* after the closing pipe */
		if(n == max)
			return 0;
		cs[n] = s + a;
		cl[n] = b - a;
		n++;
		i++;
	}
	return n;
}

bool ingest_pipe_separator(const char *s, size_t len)
{
	bool dash = false;

	for(size_t i = 0; i < len; i++) {
		if(s[i] == '-')
			dash = true;
		else if(s[i] != '|' && s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return dash;
}

bool ingest_grid_border(const char *s, size_t len)
{
	int plus = 0;

	if(len < 5 || s[0] != '+' || s[len - 1] != '+')
		return false;
	for(size_t i = 0; i < len; i++) {
		if(s[i] != '+' && s[i] != '-' && s[i] != '=' && s[i] != ':')
			return false;
		plus += s[i] == '+';
	}
	return plus >= 3;
}

/* Whether a border rules off each row of the grid table at lines[i]: more
 * borders than the top, the one under the header and the bottom. */
static bool rows_ruled(const struct tline *lines, size_t i, size_t n)
{
	int borders = 0;

	for(size_t j = i; j < n && lines[j].len && (lines[j].s[0] == '|' ||
	                                             lines[j].s[0] == '+'); j++)
		borders += ingest_grid_border(lines[j].s, lines[j].len);
	return borders > 3;
}

/* A grid table at lines[i] (a border, then rows of "| a | b |" lines): the
 * lines between two borders are one row, their cells joined, so a cell
 * wrapped over lines is whole.  When no border rules the rows off, a code
 * (which never wraps) is followed by another row's first cell ("| F1 |
 * Tank did not fill" over "|    | 5 minutes" over "| F2 | ..."), the
 * next row starts there.  The first
 * row is the header when a "+===+" border closes it, or when its cells
 * read like headers.  Returns the number of lines it spans, 0 when there
 * is none. */
static size_t grid_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                         struct buf *out, ll_result *result)
{
	const char *cs[TABLE_MAX_COLS];
	size_t cl[TABLE_MAX_COLS], j;
	struct row row, head;
	bool has_head = false, open = false, first = true, heads = true, ruled;
	int ncols = 0;

	*result = LL_OK;
	if(i + 1 >= n || !lines[i + 1].len || lines[i + 1].s[0] != '|')
		return 0;
	ruled = rows_ruled(lines, i, n);
	ingest_row_init(&row, doc, doclen);
	ingest_row_init(&head, doc, doclen);
	for(j = i; j < n && !*result && lines[j].len; j++) {
		const struct tline *t = &lines[j];
		int m;

		if(ingest_grid_border(t->s, t->len)) {
			if(open && first && (memchr(t->s, '=', t->len) || heads)) {
				for(int k = 0; k < ncols && !*result; k++) {
					const struct buf *c = &row.cell[k];

					*result = buf_append(&head.cell[k], c->data ? c->data : "",
					                     c->len);
				}
				has_head = true;
			} else if(open)
				*result = ingest_row_emit(out, &row, ncols, &head, has_head);
			first &= !open;
			open = false;
			ingest_row_clear(&row, 0);
			continue;
		}
		m = t->s[0] == '|' ? pipe_cells(t->s, t->len, cs, cl, TABLE_MAX_COLS, true) : 0;
		if(m == 0)
			break;
		if(m > ncols)
			ncols = m;
		if(open && !ruled && cl[0] && ingest_cell_is_code(&row.cell[0])) {
			*result = ingest_row_emit(out, &row, ncols, &head, has_head);
			ingest_row_clear(&row, 0);
		}
		for(int k = 0; k < m && !*result; k++)
			if(cl[k]) {
				*result = ingest_cell_add(&row, k, cs[k], cl[k]);
				heads &= ingest_header_cell(row.cell[k].data, row.cell[k].len);
			}
		open = true;
	}
	if(!*result && open)
		*result = ingest_row_emit(out, &row, ncols, &head, has_head);
	ingest_row_free(&row);
	ingest_row_free(&head);
	return *result || ncols == 0 ? 0 : j - i;
}

/* A separator row of a table with no frame: dashes cut by '+' or '|'
 * ("-----+---------+-----", "---- | ----"), not starting with either. */
static bool bare_separator(const struct tline *t)
{
	bool dash = false, cut = false;

	if(!t->len || t->s[0] == '|' || t->s[0] == '+')
		return false;
	for(size_t i = 0; i < t->len; i++) {
		dash |= t->s[i] == '-';
		cut |= t->s[i] == '+' || t->s[i] == '|';
		if(!strchr("-+|: \t", t->s[i]))
			return false;
	}
	return dash && cut;
}

bool ingest_pipe_bare_separator(const struct tline *lines, size_t i)
{
	return i > 0 && bare_separator(&lines[i]) && lines[i - 1].len &&
	       memchr(lines[i - 1].s, '|', lines[i - 1].len);
}

/* A line of the table: framed ("| a | b |") or, in a table with no frame,
 * any line with a pipe ("F-01 | Sensor open | Call service"). */
static bool pipe_row(const struct tline *t, bool framed)
{
	if(!t->len)
		return false;
	return framed ? t->s[0] == '|' : memchr(t->s, '|', t->len) != NULL;
}

size_t ingest_pipe_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                         struct buf *out, ll_result *result)
{
	const char *cs[TABLE_MAX_COLS];
	size_t cl[TABLE_MAX_COLS];
	struct row row, head;
	bool has_head = false, open = false, framed;
	size_t j = i;
	int ncols = 0;

	*result = LL_OK;
	if(lines[i].len && ingest_grid_border(lines[i].s, lines[i].len))
		return grid_table(lines, i, n, doc, doclen, out, result);
	framed = lines[i].len && lines[i].s[0] == '|';
	/* with no frame, only under a header and its separator row */
	if(!pipe_row(&lines[i], framed) ||
	   (!framed && (i + 1 >= n || !bare_separator(&lines[i + 1]))))
		return 0;
	ingest_row_init(&row, doc, doclen);
	ingest_row_init(&head, doc, doclen);
	if(!framed || (i + 1 < n && pipe_row(&lines[i + 1], framed) &&
	               ingest_pipe_separator(lines[i + 1].s, lines[i + 1].len))) {
		ncols = pipe_cells(lines[i].s, lines[i].len, cs, cl, TABLE_MAX_COLS, framed);
		for(int k = 0; k < ncols && !*result; k++)
			*result = buf_append(&head.cell[k], cs[k], cl[k]);
		has_head = ncols > 0;
		j = i + 2;
	}
	/* a row whose first cell is empty goes on with the row above: its
	 * cells wrapped ("F-01 | Sensor open | Press OFF, call" over "     |
	 * | service.") */
	for(; j < n && !*result && pipe_row(&lines[j], framed); j++) {
		int m = pipe_cells(lines[j].s, lines[j].len, cs, cl, TABLE_MAX_COLS, framed);
		bool goes_on = open && m >= 2 && cl[0] == 0;

		if(ingest_pipe_separator(lines[j].s, lines[j].len) || bare_separator(&lines[j]))
			continue;
		if(m > ncols)
			ncols = m;
		if(open && !goes_on)
			*result = ingest_row_emit(out, &row, ncols, &head, has_head);
		if(!goes_on)
			ingest_row_clear(&row, 0);
		for(int k = 0; k < m && !*result; k++)
			if(cl[k])
				*result = ingest_cell_add(&row, k, cs[k], cl[k]);
		open = true;
	}
	if(!*result && open)
		*result = ingest_row_emit(out, &row, ncols, &head, has_head);
	ingest_row_free(&row);
	ingest_row_free(&head);
	if(ncols == 0)
		return 0;
	return *result ? 0 : j - i;
}
