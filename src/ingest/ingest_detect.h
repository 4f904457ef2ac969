/* ingest_detect.h - what an uploaded manual is, from its bytes and its name.
 *
 * The content decides: a PDF starts with "%PDF-", a Word document is a zip
 * holding word/document.xml, anything else must be UTF-8 text, and text is
 * Markdown or a plain-text (or PDF-to-text) export by what its lines look
 * like.  The file name (or a declared media type) only breaks a tie.  A
 * manager's explicit format overrides all of it.
 *
 * ingest_docx_markdown turns a .docx's word/document.xml into Markdown the
 * ingest parser reads: Heading styles become # headings, numbered list
 * paragraphs "1." steps, tables pipe tables (a cell's paragraphs joined).
 * All functions here are pure (unit-tested, fuzzed).
 */
#ifndef LINELEAD_INGEST_DETECT_H
#define LINELEAD_INGEST_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "result.h"

#define DOCX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

enum ingest_kind {
	INGEST_KIND_UNKNOWN = 0, /* binary, or a format we cannot read */
	INGEST_KIND_MARKDOWN,
	INGEST_KIND_TEXT,
	INGEST_KIND_PDF,
	INGEST_KIND_DOCX,
};

/* "markdown", "text", "pdf", "docx" or "unknown"; never NULL. */
const char *ingest_kind_name(enum ingest_kind kind);

/* A format a person names (`format` field, ?format=, --format): markdown|md,
 * text|txt|plain, pdf, docx; "auto" and "" give INGEST_KIND_UNKNOWN (detect).
 * False for any other word. */
bool ingest_kind_parse(const char *word, enum ingest_kind *kind);

/* The hint a file name's extension or a media type gives (may be NULL);
 * INGEST_KIND_UNKNOWN when it says nothing. */
enum ingest_kind ingest_kind_hint(const char *name, const char *media_type);

/* What bytes (len) hold.  hint breaks a tie between Markdown and text.
 * *why (may be NULL) names an unreadable format ("a legacy Word .doc file")
 * when INGEST_KIND_UNKNOWN is returned. */
enum ingest_kind ingest_detect(const char *bytes, size_t len, enum ingest_kind hint,
			       const char **why);

/* Appends the Markdown of a .docx's word/document.xml (xml, len bytes) to
 * out.  LL_EINVAL when it holds no paragraph; LL_ETOOLARGE past out's
 * limit; LL_ENOMEM. */
__attribute__((warn_unused_result)) ll_result ingest_docx_markdown(const char *xml, size_t len,
								   struct buf *out);

#endif
