/* terms.h - the words of a question and of a manual, read one way.
 *
 * The one tokenizer of the answer path, the retriever and ingestion: terms
 * (content words, lower case, lightly stemmed; codes and numbers exact),
 * codes and model numbers, machine nouns, stop words.  Pure C, no state
 * but the stop-word table built on first use.
 */
#ifndef LINELEAD_TEXT_TERMS_H
#define LINELEAD_TEXT_TERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most terms taken from one text. */
#define TERMS_MAX 24
#define TERMS_LEN 32

struct terms {
	char term[TERMS_MAX][TERMS_LEN];   /* lower-case, stemmed */
	double weight[TERMS_MAX];          /* codes 3, numbers 2, words 1 */
	bool exact[TERMS_MAX];             /* codes and numbers: matched exactly */
	bool code[TERMS_MAX];              /* an error code or model number */
	size_t len[TERMS_MAX];             /* strlen(term[i]) */
	int n;
};

/* The content words of text (stop words dropped, lower-cased, light
 * stemming), codes and numbers included, each once; a number after
 * "fault", "error", "alarm" or "code" is a code ("Fault 21"); a hyphenated
 * compound ("no-show", "walk-in") is a term, and so are its parts. */
void terms_of(const char *text, struct terms *out);

/* The terms of t found in text: bit i = t->term[i]; *weight (may be NULL)
 * gets the sum of their weights.  A unit after a number counts as what it
 * measures ("115 V" holds "voltage"). */
uint32_t terms_match(const struct terms *t, const char *text, double *weight);

/* Term i of from appended to t with that weight; nothing when t is full. */
void terms_add(struct terms *t, const struct terms *from, int i, double weight);

/* The terms of t that are words or codes, not bare numbers: bit i =
 * t->term[i]. */
uint32_t terms_words(const struct terms *t);

/* The light stemmer of terms_of, in place on a lower-case word: -ing, -ed,
 * -ied and -ies to -y, a plural s, a doubled last consonant ("cutting" ->
 * "cut").  Returns the new length. */
size_t terms_stem(char *word);

/* True for an English or crew filler word that carries no topic. */
bool terms_is_stopword(const char *word, size_t len);

/* Are a (la bytes) and b (lb bytes), both lower-case and NUL-terminated
 * there, one typo apart or equal: a letter added, dropped, changed or two
 * neighbours swapped ("chiken" / "chicken"; "ranch" / "rancid" is two). */
bool terms_one_typo(const char *a, size_t la, const char *b, size_t lb);

/* Error codes and model numbers in text ("E03", "E-3", "BG-4", "C602"),
 * upper-cased as written, each once; returns how many (at most max). */
int terms_codes_of(const char *text, char codes[][16], int max);

/* A code as one spelling: its letters, then its number without the hyphen
 * or the leading zeros between them ("E-03" -> "E3", "WH-120" -> "WH120");
 * the case is kept. */
void terms_code_normalise(const char *code, char *out, size_t outlen);

/* Machine nouns in text ("grill", "fryer", "ice machine"), each once,
 * written into out as "grill fryer"; returns the number found. */
int terms_machine_nouns(const char *text, char *out, size_t outlen);

/* The kinds of machine text names, one bit each (0: none): "soda fountain"
 * and "beverage dispenser" share a bit, as "frier" and "fryer" do, so two
 * texts name the same machine when their kinds meet. */
uint64_t terms_machine_kinds(const char *text);

#endif
