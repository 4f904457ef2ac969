/* llm.h - an OpenAI-compatible Chat Completions client over libcurl, and the
 * answer object the model is asked for.
 *
 * One client per worker, created from the settings, reusing one CURL handle
 * (and so its connections: keep-alive to the model server).  It speaks the
 * Chat Completions protocol of OpenAI, Ollama, vLLM and llama.cpp's server:
 * JSON or streamed (`stream: true`, Server-Sent Events), with a JSON-schema
 * response_format.  It retries 429 and 5xx with backoff honouring Retry-After
 * within the call's deadline, and keeps the circuit breaker that the workers
 * share through the scoreboard.  The API key goes only into the
 * Authorization header: never into a log line, an error or a reason string.
 */
#ifndef LINELEAD_LLM_H
#define LINELEAD_LLM_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "scoreboard.h"
#include "settings.h"

struct llm;

/* Most bytes of one HTTP response body (JSON or the whole SSE stream) and of
 * the model's content; past them the call fails (LL_EUPSTREAM, "too large"). */
#define LLM_BODY_MAX (2 * 1024 * 1024)
#define LLM_CONTENT_MAX (256 * 1024)

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

/* ---- one call ---------------------------------------------------------- */

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

/* ---- the answer object ------------------------------------------------- */

/* The response_format asking for the answer object (strict JSON schema):
 * {answer, steps[], safety_warnings[], cited_passages[], escalate,
 * service_call_recommended}.  A static string. */
const char *llm_answer_format(void);

/* A reply validated against that schema; all in the arena. */
struct llm_reply {
	const char *answer;
	const char **steps;
	size_t nsteps;
	const char **warnings;
	size_t nwarnings;
	size_t *cited;            /* 0-based passage indexes, in the model's order, no duplicates */
	size_t ncited;
	size_t ninvented;         /* cited ids that name no passage: dropped */
	bool escalate, service_call_recommended;
};

#define LLM_REPLY_ANSWER_MAX 16000
#define LLM_REPLY_ITEM_MAX 2000
#define LLM_REPLY_ITEMS_MAX 40

/* The passage id the model sees for 0-based index i: "P1", "P2", ... */
void llm_passage_id(size_t i, char *out, size_t outlen);

/* Parses and validates the model's content against the answer schema, with
 * npassages passages offered (ids P1..Pn).  A ```json fence around the object
 * is tolerated.  LL_EVALIDATION with a one-line reason in why (told to the
 * model in the corrective retry) when it does not conform. */
__attribute__((warn_unused_result))
ll_result llm_reply_parse(struct arena *arena, const char *text, size_t len,
                          size_t npassages, struct llm_reply *out, char *why, size_t whylen);

/* ---- the answer text, as it streams ------------------------------------ */

/* Follows the JSON text of the answer object as it streams and hands on the
 * decoded characters of one top-level string field ("answer") as they
 * arrive, so the crew sees words, not JSON.  Escapes (\n, \", \uXXXX with
 * surrogate pairs) are decoded even when split across pieces.  No memory is
 * allocated. */
struct llm_field_stream {
	const char *field;        /* borrowed, e.g. "answer" */
	llm_delta_fn emit;
	void *ctx;
	int depth;                /* nesting of objects and arrays */
	int state;                /* private */
	bool in_string, escape, expect_key, key_matches, emitting, done;
	char key[24];
	size_t keylen;
	bool key_long;
	unsigned u;               /* \u digits so far */
	int un;                   /* how many \u digits were read; -1 none */
	unsigned hi;              /* a pending high surrogate */
	char out[256];            /* decoded bytes waiting to be emitted */
	size_t outlen;
	bool stopped;
};

void llm_field_stream_init(struct llm_field_stream *fs, const char *field,
                           llm_delta_fn emit, void *ctx);
/* Returns non-zero when emit asked to stop (then it stays stopped). */
int llm_field_stream_feed(struct llm_field_stream *fs, const char *text, size_t len);

#endif
