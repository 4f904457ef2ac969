/* ingest_pipe.h - Markdown pipe tables and grid tables, one line a row.
 *
 * "| a | b |" rows under a "|---|---|" separator (or "a | b" rows under
 * "---+---", with no frame; a row whose first cell is empty goes on with
 * the row above), and grid tables between
 * "+----+----+" borders (a cell wrapped over lines joined), are written
 * one paragraph a row (ingest_row.h).  The separator and border tests are
 * also what tells a boxed notice from a one-column table (ingest_layout.c).
 */
#ifndef LINELEAD_INGEST_PIPE_H
#define LINELEAD_INGEST_PIPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"

/* A pipe table's separator row: "|---|:---:|", "--- | ---". */
bool ingest_pipe_separator(const char *s, size_t len);

/* Whether lines[i] is the separator row of a table with no frame: dashes
 * cut by '+' or '|' ("-----+------+----") under a line with a pipe. */
bool ingest_pipe_bare_separator(const struct tline *lines, size_t i);

/* The border of a grid table ("+------+-------+", "+======+=======+"):
 * a rule with a '+' at each column edge. */
bool ingest_grid_border(const char *s, size_t len);

/* A pipe table (its first row the header when a separator row follows it)
 * or a grid table at lines[i], its rows written to out (doc: the whole text,
 * for ingest_cell_add's hyphen rule).  Returns the number of lines it
 * spans, 0 when there is none or on an error (*result). */
size_t ingest_pipe_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                         struct buf *out, ll_result *result);

#endif
