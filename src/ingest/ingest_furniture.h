/* ingest_furniture.h - page furniture and small print, marked to drop.
 *
 * One job: find what a printed page carries that is never an answer, in
 * plain text (a PDF's text, an export): running headers and footers and
 * lines repeated at page edges, page numbers, contents lines, revision and
 * form lines, and paragraphs of legal small print (trademarks, copyright,
 * "specifications may change").  The passes set tline.drop; a paragraph a
 * page break cut in two is joined again.  Passes of ingest_layout.c.
 */
#ifndef LINELEAD_INGEST_FURNITURE_H
#define LINELEAD_INGEST_FURNITURE_H

#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "ingest_line.h"

/* Drops a paragraph of small print: two marks of it (one in a paragraph
 * of a line or two), in a paragraph of at most 60 words. */
void ingest_drop_small_print(struct tline *lines, size_t n);

/* Page furniture: lines with a page number that repeat, and lines
 * repeated three times or more next to a page break, are dropped. */
__attribute__((warn_unused_result))
ll_result ingest_drop_furniture(struct arena *a, struct tline *lines, size_t n);

/* Page edges of a paginated text (pdftotext, OCR): the first line of a page
 * after the first when it is laid out as a running header, and the last
 * line of a page when it is a revision or form line.  The repeated ones
 * ingest_drop_furniture finds; these come once (a manual of two pages). */
void ingest_drop_page_edges(struct tline *lines, size_t n);

#endif
