/* ingest_document.h - one manual checked, chunked and stored: the entry point.
 *
 * ingest_document is where every upload ends (the CLI, POST /documents,
 * the dashboard and the background job, through ingest_convert.h): the
 * document is checked (title, category, UTF-8), split (ingest_chunk.h),
 * tagged with its emergency sections, and stored in one transaction
 * (store_document_replace), replacing an earlier version with the same
 * source_key, or left as it is when nothing changed.  What was found comes
 * back as the ingest report a manager checks (ingest_report.h prints it).
 */
#ifndef LINELEAD_INGEST_DOCUMENT_H
#define LINELEAD_INGEST_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "result.h"
#include "ingest.h"

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

#endif
