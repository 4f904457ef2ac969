/* lead.h - the lead of an answer: the part of a section that answers.
 *
 * An answer leads with one or two of the best section's own sentences,
 * chosen for what was asked (docs/ANSWERS.md): the sentence stating the
 * figure asked for, the verdict on what was asked about, what an error
 * code means, what to do when a fix was tried and the code came back, the
 * first sentence of a procedure.  A sentence that points back at the one
 * before it is read with it; a short prose sentence after the lead joins
 * it.  The word lists here are what the composer and the rules (rule.h)
 * read a manual's sentences by.  Pure: no database.
 *
 * Ownership: the word lists are static; lead_text's text is a part of the
 * section or lives in the arena passed to it.
 */
#ifndef LINELEAD_ANSWER_LEAD_H
#define LINELEAD_ANSWER_LEAD_H

#include <stdbool.h>

#include "answer/ask.h"
#include "answer/section.h"
#include "arena.h"
#include "result.h"

/* Actions on the food, the machine or the person ("discard", "send",
 * "must not"), among a rule's verdicts. */
extern const char *const lead_actions[];
/* What a manual says when the first fix fails: that it came back ("If it
 * returns"). */
extern const char *const lead_recurs[];
/* What a manual says of food whose time out of temperature is not known
 * ("cannot tell how long"). */
extern const char *const lead_unknown_times[];

/* Does s hold one of words (a NULL-ended list; any case)? */
bool lead_says_any(const char *s, const char *const *words);

/* How well part p answers q: its share of the question's terms, and what
 * the question's kind asks of a lead. */
double lead_value(const struct ask *q, const struct part *p);

/* The part of s that answers q best (its index), or -1 when none holds
 * anything of it; a schedule's row never answers a procedure. */
int lead_best_part(const struct ask *q, const struct section *s);

/* The first part of s of that kind (its index), or -1. */
int lead_first_of(const struct section *s, enum part_kind kind);

/* Does text name one of the question's codes? */
bool lead_names_code(const struct ask *q, const char *text);

/* The part of s that best answers q (its index), or -1 for none: the lead. */
int compose_lead(const struct ask *q, const struct section *s);

/* The length of text's first sentence: up to ". " (or "!", "?") before a
 * capital, so "Food Code 3-501.17" stays whole. */
size_t lead_sentence_len(const char *text);

/* Does a sentence point back at the one before it ("To keep the food
 * there, ...", "This means ...")?  Its words are read with that one. */
bool lead_points_back(const char *t);

/* The lead and, when it is prose and short, the sentence after it; the
 * sentence before it when the lead points back at it.  *out is NULL when s
 * has no lead.  LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result lead_text(struct arena *a, const struct ask *q, const struct section *s,
                    const char **out);

#endif
