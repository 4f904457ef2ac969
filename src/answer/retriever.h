/* retriever.h - the passages for a question, best first.
 *
 * Built in: PostgreSQL full-text search over chunks (title weight A, section
 * B, body C) in three tiers, each looser one run only while the ones before
 * found fewer than six passages: websearch_to_tsquery (every word), then any
 * two of the words, then any one word; plus the indexed codes column for the
 * error codes and model numbers the question names (sql/003_codes.sql).  The
 * scores are combined, boosted for the agent's document categories and cut
 * at RETRIEVER_THRESHOLD (below it a chunk does not count as found), all in
 * one statement, one round trip; then re-ranked in C by how much of the
 * question each passage holds.  With retrieval = ragie or both, Ragie is
 * asked too; when it fails the built-in results stand and *degraded is set.
 */
#ifndef LINELEAD_RETRIEVER_H
#define LINELEAD_RETRIEVER_H

#include <stdbool.h>

#include "agents.h"
#include "answer.h"
#include "result.h"

struct answer_ctx;

#define RETRIEVER_LIMIT 16
#define RETRIEVER_THRESHOLD 0.12
#define RETRIEVER_BUDGET_S 10.0   /* Ragie's time without a request deadline (CLI) */

/* Fills *out (in ctx->arena) with at most RETRIEVER_LIMIT passages for
 * query, searched for agent, within ctx's deadline.  LL_EDB when PostgreSQL
 * cannot answer. */
__attribute__((warn_unused_result))
/* The category of the manual sections whose heading (title and section)
 * holds one of words (space-separated words the classifier never saw:
 * "reseason waffle"), the one with most such sections; *category NULL when
 * no heading holds any (arena-owned). */
ll_result retriever_words_category(const struct answer_ctx *ctx, const char *words,
                                   const char **category);

ll_result retriever_search(const struct answer_ctx *ctx, const char *query, enum agent_id agent,
                           struct passages *out, bool *degraded);

#endif
