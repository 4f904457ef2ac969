/* fuzz_json_request.c - the request body parser and the chat route's field table. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *obj = NULL;
	struct http_request req;
	struct chat_fields f;
	const char *msg;

	if(http_parse_json((const char *)data, size, 16, &obj, &msg) != LL_OK)
		return 0;
	memset(&req, 0, sizeof(req));
	if(route_chat_fields(&req, obj, &f) != LL_OK)
		json_object_put(req.error_fields);
	json_object_put(obj);
	return 0;
}
