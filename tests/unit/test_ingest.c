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

	/* pdftotext -layout output: page headers and footers dropped, a
	 * paragraph cut by the page break joined, a hyphenated word joined,
	 * numbered headings, a lone WARNING kept with its text, wrapped steps
	 * joined, contents lines dropped */
	{
		const char *txt =
			"CONTENTS\n\n"
			"   1   Cleaning ........................ 2\n"
			"   2   Error Codes ..................... 3\n\n"
			"4   CLEANING AND CARE\n\n"
			"4.2 Daily Cleaning\n\n"
			"   Run the cleaning program at the end of every day. The oven must be\n"
			"   below 140°F to start the clean-\n"
			"   ing program and the door must\n\n"
			"Rev. D 04/2023                                   Page 4\n"
			"\fCX-10 Service Manual                             Page 5\n\n"
			"   be closed.\n\n"
			"   1. Press CLEAN and choose MEDIUM (2 tabs, 1 hour 50\n"
			"   minutes) for daily use.\n"
			"   2. Close the door.\n\n"
			"   WARNING\n"
			"   Hot steam escapes when the door is opened. Stand to\n"
			"   the side of the door.\n\n"
			"Rev. D 04/2023                                   Page 5\n"
			"\fCX-10 Service Manual                             Page 6\n\n"
			"4.3 Door Gasket\n\n"
			"   Wipe the gasket daily.\n\n"
			"Rev. D 04/2023                                   Page 6\n"
			"\fCX-10 Service Manual                             Page 7\n\n"
			"   The end.\n";
		bool daily = false, furniture = false, toc = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "pdf text: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			furniture |= strstr(c->body, "Page") != NULL || strstr(c->body, "Service Manual") != NULL;
			toc |= strstr(c->body, "....") != NULL;
			if(strcmp(c->section, "4 CLEANING AND CARE > 4.2 Daily Cleaning") == 0)
				daily = strstr(c->body, "the cleaning program and the door must\n   be closed.") &&
				        strstr(c->body, "1. Press CLEAN and choose MEDIUM (2 tabs, 1 hour 50 minutes) for daily use.\n") &&
				        strstr(c->body, "WARNING: Hot steam escapes when the door is opened. Stand to the side of the door.");
		}
		check(!furniture, "pdf text: page headers and footers dropped");
		check(!toc, "pdf text: contents lines dropped");
		check(daily, "pdf text: numbered heading path, page break and hyphen joined, step and warning whole");
	}

	/* a table laid out in columns: one row a line, wrapped cells joined, a
	 * cause under the same symptom a row of its own */
	{
		const char *txt =
			"7 TROUBLESHOOTING\n\n"
			"   SYMPTOM              POSSIBLE CAUSE          REMEDY\n"
			"   Oven does not heat   Door not fully closed   Close the door until\n"
			"                                                the latch clicks.\n"
			"                        Breaker off             Reset the breaker\n"
			"                                                once.\n"
			"   Water leaking from   Door gasket worn        Replace the door\n"
			"   under the door                               gasket.\n\n"
			"   Capacity             10 pans\n"
			"   Weight               311 lb (141 kg)\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "column table: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "Oven does not heat \xe2\x80\x94 Possible cause: Door not fully closed \xe2\x80\x94 "
		                   "Remedy: Close the door until the latch clicks.") != NULL, "column table: a row");
		check(strstr(body, "Oven does not heat \xe2\x80\x94 Possible cause: Breaker off \xe2\x80\x94 "
		                   "Remedy: Reset the breaker once.") != NULL, "column table: a second cause");
		check(strstr(body, "Water leaking from under the door \xe2\x80\x94 Possible cause: Door gasket worn") != NULL,
		      "column table: a wrapped first cell");
		check(strstr(body, "Capacity: 10 pans.") && strstr(body, "Weight: 311 lb (141 kg)."),
		      "column table: two columns as name: value");
	}

	/* Markdown: a pipe table's rows quoted as text, an error-code row
	 * opening the code's section; headings deeper than ### kept in the path */
	{
		const char *md2 =
			"# SX-2 Guide\n\n"
			"## 5. Fault codes\n\n"
			"| Code | Meaning | What to do |\n"
			"|------|---------|------------|\n"
			"| F1 | Beater motor overload | Press OFF, wait 10 minutes. |\n"
			"| H1 | Heat treatment failed | Discard the mix. |\n\n"
			"## 6. Troubleshooting\n\n"
			"### 6.2 Leaks\n\n"
			"#### 6.2.1 Mix leaking from the door\n\n"
			"- Check the O-rings.\n";
		bool f1 = false, h1 = false, deep = false, pipes = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, md2, strlen(md2), INGEST_MARKDOWN, &chunks) == LL_OK, "pipe table: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			pipes |= strchr(c->body, '|') != NULL;
			if(strcmp(c->section, "5. Fault codes > F1: Beater motor overload") == 0)
				f1 = strstr(c->body, "F1: Beater motor overload \xe2\x80\x94 What to do: Press OFF, wait 10 minutes.") &&
				     !strstr(c->body, "H1");
			if(strcmp(c->section, "5. Fault codes > H1: Heat treatment failed") == 0)
				h1 = strstr(c->body, "Discard the mix.") != NULL;
			if(strcmp(c->section, "6. Troubleshooting > 6.2 Leaks > 6.2.1 Mix leaking from the door") == 0)
				deep = strstr(c->body, "O-rings") != NULL;
		}
		check(!pipes, "pipe table: no pipes left");
		check(f1 && h1, "pipe table: one section per code row");
		check(deep, "markdown: #### heading under ### and ## in the path");
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
