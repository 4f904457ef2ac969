/* routes.h - the handlers behind each route (route_<name>.c). */
#ifndef LINELEAD_ROUTES_H
#define LINELEAD_ROUTES_H

#include "router.h"

ll_result route_health(struct worker *w, struct http_request *req);
ll_result route_info(struct worker *w, struct http_request *req);
ll_result route_metrics(struct worker *w, struct http_request *req);
ll_result route_chat_production(struct worker *w, struct http_request *req);
ll_result route_chat_stream(struct worker *w, struct http_request *req);
ll_result route_chat_classify(struct worker *w, struct http_request *req);
ll_result route_conversation_get(struct worker *w, struct http_request *req);
ll_result route_conversation_delete(struct worker *w, struct http_request *req);
ll_result route_feedback(struct worker *w, struct http_request *req);
ll_result route_documents_list(struct worker *w, struct http_request *req);
ll_result route_documents_create(struct worker *w, struct http_request *req);
ll_result route_documents_delete(struct worker *w, struct http_request *req);

#endif
