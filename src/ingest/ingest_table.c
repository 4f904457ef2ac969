/* ingest_table.c - tables laid out with spaces, one line a row (ingest_table.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"
#include "ingest_row.h"
#include "ingest_table.h"

/* A table's columns: where cells start, or (under a header) the span of
 * each header cell or of its rule ("-----"), so that a mark centred under
 * DAILY or a figure set right under PRICE falls in that column. */
struct columns {
	int n;
	size_t lo[TABLE_MAX_COLS * 4], hi[TABLE_MAX_COLS * 4];
};

static int column_of(const struct columns *cols, size_t pos)
{
	for(int k = 0; k < cols->n; k++)
		if(pos + 1 >= cols->lo[k] && pos <= cols->hi[k] + 1)
			return k;
	return -1;
}

static bool column_add(struct columns *cols, size_t lo, size_t hi)
{
	if(cols->n == (int)(sizeof(cols->lo) / sizeof(cols->lo[0])))
		return false;
	cols->lo[cols->n] = lo;
	cols->hi[cols->n] = hi;
	cols->n++;
	return true;
}

static bool cells_fit(const struct cells *c, const struct columns *cols)
{
	for(int i = 0; i < c->n; i++)
		if(column_of(cols, c->pos[i]) < 0)
			return false;
	return true;
}

/* A row of rules under a table's header: "--------  -----  ----". */
static bool cells_are_rule(const struct cells *c)
{
	for(int i = 0; i < c->n; i++)
		if(c->len[i] < 2 || !ingest_line_is_rule(c->s[i], c->len[i]))
			return false;
	return c->n > 0;
}

static bool cell_starts_new(const char *s)
{
	return isupper((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '(' ||
	       (unsigned char)*s >= 0x80;
}

/* A column heading in words a manual uses for one ("Problem", "What to
 * do", "Code", "Meaning"), whatever its case. */
static bool header_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"problem", "symptom", "cause", "possible cause", "remedy", "what to do", "action",
		"solution", "code", "meaning", "item", "value", "description", "fault", "error",
		"display", "check", "specification", "condition", NULL};

	for(int k = 0; words[k]; k++)
		if(strlen(words[k]) == len && strncasecmp(s, words[k], len) == 0)
			return true;
	return false;
}

#define HEADER_GAP 4   /* a cell this near the next header's start is that column's */

/* The first line of a table as its header when it plainly is one (ALL-CAPS
 * cells, cells with a rule row under them, or the words a manual heads its
 * columns with: "Code  Meaning  Action"): cols gets the span of each of its
 * cells, widened to its rule's and on to the next header's start, so that
 * a justified cell's words ("Compartment       temperature") stay in it. */
static void header_spans(const struct tline *lines, size_t i, size_t n, struct columns *cols)
{
	struct cells h, r;
	int m = ingest_split_cells(&lines[i], &h);
	bool caps = true, words = true, rule;

	if(m < 2)
		return;
	for(int k = 0; k < m; k++) {
		if(!ingest_header_cell(h.s[k], h.len[k]))
			return;
		caps &= ingest_all_caps(h.s[k], h.len[k]);
		words &= header_word(h.s[k], h.len[k]);
	}
	rule = i + 1 < n && lines[i + 1].len && ingest_split_cells(&lines[i + 1], &r) == m &&
	       cells_are_rule(&r);
	if(!caps && !rule && !words)
		return;
	for(int k = 0; k < m; k++) {
		size_t lo = h.pos[k], hi = h.pos[k] + ingest_utf8_chars(h.s[k], h.len[k]) - 1;

		if(rule && r.pos[k] < lo)
			lo = r.pos[k];
		if(rule && r.pos[k] + ingest_utf8_chars(r.s[k], r.len[k]) - 1 > hi)
			hi = r.pos[k] + ingest_utf8_chars(r.s[k], r.len[k]) - 1;
		if(k + 1 < m && h.pos[k + 1] > hi + HEADER_GAP + 1)
			hi = h.pos[k + 1] - HEADER_GAP - 1;
		column_add(cols, lo, hi);
	}
}

#define BREAK_LINES 8   /* blank lines and furniture a table may go on past */

/* The first line past the blank lines and dropped furniture at j (at most
 * BREAK_LINES of them); *furniture when some furniture was among them. */
