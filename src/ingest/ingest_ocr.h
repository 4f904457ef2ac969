/* ingest_ocr.h - a scanned page's words (tesseract's TSV: each word with
 * its box) laid out as text the way `pdftotext -layout` lays out a PDF:
 * words of one visual line on one line, each at the column its position
 * gives, blank lines where the page leaves space.  Table columns, wrapped
 * cells and indents then read as they do in a PDF's text (ingest.c).  Pure
 * (unit-tested, fuzzed).
 */
#ifndef LINELEAD_INGEST_OCR_H
#define LINELEAD_INGEST_OCR_H

#include <stddef.h>

#include "buf.h"
#include "result.h"

/* Words of one page at most; the rest of a pathological page is ignored. */
#define INGEST_OCR_MAX_WORDS 20000

/* Appends the layout of one page's TSV (tsv, len bytes) to out.  LL_OK
 * with nothing appended for a page without words; LL_ETOOLARGE past out's
 * limit; LL_ENOMEM. */
__attribute__((warn_unused_result)) ll_result ingest_ocr_layout(const char *tsv, size_t len,
								struct buf *out);

#endif
