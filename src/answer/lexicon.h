/* lexicon.h - the crew's words: the vocabulary and the emergencies.
 *
 * Data files of data/answers/ (docs/ANSWERS.md), loaded once per
 * process and read-only after:
 *
 *   vocabulary.tsv   crew phrase -> manual phrase ("flat top" -> griddle),
 *                    applied to a question before classification,
 *                    retrieval and ranking (lexicon_rewrite);
 *   emergencies.tsv  the fixed set of life-safety emergencies and the words
 *                    that name them (lexicon_emergencies);
 *   filler-words.txt words crew add that never name what a question is
 *                    about ("guy", "tmrw", "super"), so a word no manual
 *                    holds is news only when it is not one (lexicon_is_filler).
 *
 * Both match words whole, lower-cased; a word of seven letters or more also
 * matches with one typo (a letter added, dropped, changed or two swapped,
 * the first letter kept), so "unconsious" and "diarhhea" work; shorter
 * words match exactly, since one letter turns "burned" into "burner"; and
 * so does a word the manuals spell (known-words.txt): "cooking" is a word,
 * not a typo of "choking".
 */
#ifndef LINELEAD_ANSWER_LEXICON_H
#define LINELEAD_ANSWER_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "result.h"

#define LEXICON_MAX_EMERGENCIES 4   /* recognised in one question */

struct lexicon;

struct emergency {
	const char *id;     /* "fire", the tag in a manual's header (sql/006) */
	const char *name;   /* "Grease fire (fryer, grill, ...)" */
};

/* Loads dir/vocabulary.tsv, dir/emergencies.tsv, known-words.txt and
 * filler-words.txt.  LL_EINVAL (with a
 * message on stderr naming the line) when a file is malformed; LL_ENOTFOUND
 * when one is missing.  Free with lexicon_free. */
__attribute__((warn_unused_result))
ll_result lexicon_load(const char *dir, struct lexicon **out);
void lexicon_free(struct lexicon *lx);

/* Parses the files from memory (the unit tests and the fuzz target); known
 * (known-words.txt: words the manuals spell, matched exactly) and filler
 * (filler-words.txt: lower-case words separated by spaces) may be NULL. */
__attribute__((warn_unused_result))
ll_result lexicon_parse(const char *vocabulary, const char *emergencies, const char *known,
                        const char *filler, struct lexicon **out);

/* Is word (lower-case) one of filler-words.txt?  false when lx is NULL. */
bool lexicon_is_filler(const struct lexicon *lx, const char *word);

/* text with every crew phrase replaced by its manual phrase (in a);
 * text itself when nothing matched or lx is NULL; NULL when out of memory. */
const char *lexicon_rewrite(const struct lexicon *lx, struct arena *a, const char *text);

/* The emergencies text names, in the order they first appear (ties: the
 * file's order); returns how many (at most max). */
int lexicon_emergencies(const struct lexicon *lx, const char *text,
                        const struct emergency **out, int max);

/* Is word (lower-case) a crew word of the vocabulary, one it says the
 * manuals' phrase for ("ranch" -> "ranch dressing")?  What it means is
 * known, though no manual spells it. */
bool lexicon_is_crew_word(const struct lexicon *lx, const char *word);

/* One word (lower-case) against another: equal, or one typo apart when both
 * have seven letters or more.  Shared with the ranker's subject match. */
bool lexicon_word_like(const char *a, size_t la, const char *b, size_t lb);

#endif
