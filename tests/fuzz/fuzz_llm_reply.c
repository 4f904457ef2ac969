/* fuzz_llm_reply.c - what a model may send back: the answer object's
 * validation and the streaming extraction of its "answer" field, over
 * arbitrary text.  The first byte picks how many passages were offered. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "llm.h"
#include "llm_field.h"
#include "llm_reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sink(void *ctx, const char *text, size_t len)
{
	size_t *total = ctx;

	*total += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct llm_reply r;
	struct llm_field_stream fs;
	char why[200];
	size_t total = 0;
	ll_result res;

	if(size < 1)
		return 0;
	arena_init(&a, 4096);
	res = llm_reply_parse(&a, (const char *)data + 1, size - 1, data[0] % 12, &r, why, sizeof(why));
	if(res == LL_OK)
		for(size_t i = 0; i < r.ncited; i++)
			if(r.cited[i] >= (size_t)(data[0] % 12))
				__builtin_trap();      /* an id outside the passages got through */
	llm_field_stream_init(&fs, "answer", sink, &total);
	for(size_t i = 1; i < size; i += 7)
		llm_field_stream_feed(&fs, (const char *)data + i, size - i < 7 ? size - i : 7);
	arena_free(&a);
	return 0;
}
