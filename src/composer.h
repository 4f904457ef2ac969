/* composer.h - the local grounded generator: an answer made only of the
 * retrieved passages' own sentences, steps and warnings.
 *
 * Pure C, no database, no network: the unit tests drive it directly.  It
 * never writes a fact of its own; the only text it adds is framing ("Work
 * through the steps below in order") and, when nothing relevant was found,
 * generic safe advice without any model-specific figure.
 *
 * Also home of the small text helpers the retriever and the orchestrator
 * share with it: question terms, stop words, error codes and model numbers.
 */
#ifndef LINELEAD_COMPOSER_H
#define LINELEAD_COMPOSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "arena.h"
#include "result.h"

/* Most terms taken from one question. */
#define COMPOSER_MAX_TERMS 24
#define COMPOSER_TERM_LEN 32

struct composer_terms {
	char term[COMPOSER_MAX_TERMS][COMPOSER_TERM_LEN];   /* lower-case, stemmed */
	double weight[COMPOSER_MAX_TERMS];                  /* codes 3, numbers 2, words 1 */
	bool exact[COMPOSER_MAX_TERMS];                     /* codes and numbers: matched exactly */
	bool code[COMPOSER_MAX_TERMS];                      /* an error code or model number */
	size_t len[COMPOSER_MAX_TERMS];                     /* strlen(term[i]) */
	int n;
};

/* The content words of text (stop words dropped, lower-cased, light
 * stemming), codes and numbers included, each once; a number after
 * "fault", "error", "alarm" or "code" is a code ("Fault 21"); a hyphenated
 * compound ("no-show", "walk-in") is a term, and so are its parts. */
void composer_terms_of(const char *text, struct composer_terms *out);

/* The terms of t found in text: bit i = t->term[i]; *weight (may be NULL)
 * gets the sum of their weights. */
uint32_t composer_match_terms(const struct composer_terms *t, const char *text, double *weight);

/* True for an English or crew filler word that carries no topic. */
bool composer_is_stopword(const char *word, size_t len);

/* Error codes and model numbers in text ("E03", "E-3", "BG-4", "C602"),
 * upper-cased as written, each once; returns how many (at most max). */
int composer_codes_of(const char *text, char codes[][16], int max);

/* Equipment nouns in text ("grill", "fryer", "ice machine"), each once,
 * written into out as "grill fryer"; returns the number found. */
int composer_equipment_nouns(const char *text, char *out, size_t outlen);

/* Composes the answer to q from passages (best first, already past the
 * retriever's relevance threshold; count 0 = nothing found).  Everything in
 * *out is allocated in arena.  LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result composer_compose(struct arena *arena, const struct question *q,
                           const struct passages *passages, struct answer *out);

#endif
