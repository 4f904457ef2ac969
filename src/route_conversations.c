/* route_conversations.c - GET and DELETE /conversations/{id}. */
#include "config.h"

#include "routes.h"
#include "store.h"
#include "validate.h"
#include "worker.h"

ll_result route_conversation_get(struct worker *w, struct http_request *req)
{
	struct json_object *body = NULL;
	ll_result result;

	if(!validate_id(req->param, 100)) {
		req->error_message = "No conversation with this id";
		return LL_ENOTFOUND;
	}
	result = store_conversation_json(&w->db, req->param, &body);
	if(result == LL_ENOTFOUND)
		req->error_message = "No conversation with this id";
	if(result)
		return result;
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}

ll_result route_conversation_delete(struct worker *w, struct http_request *req)
{
	struct json_object *body;
	ll_result result;

	if(!validate_id(req->param, 100)) {
		req->error_message = "No conversation with this id";
		return LL_ENOTFOUND;
	}
	result = store_conversation_delete(&w->db, req->param);
	if(result == LL_ENOTFOUND)
		req->error_message = "No conversation with this id";
	if(result)
		return result;
	body = json_object_new_object();
	json_object_object_add(body, "deleted", json_object_new_boolean(1));
	json_object_object_add(body, "conversation_id", json_object_new_string(req->param));
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}
