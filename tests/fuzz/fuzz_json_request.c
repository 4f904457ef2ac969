/* fuzz_json_request.c - the request body parser and the chat field table. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http.h"
#include "validate.h"

struct fields {
	const char *message, *conversation_id, *priority, *agent;
	int stream;
	struct json_object *context;
};

static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
static const struct field_spec specs[] = {
	{"message", FIELD_STRING, true, 1, 2000, NULL, offsetof(struct fields, message)},
	{"conversation_id", FIELD_ID, false, 1, 100, NULL, offsetof(struct fields, conversation_id)},
	{"priority", FIELD_ENUM, false, 0, 0, priorities, offsetof(struct fields, priority)},
	{"stream", FIELD_BOOL, false, 0, 0, NULL, offsetof(struct fields, stream)},
	{"context", FIELD_OBJECT, false, 0, 0, NULL, offsetof(struct fields, context)},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *obj = NULL;
	struct http_request req;
	struct fields f;
	const char *msg;

	if(http_parse_json((const char *)data, size, 16, &obj, &msg) != LL_OK)
		return 0;
	memset(&req, 0, sizeof(req));
	if(validate_object(&req, obj, specs, sizeof(specs) / sizeof(specs[0]), &f) != LL_OK)
		json_object_put(req.error_fields);
	json_object_put(obj);
	return 0;
}
