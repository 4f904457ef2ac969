/* ingest.h - manuals into the knowledge base: header, sections, chunks.
 *
 * A document is Markdown (sections from # to ###### headings, the path
 * "H2 > H3 > H4") or plain text (blank-line paragraphs; ALL-CAPS lines,
 * "Section N" lines and numbered headings like "4.2 Daily Cleaning" are
 * headings; PDFs arrive as plain text through pdftotext -layout).  Before
 * the split the layout is normalised: page headers, footers, contents
 * lines and legal small print (trademarks, copyright) dropped, two-column
 * pages read column by column, hyphenated and wrapped lines joined, tables
 * (pipe tables, grid tables, and columns laid out with spaces in plain
 * text) turned into one quotable line per row, boxed notices unframed and
 * rules dropped, a lone WARNING line joined to its text, "Step 3:" lines
 * numbered (see ingest.c).  A line defining a code ("E03: ...", "AL-3  Fill timeout",
 * "Fault 21  ...") or asking a FAQ's question ("Q: ...?") opens a section
 * named by it, and so does a run-in subheading of plain text (a short
 * sentence-case line, "Drinks are flat", over a list or a longer
 * paragraph: a PDF's bold subheading).  Files may start with a
 * header block of `title:`, `category:` and `source:` lines ended by a blank
 * line (see the files in kb/).  Sections are cut into chunks of about 150-350 words;
 * a numbered step list is never split unless it alone is longer than a chunk
 * (then only between steps), and a chunk that continues a section starts
 * with the last sentence of the one before (overlap).
 *
 * The parsing and chunking functions are pure (unit-tested); ingest_document
 * stores a whole document in one transaction, replacing an earlier version
 * with the same source_key.  The CLI and POST /documents share it.
 */
#ifndef LINELEAD_INGEST_H
#define LINELEAD_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "result.h"

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

/* Splits text into chunks, allocated in arena.  LL_EINVAL when the text
 * holds no words; LL_ETOOLARGE past INGEST_MAX_SECTIONS sections or
 * INGEST_MAX_CHUNKS chunks (found out as soon as it is so); LL_ENOMEM. */
__attribute__((warn_unused_result))
ll_result ingest_chunk_text(struct arena *arena, const char *text, size_t len,
                            enum ingest_format format, struct ingest_chunks *out);

/* True for a category documents accept. */
bool ingest_category_valid(const char *category);

/* The category of a document that names none: "equipment" for a machine's
 * manual (it names a machine and has codes or model numbers: what the crew
 * asks the equipment agent about, and what `linelead ingest` is mostly
 * given), else "general".  Both strings are NUL-terminated. */
const char *ingest_guess_category(const char *title, const char *text);

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

/* The PDF's Title metadata (`pdfinfo`) into out when it is sensible;
 * false when it is absent, not sensible or pdfinfo fails. */
bool ingest_pdf_title(const char *path, char *out, size_t outlen);

/* A document to store.  title/category already chosen; content borrowed. */
struct ingest_doc {
	const char *title;
	const char *category;
	const char *source;        /* for people; may be NULL */
	const char *source_key;    /* identity: same key = replace */
	const char *content;       /* the document proper (header removed) */
	size_t len;
	enum ingest_format format;
	const char *const *emergency;  /* "<id> | <heading>" tags (ingest_meta); may be NULL */
	int nemergency;
};

/* What ingest_document found, for the person who uploaded the manual: a
 * manager checks it before the crew relies on the manual.  The arrays are
 * in the arena. */
#define INGEST_REPORT_MAX_NAMES 400
#define INGEST_REPORT_THIN_WORDS 8
struct ingest_report {
	long long document_id;
	int sections;
	int chunks;
	bool unchanged;            /* same content as stored: nothing written */
	int tables;                /* tables read */
	int dropped_lines;         /* page furniture, contents, small print dropped */
	int warnings;              /* WARNING / CAUTION / DANGER notices */
	int steps;                 /* numbered or lettered steps */
	int untitled;              /* chunks under no heading */
	const char **names;        /* section headings in order (nnames) */
	int nnames;
	const char **codes;        /* fault codes that open a section of their own */
	int ncodes;
	const char **thin;         /* sections of under INGEST_REPORT_THIN_WORDS words: doubtful */
	int nthin;
};

/* Checks (UTF-8, no NUL, not empty), chunks and stores doc in one
 * transaction.  LL_EVALIDATION with *why set for bad input, LL_ETOOLARGE
 * with *why for too many sections or chunks; LL_EDB. */
__attribute__((warn_unused_result))
ll_result ingest_document(struct db *db, struct arena *arena, const struct ingest_doc *doc,
                          struct ingest_report *report, const char **why);

/* Runs `pdftotext -layout - -` (fork/exec, no shell) on the PDF that fd
 * reads (a regular file: pdftotext seeks in it; rewound first; the caller
 * keeps fd) and appends the text to out (whose limit bounds it: LL_ETOOLARGE
 * past it).  LL_EIO when pdftotext fails or takes over 30 s.  pdftotext dies
 * with the calling process (parent-death signal) and runs under CPU and
 * memory limits. */
__attribute__((warn_unused_result))
ll_result ingest_pdf_text_fd(int fd, struct buf *out);
/* ingest_pdf_text_fd for the file at path. */
__attribute__((warn_unused_result))
ll_result ingest_pdf_text(const char *path, struct buf *out);

/* Runs the tool argv[0] (found on PATH; fork/exec, no shell) with in_fd (or
 * -1: /dev/null) as its standard input under the limits above, appending its
 * standard output to out.  LL_EIO when it fails or times out, LL_ETOOLARGE
 * past out's limit. */
__attribute__((warn_unused_result))
ll_result ingest_run_tool(char *const argv[], int in_fd, struct buf *out);

#endif
