/* fuzz_docx.c - what an upload is (ingest_detect) and a .docx's
 * word/document.xml to Markdown (ingest_docx_markdown), then through the
 * ingest splitter as Markdown.  The first input byte is the name's hint. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "ingest_chunk.h"
#include "ingest_detect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf md;
	struct arena arena;
	struct ingest_chunks chunks;
	const char *why = NULL;
	enum ingest_kind kind;

	if(size < 1)
		return 0;
	kind = ingest_detect((const char *)data + 1, size - 1, (enum ingest_kind)(data[0] % 5), &why);
	if(kind == INGEST_KIND_UNKNOWN && !why && memchr(data + 1, '\0', size - 1))
		__builtin_trap();    /* binary is always refused with a reason */
	buf_init(&md, 1024 * 1024);
	arena_init(&arena, 16384);
	if(ingest_docx_markdown((const char *)data + 1, size - 1, &md) == LL_OK) {
		if(md.len == 0 || strlen(buf_str(&md)) != md.len)
			__builtin_trap();    /* no NUL inside: it is stored as text */
		if(ingest_chunk_text(&arena, buf_str(&md), md.len, INGEST_MARKDOWN, &chunks) == LL_OK)
			for(size_t i = 0; i < chunks.count; i++)
				if(chunks.items[i].words <= 0)
					__builtin_trap();
	}
	arena_free(&arena);
	buf_free(&md);
	return 0;
}
