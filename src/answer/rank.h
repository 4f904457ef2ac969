/* rank.h - which section answers the question: a learned linear model.
 *
 * Each candidate section gets a feature vector that carries to manuals never
 * seen (how much of the question its heading, title and body hold, code and
 * model matches, whether it states the kind of figure asked, its kind, its
 * category, the retriever's score); the score is the logistic of the
 * weighted sum.  The weights are data (data/answers/ranker.tsv), written by
 * `make train-ranker` (scripts/train_ranker.py) from labelled questions
 * (data/ranking/labelled.tsv) with a held-out split; `linelead rank-features`
 * prints the vectors the training reads.  Pure: no database.
 */
#ifndef LINELEAD_ANSWER_RANK_H
#define LINELEAD_ANSWER_RANK_H

#include <stddef.h>

#include "agents.h"
#include "answer/ask.h"
#include "answer/asked.h"
#include "answer/section.h"
#include "result.h"

enum rank_feature {
	F_BIAS = 0,
	F_RETRIEVAL, /* the retriever's score */
	F_FIRST, /* the retriever's best section */
	F_HEADING, /* share of the question's term weight in the heading */
	F_TITLE, /* ... in the manual's title */
	F_BODY, /* ... in the body */
	F_ALL_TERMS, /* every term is somewhere in title, heading or body */
	F_CODE_HEADING, /* a code or model the question names is in the heading */
	F_CODE_BODY, /* ... in the title or body only */
	F_CODE_MISSING, /* the question names one the section does not hold */
	F_FIGURE_STATED, /* a figure question, and the section states one of that kind */
	F_FIGURE_MISSING, /* a figure question, and the section states none of that kind */
	F_STEPS_WANTED, /* a procedure or fault question, and the section has steps */
	F_FAULT_SECTION, /* a fault question, and a fault or troubleshooting section */
	F_QUIZ, /* a training quiz */
	F_OVERVIEW, /* an introduction or overview */
	F_FAQ, /* a FAQ entry */
	F_CATEGORY, /* the section's category is the agent's own */
	F_EMERGENCY, /* the section is an emergency's procedure */
	F_HEADING_RARE, /* share in the heading, each term weighed by how few candidates hold it */
	F_BODY_RARE, /* ... in the title or body */
	F_HEADING_PRECISION, /* share of the heading's own words that the question holds */
	F_SPECS_WANTED, /* a figure question, and a specifications section of a manual whose title
	                   names what it asks about */
	F_SUBJECT_HEADING, /* the question's subject (its most telling word) is in the heading */
	F_SUBJECT_MISSING, /* ... is nowhere in the section */
	F_PART_BEST, /* the most of the question one sentence, step or row holds (rare words weigh
	                more) */
	F_PART_FIGURE, /* a figure question, and that best part states the figure */
	F_HEADING_FIGURE, /* a figure question, and the heading states a figure of that kind */
	F_ASKED, /* the most of the question an earlier crew question about this section held
	            (asked.h) */
	F_TABLE, /* the share of the section that is table rows */
	F_TABLE_FOR_STEPS, /* ... when a procedure is asked (a schedule is no procedure) */
	F_STEPS_FOR_FIGURE, /* a figure question, and a numbered procedure */
	F_SCHEDULE, /* a schedule (what is done how often) ... */
	F_SCHEDULE_FOR_STEPS, /* ... when a procedure or a fault is asked */
	F_THREAD, /* a follow-up: the share of the earlier turns' terms (rare ones weigh more)
	             the section holds */
	F_THREAD_NONE, /* ... and it holds none of them */
	F_OTHER_MACHINE, /* the question names a kind of machine (a freezer), the heading
	                    another only (a cooler) */
	F_MAKER_UNNAMED, /* a maker's manual (its title names a model) of which the question
	                    names nothing: not its machine, not its maker */
	RANK_FEATURES
};

struct ranker {
	double w[RANK_FEATURES];
};

const char *rank_feature_name(enum rank_feature f);

/* Parses "name<TAB>weight" lines (# comments); unknown names are an error.
 * Missing names keep weight 0.  LL_EINVAL on a bad line. */
__attribute__((warn_unused_result))
ll_result ranker_parse(const char *text, struct ranker *out);

/* How telling each of q's terms is among the n candidates: log(1 + n /
 * (1 + the number of candidates holding it)); 0 for a term none holds.
 * idf has TERMS_MAX. */
void rank_rarity(const struct ask *q, struct section *s, size_t n, double *idf);

/* The features of section s for question q asked of agent (idf from
 * rank_rarity over the same candidates, which also reads s's matches;
 * asked may be NULL). */
void rank_features(const struct ask *q, const struct section *s, enum agent_id agent,
                   const double *idf, const struct asked_set *asked, double f[RANK_FEATURES]);

/* Share of the question's term weight that the terms in held carry. */
double rank_share(const struct terms *t, uint32_t held);

/* Which of q's terms s holds in its heading, title or body (read from the
 * ranking's matches when s was ranked for q, else matched now). */
uint32_t rank_held(const struct ask *q, const struct section *s);

/* Does term t frame a question ("temp", "how long", "check") rather than
 * name its subject? */
bool rank_frame_word(const char *t);

/* Is s of a maker's manual (its title names a model) of which q names
 * nothing, not its machine nor its maker? */
bool rank_maker_unnamed(const struct ask *q, const struct section *s);

/* The logistic of the weighted features, in (0, 1). */
double rank_score(const struct ranker *r, const double f[RANK_FEATURES]);

#define RANK_MAX_SECTIONS 32

/* Scores every section (s->score, s->coverage) and sorts them best first
 * (at most RANK_MAX_SECTIONS); feat (may be NULL) gets each one's feature
 * vector in that order, RANK_FEATURES doubles a section. */
void rank_sections(const struct ranker *r, const struct asked_set *asked, const struct ask *q,
                   enum agent_id agent, struct section *s, size_t n, double *feat);

#endif
