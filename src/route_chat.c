/* route_chat.c - POST /chat/production, /chat/stream, /chat/classify. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "classifier.h"
#include "log.h"
#include "orchestrator.h"
#include "routes.h"
#include "validate.h"
#include "worker.h"

static const char *const priority_choices[] = {"low", "normal", "high", "urgent", NULL};
static const char *const agent_choices[] = {"equipment", "safety", "operations", "training", "general", NULL};

static const struct field_spec chat_spec[] = {
	{"message", FIELD_STRING, true, 1, 2000, NULL, offsetof(struct chat_fields, message)},
	{"conversation_id", FIELD_ID, false, 1, 100, NULL, offsetof(struct chat_fields, conversation_id)},
	{"priority", FIELD_ENUM, false, 0, 0, priority_choices, offsetof(struct chat_fields, priority)},
	{"context", FIELD_OBJECT, false, 0, 0, NULL, offsetof(struct chat_fields, context)},
	{"agent", FIELD_ENUM, false, 0, 0, agent_choices, offsetof(struct chat_fields, agent)},
	{"stream", FIELD_BOOL, false, 0, 0, NULL, offsetof(struct chat_fields, stream)},
};

ll_result route_chat_fields(struct http_request *req, struct json_object *obj, struct chat_fields *f)
{
	memset(f, 0, sizeof(*f));
	return validate_object(req, obj, chat_spec, sizeof(chat_spec) / sizeof(chat_spec[0]), f);
}

static ll_result chat_parse(struct http_request *req, struct chat_fields *f, struct chat_request *in)
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
	return LL_OK;
}

/* The SSE side of one streamed answer. */
struct stream_ctx {
	struct http_request *req;
	const struct chat_result *result;   /* filled by the orchestrator as it goes */
	bool meta_sent;
};

static int stream_meta(struct stream_ctx *s)
{
	struct json_object *o;
	int rc;

	if(s->meta_sent)
		return 0;
	s->meta_sent = true;
	o = json_object_new_object();
	json_object_object_add(o, "request_id", json_object_new_string(s->result->request_id ? s->result->request_id : ""));
	json_object_object_add(o, "agent", json_object_new_string(agent_name(s->result->agent)));
	json_object_object_add(o, "conversation_id", json_object_new_string(s->result->conversation_id ? s->result->conversation_id : ""));
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

static ll_result chat_answer(struct worker *w, struct http_request *req, bool stream)
{
	struct chat_fields f;
	struct chat_request in;
	struct chat_result r;
	struct stream_ctx s = {.req = req, .result = &r};
	struct json_object *body = NULL;
	ll_result result;

	result = chat_parse(req, &f, &in);
	if(result)
		goto out;
	stream = stream || f.stream == 1 || (f.stream != 0 && http_accepts(req, "text/event-stream"));
	if(stream) {
		result = http_sse_begin(req);
		if(result)
			goto out;
	}
	/* An error after the stream's headers travels as its "error" event
	 * (http_respond_error, called by the router). */
	result = orchestrator_answer(w, req, &in, stream ? stream_token : NULL, &s, &r);
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

ll_result route_chat_production(struct worker *w, struct http_request *req)
{
	return chat_answer(w, req, false);
}

ll_result route_chat_stream(struct worker *w, struct http_request *req)
{
	return chat_answer(w, req, true);
}

struct classify_fields {
	const char *message;
};

static const struct field_spec classify_spec[] = {
	{"message", FIELD_STRING, true, 1, 2000, NULL, offsetof(struct classify_fields, message)},
};

ll_result route_chat_classify(struct worker *w, struct http_request *req)
{
	struct classify_fields f = {0};
	struct classification c;
	struct json_object *body;
	char ts[40];
	ll_result result;

	result = validate_object(req, req->json, classify_spec, 1, &f);
	if(result)
		return result;
	classifier_classify(w->classifier, f.message, &c);
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
