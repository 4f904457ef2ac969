/* ingest_layout.h - a manual's layout normalised before it is split.
 *
 * Before the parse, a document's layout is normalised so that what the
 * answers quote is whole: manuals come as Markdown, as text typed by hand and
 * as pdftotext -layout output, with page furniture and columns.
 *  - Page headers and footers ("Model CX-10 Service Manual   Page 12"), page
 *    numbers and table-of-contents lines are dropped (plain text), a
 *    paragraph cut by a page break is joined again, a run of blank lines
 *    (a page break's) is one, and a paragraph of legal small print
 *    (trademarks, copyright, "specifications may change") is dropped.
 *  - (plain text) Two columns of prose side by side (a two-column page) are
 *    read one after the other, not taken for a table.
 *  - Tables, Markdown pipe tables and (plain text) columns laid out with
 *    spaces, become one line per row, "cell: cell" or "cell — Header: cell —
 *    Header: cell", each row a paragraph of its own; a row naming an error
 *    code then opens the code's section like any code line.
 *  - Grid tables ("+----+----+" borders, "| a | b |" lines) too, the lines
 *    between two borders one row; plain text tables may have a rule under
 *    their header ("-----  -----"), which gives the columns' spans (a mark
 *    centred under DAILY is in that column), and go on past a blank line
 *    when the next line fills every column.
 *  - A boxed notice ("| !! WARNING ... |" between "+----+" rules) loses its
 *    frame; rules drawn across the page are blank lines.
 *  - A lone WARNING / CAUTION / DANGER line is joined to the paragraph it
 *    heads, and a warning's wrapped lines to its first line, so the warning
 *    is quoted whole.
 *  - "Step 3: Drain the oil" becomes "3. Drain the oil", a step like any.
 *  - (plain text) A code set off by a gap ("AL-3  Fill timeout") gets a
 *    colon ("AL-3: Fill timeout."), as a code line written with one.
 *  - (plain text) Words hyphenated across a line break are joined (unless
 *    the document writes the compound with its hyphen elsewhere), wrapped
 *    lines of a numbered step or a bullet are joined to it, bullet glyphs
 *    (•, ▪, ...) become "- " and dot leaders become ": ".
 *
 * The passes are modules of their own (ingest_steps, ingest_furniture,
 * ingest_heading, ingest_columns, ingest_table, ingest_pipe); this one
 * cuts the text into lines (struct tline), runs them in order, and writes
 * the lines out, joining what goes on and opening what starts anew.
 */
#ifndef LINELEAD_INGEST_LAYOUT_H
#define LINELEAD_INGEST_LAYOUT_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "result.h"
#include "ingest.h"

/* Writes the normalised text of text[0..len) (format fmt) to out; counts
 * the tables read and the lines dropped in st. */
__attribute__((warn_unused_result))
ll_result ingest_normalise_layout(struct arena *a, const char *text, size_t len,
                                  enum ingest_format fmt, struct buf *out,
                                  struct ingest_chunks *st);

#endif
