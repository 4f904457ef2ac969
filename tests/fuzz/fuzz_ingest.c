/* fuzz_ingest.c - the ingestion splitter: header block, sections, chunks.
 * The first input byte picks Markdown or plain text. */
#include "config.h"

#include <stdint.h>

#include "arena.h"
#include "ingest_chunk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_meta meta;
	struct ingest_chunks chunks;
	struct arena arena;
	size_t off = 0;

	if(size < 1)
		return 0;
	arena_init(&arena, 16384);
	ingest_parse_header((const char *)data + 1, size - 1, &meta, &off);
	if(ingest_chunk_text(&arena, (const char *)data + 1 + off, size - 1 - off,
	                     data[0] & 1 ? INGEST_MARKDOWN : INGEST_TEXT, &chunks) == LL_OK) {
		/* every chunk holds words: the splitter never yields an empty one */
		for(size_t i = 0; i < chunks.count; i++)
			if(chunks.items[i].words <= 0 || !chunks.items[i].body)
				__builtin_trap();
	}
	arena_free(&arena);
	return 0;
}
