/* fuzz_ragie_reply.c - what Ragie (or anything at its address) may send back
 * to POST /retrievals, over arbitrary bytes.  The first byte picks top_k.
 * Every passage that comes out must have text, a title, a section, a
 * category and a score in [0, 1]. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "ragie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct passages out = {0};
	int top_k;

	if(size < 1)
		return 0;
	top_k = data[0] % 20;
	arena_init(&a, 4096);
	if(ragie_reply_parse(&a, (const char *)data + 1, size - 1, top_k, &out) == LL_OK) {
		if(out.count > (size_t)(top_k < 1 ? 1 : top_k))
			__builtin_trap();      /* more passages than asked for */
		for(size_t i = 0; i < out.count; i++) {
			const struct passage *p = &out.items[i];

			if(!p->body || !p->body[0] || !p->title || !p->section || !p->category ||
			   p->score < 0 || p->score > 1)
				__builtin_trap();
		}
	}
	arena_free(&a);
	return 0;
}
