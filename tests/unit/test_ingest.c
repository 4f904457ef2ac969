/* test_ingest.c - header parsing, sections, chunk sizes and overlap, step
 * lists kept whole, empty input refused. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ingest.h"

#include "tap.h"

/* The shared TAP helpers, with this file's plain-string checks. */
#define check(ok, what) CHECK((ok), "%s", (what))

static int words(const char *s)
{
	int n = 0, in = 0;

	for(; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';

		if(!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

int main(void)
{
	struct arena arena;
	struct ingest_meta meta;
	struct ingest_chunks chunks;
	struct buf doc;
	size_t off;
	const char *md =
		"title: BG-4 Grill\n"
		"category: equipment\n"
		"source: Acme BG-4 manual rev 3\n"
		"\n"
		"# BG-4 Grill\n"
		"\n"
		"Intro text about the grill.\n"
		"\n"
		"## Cleaning\n"
		"\n"
		"Clean daily.\n"
		"\n"
		"### Daily\n"
		"\n"
		"1. Turn it off.\n"
		"2. Scrape the plate.\n";

	arena_init(&arena, 64 * 1024);

	ingest_parse_header(md, strlen(md), &meta, &off);
	check(strcmp(meta.title, "BG-4 Grill") == 0, "header title");
	check(strcmp(meta.category, "equipment") == 0, "header category");
	check(strcmp(meta.source, "Acme BG-4 manual rev 3") == 0, "header source");
	check(strncmp(md + off, "# BG-4 Grill", 12) == 0, "body starts after the blank line");
	ingest_parse_header("# Just a doc\n\ntext\n", 19, &meta, &off);
	check(off == 0 && meta.title[0] == '\0', "no header: nothing taken");

	ingest_parse_header(md, strlen(md), &meta, &off);
	check(ingest_chunk_text(&arena, md + off, strlen(md + off), INGEST_MARKDOWN, &chunks) == LL_OK, "chunk markdown");
	check(chunks.count == 3, "one chunk per section");
	check(chunks.count == 3 && strcmp(chunks.items[0].section, "BG-4 Grill") == 0, "H1 section");
	check(chunks.count == 3 && strcmp(chunks.items[1].section, "Cleaning") == 0, "H2 section");
	check(chunks.count == 3 && strcmp(chunks.items[2].section, "Cleaning > Daily") == 0, "H3 under H2 section path");
	check(chunks.count == 3 && strstr(chunks.items[2].body, "1. Turn it off.\n2. Scrape the plate.") != NULL,
	      "steps kept with their numbers");

	/* a long section: chunk sizes, overlap, the step list not split */
	buf_init(&doc, 1 << 20);
	if(buf_appends(&doc, "## Long Section\n\n"))
		return 2;
	for(int p = 0; p < 6; p++) {
		for(int s = 0; s < 8; s++)
			if(buf_printf(&doc, "Paragraph %d sentence %d has exactly nine words here. ", p, s))
				return 2;
		if(buf_appends(&doc, "\n\n"))
			return 2;
		if(p == 3)
			for(int k = 1; k <= 12; k++)
				if(buf_printf(&doc, "%d. Step %d of the long procedure does one thing.\n", k, k))
					return 2;
		if(p == 3 && buf_appends(&doc, "\n"))
			return 2;
	}
	arena_reset(&arena);
	check(ingest_chunk_text(&arena, doc.data, doc.len, INGEST_MARKDOWN, &chunks) == LL_OK, "chunk a long section");
	check(chunks.count >= 2, "long section split into several chunks");
	{
		bool sizes = true, whole = false, overlap = false;

		for(size_t i = 0; i < chunks.count; i++) {
			int w = words(chunks.items[i].body);

			sizes &= w <= INGEST_CHUNK_MAX_WORDS + INGEST_OVERLAP_MAX_WORDS;
			if(strstr(chunks.items[i].body, "1. Step 1 ") && strstr(chunks.items[i].body, "12. Step 12 "))
				whole = true;
			if(i > 0) {
				/* the chunk begins with the previous chunk's last sentence */
				const char *prev = chunks.items[i - 1].body;
				char first[64];

				snprintf(first, sizeof(first), "%.40s", chunks.items[i].body);
				overlap |= strstr(prev, first) != NULL;
			}
		}
		check(sizes, "no chunk over the word limit (plus overlap)");
		check(whole, "the numbered list stays in one chunk");
		check(overlap, "consecutive chunks overlap by a sentence");
		check(chunks.count >= 2 && words(chunks.items[0].body) >= INGEST_CHUNK_MIN_WORDS,
		      "first chunk is a reasonable size");
	}
	buf_free(&doc);

	/* plain text headings */
	{
		const char *txt = "SAFETY NOTES\n\nKeep hands clear.\n\nSection 2 Cleaning\n\nWipe it down.\n";

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 2 &&
		      strcmp(chunks.items[0].section, "SAFETY NOTES") == 0 &&
		      strcmp(chunks.items[1].section, "Section 2 Cleaning") == 0, "plain text: ALL-CAPS and Section N headings");
	}

	/* a line defining a code opens its own section: the code's meaning and
	 * its steps stay together, labelled with the code */
	{
		const char *txt =
			"3. FAULT CODES\n\n"
			"F1 - Long freeze cycle. The freeze cycle took longer than 35 minutes.\n\n"
			"1. Turn the machine off.\n2. Clean the condenser.\n\n"
			"F4 - High discharge temperature. The system runs too hot.\n\n"
			"1. Turn the machine off for 30 minutes.\n2. Clean the condenser (see F1).\n";
		bool f1 = false, f4 = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "fault codes: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "3. FAULT CODES > F1 - Long freeze cycle") == 0)
				f1 = strstr(c->body, "35 minutes") && strstr(c->body, "Clean the condenser.") &&
				     !strstr(c->body, "30 minutes");
			if(strcmp(c->section, "3. FAULT CODES > F4 - High discharge temperature") == 0)
				f4 = strstr(c->body, "30 minutes") && !strstr(c->body, "35 minutes");
		}
		check(f1 && f4, "fault codes: one section per code, definition and steps together");
	}

	/* empty input */
	arena_reset(&arena);
	check(ingest_chunk_text(&arena, "", 0, INGEST_MARKDOWN, &chunks) == LL_EINVAL, "empty text refused");
	check(ingest_chunk_text(&arena, "\n\n# Only\n\n", 10, INGEST_MARKDOWN, &chunks) == LL_EINVAL,
	      "headings without text refused");
	check(ingest_category_valid("safety") && !ingest_category_valid("food"), "categories checked");

	arena_free(&arena);
	return TAP_DONE();
}
