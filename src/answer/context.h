/* context.h - what one question is answered with: the answer kit loaded
 * once per process, and the per-request answer_ctx (the database, its
 * arena, the kit, the settings, the classifier, the LLM, the deadline and
 * a stage hook) that the HTTP routes and the CLI build alike.  The answer
 * path (path.h), the retriever and the generator read it; it owns nothing.
 */
#ifndef LINELEAD_ANSWER_CONTEXT_H
#define LINELEAD_ANSWER_CONTEXT_H

#include <stdbool.h>

#include "answer/rank.h"
#include "arena.h"
#include "clock.h"
#include "db.h"
#include "result.h"

struct asked_set;
struct classifier;
struct lexicon;
struct llm;
struct scoreboard;
struct settings;

struct answer_kit {
	struct lexicon *lexicon;
	struct ranker ranker;
	struct asked_set *asked; /* questions asked before, per section (may be empty) */
};

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

#endif
