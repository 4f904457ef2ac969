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

	/* a boxed notice of a plain text manual: the frame and the rules go, the
	 * warning is joined to its text and quoted whole */
	{
		const char *txt =
			"SECTION 1  SAFETY\n\n"
			"+----------------------------------------------+\n"
			"| !! DANGER                                    |\n"
			"| ELECTRIC SHOCK HAZARD. Turn off and lock out |\n"
			"| the wall disconnect before removing a panel. |\n"
			"+----------------------------------------------+\n\n"
			"Read the notices.\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "boxed notice: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "DANGER: ELECTRIC SHOCK HAZARD. Turn off and lock out the wall disconnect before "
		                   "removing a panel.") != NULL, "boxed notice: the warning whole, without its frame");
		check(!strchr(body, '|') && !strstr(body, "---"), "boxed notice: no border or rule left");
	}

	/* a troubleshooting table with a rule under its header and a blank line
	 * between problems: one table, each cause a row labelled by the header */
	{
		const char *txt =
			"SECTION 9  TROUBLESHOOTING\n\n"
			"  PROBLEM            POSSIBLE CAUSE        REMEDY\n"
			"  -----------------  --------------------  ---------------------\n"
			"  Machine will not   Door not fully        Close the door until\n"
			"  start              closed                the switch clicks.\n\n"
			"  Dishes come out    Detergent empty       Replace it and prime.\n"
			"  dirty\n"
			"                     Wash arms clogged     Flush the arms.\n\n"
			"  Low rinse          Y-strainer clogged    Clean the Y-strainer;\n"
			"  (under 15 psi)                           the gauge should read\n"
			"                                           15 to 25 psi.\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "ruled table: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "Machine will not start \xe2\x80\x94 Possible cause: Door not fully closed \xe2\x80\x94 "
		                   "Remedy: Close the door until the switch clicks.") != NULL, "ruled table: header and rows");
		check(strstr(body, "Dishes come out dirty \xe2\x80\x94 Possible cause: Wash arms clogged \xe2\x80\x94 "
		                   "Remedy: Flush the arms.") != NULL, "ruled table: rows after a blank line keep the header");
		check(strstr(body, "Low rinse (under 15 psi) \xe2\x80\x94 Possible cause: Y-strainer clogged \xe2\x80\x94 "
		                   "Remedy: Clean the Y-strainer; the gauge should read 15 to 25 psi.") != NULL,
		      "ruled table: a wrapped first cell starting with a parenthesis");
		check(!strstr(body, "---"), "ruled table: the rule row dropped");
	}

	/* a schedule marked with X under DAILY / WEEKLY: the mark is in the
	 * column whose header it sits under, not at its start */
	{
		const char *txt =
			"SECTION 7  MAINTENANCE SCHEDULE\n\n"
			"  TASK                              DAILY  WEEKLY  MONTHLY\n"
			"  Empty scrap basket                  X\n"
			"  Wipe door gasket                            X\n"
			"  Delime                                              X\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "schedule: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "Empty scrap basket \xe2\x80\x94 Daily: X.") &&
		      strstr(body, "Wipe door gasket \xe2\x80\x94 Weekly: X.") && strstr(body, "Delime \xe2\x80\x94 Monthly: X."),
		      "schedule: each mark under its header");
	}

	/* codes laid out as "AL-3  Fill timeout" and "Fault 21  ...": each
	 * opens its section, the name set off with a colon */
	{
		const char *txt =
			"8.1 Alarms\n\n"
			"AL-3  Fill timeout\n"
			"      The tank did not fill within 4 minutes.\n\n"
			"      1. Open the water supply valve.\n"
			"      2. Clean the inlet Y-strainer.\n\n"
			"8.2 Faults\n\n"
			"Fault 21  Rinse sensor open. Wash and sanitize in the\n"
			"          3-compartment sink.\n\n"
			"Fault 41  Wash pump overload. Let it cool 20 minutes.\n";
		bool al3 = false, f21 = false, f41 = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "gap codes: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "8.1 Alarms > AL-3: Fill timeout") == 0)
				al3 = strstr(c->body, "AL-3: Fill timeout.") && strstr(c->body, "4 minutes") &&
				      strstr(c->body, "2. Clean the inlet Y-strainer.");
			if(strcmp(c->section, "8.2 Faults > Fault 21: Rinse sensor open") == 0)
				f21 = strstr(c->body, "3-compartment sink") && !strstr(c->body, "20 minutes");
			if(strcmp(c->section, "8.2 Faults > Fault 41: Wash pump overload") == 0)
				f41 = strstr(c->body, "20 minutes") != NULL;
		}
		check(al3, "gap codes: \"AL-3  Fill timeout\" opens its section with its steps");
		check(f21 && f41, "gap codes: \"Fault 21\" (a code word and a number) opens its section");
	}

	/* a FAQ: each question names the section its answer lands in */
	{
		const char *txt =
			"SECTION 10  FREQUENTLY ASKED QUESTIONS\n\n"
			"Q: Can I use chlorine bleach in the\n"
			"   machine?\n"
			"A: No. Bleach pits the stainless steel tank.\n\n"
			"Q: Why does the machine pause before the rinse?\n"
			"A: That is Rinse Hold. It waits up to 60 seconds.\n";
		bool bleach = false, pause = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "faq: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "SECTION 10 FREQUENTLY ASKED QUESTIONS > Can I use chlorine bleach in the machine?") == 0)
				bleach = strstr(c->body, "stainless") && !strstr(c->body, "Rinse Hold");
			if(strcmp(c->section, "SECTION 10 FREQUENTLY ASKED QUESTIONS > Why does the machine pause before the rinse?") == 0)
				pause = strstr(c->body, "60 seconds") != NULL;
		}
		check(bleach && pause, "faq: one section per question, a wrapped question joined");
	}

	/* a grid table: the lines between two borders are one row, wrapped
	 * cells whole; a "+===+" border closes the header */
	{
		const char *txt =
			"ERROR CODES\n\n"
			"+------+---------------+----------------+\n"
			"| Code | Meaning       | What to do     |\n"
			"+======+===============+================+\n"
			"| E1   | No water      | Open the water |\n"
			"|      |               | supply valve.  |\n"
			"+------+---------------+----------------+\n"
			"| E2   | Drain blocked | Clean the      |\n"
			"|      |               | strainer.      |\n"
			"+------+---------------+----------------+\n";
		bool e1 = false, e2 = false, borders = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "grid table: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			borders |= strchr(c->body, '+') != NULL || strchr(c->body, '|') != NULL;
			if(strcmp(c->section, "ERROR CODES > E1: No water") == 0)
				e1 = strstr(c->body, "E1: No water \xe2\x80\x94 What to do: Open the water supply valve.") != NULL;
			if(strcmp(c->section, "ERROR CODES > E2: Drain blocked") == 0)
				e2 = strstr(c->body, "Clean the strainer.") != NULL;
		}
		check(e1 && e2, "grid table: one row between borders, a code row opening its section");
		check(!borders, "grid table: no borders left");
	}

	/* a two-column page (pdftotext -layout): each column read in order,
	 * under its own heading, not glued to the other as a table */
	{
		const char *txt =
			"4   CLEANING                                    5   ERROR CODES\n\n"
			"Clean the fryer every day after closing.        E1 means the oil is too hot. Turn\n"
			"Drain the oil into the shuttle and wipe         the fryer off and let it cool for\n"
			"the vat with a dry towel. Never spray           30 minutes before you reset it.\n"
			"water into hot oil.                             E2 means the probe is open. Call\n"
			"                                                service.\n";
		bool left = false, right = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "two columns: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "4 CLEANING") == 0)
				left = strstr(c->body, "Drain the oil into the shuttle and wipe\nthe vat") && !strstr(c->body, "E1");
			if(strcmp(c->section, "5 ERROR CODES") == 0)
				right = strstr(c->body, "Turn\nthe fryer off and let it cool for\n30 minutes") != NULL;
		}
		check(left && right, "two columns: each read in order under its heading");
	}

	/* a compound hyphenated at a line break keeps its hyphen when the
	 * document writes it so elsewhere; a word cut in two is joined */
	{
		const char *txt =
			"DELIMING\n\n"
			"Wear chemical-resistant gloves. You need delimer and chemical-\n"
			"resistant goggles for the clean-\n"
			"ing.\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "hyphens: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "and chemical-resistant goggles for the cleaning.") != NULL,
		      "hyphens: the document's own compound kept, a cut word joined");
	}

	/* steps written with their word are a numbered list; prose naming a
	 * step is not */
	{
		const char *txt =
			"FRYER BOIL-OUT\n\n"
			"Step 1: Turn the fryer off and let the oil cool below 100°F.\n"
			"Step 2 - Drain the oil\n"
			"   into the shuttle.\n"
			"**Step 3.** Fill with water.\n\n"
			"Step 4 of the procedure is optional.\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "step words: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "1. Turn the fryer off and let the oil cool below 100°F.\n"
		                   "2. Drain the oil into the shuttle.\n3. Fill with water.") != NULL,
		      "step words: \"Step N:\" lines numbered, a wrapped one joined");
		check(strstr(body, "Step 4 of the procedure") != NULL, "step words: prose naming a step left alone");
	}

	/* empty input */
	arena_reset(&arena);
	check(ingest_chunk_text(&arena, "", 0, INGEST_MARKDOWN, &chunks) == LL_EINVAL, "empty text refused");
	check(ingest_chunk_text(&arena, "\n\n# Only\n\n", 10, INGEST_MARKDOWN, &chunks) == LL_EINVAL,
	      "headings without text refused");
	check(ingest_category_valid("safety") && !ingest_category_valid("food"), "categories checked");
	check(strcmp(ingest_guess_category("tidewell-tw40h", "The TW-40H dish machine shows AL-3."), "equipment") == 0 &&
	      strcmp(ingest_guess_category("closing", "Count the drawer and lock the door."), "general") == 0,
	      "a machine's manual without a category is equipment; other text general");

	arena_free(&arena);
	return TAP_DONE();
}
