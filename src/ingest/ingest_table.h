/* ingest_table.h - tables laid out with spaces, one line a row.
 *
 * pdftotext -layout and text exports draw a table as columns of text set
 * apart by gaps.  ingest_column_table finds one at a line (its columns from
 * the cells' starts, or from a header and its rule), follows it past wrapped
 * cells, blank lines and page furniture, and writes each row as a
 * paragraph (ingest_row.h).  Markdown and grid tables are ingest_pipe.h's.
 */
#ifndef LINELEAD_INGEST_TABLE_H
#define LINELEAD_INGEST_TABLE_H

#include <stddef.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"

/* A table laid out in columns at lines[i..]: returns the number of lines it
 * spans (0 when there is none) and writes its rows to out.  *scanned is set
 * past the lines looked at: no table starts inside them. */
size_t ingest_column_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                           struct buf *out, ll_result *result, size_t *scanned);

#endif
