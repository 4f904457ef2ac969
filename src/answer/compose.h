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
 * it and whether a figure asked is stated at all, in rule.h; the other
 * part of a question asked twice over, and struct compose_in, in
 * compose_second.h.
 * Pure: the unit tests drive it with hand-made sections.  It never writes a
 * fact of its own; its only words are framing and the not-found text.
 */
#ifndef LINELEAD_ANSWER_COMPOSE_H
#define LINELEAD_ANSWER_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "answer/ask.h"
#include "answer/compose_second.h"
#include "answer/section.h"
#include "arena.h"
#include "result.h"

/* Below this ranker score a section is not cited ("see also"). */
#define COMPOSE_MIN_SCORE 0.06
/* The manuals cover a question when a candidate section holds this share
 * of it (rank.h F_BODY_RARE); else the answer says it could not find it. */
#define COMPOSE_MIN_COVERAGE 0.2

/* Everything in *out lives in a.  LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result compose_answer(struct arena *a, const struct compose_in *in, struct answer *out);

#endif
