/* llm_wire.c - one Chat Completions call on the wire: the request body, and
 * the reply read back from a JSON body or a Server-Sent Events stream (see
 * llm_wire.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "buf.h"
#include "clock.h"
#include "llm_wire.h"
#include "settings.h"
#include "sse.h"

#define LLM_REFUSAL_MAX 16000   /* as long as an answer may be (LLM_REPLY_ANSWER_MAX) */

char *llm_request_body(const struct settings *s, const struct llm_call *call)
{
	struct json_object *root = json_object_new_object(), *msgs = json_object_new_array();
	struct json_object *fmt = NULL;
	char *text = NULL;

	if(!root || !msgs)
		goto out;
	json_object_object_add(root, "model", json_object_new_string(s->llm_model));
	for(size_t i = 0; i < call->nmessages; i++) {
		struct json_object *m = json_object_new_object();

		json_object_object_add(m, "role", json_object_new_string(call->messages[i].role));
		json_object_object_add(m, "content",
		                       json_object_new_string(call->messages[i].content));
		json_object_array_add(msgs, m);
	}
	json_object_object_add(root, "messages", msgs);
	msgs = NULL;
	json_object_object_add(root, "temperature", json_object_new_double(s->llm_temperature));
	json_object_object_add(root, "max_tokens", json_object_new_int(s->llm_max_tokens));
	json_object_object_add(root, "stream", json_object_new_boolean(call->stream));
	if(call->stream) {
		struct json_object *so = json_object_new_object();

		json_object_object_add(so, "include_usage", json_object_new_boolean(1));
		json_object_object_add(root, "stream_options", so);
	}
	if(call->response_format) {
		fmt = json_tokener_parse(call->response_format);
		if(!fmt)
			goto out;
		json_object_object_add(root, "response_format", fmt);
	}
	text = strdup(json_object_to_json_string_ext(
		root, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
out:
	json_object_put(msgs);
	json_object_put(root);
	return text;
}

/* Copies s keeping only characters safe in a log reason. */
static void llm_sanitize(char *out, size_t outlen, const char *s)
{
	size_t j = 0;

	for(; s && *s && j + 1 < outlen; s++)
		out[j++] = isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.' ? *s
		                                                                             : '_';
	out[j] = '\0';
}

void llm_xfer_fail(struct llm_xfer *x, const char *why)
{
	if(!x->failed)
		snprintf(x->error, sizeof(x->error), "%s", why);
	x->failed = true;
}

/* Content from a delta or a message: kept, and handed on while streaming. */
static void llm_xfer_content(struct llm_xfer *x, const char *s, size_t len)
{
	if(!len || x->failed || x->aborted)
		return;
	if(buf_append(&x->content, s, len) != LL_OK) {
		llm_xfer_fail(x, "content too large");
		return;
	}
	if(!x->delivered)
		x->ttft_ms = (clock_mono() - x->t0) * 1000.0;
	if(x->call->on_delta) {
		x->delivered = true;
		if(x->call->on_delta(x->call->ctx, s, len))
			x->aborted = true;
	} else
		x->delivered = true;
}

/* o's field name when it is a string (its length in *len, may be NULL),
 * else NULL. */
static const char *llm_json_string(struct json_object *o, const char *name, size_t *len)
{
	struct json_object *v;

	if(!json_object_object_get_ex(o, name, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	if(len)
		*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}

/* A choice's finish_reason, and the refusal and content of its message
 * (streamed: of its delta; NULL when it has none). */
static void llm_xfer_choice(struct llm_xfer *x, struct json_object *choice, struct json_object *msg)
{
	const char *s;
	size_t len;

	if((s = llm_json_string(choice, "finish_reason", NULL)))
		llm_sanitize(x->finish_reason, sizeof(x->finish_reason), s);
	if(!msg)
		return;
	if((s = llm_json_string(msg, "refusal", &len)) && buf_append(&x->refusal, s, len))
		llm_xfer_fail(x, "refusal too large");
	if((s = llm_json_string(msg, "content", &len)))
		llm_xfer_content(x, s, len);
}

static void llm_xfer_usage(struct llm_xfer *x, struct json_object *root)
{
	struct json_object *usage, *v;

	if(!json_object_object_get_ex(root, "usage", &usage) ||
	   !json_object_is_type(usage, json_type_object))
		return;
	if(json_object_object_get_ex(usage, "prompt_tokens", &v))
		x->prompt_tokens = (long)json_object_get_int64(v);
	if(json_object_object_get_ex(usage, "completion_tokens", &v))
		x->completion_tokens = (long)json_object_get_int64(v);
}

/* choices[0], or NULL. */
static struct json_object *llm_first_choice(struct json_object *root)
{
	struct json_object *choices;

	if(!json_object_object_get_ex(root, "choices", &choices) ||
	   !json_object_is_type(choices, json_type_array) || json_object_array_length(choices) < 1)
		return NULL;
	return json_object_array_get_idx(choices, 0);
}

struct json_object *llm_parse_json(const char *s, size_t len)
{
	struct json_tokener *tok = json_tokener_new_ex(32);
	struct json_object *obj = NULL;

	if(!tok)
		return NULL;
	obj = json_tokener_parse_ex(tok, s, (int)len);
	if(obj && (json_tokener_get_error(tok) != json_tokener_success ||
	           !json_object_is_type(obj, json_type_object))) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

void llm_error_words(struct json_object *root, char *out, size_t outlen)
{
	struct json_object *err;
	const char *v;
	char a[48] = "", b[48] = "";

	out[0] = '\0';
	if(!root || !json_object_object_get_ex(root, "error", &err))
		return;
	if(json_object_is_type(err, json_type_object)) {
		if((v = llm_json_string(err, "type", NULL)))
			llm_sanitize(a, sizeof(a), v);
		if((v = llm_json_string(err, "code", NULL)))
			llm_sanitize(b, sizeof(b), v);
	}
	snprintf(out, outlen, "%s%s%s", a, a[0] && b[0] ? "/" : "", b);
}

static int llm_on_sse_event(void *ctx, const char *event, const char *data, size_t len)
{
	struct llm_xfer *x = ctx;
	struct json_object *root = NULL, *choice, *delta, *v;
	char words[100];

	(void)event;
	if(x->done)
		return 0;
	if(len == 6 && memcmp(data, "[DONE]", 6) == 0) {
		x->done = true;
		return 0;
	}
	root = llm_parse_json(data, len);
	if(!root) {
		llm_xfer_fail(x, "malformed stream chunk");
		goto out;
	}
	if(json_object_object_get_ex(root, "error", &v)) {
		char why[120];

		llm_error_words(root, words, sizeof(words));
		snprintf(why, sizeof(why), "error in stream %s", words);
		llm_xfer_fail(x, why);
		goto out;
	}
	llm_xfer_usage(x, root);
	choice = llm_first_choice(root);
	if(!choice)
		goto out;
	if(!json_object_object_get_ex(choice, "delta", &delta) ||
	   !json_object_is_type(delta, json_type_object))
		delta = NULL;
	llm_xfer_choice(x, choice, delta);
out:
	json_object_put(root);
	return x->failed || x->aborted;
}

size_t llm_on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct llm_xfer *x = ud;
	size_t n = size * nmemb;
	char value[32];
	size_t vlen;
	double scale = 0;
	const char *v = NULL;

	if(n > 15 && !strncasecmp(ptr, "retry-after-ms:", 15)) {
		v = ptr + 15;
		scale = 0.001;
	} else if(n > 12 && !strncasecmp(ptr, "retry-after:", 12)) {
		v = ptr + 12;
		scale = 1;
	}
	if(v) {
		char *end;
		double d;

		while(v < ptr + n && (*v == ' ' || *v == '\t'))
			v++;
		vlen = (size_t)(ptr + n - v);
		if(vlen >= sizeof(value))
			vlen = sizeof(value) - 1;
		memcpy(value, v, vlen);
		value[vlen] = '\0';
		errno = 0;
		d = strtod(value, &end);
		if(!errno && end != value && d >= 0 && d < 86400 &&
		   (scale < 1 || x->retry_after < 0))
			x->retry_after = d * scale;
	}
	return n;
}

void llm_xfer_body_completion(struct llm_xfer *x)
{
	struct json_object *root = llm_parse_json(buf_str(&x->body), x->body.len);
	struct json_object *choice, *msg;

	if(!root) {
		llm_xfer_fail(x, "malformed JSON reply");
		goto out;
	}
	llm_xfer_usage(x, root);
	choice = llm_first_choice(root);
	if(!choice || !json_object_object_get_ex(choice, "message", &msg) ||
	   !json_object_is_type(msg, json_type_object)) {
		llm_xfer_fail(x, "reply without choices[0].message");
		goto out;
	}
	llm_xfer_choice(x, choice, msg);
	x->done = true;
out:
	json_object_put(root);
}

void llm_xfer_init(struct llm_xfer *x, struct llm *llm, const struct llm_call *call)
{
	memset(x, 0, sizeof(*x));
	x->llm = llm;
	x->call = call;
	sse_init(&x->sse, SSE_LINE_MAX, SSE_EVENT_MAX, llm_on_sse_event, x);
	buf_init(&x->body, LLM_BODY_MAX);
	buf_init(&x->content, LLM_CONTENT_MAX);
	buf_init(&x->refusal, LLM_REFUSAL_MAX);
	x->retry_after = -1;
	x->t0 = clock_mono();
}

void llm_xfer_free(struct llm_xfer *x)
{
	sse_free(&x->sse);
	buf_free(&x->body);
	buf_free(&x->content);
	buf_free(&x->refusal);
}
