/* section.h - the answer unit: one section of one manual, read into parts.
 *
 * A section is the text under one heading (all its chunks, in order).  It
 * is read into parts -- prose sentences, numbered steps, bullets, table
 * rows, WARNING / CAUTION / DANGER notices -- and given a kind from its
 * heading and shape, so the composer can take a section's own lead, steps
 * and warnings and never mix two sections; section_machine says what kind
 * of machine its manual is for.  Pure: no database.
 *
 * Ownership: every string lives in the arena passed to section_read.
 */
#ifndef LINELEAD_ANSWER_SECTION_H
#define LINELEAD_ANSWER_SECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answer/ask.h"
#include "arena.h"
#include "result.h"

enum part_kind { PART_PROSE, PART_STEP, PART_BULLET, PART_ROW, PART_WARNING };

struct part {
	enum part_kind kind;
	const char *text;        /* one sentence, step, bullet, row or notice */
};

enum section_kind {
	SECTION_PLAIN = 0,
	SECTION_STEPS,           /* a numbered procedure */
	SECTION_FAULT,           /* a code, a fault table, troubleshooting */
	SECTION_SPECS,           /* specifications, ratings, capacity */
	SECTION_FAQ,             /* its heading is a question */
	SECTION_OVERVIEW,        /* an introduction, overview or list of mistakes: never the rule */
	SECTION_QUIZ,            /* questions and answers for training */
	SECTION_SCHEDULE,        /* what is done how often ("Cleaning schedule"), not how */
	SECTION_KINDS
};

struct section {
	long long document_id;
	const char *title;       /* the manual's */
	const char *source; /* the manual's source key (its file name when ingested from a file) */
	const char *path;        /* "Cleaning > Daily"; "" for the introduction */
	const char *heading;     /* the path's last part */
	const char *category;
	const char *body;        /* all of the section's chunks */
	const char *children;    /* its subsections' text, each after its heading, or NULL */
	const char *opening;     /* the manual's first lines (what machine it is for), or NULL */
	const char *emergency;   /* its emergency tag (sql/006), or NULL */
	bool first;              /* the manual's first section (a title page, an introduction) */
	int ordinal;             /* its first chunk's place in the manual (0: the first) */
	double retrieval;        /* best score of its chunks in [0, 1] */
	int rank;                /* 0 = the retriever's best section */
	double score;            /* the ranker's, in [0, 1] */
	double coverage;         /* share of the question it holds, telling words weighing more */
	uint32_t in_heading, in_title, in_body; /* the question's terms each holds (rank.c, once) */
	bool matched;            /* in_* are set */
	struct part *parts;
	size_t nparts, nsteps, nbullets, nrows, nwarnings, nprose;
	enum section_kind kind;
};

/* Reads s->body into s->parts and sets s->kind (and the counts).  LL_ENOMEM
 * is the only failure. */
__attribute__((warn_unused_result))
ll_result section_read(struct arena *a, struct section *s);

const char *section_kind_name(enum section_kind k);

/* The kinds of machine s's manual is for (terms_machine_kinds): its
 * title's, else its opening lines' ("ThermaBath RB-24" is a water-bath
 * rethermalizer). */
uint64_t section_machine(const struct section *s);

/* text past a notice's signal word ("WARNING: If food has not reached
 * ..." -> "If food has not reached ..."); text itself when it is none. */
const char *section_past_notice(const char *text);

/* Does s state a figure of kind f, in its heading or one of its parts
 * ("How to Wash Hands: 20 Seconds in All")? */
bool section_states(const struct section *s, enum figure f);

#endif
