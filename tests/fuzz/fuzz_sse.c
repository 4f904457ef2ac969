/* fuzz_sse.c - the SSE parser over arbitrary bytes, fed in pieces whose
 * sizes come from the input's first byte; each event's data is then parsed
 * as a chat.completion.chunk would be (the client's path). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "sse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_event(void *ctx, const char *event, const char *text, size_t len)
{
	struct json_tokener *tok = json_tokener_new_ex(32);
	struct json_object *o;
	size_t *total = ctx;

	*total += len;
	if(!tok)
		return 1;
	o = json_tokener_parse_ex(tok, text, (int)len);
	json_object_put(o);
	json_tokener_free(tok);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sse_parser p;
	size_t total = 0, piece;
	ll_result r = LL_OK;

	if(size < 1)
		return 0;
	piece = (size_t)(data[0] % 17) + 1;
	data++;
	size--;
	sse_init(&p, 512, 4096, on_event, &total);
	for(size_t i = 0; i < size && !r; i += piece)
		r = sse_feed(&p, (const char *)data + i, size - i < piece ? size - i : piece);
	if(!r)
		r = sse_finish(&p);
	sse_free(&p);
	return 0;
}
