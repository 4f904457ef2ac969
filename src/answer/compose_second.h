/* compose_second.h - a question's other part, answered beside its first.
 *
 * A question asked twice over ("how hot do i reheat chili and how long do
 * i have"), an emergency question that asks more ("fire is out, when can
 * we cook again") and two codes asked at once ("what do E1 and E7 mean")
 * are answered in the lead's first two sentences (docs/ANSWERS.md): the
 * first part's answer, then the other's.  Here the other part's sentence
 * is found -- in the best section itself, another section of the same
 * manual, or (holding nearly all of the part) another manual's; beside the
 * cards, in the emergency's own manual first -- and joined to the first.
 * compose.c calls it; the sentence helpers both use are here too.  Pure,
 * like compose.h: no database, no fact of its own.
 *
 * struct compose_in, the composer's input, is declared here (compose.h
 * includes this header), so that this module never includes compose.h.
 * Ownership: what a function returns is a part of a section or lives in
 * the arena passed to it.
 */
#ifndef LINELEAD_ANSWER_COMPOSE_SECOND_H
#define LINELEAD_ANSWER_COMPOSE_SECOND_H

#include <stdbool.h>
#include <stddef.h>

#include "answer/ask.h"
#include "answer/section.h"
#include "arena.h"
#include "result.h"

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

/* The sentence of text that states the figure q asks, when the first does
 * not and a later one does (a step "Wet your hands with warm water. The
 * sink must supply water at least 100°F.", to "how hot should the hand
 * sink be"); else text itself. */
const char *compose_figure_sentence(struct arena *a, const struct ask *q, const char *text);

/* The sentence of text that holds more of q's words than its first does
 * (a card's step "Do not leave them alone. If it happened in the walk-in,
 * get them out of the cold ...", to "do i drag him out of the cold"): the
 * one sentence that answers; else text itself, or text when out of memory. */
const char *compose_telling_sentence(struct arena *a, const struct ask *q, const char *text);

/* How many of q's words (codes included, bare numbers not) text holds;
 * 2 when q has fewer than two and text holds them all. */
int compose_content_matched(const struct ask *q, const char *text);

/* The first letter of a sentence joined after another ("; discard all
 * food"): lower case, unless it begins a name or a code ("CO2", "SDS",
 * "E5"). */
int compose_joined_initial(const char *s);

/* Part t of o, and when it introduces a list ("A first-aid kit usually
 * contains:"), its first items after it (two): the answer then says
 * what the list holds, not only that there is one.  NULL on no memory. */
const char *compose_with_its_items(struct arena *a, const struct section *o, const char *t);

/* The best answer to the question's other part: from the emergency's own
 * manual first (its other sections: "after the fire is out", "a wound on a
 * food handler's hand"), else the best other section when it holds most of
 * the question -- never another emergency's procedure, a quiz or an
 * overview.  NULL for none; *from the section it is from. */
const char *compose_second_part(const struct compose_in *in, const struct section **from);

/* Does the heading state the figure a figure or decision question asks
 * ("How to Wash Hands: 20 Seconds in All")?  Then it is the answer's summary. */
bool compose_heading_states(const struct ask *q, const char *heading);

/* Do a and b share their first number ("20 seconds", "20 Seconds")? */
bool compose_same_figure(const char *a, const char *b);

/* A question asked twice over ("..., what do i toss and who do i call"):
 * when the lead's own section says more of its second question, that
 * sentence follows the lead; else when another section of the same manual
 * answers it (or one of another manual holds nearly all of it), that
 * section's lead follows the first sentence of this one's.  *lead (in a)
 * becomes both; *used the other section, when the part is another's.
 * judged: a verdict already said the first part's rule.  LL_ENOMEM is the
 * only failure. */
__attribute__((warn_unused_result))
ll_result compose_two_part_lead(struct arena *a, const struct compose_in *in, bool judged,
                                const char **lead, const struct section **used);

/* Two codes asked: the first code's answer in one sentence, the second's
 * after it ("E1: Low water. E7: Door open more than 2 minutes — Close the
 * door."): *lead (in a) becomes both, *used the second code's section.
 * LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result compose_second_code_lead(struct arena *a, const struct compose_in *in,
                                   const char **lead, const struct section **used);

#endif
