/* orchestrator.h - one question in, one stored, cited answer out.
 *
 * classify (or take the agent override) -> load the conversation's recent
 * turns -> retrieve for each agent consulted (safety first when two) ->
 * generate -> merge -> store the exchange.  Used by the chat routes and by
 * `linelead ask`, each building the answer_ctx (answer/path.h); everything in
 * *out lives in actx->arena.
 */
#ifndef LINELEAD_ORCHESTRATOR_H
#define LINELEAD_ORCHESTRATOR_H

#include <stdbool.h>

#include <json-c/json.h>

#include "answer.h"
#include "classifier.h"
#include "generator.h"
#include "result.h"

/* The earlier questions a follow-up's retrieval query takes in (the CLI's
 * rank-features builds labelled follow-ups' queries the same way). */
#define ORCHESTRATOR_FOLLOWUP_TURNS 2

struct answer_ctx;

struct store_idempotency;

struct chat_request {
	const char *message;
	const char *conversation_id;    /* as the client names it; NULL = a new conversation */
	long long owner;                /* the API key (api_keys.id; 0 = none): conversations
	                                 * are stored per owner (store_conversation_ref) */
	const struct store_idempotency *idem;  /* an Idempotency-Key's row to store with the
	                                 * exchange (its response is filled in); NULL = none */
	enum priority priority;
	const char *agent;              /* override: an agent name, or NULL */
	struct json_object *context;    /* borrowed; may be NULL */
	const char *request_id;         /* NULL = generate one (CLI) */
};

struct chat_result {
	struct answer answer;           /* merged over the agents consulted */
	const char *conversation_id;    /* as the client names it */
	const char *conversation_ref;   /* as stored: "<owner>:<id>" */
	const char *request_id;
	enum agent_id agent;
	enum agent_id secondary;        /* AGENT_NONE when one agent answered */
	struct classification classification;
	double processing_time;         /* seconds */
	char timestamp[32];             /* ISO 8601 UTC */
	bool stored;                    /* the exchange was written */
};

/* on_token may be NULL.  It is called once with text NULL and len 0 as soon
 * as the agent is known (after classification, before retrieval), so a
 * stream can send its meta event at once; then with the answer's tokens.
 * The stages go to actx->stage, how it was answered to actx->trace.  A
 * failure to store the exchange fails the request (store_exchange's
 * result): a 200 always means stored. */
__attribute__((warn_unused_result))
ll_result orchestrator_answer(const struct answer_ctx *actx, const struct chat_request *in,
                              generator_token_fn on_token, void *ctx, struct chat_result *out);

/* The chat response object (docs/DESIGN.md, openapi.yaml) for a result (new
 * object, caller puts). */
struct json_object *orchestrator_result_json(const struct chat_result *r);

/* The "classification" object of POST /chat/classify (new object). */
struct json_object *orchestrator_classification_json(const struct classification *c);

/* ISO 8601 UTC of now into out (>= 25 bytes). */
void orchestrator_timestamp(char *out, size_t outlen);

#endif
