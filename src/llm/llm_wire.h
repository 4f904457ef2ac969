/* llm_wire.h - one Chat Completions call on the wire: the request body sent,
 * and the reply read back into a struct llm_xfer, from a JSON body or from
 * Server-Sent Events when streamed.
 *
 * llm.c is the transport around it: the client's CURL handle, the attempts
 * and their retries, the circuit breaker.  Its write callback hands the
 * bytes it receives to x->sse or x->body; what they hold is read here: the
 * content (handed on to the call's on_delta as it streams), a refusal, the
 * finish reason, the token usage, an error in the stream, Retry-After.  The
 * call's own types (struct llm_call, its messages, the delta callback) are
 * here because both halves read them; llm.h includes this header.
 *
 * Ownership: an llm_xfer owns its parser and buffers (llm_xfer_free) and
 * borrows the call and the client.  Every string read into it is bounded:
 * LLM_BODY_MAX, LLM_CONTENT_MAX, a refusal as long as an answer may be.
 */
#ifndef LINELEAD_LLM_WIRE_H
#define LINELEAD_LLM_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "sse.h"

struct json_object;
struct llm;
struct settings;

/* Most bytes of one HTTP response body (JSON or the whole SSE stream) and of
 * the model's content; past them the call fails (LL_EUPSTREAM, "too large"). */
#define LLM_BODY_MAX (2 * 1024 * 1024)
#define LLM_CONTENT_MAX (256 * 1024)

struct llm_message {
	const char *role;      /* "system" | "user" | "assistant" */
	const char *content;
};

/* A piece of the model's content as it streams.  Non-zero stops the call
 * (the client went away): the transfer is aborted at once. */
typedef int (*llm_delta_fn)(void *ctx, const char *text, size_t len);

struct llm_call {
	const struct llm_message *messages;   /* borrowed */
	size_t nmessages;
	const char *response_format;          /* JSON text of response_format; NULL = none */
	bool stream;
	double deadline;                      /* clock_mono() by which the call must end */
	llm_delta_fn on_delta;                /* may be NULL; only with stream */
	void *ctx;
};

/* The JSON object in s (len bytes), or NULL when s holds anything else: a
 * response body, or the model's content (llm_reply.c).  Caller puts. */
struct json_object *llm_parse_json(const char *s, size_t len);

/* The request body of call for the model of s (messages, temperature,
 * max_tokens, stream and its usage, response_format), as JSON text;
 * caller frees.  NULL when out of memory or response_format is no JSON. */
char *llm_request_body(const struct settings *s, const struct llm_call *call);

/* ---- one HTTP exchange's reply ------------------------------------------ */

enum xfer_mode { XFER_UNDECIDED = 0, XFER_SSE, XFER_BODY };

struct llm_xfer {
	struct llm *llm;
	const struct llm_call *call;
	enum xfer_mode mode;
	struct sse_parser sse;
	struct buf body;           /* a JSON (non-stream or error) response */
	struct buf content;
	struct buf refusal;
	char finish_reason[32];
	char error[128];           /* an error met while parsing, for the reason */
	bool done, failed, delivered, aborted;
	double t0, ttft_ms;
	long prompt_tokens, completion_tokens;
	double retry_after;        /* seconds; < 0 when the server named none */
};

/* x ready for one attempt of call by llm: the SSE parser feeding the reply
 * reader, the empty buffers with their limits, no Retry-After, t0 now. */
void llm_xfer_init(struct llm_xfer *x, struct llm *llm, const struct llm_call *call);
void llm_xfer_free(struct llm_xfer *x);

/* Marks x failed; the first reason (why, copied) is kept. */
void llm_xfer_fail(struct llm_xfer *x, const char *why);

/* A JSON completion in x->body: the non-stream reply, or a server that
 * ignored stream. */
void llm_xfer_body_completion(struct llm_xfer *x);

/* The CURLOPT_HEADERFUNCTION of an attempt (ud is x): Retry-After (seconds;
 * an HTTP date is treated as unknown) and the retry-after-ms some
 * OpenAI-compatible servers send, into x->retry_after. */
size_t llm_on_header(char *ptr, size_t size, size_t nmemb, void *ud);

/* The error object of an OpenAI-shaped error body (root may be NULL), as
 * "type/code" words safe in a log line; "" when it has none. */
void llm_error_words(struct json_object *root, char *out, size_t outlen);

#endif