static size_t past_break(const struct tline *lines, size_t j, size_t n, bool *furniture)
{
	size_t k = j;

	*furniture = false;
	while(k < n && k - j < BREAK_LINES && (lines[k].drop || !lines[k].len)) {
		*furniture |= lines[k].drop && lines[k].len;
		k++;
	}
	return k;
}

/* A row broken by a page break: the line after the blank lines and the
 * furniture dropped at j, when it goes on with a cell of the row above
 * (text in a column other than the first, starting in lower case: "ran
 * empty or the generator is scaled" under "...because the reservoir");
 * else 0. */
static size_t row_goes_on(const struct tline *lines, size_t j, size_t n,
                          const struct columns *cols)
{
	struct cells c;
	bool furniture;
	size_t k = past_break(lines, j, n, &furniture);

	if(!furniture || k >= n || lines[k].head || ingest_split_cells(&lines[k], &c) == 0 ||
	   !cells_fit(&c, cols) || column_of(cols, c.pos[0]) <= 0 ||
	   !islower((unsigned char)c.s[0][0]))
		return 0;
	return k;
}

/* Where a table goes on after the blank lines (or page furniture) at j: the
 * next line when it has a cell in each of the table's columns and is no
 * heading ("Dishes come out   Wash arms clogged   Remove the arms" after a
 * blank line between two problems; "Capacity   10 pans" under a table of
 * three columns starts another table); n when the table ends there. */
static size_t table_resumes(const struct tline *lines, size_t j, size_t n,
                            const struct columns *cols)
{
	struct cells c;
	bool furniture;
	size_t k = row_goes_on(lines, j, n, cols);

	if(k)
		return k;
	k = past_break(lines, j, n, &furniture);
	if(k >= n || lines[k].drop || !lines[k].len ||
	   ingest_line_is_text_heading(lines[k].s, lines[k].len) ||
	   ingest_split_cells(&lines[k], &c) != cols->n || !cells_fit(&c, cols) ||
	   cells_are_rule(&c))
		return n;
	return k;
}

/* Where the widest text or rule of each of the table's columns ends (in
 * characters, past its end): a wrapped cell's lines reach about as far. */
static void column_widths(const struct tline *lines, size_t i, size_t end,
                          const struct columns *cols, size_t widest[TABLE_MAX_COLS])
{
	struct cells c;

	for(int k = 0; k < TABLE_MAX_COLS; k++)
		widest[k] = 0;
	for(size_t j = i; j < end; j++) {
		if(lines[j].drop || !lines[j].len || !ingest_split_cells(&lines[j], &c) ||
		   !cells_fit(&c, cols))
			continue;
		for(int m = 0; m < c.n; m++) {
			int k = column_of(cols, c.pos[m]);
			size_t e = c.pos[m] + ingest_utf8_chars(c.s[m], c.len[m]);

			if(k < TABLE_MAX_COLS && e > widest[k])
				widest[k] = e;
		}
	}
}

/* For a line under a code's row that leaves the first column empty and
 * starts a phrase in each of its cells: the columns (a bit each) where it
 * does not go on with the text above as a wrapped cell does, but adds a
 * phrase of its own (a second cause): the line right above has no text
 * there, or text that ends short enough to have taken the cell's first
 * word before the next column (the last column: before its widest text's
 * end).  A wrapped line ("Rinse under 180 F (82 C)" over "After 3 cycles
 * the unit stops.") has none. */
static unsigned row_room(const struct cells *c, const struct columns *cols,
                         const size_t above[TABLE_MAX_COLS], const size_t widest[TABLE_MAX_COLS])
{
	unsigned room = 0;

	for(int m = 0; m < c->n; m++) {
		int k = column_of(cols, c->pos[m]);
		size_t w = 0, edge;

		if(k < 0 || k >= TABLE_MAX_COLS)
			continue;
		edge = widest[k];
		if(k + 1 < cols->n && cols->lo[k + 1] > edge + 2)
			edge = cols->lo[k + 1] - 2;
		while(w < c->len[m] && c->s[m][w] != ' ')
			w++;
		if(!above[k] || above[k] + 1 + ingest_utf8_chars(c->s[m], w) <= edge)
			room |= 1u << k;
	}
	return room;
}

