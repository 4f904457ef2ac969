/* route_feedback.c - POST /feedback: thumbs up/down on an answer.
 *
 * One rating per answer: a second one replaces the first (200 "replaced").
 * A key rates only the answers it can read (404 otherwise). */
#include "config.h"

#include <stddef.h>

#include "routes.h"
#include "store.h"
#include "validate.h"

struct feedback_fields {
	const char *request_id;
	const char *rating;
	const char *comment;
};

static const char *const ratings[] = {"up", "down", NULL};

static const struct field_spec feedback_spec[] = {
	{"request_id", FIELD_ID, true, 1, 128, NULL, offsetof(struct feedback_fields, request_id)},
	{"rating", FIELD_ENUM, true, 0, 0, ratings, offsetof(struct feedback_fields, rating)},
	{"comment", FIELD_STRING, false, 0, 2000, NULL, offsetof(struct feedback_fields, comment)},
};

ll_result route_feedback(struct route_ctx *rc, struct http_request *req)
{
	struct feedback_fields f = {0};
	struct json_object *body;
	bool replaced;
	ll_result result;

	result = validate_object(req, req->json, feedback_spec,
	                         sizeof(feedback_spec) / sizeof(feedback_spec[0]), &f);
	if(result)
		return result;
	/* a chat key rates only answers in its own conversations; admin keys any */
	result = store_feedback_set(rc->db, req->key_scope == SCOPE_ADMIN ? -1 : req->api_key_id,
	                            f.request_id, f.rating, f.comment, &replaced);
	if(result == LL_ENOTFOUND)
		req->error_message = "No answer with this request_id";
	if(result)
		return result;
	body = json_object_new_object();
	json_object_object_add(body, "status",
	                       json_object_new_string(replaced ? "replaced" : "recorded"));
	json_object_object_add(body, "request_id", json_object_new_string(f.request_id));
	json_object_object_add(body, "rating", json_object_new_string(f.rating));
	http_respond_json(req, replaced ? 200 : 201, body);
	json_object_put(body);
	return LL_OK;
}
