/* ingest_columns.h - two columns of prose read one after the other.
 *
 * A two-column page comes out of pdftotext -layout as lines holding both
 * columns side by side.  ingest_unzip_columns finds such runs (a boundary
 * that most lines cut at, prose on both sides: not a table) and rewrites
 * each as its left column, a blank line, then its right column.  The new
 * array of lines is in the arena.
 */
#ifndef LINELEAD_INGEST_COLUMNS_H
#define LINELEAD_INGEST_COLUMNS_H

#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "ingest_line.h"

/* Two columns of prose read one after the other: each run of column_run
 * becomes its left column's lines, a blank line, then its right column's,
 * in a new array (in the arena) of *n lines. */
__attribute__((warn_unused_result))
ll_result ingest_unzip_columns(struct arena *a, struct tline **lines, size_t *n);

#endif
