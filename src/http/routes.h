/* routes.h - the handlers behind each route (route_<name>.c). */
#ifndef LINELEAD_ROUTES_H
#define LINELEAD_ROUTES_H

#include "http.h"
#include "route_ctx.h"

ll_result route_health(struct route_ctx *rc, struct http_request *req);
ll_result route_info(struct route_ctx *rc, struct http_request *req);
ll_result route_metrics(struct route_ctx *rc, struct http_request *req);
ll_result route_chat_production(struct route_ctx *rc, struct http_request *req);
ll_result route_chat_stream(struct route_ctx *rc, struct http_request *req);
ll_result route_chat_classify(struct route_ctx *rc, struct http_request *req);

/* The fields of a chat request, validated against the route's table
 * (message 1-2000 characters, conversation_id, priority, context, agent,
 * stream).  Strings point into obj.  Exposed for the fuzz target and tests. */
#define CHAT_CONTEXT_MAX_BYTES 4096   /* `context`, as JSON */

struct chat_fields {
	const char *message;
	const char *conversation_id;
	const char *priority;
	struct json_object *context;
	const char *agent;
	int stream;                 /* -1 absent, 0, 1 */
};
__attribute__((warn_unused_result))
ll_result route_chat_fields(struct http_request *req, struct json_object *obj,
                            struct chat_fields *f);
ll_result route_conversation_get(struct route_ctx *rc, struct http_request *req);
ll_result route_conversation_delete(struct route_ctx *rc, struct http_request *req);
ll_result route_feedback(struct route_ctx *rc, struct http_request *req);
ll_result route_documents_list(struct route_ctx *rc, struct http_request *req);
ll_result route_documents_create(struct route_ctx *rc, struct http_request *req);
ll_result route_documents_delete(struct route_ctx *rc, struct http_request *req);
ll_result route_documents_job(struct route_ctx *rc, struct http_request *req);

#endif
