/* ingest.h - manuals into the knowledge base: what every stage shares.
 *
 * A document is Markdown (sections from # to ###### headings, the path
 * "H2 > H3 > H4") or plain text (blank-line paragraphs; ALL-CAPS lines,
 * "Section N" lines and numbered headings like "4.2 Daily Cleaning" are
 * headings; PDFs arrive as plain text through pdftotext -layout).  Files may
 * start with a header block of `title:`, `category:` and `source:` lines
 * ended by a blank line (see the files in kb/).  The document goes through
 * src/ingest/ in this order:
 *
 *   ingest_convert   an upload's bytes to text (ingest_detect: the format;
 *                    ingest_tool: pdftotext and the other tools; ingest_ocr:
 *                    a scan; ingest_title: the title it shows)
 *   ingest_document  the entry point: check, chunk, store in one transaction
 *   ingest_chunk     the parser: ingest_chunk_text, the packing into chunks
 *   ingest_layout    the layout normalised, by the passes of ingest_steps,
 *                    ingest_furniture, ingest_heading, ingest_columns,
 *                    ingest_table and ingest_pipe (tables, rows by ingest_row)
 *   ingest_section   the normalised text into sections of blocks
 *   ingest_line      what one line is (a step, a heading, a code, ...)
 *
 * This header holds what they all share (the format, the header block, the
 * chunks and the document's limits) and this module reads the header block
 * and the category.  All of it is pure (unit-tested).
 */
#ifndef LINELEAD_INGEST_H
#define LINELEAD_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#define INGEST_CHUNK_MAX_WORDS 350
#define INGEST_CHUNK_MIN_WORDS 150
#define INGEST_OVERLAP_MAX_WORDS 40
#define INGEST_TITLE_MAX 200
/* Bounds on one document: a file of nothing but headings (168,836 of them
 * in 8 MiB) took 27 s to store.  The largest real manual makes a few
 * hundred; past these the document is refused (LL_ETOOLARGE, 413). */
#define INGEST_MAX_SECTIONS 5000
#define INGEST_MAX_CHUNKS 10000

enum ingest_format { INGEST_MARKDOWN = 0, INGEST_TEXT };

#define INGEST_MAX_EMERGENCIES 16
#define INGEST_EMERGENCY_LEN 160

/* The header block; empty strings for absent lines.  emergency[] holds the
 * "emergency: <id> | <section heading>" lines (sql/006), as written. */
struct ingest_meta {
	char title[INGEST_TITLE_MAX + 1];
	char category[16];
	char source[512];
	char emergency[INGEST_MAX_EMERGENCIES][INGEST_EMERGENCY_LEN];
	int nemergency;
};

struct ingest_chunk {
	const char *section;   /* heading path, e.g. "Cleaning > Daily"; "" when none */
	const char *body;
	int words;
};

struct ingest_chunks {
	struct ingest_chunk *items;    /* in the arena */
	size_t count;
	int sections;                  /* sections that hold text */
	int tables;                    /* tables read, each row made its own line */
	int dropped_lines;             /* page furniture, contents lines, small print */
};

/* s (len bytes) without the spaces around it into dst, cut to fit dstlen. */
void ingest_copy_trimmed(char *dst, size_t dstlen, const char *s, size_t len);

/* Reads the header block at the start of text (len bytes): fills *meta and
 * sets *body_off to where the document proper starts (0 without a header). */
void ingest_parse_header(const char *text, size_t len, struct ingest_meta *meta, size_t *body_off);

/* True for a category documents accept. */
bool ingest_category_valid(const char *category);

/* The category of a document that names none: "equipment" for a machine's
 * manual (it names a machine and has codes or model numbers: what the crew
 * asks the equipment agent about, and what `linelead ingest` is mostly
 * given), else "general".  Both strings are NUL-terminated. */
const char *ingest_guess_category(const char *title, const char *text);

#endif
