/* path.h - the local answer path: question -> understanding -> emergency
 * cards -> sections -> ranking -> composed answer.
 *
 *   ask_understand      what is asked, about what, which emergencies
 *   cards               each emergency's tagged procedure (sql/006)
 *   sections            the retrieved chunks grouped into whole sections
 *   rank_sections       the learned ranker (rank.h)
 *   unknown names       a brand, model or code no manual covers
 *   compose_answer      one section's lead, steps and warnings (compose.h)
 *
 * The data it needs (the lexicon and the ranker's weights) is loaded once
 * per process into an answer_kit; a request passes an answer_ctx (the
 * database, its arena, the kit, the settings, the classifier, the LLM, the
 * deadline and a stage hook), never the worker nor an HTTP request.
 */
#ifndef LINELEAD_ANSWER_PATH_H
#define LINELEAD_ANSWER_PATH_H

#include "answer.h"
#include "answer/lexicon.h"
#include "answer/rank.h"
#include "arena.h"
#include "clock.h"
#include "db.h"
#include "result.h"

struct classifier;
struct llm;
struct scoreboard;
struct settings;

struct answer_kit {
	struct lexicon *lexicon;
	struct ranker ranker;
	struct asked_set *asked; /* questions asked before, per section (may be empty) */
};

/* Loads <data_dir>/data/answers (or <data_dir>/answers, installed). */
__attribute__((warn_unused_result))
ll_result answer_kit_load(const char *data_dir, struct answer_kit **out);
void answer_kit_free(struct answer_kit *kit);

/* How a request was answered, for its log line (http/reqlog): the pipeline
 * writes it as it goes, so what was known before a failure stays. */
struct answer_trace {
	const char *agent;               /* the agent that answered, once stored */
	bool degraded;
	bool cached;                     /* the answer came from the answer cache */
	bool llm_called;                 /* an LLM call was attempted */
};

/* Told each stage of the pipeline ("classifying", "retrieving", ...) as it
 * starts: the pool's scoreboard and slow log, a stream's progress. */
typedef void (*answer_stage_fn)(void *arg, const char *stage);

/* What one question is answered with, built by the HTTP routes and by the
 * CLI alike (app/worker.h: worker_answer_ctx).  Everything is borrowed.
 * answer_local and answer_rank read only db, arena and kit; the retriever,
 * the generator and the orchestrator the rest. */
struct answer_ctx {
	struct db *db;
	struct arena *arena;             /* the request's: *out lives here */
	const struct answer_kit *kit;
	const struct settings *settings;
	const struct classifier *classifier;
	struct llm *llm;                 /* NULL when no LLM is configured */
	struct scoreboard *scoreboard;   /* the shared counters; NULL in the CLI */
	double deadline;                 /* clock_mono() seconds; 0 = no request budget (CLI) */
	answer_stage_fn stage;           /* may be NULL */
	void *stage_arg;
	struct answer_trace *trace;      /* may be NULL */
};

/* Seconds left before ctx->deadline; `none` when there is no deadline. */
static inline double answer_time_left(const struct answer_ctx *ctx, double none)
{
	return ctx->deadline > 0 ? ctx->deadline - clock_mono() : none;
}

static inline void answer_stage(const struct answer_ctx *ctx, const char *stage)
{
	if(ctx->stage)
		ctx->stage(ctx->stage_arg, stage);
}

/* The answer to q from passages (the retriever's, best first) retrieved
 * with query (q->text, or a follow-up's with the earlier subject).  When
 * sources is not NULL it gets what the answer was made from, in the order
 * an LLM should read it: the emergency procedures, then the ranked
 * sections whole (one passage each, in ctx->arena).  *emergency (may be
 * NULL) says whether an emergency procedure leads.  LL_EDB when PostgreSQL
 * cannot answer. */
__attribute__((warn_unused_result)) ll_result
answer_local(const struct answer_ctx *ctx, const struct question *q, const char *query,
             const struct passages *passages, struct answer *out, struct passages *sources,
             bool *emergency);

/* The sections answer_local would rank for q, scored and best first, with
 * each one's feature vector (for `linelead rank-features`).  *feat has
 * RANK_FEATURES doubles per section. */
__attribute__((warn_unused_result)) ll_result
answer_rank(const struct answer_ctx *ctx, const struct question *q, const char *query,
            const struct passages *passages, struct section **out, size_t *n, double **feat);

#endif