/* The table's first line as its header when each of the columns has a cell
 * that reads as one (ALL-CAPS too for two columns, "Capacity  10 pans" being
 * a row): head gets them, by position, or in_order when the header's words
 * stand over their columns rather than at their starts. */
static bool table_header(const struct cells *c, const struct columns *cols, bool in_order,
                         struct row *head, ll_result *result)
{
	bool header = c->n == cols->n;

	for(int k = 0; k < c->n && header; k++)
		header = ingest_header_cell(c->s[k], c->len[k]) &&
		         (cols->n > 2 || ingest_all_caps(c->s[k], c->len[k]) ||
		          header_word(c->s[k], c->len[k]));
	for(int k = 0; k < c->n && header && !*result; k++) {
		int col = in_order ? k : column_of(cols, c->pos[k]);

		*result = buf_append(&head->cell[col], c->s[k], c->len[k]);
	}
	return header;
}

/* The rows of a table in columns (lines[i..end)) to out, one paragraph a
 * row (ingest_row_emit).  A line goes on with the open row unless it opens one:
 * text in the first column that starts a phrase, unless the cells beside
 * it go on with the row's ("(under 15 psi)" beside "should read 15 to 25
 * psi"), or a sub-row: several cells, each starting a phrase, the first
 * empty (a second cause under the same symptom).  Under a code there is no
 * sub-row: the code's row is the code's answer, and such a line is as often
 * its cells wrapping ("Turn the thermostat to 185 F." over "Wait 15
 * minutes."), so it joins the row, with "; " where it adds a phrase of its
 * own (row_room: "Drain clogged; Pump failed").  above[] holds where the
 * text of each column ends on the row's last line. */
static ll_result table_rows(const struct tline *lines, size_t i, size_t end,
                            const struct columns *cols, bool head_in_order, const char *doc,
                            size_t doclen, struct buf *out)
{
	struct cells c;
	struct row row, head;
	size_t above[TABLE_MAX_COLS] = {0}, widest[TABLE_MAX_COLS];
	bool has_head = false, row_open = false;
	ll_result result = LL_OK;

	column_widths(lines, i, end, cols, widest);
	ingest_row_init(&row, doc, doclen);
	ingest_row_init(&head, doc, doclen);
	for(size_t j = i; j < end && !result; j++) {
		int m, col0, filled = 0;
		bool fits, fresh, sub, item, all_new = true, wraps = false;
		unsigned room = 0;

		if(lines[j].drop || !lines[j].len) {
			size_t k = row_open ? row_goes_on(lines, j, end, cols) : 0;

			if(k) {
				j = k - 1;    /* the row goes on past the page break */
				continue;
			}
			/* a blank line ends a row */
			if(row_open)
				result = ingest_row_emit(out, &row, cols->n, &head, has_head);
			row_open = false;
			memset(above, 0, sizeof(above));
			continue;
		}
		m = ingest_split_cells(&lines[j], &c);
		fits = m && cells_fit(&c, cols) && !cells_are_rule(&c);
		/* a header over its columns does not fit them: its cells go in order */
		if(j == i && (fits || head_in_order) &&
		   (has_head = table_header(&c, cols, head_in_order, &head, &result)))
			continue;
		if(!fits)
			continue;
		col0 = column_of(cols, c.pos[0]);
		/* the cells that open a column (a justified cell's words share one) */
		for(int k = 0, last = -1; k < m; k++) {
			int col = column_of(cols, c.pos[k]);

			if(col == last)
				continue;
			filled++;
			all_new &= cell_starts_new(c.s[k]);
			wraps |= k > 0 && islower((unsigned char)c.s[k][0]);
			last = col;
		}
		sub = col0 > 0 && filled >= 2 && all_new;
		item = sub && row_open && ingest_cell_is_code(&row.cell[0]);
		if(item)
			room = row_room(&c, cols, above, widest);
		/* a lower-case cell beside a new first cell wraps the row above,
		 * unless the line fills every column ("Beef patties  160 °F  humid") */
		fresh = !row_open ||
		        (col0 == 0 && cell_starts_new(c.s[0]) && (!wraps || filled == cols->n)) ||
		        (sub && !item);
		if(fresh && row_open)
			result = ingest_row_emit(out, &row, cols->n, &head, has_head);
		if(fresh)
			ingest_row_clear(&row, col0 == 0 ? 0 : 1);
		row_open = true;
		memset(above, 0, sizeof(above));
		for(int k = 0; k < m && !result; k++) {
			int col = column_of(cols, c.pos[k]);
			struct buf *b = &row.cell[col];

			if(item && (room & 1u << col) && b->len &&
			   !ingest_is_terminal(b->data[b->len - 1]))
				result = buf_appends(b, ";");
			if(!result)
				result = ingest_cell_add(&row, col, c.s[k], c.len[k]);
			above[col] = c.pos[k] + ingest_utf8_chars(c.s[k], c.len[k]);
		}
	}
	if(!result && row_open)
		result = ingest_row_emit(out, &row, cols->n, &head, has_head);
	ingest_row_free(&row);
	ingest_row_free(&head);
	return result;
}

