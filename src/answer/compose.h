/* compose.h - the answer from one section: its lead, its steps, its warnings.
 *
 * The order of an answer (docs/ANSWERS.md):
 *   1. each emergency's procedure, whole and in order (cards);
 *   2. an honest unknown: "I don't have the manual for the X", then only a
 *      generic section for that class of machine;
 *   3. the best-ranked section: a lead of one or two of its own sentences
 *      chosen for what was asked (the figure, the verdict, the code's
 *      meaning, the first sentence of a procedure), its own steps and its
 *      own warnings; other sections only as citations.
 * The lead is chosen in lead.h; a decision's rule, the verdict held against
 * it and whether a figure asked is stated at all, in rule.h.
 * Pure: the unit tests drive it with hand-made sections.  It never writes a
 * fact of its own; its only words are framing and the not-found text.
 */
#ifndef LINELEAD_ANSWER_COMPOSE_H
#define LINELEAD_ANSWER_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "answer/ask.h"
#include "answer/section.h"
#include "arena.h"
#include "result.h"

/* Below this ranker score a section is not cited ("see also"). */
#define COMPOSE_MIN_SCORE 0.06
/* The manuals cover a question when a candidate section holds this share
 * of it (rank.h F_BODY_RARE); else the answer says it could not find it. */
#define COMPOSE_MIN_COVERAGE 0.2
/* A section answers a two-part question's other part (or its first part,
 * brought first; or, from another manual, an emergency question's other
 * part) only when it holds this share of that part.  0.5 / 0.4 / 0.3
 * measured 79.8% / 79.9% / 79.8% on the dev sets (docs/ANSWERS.md). */
#define COMPOSE_SECOND_COVERAGE 0.4
/* A two-part question's other part is answered from another manual when
 * a section holds this share of it, or, ranked first for a figure asked
 * and stating it, this much less.  0.8 / 0.6 / 0.5 measured 79.7% / 79.8%
 * / - on the dev sets, 77.8% / 78.1% / 77.9% on d17-d21+t41+t43. */
#define COMPOSE_OTHER_COVERAGE 0.6
#define COMPOSE_FIGURE_COVERAGE 0.3
/* A two-part question's other part leads with the part of its section
 * that says the most of it when that part's lead_value is this much above
 * the part compose_lead chose. */
#define COMPOSE_BETTER_PART 1.0

struct compose_in {
	const struct ask *ask;
	const struct section *ranked;     /* best first, cards excluded */
	size_t nranked;
	const struct section *cards;      /* emergency procedures, in the question's order */
	size_t ncards;
	const struct ask *other_ask;      /* an emergency question's other part, or NULL */
	const struct section *other;      /* the sections ranked for it, best first */
	size_t nother;
	const char *unknown;              /* a name no manual covers, or NULL */
	bool unknown_is_code;             /* ... an error code only ("C19"), on a machine we know */
	const char *topic;                /* words of it no manual holds ("ebt"), or NULL */
};

/* Everything in *out lives in a.  LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result compose_answer(struct arena *a, const struct compose_in *in, struct answer *out);

#endif
