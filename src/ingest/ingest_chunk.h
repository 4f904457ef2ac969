/* ingest_chunk.h - a document's text into chunks: the ingest parser.
 *
 * ingest_chunk_text is the whole parse of a manual, in three steps:
 *   1. the layout normalised (ingest_layout.h): page furniture dropped,
 *      tables one line a row, columns unzipped, headings marked;
 *   2. the text read into sections of blocks (ingest_section.h);
 *   3. the blocks packed into chunks of about 150-350 words (here).
 * A numbered step list is never split unless it alone is longer than a
 * chunk (then only between steps), a paragraph only between sentences, and
 * a chunk that continues a section starts with the last sentence of the one
 * before (overlap).  Pure: unit-tested and fuzzed.
 */
#ifndef LINELEAD_INGEST_CHUNK_H
#define LINELEAD_INGEST_CHUNK_H

#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "ingest.h"

/* Splits text into chunks, allocated in arena.  LL_EINVAL when the text
 * holds no words; LL_ETOOLARGE past INGEST_MAX_SECTIONS sections or
 * INGEST_MAX_CHUNKS chunks (found out as soon as it is so); LL_ENOMEM. */
__attribute__((warn_unused_result))
ll_result ingest_chunk_text(struct arena *arena, const char *text, size_t len,
                            enum ingest_format format, struct ingest_chunks *out);

#endif
