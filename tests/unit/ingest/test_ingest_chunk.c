/* test_ingest_chunk.c - ingest/ingest_chunk: a manual into chunks of about
 * 150-350 words.  A chunk never splits a step list, every chunk is labelled
 * with its section's path, a chunk that continues a section starts with
 * the last sentence of the one before, and a text without words is
 * refused. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ingest_chunk.h"

#include "../tap.h"

static int words(const char *s)
{
	int n = 0, in = 0;

	for(; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';

		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* A section of paragraphs, a 12-step procedure in the middle. */
static ll_result long_section(struct buf *b)
{
	ll_result r = buf_appends(b, "## Boil Out\n\n");

	for(int p = 0; p < 8 && !r; p++) {
		for(int s = 0; s < 6 && !r; s++)
			r = buf_printf(b, "Paragraph %d sentence %d tells the crew one more thing. ", p, s);
		r = r ? r : buf_appends(b, "\n\n");
		for(int k = 1; p == 3 && k <= 12 && !r; k++)
			r = buf_printf(b, "%d. Do step number %d of the boil out procedure carefully.\n", k, k);
		r = r ? r : (p == 3 ? buf_appends(b, "\n") : LL_OK);
	}
	return r;
}

int main(void)
{
	struct arena a;
	struct ingest_chunks c;
	struct buf b;
	int holding = 0, max = 0;
	bool labelled = true, overlap = false;

	arena_init(&a, 64 * 1024);
	buf_init(&b, 1 << 20);
	CHECK(ingest_chunk_text(&a, "  \n\n \n", 6, INGEST_TEXT, &c) == LL_EINVAL,
	      "a text without words is refused");
	CHECK(long_section(&b) == LL_OK &&
	      ingest_chunk_text(&a, buf_str(&b), b.len, INGEST_MARKDOWN, &c) == LL_OK && c.count >= 2,
	      "a long section is several chunks (%zu)", c.count);
	for(size_t i = 0; i < c.count; i++) {
		const char *first = strstr(c.items[i].body, "1. Do step number 1 ");

		holding += first != NULL;
		if(first)
			CHECK(strstr(first, "12. Do step number 12 ") != NULL,
			      "the chunk with step 1 holds step 12: a chunk never splits a step list");
		labelled &= strcmp(c.items[i].section, "Boil Out") == 0;
		max = words(c.items[i].body) > max ? words(c.items[i].body) : max;
		if(i > 0) {
			const char *prev = c.items[i - 1].body, *end = prev + strlen(prev);
			const char *last;

			while(end > prev && (end[-1] == ' ' || end[-1] == '\n'))
				end--;
			for(last = end - 1; last > prev && !(last[-1] == ' ' && last[-2] == '.'); last--)
				;
			overlap |= strncmp(c.items[i].body, last, (size_t)(end - last)) == 0;
		}
	}
	CHECK(holding == 1, "the step list is in one chunk (%d)", holding);
	CHECK(labelled, "every chunk is labelled with its section's path");
	CHECK(max <= INGEST_CHUNK_MAX_WORDS + INGEST_OVERLAP_MAX_WORDS, "no chunk is much over %d words (%d)",
	      INGEST_CHUNK_MAX_WORDS, max);
	CHECK(overlap, "a chunk that goes on starts with the last sentence of the one before");
	CHECK(c.sections == 1, "one section holds text (%d)", c.sections);
	buf_free(&b);
	arena_free(&a);
	return TAP_DONE();
}
