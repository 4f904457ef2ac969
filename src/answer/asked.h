/* asked.h - what crew asked before, per section: the ranker's memory.
 *
 * data/answers/asked.tsv (source file<TAB>section path<TAB>question), written
 * by `make train-ranker` from the labelled training questions (never the
 * held-out ones): for each section of the shipped manuals, the questions
 * crew phrased about it.  A new question worded like one of them ("how long
 * do i scrub" ~ "how long do i gotta wash my hands") is likely about the
 * same section, whatever words the section itself uses: the ranker's
 * F_ASKED feature.  A section no one asked about (a manual uploaded today)
 * simply has none.
 *
 * Ownership: an asked set owns its arena; read-only after loading.
 */
#ifndef LINELEAD_ANSWER_ASKED_H
#define LINELEAD_ANSWER_ASKED_H

#include <stddef.h>

#include "answer/lexicon.h"
#include "result.h"
#include "text/terms.h"

struct asked_set;

/* Parses text (NULL or "" = none asked).  Each question is read as the
 * answer path reads one: crew words rewritten by lx, then its terms. */
__attribute__((warn_unused_result))
ll_result asked_parse(const char *text, const struct lexicon *lx, struct asked_set **out);
void asked_free(struct asked_set *a);

/* How much of question q (its terms, each weighed by idf) one earlier
 * question about (source, path) held: the best share, in [0, 1]; 0 when
 * none was asked.  A stored question identical to text is skipped (a
 * labelled question is not its own evidence). */
double asked_match(const struct asked_set *a, const char *source, const char *path,
                   const struct terms *q, const double *idf, const char *text);

/* Was any question asked about source's sections (a manual uploaded today
 * has none: its sections are judged by their own words, not by memory)? */
bool asked_knows(const struct asked_set *a, const char *source);

/* The sections (as "source\x1fpath" keys, borrowed from a) of at most max
 * earlier questions that hold at least min_share of q (each term by its
 * weight), skipping one identical to text: where a question like this one
 * was answered, found even when the search for its words misses it. */
#define ASKED_NEAREST_MAX 8
size_t asked_nearest(const struct asked_set *a, const struct terms *q, const char *text,
                     double min_share, const char **keys, size_t max);

#endif
