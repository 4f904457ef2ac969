/* http.h - the HTTP layer over libfcgi: one request in, one response out.
 *
 * A struct http_request lives in the worker and is reused: http_request_begin
 * fills it from the FastCGI parameters, http_request_end releases what the
 * request owned (body, parsed JSON).  Every response goes through the
 * http_respond_* functions, which add X-Request-ID and X-Process-Time and
 * record the status; errors all take the one JSON shape (docs/DESIGN.md,
 * "HTTP API").
 */
#ifndef LINELEAD_HTTP_H
#define LINELEAD_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "result.h"
#include "scope.h"

struct http_request {
	FCGX_Request *fcgx;          /* borrowed from the worker */
	struct arena *arena;         /* borrowed; reset by the worker after the request */
	/* From the FastCGI parameters; borrowed, valid until FCGX_Finish_r. */
	const char *method;
	const char *path;            /* without the query string */
	const char *query;           /* "" when none */
	const char *content_type;    /* "" when none */
	const char *accept;
	const char *authorization;
	const char *x_api_key;
	const char *idempotency_key; /* "" when none */
	long long content_length;    /* -1 when absent */
	char method_buf[16];         /* method copied: the log needs it after FCGX_Finish_r */
	char request_id[64];
	char param[128];             /* the {id} segment of the matched route */
	double started;              /* monotonic seconds */
	/* The body and its parsed JSON, owned by the request. */
	struct buf body;
	struct json_object *json;
	/* Set by the router and handlers, read by the request log. */
	const char *route;           /* matched pattern (static) or "-" */
	const char *agent;           /* static agent name or NULL */
	bool degraded, cached, llm_called;
	long long api_key_id;        /* 0 = no key */
	enum scope key_scope;
	/* An error's details, set by a handler before it returns the error. */
	const char *error_message;   /* NULL = the default for the result */
	struct json_object *error_fields; /* owned; NULL = none */
	char extra_headers[256];     /* e.g. "Allow: GET, POST\r\n" */
	/* The response. */
	/* 0 until headers were sent; then their status, except for a stream
	 * that failed after its 200: the error's status, which the logs and
	 * counters record (http_respond_error). */
	int status;
	bool streaming;
	bool client_gone;            /* a write failed: the client went away */
};

/* Fills req from fcgx; resets the previous request's state. */
void http_request_begin(struct http_request *req, FCGX_Request *fcgx, struct arena *arena);
/* Releases what the request owned. */
void http_request_end(struct http_request *req);

/* Reads the body, refusing before reading anything when CONTENT_LENGTH
 * exceeds limit (LL_ETOOLARGE); a short body is LL_EINVAL. */
__attribute__((warn_unused_result))
ll_result http_read_body(struct http_request *req, size_t limit);
/* Reads and parses a JSON object body: 415 unless application/json, 400 when
 * malformed, deeper than max_depth or not valid UTF-8. */
__attribute__((warn_unused_result))
ll_result http_read_json(struct http_request *req, size_t limit, int max_depth);

/* Parses text as one JSON object, depth-limited, strict, valid UTF-8 and
 * without NUL bytes.  *out is new (caller puts); on error *message says why
 * in plain words (static) and the result is LL_EINVAL. */
__attribute__((warn_unused_result))
ll_result http_parse_json(const char *text, size_t len, int max_depth,
                          struct json_object **out, const char **message);

/* True when every name and value of the query string is well %-encoded
 * and decodes to UTF-8 text without control characters (NUL included). */
bool http_query_valid(const char *query);
/* True when the query string names parameter `name` (with a value or not). */
bool http_query_has(const struct http_request *req, const char *name);
/* Copies the decoded value of query parameter `name` into out; false when
 * absent or when it does not fit in outlen (never cut short). */
bool http_query_param(const struct http_request *req, const char *name, char *out, size_t outlen);
/* True when the Accept header names this media type. */
bool http_accepts(const struct http_request *req, const char *media_type);
/* Adds a header line ("Name: value") to the next response. */
void http_add_header(struct http_request *req, const char *name, const char *value);

/* Sends obj (borrowed) as the response body with this status. */
void http_respond_json(struct http_request *req, int status, struct json_object *obj);
/* Sends body as is. */
void http_respond_body(struct http_request *req, int status, const char *content_type,
                       const char *body, size_t len);
/* Sends the JSON error for result, with req->error_message/error_fields when set;
 * on a stream already under way, as its "error" event (see status). */
void http_respond_error(struct http_request *req, ll_result result);

/* Server-Sent Events.  sse_begin sends the headers (and tells nginx not to
 * buffer); sse_event sends one event and flushes.  LL_EIO when the client is
 * gone (req->client_gone is then set). */
__attribute__((warn_unused_result))
ll_result http_sse_begin(struct http_request *req);
__attribute__((warn_unused_result))
ll_result http_sse_event(struct http_request *req, const char *event, struct json_object *data);

#endif
