/* ingest_convert.h - an upload's bytes to the text the ingest parser reads.
 *
 * One path for every way a manual arrives (the CLI, a JSON body, a raw
 * upload, the dashboard, a background job): the format is detected from the
 * bytes (ingest_detect.h), then
 *   Markdown, text  as they are;
 *   PDF             pdfinfo (pages, encryption) and pdftotext -layout; a PDF
 *                   without a text layer (a scan) is read by OCR, page by
 *                   page (pdftoppm -> tesseract), when both are installed;
 *   .docx           `unzip -p` of word/document.xml, mapped to Markdown.
 * Each tool is forked under the limits of ingest_run_tool (no shell, dies
 * with its parent).
 */
#ifndef LINELEAD_INGEST_CONVERT_H
#define LINELEAD_INGEST_CONVERT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "ingest.h"
#include "ingest_detect.h"
#include "ingest_document.h"
#include "result.h"

/* The most pages a PDF may have, and the most a scan may have to be read by
 * OCR (about 6 s a page on one core). */
#define INGEST_MAX_PAGES 500
#define INGEST_OCR_MAX_PAGES 60
/* A PDF whose text layer has fewer visible characters than this per page
 * is a scan. */
#define INGEST_SCAN_CHARS_PER_PAGE 40

/* Called after each OCR page: done of total. */
typedef void (*ingest_progress_fn)(void *ctx, int done, int total);

struct ingest_upload {
	int fd;            /* a regular file with the bytes (PDF, .docx); -1: none */
	const char *bytes; /* the bytes (borrowed) */
	size_t len;
	const char *name;        /* a file name, or NULL: a hint */
	const char *media_type;  /* a declared media type, or NULL: a hint */
	enum ingest_kind forced; /* a format a person named; UNKNOWN = detect */
	size_t max_bytes;        /* the text's limit (max_document_bytes) */
	bool ocr_now;            /* false: a scan is left for a background job */
	ingest_progress_fn progress;
	void *progress_ctx;
};

/* What was found on the way; part of the ingest report. */
struct ingest_extract {
	enum ingest_kind kind;     /* what the upload is */
	enum ingest_format format; /* how its text is parsed */
	int pages;                 /* a PDF's pages; 0 otherwise */
	bool scanned;              /* a PDF without a text layer */
	bool ocr;                  /* its text was read by OCR */
};

/* True when pdftoppm and tesseract are both on PATH. */
bool ingest_ocr_available(void);

/* Appends the upload's text to text (whose limit bounds it) and fills *x.
 * LL_EVALIDATION with *why: not a format we read, a broken or encrypted
 * PDF, a scan without OCR installed, a .docx without text.  LL_ETOOLARGE
 * with *why: over the pages or bytes limits.  LL_ECONFLICT: a scan that
 * needs OCR while up->ocr_now is false (*x says so; nothing appended).
 * LL_EIO when a tool failed in another way. */
__attribute__((warn_unused_result)) ll_result ingest_upload_text(const struct ingest_upload *up,
								 struct buf *text,
								 struct ingest_extract *x,
								 const char **why);

/* The whole path of an upload: ingest_upload_text, then ingest_document
 * of doc (title, category, source, source_key set; content and format are
 * filled in here) in one transaction.  *x is filled even on failure.
 * Results as ingest_upload_text and ingest_document, *why for the person. */
__attribute__((warn_unused_result)) ll_result ingest_upload_store(
	struct db *db, struct arena *arena, const struct ingest_upload *up, struct ingest_doc *doc,
	struct ingest_report *rep, struct ingest_extract *x, const char **why);

/* Reads and stores one file: Markdown, text, PDF (a scan read by OCR) or
 * .docx, whatever its name says (the content decides).  The title is
 * --title's, else the header's, else a Markdown file's H1, a PDF's Title
 * metadata, the title on a text or PDF manual's first lines
 * (ingest_title_from_text), else the file name.  The options override the
 * header; NULL = not given (a category given by neither is
 * ingest_guess_category's).  On failure err says why in words for the user
 * and nothing is stored. */
struct ingest_options {
	const char *title;
	const char *category;
	const char *source;
	size_t max_bytes;
	enum ingest_kind format;     /* a format a person named; 0 = detect */
	ingest_progress_fn progress; /* OCR pages read; may be NULL */
	void *progress_ctx;
	struct ingest_extract *extract; /* filled when not NULL */
};
__attribute__((warn_unused_result)) ll_result ingest_file(struct db *db, struct arena *arena,
							  const char *path,
							  const struct ingest_options *opt,
							  struct ingest_report *report, char *err,
							  size_t errlen);

#endif
