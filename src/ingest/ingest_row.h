/* ingest_row.h - a table's row: its cells, and the row as a paragraph.
 *
 * Every table the layout finds (laid out with spaces: ingest_table.h; pipe
 * and grid tables: ingest_pipe.h) is written the same way, one paragraph a
 * row: "c0: c1" for two columns, "c0 — Header: c1 — Header: c2" for more,
 * a code in the first column opening the code's section.  This module owns
 * struct row (the cells of one row, each a struct buf the row owns:
 * ingest_row_init / ingest_row_free) and struct cells (the cells of one
 * laid-out line, cut at its layout gaps: borrowed from the line).
 */
#ifndef LINELEAD_INGEST_ROW_H
#define LINELEAD_INGEST_ROW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"

/* The most columns a table has (a line of more cells is no table row) and
 * the most bytes a cell holds. */
#define TABLE_MAX_COLS 8
#define CELL_MAX 2048

/* The cells of one laid-out line (ingest_split_cells), borrowed from it. */
struct cells {
	int n;
	size_t pos[TABLE_MAX_COLS];    /* start column, in characters */
	const char *s[TABLE_MAX_COLS];
	size_t len[TABLE_MAX_COLS];
};

/* One row being read: each cell a buffer the row owns (ingest_row_init,
 * ingest_row_free).  doc: the whole document, for the hyphen rule of
 * ingest_wrap_hyphen. */
struct row {
	struct buf cell[TABLE_MAX_COLS];
	const char *doc;
	size_t doclen;
};

/* Cuts a line at gaps of 3+ spaces, or 2 not after a sentence's end.
 * Returns the number of cells (0 when over TABLE_MAX_COLS). */
int ingest_split_cells(const struct tline *l, struct cells *c);

/* A row of TABLE_MAX_COLS empty cells of doc (doclen bytes); ingest_row_free
 * frees it. */
void ingest_row_init(struct row *r, const char *doc, size_t doclen);

/* Whether a first cell is an error code ("E22", "AL-3", "F3"): a row of a
 * code table. */
bool ingest_cell_is_code(const struct buf *b);

/* Frees the cells of r. */
void ingest_row_free(struct row *r);

/* Empties the cells of r from column from on. */
void ingest_row_clear(struct row *r, int from);

/* Appends text to cell k of r: a word hyphenated at the wrap is joined as
 * prose's is (ingest_wrap_hyphen: "clean-" "ing" -> "cleaning", "re-" "run" ->
 * "re-run"), so a cell reads the same as the paragraph it would be. */
__attribute__((warn_unused_result))
ll_result ingest_cell_add(struct row *r, int k, const char *s, size_t len);

/* A header cell: no digits, at most 4 words, no sentence end. */
bool ingest_header_cell(const char *s, size_t len);

/* One row as a paragraph: "c0: c1" for two columns, else
 * "c0 — H1: c1 — H2: c2" (without headers "c0 — c1 — c2"), appended to out;
 * head holds the header cells when has_head. */
__attribute__((warn_unused_result))
ll_result ingest_row_emit(struct buf *out, struct row *r, int ncols, struct row *head,
                          bool has_head);

#endif
