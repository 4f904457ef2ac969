/* classifier.h - route a crew question to an agent, fast and deterministic.
 *
 * Model: binarized multinomial naive Bayes, trained when loaded from the
 * labeled questions in data/routing/train.tsv (query<TAB>agent).
 *
 * Why naive Bayes and not logistic regression: the training set is small
 * (hundreds of lines), and naive Bayes is the better-behaved learner at
 * that size; it trains in one counting pass (well under the 50 ms load
 * budget, no iterations, no learning rate, nothing random), and each
 * feature's log-likelihood ratio between two agents is exactly "how much
 * this word decided", which gives the keywords and the reasoning for free.
 * Its known weakness, overconfident probabilities (correlated features are
 * counted as independent), is corrected by the calibration below.
 *
 * Features (one count per question, "binarized"): lower-cased words with
 * light stemming (plural s, -ing, -ed, final e) after a small table of
 * crew spellings ("frier", "mgr", "cust", "temps", "walk in"), bigrams of
 * the content words, and derived tokens: __errcode__ (E03, E-3, err 5,
 * error code 12), __model__ (BG-4, C602), __temp__ (41F, 165 degrees,
 * 165°F), __money__ ($15, 20 dollars), __num__, and concept tokens from a
 * QSR lexicon (__c_machine__ for fryer/grill/broiler..., __c_allergen__,
 * __c_injury__, __c_pest__, ...) so that a machine or an allergen never
 * seen in training still counts as one.  Words never seen in training add
 * an __oov__ token whose per-agent rate is learned leave-one-out (words
 * that occur in a single training question), so a question made of
 * unknown words leans to general instead of to whatever one known word
 * says.  An unknown word in the place of a name (after "the", "my", "our"
 * ..., or right before a model number, an error code or a machine word:
 * "the Solvane", "Solvane SV-220", "Solvane chiller") is a brand or model
 * nobody has seen: it adds no __oov__, in training or in use, so a machine
 * nobody has heard of does not pull its question to general.
 *
 * Priors are uniform: how many lines of each agent the training file holds
 * says nothing about how often crews ask each kind of question.
 *
 * Calibration: the posterior is softmax(score / T) where score is the
 * naive Bayes log joint probability and T (temperature, >= 1 in practice)
 * is fitted at load time by minimising the negative log-likelihood of the
 * leave-one-out posteriors of the training questions (each question scored
 * by a model trained without it, which naive Bayes allows exactly by
 * subtracting its counts).  So "confidence 0.8" means about 80 % of such
 * questions were routed right, on questions the model had not seen.
 *
 * Decision rules on top of the posterior: safety wins a tie (when the
 * safety probability is within 0.10 of the best, safety is chosen).  A
 * secondary agent is named only when the question carries a topic token
 * (a concept such as __c_machine__ or __c_fire__, an error code, a
 * temperature) that the training data ties to another agent at least
 * e (1 nat) times more than to the chosen one: "grease fire on the fryer"
 * is safety, and "fryer" brings in equipment.  A secondary that would be
 * safety is swapped in front (safety always answers first), but only when
 * safety is itself at least 0.30 probable.  An empty question, or one with
 * no word the model knows, is general with confidence 0.40.
 *
 * Urgency: critical for fire, flames, bleeding, 911, choking, a gas leak,
 * someone unresponsive; high for burns, smoke, shocks, falls, alarms,
 * "now", "asap", "emergency"; otherwise normal (low for general and
 * training).  Only safety questions reach critical, training at most
 * normal, general is always low.
 *
 * Thread safety: a loaded classifier is never written again; any number of
 * threads may call classifier_classify() on it at once.  A call uses about
 * 70 KiB of stack and no heap.
 */
#ifndef LINELEAD_CLASSIFIER_H
#define LINELEAD_CLASSIFIER_H

#include <stddef.h>

#include "agents.h"
#include "result.h"

/* Input past this many bytes is not tokenized (the rest is ignored), nor
 * are words past the 512th.  With LINELEAD_CLASSIFIER_DEBUG set in the
 * environment, loading prints the feature count, T and the leave-one-out
 * accuracy to stderr. */
#define CLASSIFIER_MAX_INPUT 4000

struct classifier;                         /* immutable after load; safe to share across threads */

#define CLASSIFIER_UNKNOWN 4

struct classification {
	enum agent_id agent;                  /* best agent */
	double confidence;                    /* calibrated probability of agent, in [0,1] */
	enum agent_id runner_up;              /* second best */
	enum agent_id secondary;              /* AGENT_NONE unless the question is clearly two
	                                       * things; then the other agent to consult (safety
	                                       * is always first: were the secondary safety, the
	                                       * two swap so that agent == AGENT_SAFETY) */
	double scores[AGENT_COUNT];           /* posterior probabilities, sum to 1 */
	char keywords[8][32];                 /* the tokens that decided, most decisive first */
	int nkeywords;
	const char *urgency;                  /* static: "low", "normal", "high", "critical",
	                                       * from cues like fire, bleeding, burn, smoke, 911,
	                                       * now, asap */
	char reasoning[256];                  /* one short sentence naming the deciding words */
	char unknown[CLASSIFIER_UNKNOWN][32]; /* words of five letters or more the model never
	                                       * saw ("waffle"), as written, lower-cased */
	int nunknown;
};

/* Read and train from a TSV file (header "query<TAB>agent" optional; blank
 * lines and '#' comments skipped).  On success *out is a new classifier the
 * caller frees with classifier_free(); on failure *out is NULL and the
 * result says why: LL_EIO (unreadable), LL_ETOOLARGE (over 8 MiB),
 * LL_ECONFIG (a line without a known agent, or no training line at all),
 * LL_ENOMEM. */
ll_result classifier_load(const char *train_tsv_path, struct classifier **out);

/* The same from a buffer of len bytes (need not be NUL-terminated); the
 * buffer is only read during the call and may be freed afterwards. */
ll_result classifier_load_buffer(const char *tsv, size_t len, struct classifier **out);

/* Release a classifier; NULL is allowed. */
void classifier_free(struct classifier *c);

/* Classify text (NUL-terminated UTF-8; NULL is taken as "") into *out,
 * which the caller owns; every field of *out is written.  Never fails. */
void classifier_classify(const struct classifier *c, const char *text, struct classification *out);

#endif
