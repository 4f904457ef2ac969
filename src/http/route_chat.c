/* route_chat.c - POST /chat/production, /chat/stream, /chat/classify. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "answer/path.h"
#include "classifier.h"
#include "log.h"
#include "orchestrator.h"
#include "idempotency.h"
#include "routes.h"
#include "store.h"
#include "validate.h"
#include "settings.h"

static const char *const priority_choices[] = {"low", "normal", "high", "urgent", NULL};
static const char *const agent_choices[] = {
	"equipment", "safety", "operations", "training", "general", NULL,
};

static const struct field_spec chat_spec[] = {
	{"message", FIELD_STRING, true, 1, 2000, NULL, offsetof(struct chat_fields, message)},
	{"conversation_id", FIELD_ID, false, 1, 100, NULL,
	 offsetof(struct chat_fields, conversation_id)},
	{"priority", FIELD_ENUM, false, 0, 0, priority_choices,
	 offsetof(struct chat_fields, priority)},
	{"context", FIELD_OBJECT, false, 0, CHAT_CONTEXT_MAX_BYTES, NULL,
	 offsetof(struct chat_fields, context)},
	{"agent", FIELD_ENUM, false, 0, 0, agent_choices, offsetof(struct chat_fields, agent)},
	{"stream", FIELD_BOOL, false, 0, 0, NULL, offsetof(struct chat_fields, stream)},
};

ll_result route_chat_fields(struct http_request *req, struct json_object *obj,
                            struct chat_fields *f)
{
	memset(f, 0, sizeof(*f));
	return validate_object(req, obj, chat_spec, sizeof(chat_spec) / sizeof(chat_spec[0]), f);
}

static ll_result chat_parse(struct http_request *req, struct chat_fields *f,
                            struct chat_request *in)
{
	ll_result result;

	result = route_chat_fields(req, req->json, f);
	if(result)
		return result;
	memset(in, 0, sizeof(*in));
	in->message = f->message;
	in->conversation_id = f->conversation_id;
	in->priority = f->priority ? (enum priority)priority_parse(f->priority) : PRIORITY_NORMAL;
	in->context = f->context;
	in->agent = f->agent;
	in->request_id = req->request_id[0] ? req->request_id : NULL;
	in->owner = req->api_key_id;
	return LL_OK;
}

/* The question as an Idempotency-Key stands for it: the fields that make
 * the exchange, not how it is delivered (a stream that broke is retried
 * as plain JSON with the same key).  A new string in arena. */