/* The columns of the table from line i: the cell starts of the lines that
 * have several, to the end of the table (*end); false when fewer than two
 * lines have several cells or a column starts a cell in fewer than two
 * lines (prose with a wide gap, not a table). */
static bool find_columns(const struct tline *lines, size_t i, size_t n, struct columns *cols,
                         size_t *end)
{
	struct cells c;
	int multi = 0;

	*end = i;
	for(size_t j = i; j < n && j - i < 400; j++) {
		int m;

		if(j > i && lines[j].head)
			break;
		if(lines[j].drop || !lines[j].len) {
			size_t k = table_resumes(lines, j, n, cols);

			if(k >= n)
				break;
			j = k - 1;
			continue;
		}
		m = ingest_split_cells(&lines[j], &c);
		if(m == 0)
			break;
		if(m >= 2) {
			for(int k = 0; k < m; k++)
				if(column_of(cols, c.pos[k]) < 0 &&
				   !column_add(cols, c.pos[k], c.pos[k]))
					return false;
			multi += !cells_are_rule(&c);
		} else if(cols->n == 0 || column_of(cols, c.pos[0]) < 0)
			break;
		*end = j + 1;
	}
	if(multi < 2 || cols->n > TABLE_MAX_COLS)
		return false;
	/* in order of position */
	for(int a = 1; a < cols->n; a++)
		for(int b = a; b > 0 && cols->lo[b - 1] > cols->lo[b]; b--) {
			size_t lo = cols->lo[b], hi = cols->hi[b];

			cols->lo[b] = cols->lo[b - 1];
			cols->hi[b] = cols->hi[b - 1];
			cols->lo[b - 1] = lo;
			cols->hi[b - 1] = hi;
		}
	for(int k = 0; k < cols->n; k++) {
		int seen = 0;

		for(size_t j = i; j < *end; j++)
			if(lines[j].len && !lines[j].drop &&
			   ingest_split_cells(&lines[j], &c) >= 2 && !cells_are_rule(&c))
				for(int m = 0; m < c.n; m++)
					seen += column_of(cols, c.pos[m]) == k;
		if(seen < 2)
			return false;
	}
	return true;
}

/* A header whose words stand over its columns, not at their starts
 * ("Code   Meaning   What to do" over "E-01  LOW WATER. Level below the
 * Press FILL."): the columns come from the rows under it, and its cells,
 * one for each, name them in order. */
static bool columns_under_header(const struct tline *lines, size_t i, size_t n,
                                 struct columns *cols, size_t *end)
{
	struct cells h;
	int m = ingest_split_cells(&lines[i], &h);

	memset(cols, 0, sizeof(*cols));
	if(m < 2 || i + 1 >= n || !find_columns(lines, i + 1, n, cols, end) || cols->n != m)
		return false;
	for(int k = 0; k < m; k++)
		if(!ingest_header_cell(h.s[k], h.len[k]))
			return false;
	return true;
}

size_t ingest_column_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                           struct buf *out, ll_result *result, size_t *scanned)
{
	struct cells c;
	struct columns cols = {0};
	size_t end = i;
	bool in_order = false;

	*result = LL_OK;
	if(ingest_split_cells(&lines[i], &c) < 2)
		return 0;
	header_spans(lines, i, n, &cols);
	if(!find_columns(lines, i, n, &cols, &end)) {
		*scanned = end;
		if(!(in_order = columns_under_header(lines, i, n, &cols, &end)))
			return 0;
	}
	*scanned = end;
	*result = table_rows(lines, i, end, &cols, in_order, doc, doclen, out);
	return *result ? 0 : end - i;
}
