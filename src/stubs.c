/* stubs.c - TEMPORARY: routes not yet built answer 503.  Removed as the
 * answers work lands. */
#include "config.h"

#include <stdio.h>

#include "answer.h"
#include "cli.h"
#include "routes.h"

ll_result route_chat_production(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_chat_stream(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_chat_classify(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_conversation_get(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_conversation_delete(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_feedback(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_documents_list(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_documents_create(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
ll_result route_documents_delete(struct worker *w, struct http_request *req) { return LL_EUNAVAILABLE; }
