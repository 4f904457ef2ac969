/* worker.h - what a worker builds once and reuses across requests: the
 * PostgreSQL connection, the classifier, the answer path's data, the LLM
 * client, the per-request arena.  The CLI builds one too; the pool's process
 * loop is pool/child.c.  The settings and the scoreboard belong to the master
 * and are only read here (the worker's own slot and the atomic counters are
 * the exceptions).
 *
 * The answer path never sees this struct: worker_answer_ctx lends what it
 * needs as an answer_ctx (answer/path.h), which the routes and the CLI
 * build alike.
 */
#ifndef LINELEAD_WORKER_H
#define LINELEAD_WORKER_H

#include <signal.h>
#include <stdbool.h>

#include "arena.h"
#include "db.h"
#include "scoreboard.h"
#include "settings.h"

struct answer_ctx;
struct answer_kit;
struct classifier;
struct llm;
struct reqlog;

struct worker {
	const struct settings *settings;   /* borrowed from the master */
	struct scoreboard *scoreboard;     /* shared; may be NULL in the CLI */
	struct scoreboard_slot *slot;      /* this worker's slot; NULL in the CLI */
	struct db db;
	struct classifier *classifier;
	struct answer_kit *answers;        /* the answer path's data (answer/path.h) */
	struct llm *llm;                   /* NULL when no LLM is configured */
	struct arena arena;
	struct reqlog *reqlog;             /* request_log rows not yet written; pool only */
	double started;                    /* wall-clock seconds */
	pid_t master;                      /* the pool master that forked it; 0 in the CLI */
};

/* Sets up only the settings, the arena and the database connection (not yet
 * connected): what the CLI's migrate, ingest, apikey, stats and prune use.
 * worker_free releases it. */
__attribute__((warn_unused_result))
ll_result worker_init_store(struct worker *w, const struct settings *settings);

/* Sets up everything a worker owns: the above, the classifier (trained from
 * data_dir's routing/train.tsv), the answer path's data and the LLM client
 * (also used by the CLI's ask, which has no pool). */
__attribute__((warn_unused_result))
ll_result worker_init(struct worker *w, const struct settings *settings,
                      struct scoreboard *sb, struct scoreboard_slot *slot);
void worker_free(struct worker *w);

/* Whether this pool worker's master is gone (it was re-parented). */
bool worker_orphaned(const struct worker *w);

/* The answer context of a question answered with w's resources (database,
 * arena, answer data, settings, classifier, LLM, scoreboard), without a
 * deadline, stage hook or trace: the caller adds those it has. */
void worker_answer_ctx(struct worker *w, struct answer_ctx *out);

#endif
