/* route_conversations.c - GET and DELETE /conversations/{id}.
 *
 * A conversation belongs to the API key that started it (sql/007): {id}
 * names one in the caller's own namespace, so another key's conversation
 * is simply not found (404, never 403: no way to learn that an id exists).
 * An admin key may also name any conversation by its stored id,
 * "<owner>:<id>" (as the views and the dashboard show it).
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "routes.h"
#include "store.h"
#include "valid.h"
#include "validate.h"

/* True for a stored id: "<digits>:<client id>". */
static bool stored_id_valid(const char *ref)
{
	size_t digits = strspn(ref, "0123456789");

	return digits >= 1 && digits <= 19 && ref[digits] == ':' && valid_id(ref + digits + 1, 100);
}

/* The stored id req->param names for this key, in the arena; LL_ENOTFOUND
 * when it names nothing the key may see. */
static ll_result conversation_ref(struct route_ctx *rc, struct http_request *req, const char **ref)
{
	*ref = NULL;
	if(req->key_scope == SCOPE_ADMIN && stored_id_valid(req->param)) {
		*ref = req->param;
		return LL_OK;
	}
	if(!valid_id(req->param, 100)) {
		req->error_message = "No conversation with this id";
		return LL_ENOTFOUND;
	}
	*ref = store_conversation_ref(rc->arena, req->api_key_id, req->param);
	return *ref ? LL_OK : LL_ENOMEM;
}

/* Query parameter name as plain digits within [min, max] into *v; true
 * when absent (*v untouched). */
static bool digits_param(const struct http_request *req, const char *name, long long min,
                         long long max, long long *v)
{
	char text[24];
	long long n = 0;

	if(!http_query_has(req, name))
		return true;
	if(!http_query_param(req, name, text, sizeof(text)) || !text[0] || strlen(text) > 18 ||
	   strspn(text, "0123456789") != strlen(text))
		return false;
	for(const char *p = text; *p; p++)
		n = n * 10 + (*p - '0');
	if(n < min || n > max)
		return false;
	*v = n;
	return true;
}

/* ?limit= (1-CONVERSATION_PAGE_MAX) and ?cursor= (a next_cursor given
 * before: a message id). */
static ll_result page_params(struct http_request *req, int *limit, long long *cursor)
{
	long long n = CONVERSATION_PAGE_DEFAULT;

	*cursor = 0;
	if(!digits_param(req, "limit", 1, CONVERSATION_PAGE_MAX, &n)) {
		req->error_message =
			"limit must be a whole number from 1 to " LL_STR(CONVERSATION_PAGE_MAX);
		return LL_EVALIDATION;
	}
	*limit = (int)n;
	if(!digits_param(req, "cursor", 0, LLONG_MAX / 10, cursor)) {
		req->error_message = "cursor must be a next_cursor this route gave";
		return LL_EVALIDATION;
	}
	return LL_OK;
}

ll_result route_conversation_get(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body = NULL;
	const char *ref;
	long long cursor;
	int limit;
	ll_result result;

	result = conversation_ref(rc, req, &ref);
	if(result)
		return result;
	result = page_params(req, &limit, &cursor);
	if(result)
		return result;
	result = store_conversation_json(rc->db, ref, req->param, cursor, limit, &body);
	if(result == LL_ENOTFOUND)
		req->error_message = "No conversation with this id";
	if(result)
		return result;
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}

ll_result route_conversation_delete(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body;
	const char *ref;
	ll_result result;

	result = conversation_ref(rc, req, &ref);
	if(result)
		return result;
	result = store_conversation_delete(rc->db, ref);
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
