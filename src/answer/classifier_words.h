/* classifier_words.h - the words of a question as the router reads them
 * and the features it counts (classifier.c trains on them and scores
 * them).  Internal to the classifier. */
#ifndef LINELEAD_CLASSIFIER_WORDS_H
#define LINELEAD_CLASSIFIER_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"
#include "strtab.h"

#define WORD_MAX 31                /* longer words are cut: no QSR word is this long */
#define MAX_WORDS 512              /* words past this are ignored (a question has ~20) */
#define FEAT_MAX 64                /* a feature string: two words and a separator */
#define MAX_QFEATS (3 * MAX_WORDS) /* unigram + concept + bigram per word */

/* Kinds of token after tokenization. */
enum wkind { W_WORD, W_NUM, W_TEMP, W_MONEY, W_ERR, W_MODEL, W_TIME };

struct word {
	char s[WORD_MAX + 1]; /* normalized, stemmed */
	unsigned char len;
	unsigned char kind;   /* enum wkind */
	unsigned char stop;   /* a function word: no unigram, no bigram */
	int concept;          /* index into concepts[], or -1 */
	uint16_t start, slen; /* the span in the input, for keywords */
};

/* F_NAME: a unigram in the place of a name ("the Zentro", "Zentro fryer",
 * "Zentro ZX-40"); unknown, it is a brand or model nobody has seen and no
 * evidence for any agent, so it does not count as __oov__. */
enum fkind { F_UNI, F_BI, F_DERIVED, F_NAME };

/* Receives each feature of a question, with the input span it came from. */
typedef ll_result (*feat_fn)(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                             uint16_t slen);

/* Builds the word table: synonyms by raw spelling, concepts by stem. */
__attribute__((warn_unused_result))
ll_result classifier_words_build(struct strtab *lex);

/* Feeds fn every feature of text (len bytes, cut by the caller at
 * CLASSIFIER_MAX_INPUT): unigrams of content words, bigrams of
 * adjacent content words, derived tokens and concepts.  w is scratch of
 * MAX_WORDS; *cue gets the urgency cue level (0 none, 2 high, 3
 * critical).  Fails only with what fn returns. */
ll_result classifier_words_features(const struct strtab *lex, const char *text, size_t len,
                                    struct word *w, feat_fn fn, void *ctx, int *cue);

/* Copies an input span as a keyword: lower-cased, whitespace and control
 * characters folded to one space, cut to fit dst (size >= 2) on a UTF-8
 * character boundary.  Returns the length. */
size_t classifier_keyword_copy(char *dst, size_t size, const char *src, size_t len);

#endif
