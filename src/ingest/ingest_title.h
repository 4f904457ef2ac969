/* ingest_title.h - a manual's title, from its first lines or its PDF.
 *
 * One job: name a manual that names itself.  A text or PDF manual without
 * a title header names itself on its first lines ("TIDEWELL WAREWASHING
 * SYSTEMS" / "TW-40H DOOR-TYPE DISH MACHINE", a PDF's running header
 * "Kestrel KF-9 Fryer - Service Manual"), or in its PDF Title metadata.
 * That beats the file name the crew would otherwise see in every citation,
 * and title words weigh most in retrieval.  ingest_convert.c chooses among
 * these, the header block and the file name.
 */
#ifndef LINELEAD_INGEST_TITLE_H
#define LINELEAD_INGEST_TITLE_H

#include <stdbool.h>
#include <stddef.h>

/* The title a text manual (or a PDF's text) shows on its first lines: the
 * first non-blank line, and the next when it looks like a title too (maker
 * and model: "TIDEWELL WAREWASHING SYSTEMS — TW-40H DOOR-TYPE DISH
 * MACHINE"), joined by " — "; a line that comes back further on (a running
 * header) alone.  Spaces are made one and a layout column (after a run of
 * three or more, "Page 1 of 2") is cut off.  Sentences, labels ending with
 * ':', numbered sections, page furniture, lines under 4 or over 100 bytes
 * and lines in lower case are not title lines.  Writes out (outlen bytes,
 * cut at a character boundary) and returns true; false when the document
 * does not open with a title. */
bool ingest_title_from_text(const char *text, size_t len, char *out, size_t outlen);

/* Whether t (NUL-terminated) is a PDF Title worth showing: words, not an
 * authoring tool's stand-in ("Microsoft Word - x.docx", "Untitled"). */
bool ingest_title_sensible(const char *t);

/* The PDF's Title metadata (`pdfinfo`, ingest_run_tool) into out when it is
 * sensible; false when it is absent, not sensible or pdfinfo fails. */
bool ingest_pdf_title(const char *path, char *out, size_t outlen);

#endif
