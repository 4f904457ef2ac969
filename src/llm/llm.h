/* llm.h - an OpenAI-compatible Chat Completions client over libcurl.
 *
 * One client per worker, created from the settings, reusing one CURL handle
 * (and so its connections: keep-alive to the model server).  It speaks the
 * Chat Completions protocol of OpenAI, Ollama, vLLM and llama.cpp's server:
 * JSON or streamed (`stream: true`, Server-Sent Events), with a JSON-schema
 * response_format.  It retries 429 and 5xx with backoff honouring Retry-After
 * within the call's deadline, and keeps the circuit breaker that the workers
 * share through the scoreboard.  The API key goes only into the
 * Authorization header: never into a log line, an error or a reason string.
 *
 * The answer object (its schema, the validation of a reply) is
 * llm_reply.h; the streaming of its text, llm_field.h.  One call's types
 * (struct llm_call, struct llm_message, llm_delta_fn), the limits of what is
 * read back (LLM_BODY_MAX, LLM_CONTENT_MAX) and llm_parse_json live in
 * llm_wire.h (the request body and the reply on the wire), which this
 * header includes.
 */
#ifndef LINELEAD_LLM_H
#define LINELEAD_LLM_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "llm_wire.h"
#include "result.h"
#include "scoreboard.h"
#include "settings.h"

struct llm;

/* The breaker opens after this many consecutive failed calls and stays open
 * for the cool-down; then one worker probes (half-open). */
#define LLM_BREAKER_THRESHOLD 5
#define LLM_BREAKER_COOLDOWN_S 30.0

/* Checks that url may be used: https, or http to a loopback host
 * (127.0.0.0/8, localhost, ::1), or http anywhere when allow_http.  On error
 * err holds a message without secrets. */
__attribute__((warn_unused_result))
ll_result llm_check_url(const char *url, bool allow_http, char *err, size_t errlen);

/* Creates a client; caller frees with llm_free.  The settings and scoreboard
 * (NULL in the CLI: a breaker private to the client) are borrowed and must
 * outlive it.  LL_ECONFIG when llm_base_url fails llm_check_url. */
__attribute__((warn_unused_result))
ll_result llm_create(const struct settings *s, struct scoreboard *sb, struct llm **out);
void llm_free(struct llm *llm);

/* "ok", "open" (circuit breaker open), "half_open", for /health. */
const char *llm_state_name(const struct llm *llm);
/* The model name answers are labelled with (borrowed from the settings). */
const char *llm_model(const struct llm *llm);

/* ---- one call (struct llm_call: llm_wire.h) ------------------------------ */

struct llm_outcome {
	const char *content;      /* the model's content (arena); "" when none */
	size_t len;
	const char *refusal;      /* non-NULL when the model refused (arena) */
	const char *finish_reason;/* "stop", "length", "content_filter"... or NULL */
	int status;               /* last HTTP status, 0 when none arrived */
	int attempts;             /* HTTP requests made */
	long prompt_tokens, completion_tokens;
	double ttft_ms;           /* from the call's start to the first content byte */
	bool delivered;           /* on_delta was called at least once */
	bool aborted;             /* on_delta asked to stop */
	char reason[160];         /* why it failed, for the log; never holds the key */
};

/* Makes the call.  LL_OK: *out holds the content (possibly a refusal).
 * LL_EUNAVAILABLE: the circuit breaker is open, nothing was sent.
 * LL_ETIMEOUT: the deadline passed.  LL_EUPSTREAM: an HTTP error, a broken
 * connection or a malformed reply, after the retries the deadline allowed.
 * LL_EIO: on_delta stopped the call (out->aborted).  Every outcome but
 * LL_EIO and LL_EUNAVAILABLE feeds the breaker.  All of *out is in arena. */
__attribute__((warn_unused_result))
ll_result llm_chat(struct llm *llm, struct arena *arena, const struct llm_call *call,
                   struct llm_outcome *out);

#endif
