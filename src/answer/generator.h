/* generator.h - turns a question and its passages into an answer.
 *
 * The orchestrator calls generator_answer() once per agent consulted.  The
 * generator picks the way: the answer cache (no retrieval then), else the
 * passages from the retriever and the LLM when one is configured and its
 * circuit is closed, else the local answer path (answer/path.h); every LLM failure
 * ends in the local answer with degraded = true.  Tokens are
 * handed to on_token as they are produced (the local path sends sentences), so
 * a streaming route can forward them; on_token returning non-zero means the
 * client has gone: the generator stops and marks the answer incomplete.
 */
#ifndef LINELEAD_GENERATOR_H
#define LINELEAD_GENERATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "result.h"

struct answer_ctx;

typedef int (*generator_token_fn)(void *ctx, const char *text, size_t len);

/* Answers q, retrieving with `query` (the question, or a follow-up's
 * question with the conversation's codes and models) when the agent
 * retrieves.  All of *out lives in actx->arena.  *degraded is set (never
 * cleared) when a retrieval backend failed.  LL_EDB when PostgreSQL cannot
 * answer. */
__attribute__((warn_unused_result))
ll_result generator_answer(const struct answer_ctx *actx, const struct question *q,
                           const char *query, generator_token_fn on_token, void *ctx,
                           struct answer *out, bool *degraded);

#endif
