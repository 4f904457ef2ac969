/* fuzz_ocr.c - tesseract's TSV laid out as text (ingest_ocr_layout), then
 * through the ingest splitter as plain text. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "ingest_chunk.h"
#include "ingest_ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text;
	struct arena arena;
	struct ingest_chunks chunks;

	buf_init(&text, 4 * 1024 * 1024);
	arena_init(&arena, 16384);
	if(ingest_ocr_layout((const char *)data, size, &text) == LL_OK && text.len) {
		if(text.data[text.len - 1] != '\n')
			__builtin_trap();    /* every line ends */
		if(ingest_chunk_text(&arena, buf_str(&text), text.len, INGEST_TEXT, &chunks) == LL_OK)
			for(size_t i = 0; i < chunks.count; i++)
				if(chunks.items[i].words <= 0)
					__builtin_trap();
	}
	arena_free(&arena);
	buf_free(&text);
	return 0;
}