static const char *chat_identity(struct route_ctx *rc, const struct chat_fields *f)
{
	struct json_object *o = json_object_new_object();
	const char *text;

	json_object_object_add(o, "message", json_object_new_string(f->message));
	if(f->conversation_id)
		json_object_object_add(o, "conversation_id",
		                       json_object_new_string(f->conversation_id));
	if(f->priority)
		json_object_object_add(o, "priority", json_object_new_string(f->priority));
	if(f->agent)
		json_object_object_add(o, "agent", json_object_new_string(f->agent));
	if(f->context)
		json_object_object_add(o, "context", json_object_get(f->context));
	text = arena_strdup(rc->arena, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return text;
}

/* A conversation takes at most CONVERSATION_MAX_MESSAGES: refused before
 * any work (and before a stream's headers), with a clear 409. */
static ll_result chat_room_left(struct route_ctx *rc, struct http_request *req,
                                const struct chat_request *in)
{
	const char *ref;
	long long count = 0;
	ll_result result;

	if(!in->conversation_id)
		return LL_OK;
	ref = store_conversation_ref(rc->arena, in->owner, in->conversation_id);
	if(!ref)
		return LL_ENOMEM;
	result = store_conversation_size(rc->db, ref, &count);
	if(result)
		return result;
	if(count + 2 > CONVERSATION_MAX_MESSAGES) {
		req->error_message = "This conversation is full (" LL_STR(CONVERSATION_MAX_MESSAGES)
		                     " messages): start a new one";
		return LL_ECONFLICT;
	}
	return LL_OK;
}

/* The SSE side of one streamed answer. */
struct stream_ctx {
	struct http_request *req;
	const struct chat_result *result;   /* filled by the orchestrator as it goes */
	bool meta_sent;
};

#define NONNULL(s) ((s) ? (s) : "")

static int stream_meta(struct stream_ctx *s)
{
	const struct chat_result *r = s->result;
	struct json_object *o;
	int rc;

	if(s->meta_sent)
		return 0;
	s->meta_sent = true;
	o = json_object_new_object();
	json_object_object_add(o, "request_id", json_object_new_string(NONNULL(r->request_id)));
	json_object_object_add(o, "agent", json_object_new_string(agent_name(r->agent)));
	json_object_object_add(o, "conversation_id",
	                       json_object_new_string(NONNULL(r->conversation_id)));
	rc = http_sse_event(s->req, "meta", o) ? 1 : 0;
	json_object_put(o);
	return rc;
}

static int stream_token(void *ctx, const char *text, size_t len)
{
	struct stream_ctx *s = ctx;
	struct json_object *o;
	int rc;

	if(stream_meta(s))
		return 1;
	if(!text)
		return 0;       /* the orchestrator's "agent known" call: meta only */
	o = json_object_new_object();
	json_object_object_add(o, "text", json_object_new_string_len(text, (int)len));
	rc = http_sse_event(s->req, "token", o) ? 1 : 0;
	json_object_put(o);
	return rc;
}

/* A new reference to body's field name, or NULL (JSON null) when absent. */
static struct json_object *json_field(struct json_object *body, const char *name)
{
	struct json_object *v;

	return json_object_object_get_ex(body, name, &v) ? json_object_get(v) : NULL;
}

/* A stored answer sent again: as JSON, or as a stream's meta and done
 * events when the client asked for a stream. */
static ll_result chat_replay(struct http_request *req, const struct store_idempotency *stored,
                             bool stream)
{
	struct json_object *body, *meta;
	ll_result result;

	if(!stream) {
		idempotency_replay(req, stored);
		return LL_OK;
	}
	body = json_tokener_parse(stored->response);
	if(!body)
		return LL_EINTERNAL;
	if(!req->status) {
		http_add_header(req, "Idempotent-Replayed", "true");
		result = http_sse_begin(req);
		if(result)
			goto out;
		meta = json_object_new_object();
		json_object_object_add(meta, "request_id", json_field(body, "request_id"));
		json_object_object_add(meta, "agent", json_field(body, "agent_used"));
		json_object_object_add(meta, "conversation_id",
		                       json_field(body, "conversation_id"));
		result = http_sse_event(req, "meta", meta);
		json_object_put(meta);
		if(result)
			goto out;
	}
	result = http_sse_event(req, "done", body);
out:
	if(result == LL_EIO)
		log_info("client_gone", "the client left during the stream");
	json_object_put(body);
	return LL_OK;
}

/* Before any work: a replay, or a refusal, answered in full (*done). */
static ll_result chat_prepare(struct route_ctx *rc, struct http_request *req,
                              const struct chat_fields *f, const struct chat_request *in,
                              struct idempotency *idem, bool stream, bool *done)
{
	struct store_idempotency stored;
	const char *identity = "";
	bool found;
	ll_result result;

	*done = false;
	if(req->idempotency_key[0] && !(identity = chat_identity(rc, f)))
		return LL_ENOMEM;
	result = idempotency_begin(rc->db, req, identity, strlen(identity), idem, &stored, &found);
	if(result)
		return result;
	if(found) {
		*done = true;
		return chat_replay(req, &stored, stream);
	}
	return chat_room_left(rc, req, in);
}

/* The pipeline's stages into this process's scoreboard slot. */
static void chat_stage(void *arg, const char *stage)
{
	route_stage(arg, stage);
}

/* What the answer path needs from the application and this request: its
 * resources (the context's answer factory), the request's deadline, the
 * stage hook and the trace that the request log reads (copied into req by
 * chat_traced). */
static void chat_context(struct route_ctx *rc, const struct http_request *req,
                         struct answer_trace *trace, struct answer_ctx *actx)
{
	*actx = *rc->answer;
	actx->deadline = req->started + rc->settings->request_timeout_ms / 1000.0;
	actx->stage = chat_stage;
	actx->stage_arg = rc;
	actx->trace = trace;
}

static void chat_traced(struct http_request *req, const struct answer_trace *trace)
{
	req->agent = trace->agent;
	req->degraded = trace->degraded;
	req->cached = trace->cached;
	req->llm_called = trace->llm_called;
}

static ll_result chat_answer(struct route_ctx *rc, struct http_request *req, bool stream)
{
	struct answer_trace trace = {0};
	struct answer_ctx actx;
	struct chat_fields f;
	struct chat_request in;
	struct chat_result r;
	struct stream_ctx s = {.req = req, .result = &r};
	struct idempotency idem;
	struct store_idempotency stored;
	struct json_object *body = NULL;
	bool done;
	ll_result result;

	result = chat_parse(req, &f, &in);
	if(result)
		goto out;
	stream = stream || f.stream == 1 ||
	         (f.stream != 0 && http_accepts(req, "text/event-stream"));
	result = chat_prepare(rc, req, &f, &in, &idem, stream, &done);
	if(result || done)
		goto out;
	in.idem = idem.active ? &idem.row : NULL;
	if(stream) {
		result = http_sse_begin(req);
		if(result)
			goto out;
	}
	/* An error after the stream's headers travels as its "error" event
	 * (http_respond_error, called by the router). */
	chat_context(rc, req, &trace, &actx);
	result = orchestrator_answer(&actx, &in, stream ? stream_token : NULL, &s, &r);
	chat_traced(req, &trace);
	/* another request with this key stored its answer first: that one */
	if(idempotency_after_conflict(rc->db, req, result, &idem, &stored) == LL_OK && result) {
		result = chat_replay(req, &stored, stream);
		goto out;
	}
	if(result)
		goto out;
	body = orchestrator_result_json(&r);
	if(stream) {
		if(!stream_meta(&s) && http_sse_event(req, "done", body))
			log_info("client_gone", "the client left during the stream");
	} else
		http_respond_json(req, 200, body);
out:
	if(body)
		json_object_put(body);
	return result;
}

ll_result route_chat_production(struct route_ctx *rc, struct http_request *req)
{
	return chat_answer(rc, req, false);
}

ll_result route_chat_stream(struct route_ctx *rc, struct http_request *req)
{
	return chat_answer(rc, req, true);
}

struct classify_fields {
	const char *message;
};

static const struct field_spec classify_spec[] = {
	{"message", FIELD_STRING, true, 1, 2000, NULL, offsetof(struct classify_fields, message)},
};

ll_result route_chat_classify(struct route_ctx *rc, struct http_request *req)
{
	struct classify_fields f = {0};
	struct classification c;
	struct json_object *body;
	char ts[40];
	ll_result result;

	result = validate_object(req, req->json, classify_spec, 1, &f);
	if(result)
		return result;
	classifier_classify(rc->classifier, f.message, &c);
	req->agent = agent_name(c.agent);
	orchestrator_timestamp(ts, sizeof(ts));
	body = json_object_new_object();
	json_object_object_add(body, "query", json_object_new_string(f.message));
	json_object_object_add(body, "classification", orchestrator_classification_json(&c));
	json_object_object_add(body, "timestamp", json_object_new_string(ts));
	json_object_object_add(body, "request_id", json_object_new_string(req->request_id));
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}
