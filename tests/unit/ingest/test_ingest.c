/* test_ingest.c - header parsing, sections, chunk sizes and overlap, step
 * lists kept whole, empty input refused. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ingest.h"
#include "ingest_chunk.h"
#include "ingest_title.h"

#include "../tap.h"

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
	{
		/* groff's pdftotext: a numbered ALL-CAPS heading over an indented
		 * paragraph is a heading, not a step the paragraph goes on with */
		static const char pdf[] =
			"1. ERROR CODES\n"
			"Q7        Fan stalled        Clear the fan and restart.\n"
			"Q8        Probe open         Reseat the probe plug.\n"
			"\n\n"
			"2. CLEANING\n"
			"      Brush the deck every night while it is warm, never hot. Wipe the rack\n"
			"with a damp cloth.\n";
		struct ingest_chunks c;
		bool own = false, leaked = false;

		check(ingest_chunk_text(&arena, pdf, strlen(pdf), INGEST_TEXT, &c) == LL_OK, "chunk a groff page");
		for(size_t i = 0; i < c.count; i++) {
			own |= strcmp(c.items[i].section, "2. CLEANING") == 0 && strstr(c.items[i].body, "Brush the deck");
			leaked |= strcmp(c.items[i].section, "2. CLEANING") != 0 && strstr(c.items[i].body, "Brush the deck");
		}
		check(own && !leaked, "a numbered heading after a table keeps its own paragraph");
	}
	{
		/* groff -ms: "5. Filtering" in sentence case after the 4.x
		 * sections is the next top-level heading, not step 5 of 4.3 */
		static const char pdf[] =
			"4.3. Idle and shutdown\n"
			"      After 20 minutes the oil drops to the idle setpoint.\n"
			"\n"
			"5. Filtering\n"
			"      Filter after every 4 loads, when the oil is hot.\n"
			"1.    Switch POWER off and put on the gloves.\n"
			"2.    Pull the drain handle down slowly.\n";
		struct ingest_chunks c;
		bool own = false;

		check(ingest_chunk_text(&arena, pdf, strlen(pdf), INGEST_TEXT, &c) == LL_OK, "chunk a groff -ms page");
		for(size_t i = 0; i < c.count; i++)
			own |= strcmp(c.items[i].section, "5. Filtering") == 0 && strstr(c.items[i].body, "Pull the drain");
		check(own, "the next top-level number is a heading with its own steps");
	}
	ingest_parse_header("# Just a doc\n\ntext\n", 19, &meta, &off);
	check(off == 0 && meta.title[0] == '\0', "no header: nothing taken");
	{
		/* a safety manual tags a procedure for each of many emergencies */
		struct buf h;

		buf_init(&h, 1 << 16);
		check(buf_appends(&h, "title: Emergencies\n") == LL_OK, "header buffer");
		for(int i = 0; i < 12; i++)
			check(buf_printf(&h, "emergency: e%d | Section %d\n", i, i) == LL_OK, "header line");
		check(buf_appends(&h, "\n# Emergencies\n") == LL_OK, "header end");
		ingest_parse_header(buf_str(&h), h.len, &meta, &off);
		check(meta.nemergency == 12 && strcmp(meta.emergency[11], "e11 | Section 11") == 0,
		      "every emergency tag of the header is kept (twelve here)");
		buf_free(&h);
	}

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
	 * paragraph cut by the page break joined, its wrapped lines one
	 * sentence again, a hyphenated word joined,
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
				daily = strstr(c->body, "The oven must be below 140°F to start the cleaning "
				                        "program and the door must be closed.") &&
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
				f1 = strstr(c->body, "F1: Beater motor overload.") &&
				     strstr(c->body, "\n1. Press OFF, wait 10 minutes.") &&
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

	/* a fault-code table (pdftotext -layout) whose MEANING and REMEDY cells
	 * wrap: each code's row one paragraph in the code's own section, every
	 * column with its wrapped lines, not the REMEDY column read off as a
	 * column of prose; a word cut at the wrap joined, "re-" kept */
	{
		const char *txt =
			"6.3 Ice Machine Fault Codes\n\n"
			"  CODE   PANEL SHOWS         WHAT IT MEANS                        REMEDY\n"
			"  ----   -----------------   ----------------------------------   ------------------------------------------\n"
			"  J21    SLOW HARVEST        Harvest took longer than 4 minutes   Shut the water supply and wipe the ther-\n"
			"                             on two cycles in a row               mostat bulb. Descale the evaporator plate\n"
			"                                                                  (7.1). Hold PURGE for 5 s to re-\n"
			"                                                                  test. Call service if J21 returns.\n"
			"  J22    WATER LEVEL LOW     Sump float stayed down for 90 s.     Open the inlet valve fully. Check the\n"
			"                             Ice making stops until it rises.     Y-strainer for scale and rinse it under\n"
			"                                                                  a tap.\n"
			"  J23    BIN FULL            Bin switch held for over 2 hours     Empty the bin and check the curtain\n"
			"                                                                  swings freely.\n";
		bool j21 = false, j22 = false, column = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 3,
		      "wrapped code table: one chunk per code");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			column |= strstr(c->section, "REMEDY") != NULL;
			if(strcmp(c->section, "6.3 Ice Machine Fault Codes > J21: SLOW HARVEST") == 0)
				j21 = strstr(c->body, "J21: SLOW HARVEST \xe2\x80\x94 What it means: Harvest took longer than 4 minutes "
				                      "on two cycles in a row.") &&
				      strstr(c->body, "\n1. Shut the water supply and wipe the "
				                      "thermostat bulb.\n2. Descale the evaporator plate (7.1).\n3. Hold PURGE for 5 s to "
				                      "re-test.\n4. Call service if J21 returns.") && !strstr(c->body, "inlet valve");
			if(strcmp(c->section, "6.3 Ice Machine Fault Codes > J22: WATER LEVEL LOW") == 0)
				j22 = strstr(c->body, "What it means: Sump float stayed down for 90 s. Ice making stops until it "
				                      "rises.") &&
				      strstr(c->body, "\n1. Open the inlet valve fully.\n2. Check the Y-strainer "
				                      "for scale and rinse it under a tap.") && !strstr(c->body, "evaporator");
		}
		check(j21, "wrapped code table: every column of a row, wrapped lines and hyphens joined");
		check(j22, "wrapped code table: a wrapped line starting with capitals goes on with its row");
		check(!column, "wrapped code table: the last column not read off as prose");
	}

	/* the same without a header, three columns, codes like "E-31" */
	{
		const char *txt =
			"COMBI OVEN ERRORS\n\n"
			"  E-31   Steam generator did not fill to the upper      Open the water tap fully. Clean the inlet\n"
			"         probe within 4 minutes of the call             screen and descale the generator with\n"
			"                                                        ScaleAway (section 9).\n"
			"  E-32   Core probe reads out of range or is not        Push the probe plug fully into its socket\n"
			"         plugged into the socket on the side panel      and restart. Replace the probe if the\n"
			"                                                        error shows again.\n"
			"  E-33   Cabinet fan motor stopped or the thermal       Let the motor cool for 30 minutes and\n"
			"         cutout opened while cooking                    restart. Call service if it repeats.\n";
		bool e31 = false, e32 = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 3,
		      "headerless code table: one chunk per code");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strncmp(c->section, "COMBI OVEN ERRORS > E-31: ", 26) == 0)
				e31 = strstr(c->body, "of the call \xe2\x80\x94 Open the water tap fully. Clean the inlet screen and "
				                      "descale the generator with ScaleAway (section 9).") &&
				      !strstr(c->body, "probe plug");
			if(strncmp(c->section, "COMBI OVEN ERRORS > E-32: ", 26) == 0)
				e32 = strstr(c->body, "on the side panel \xe2\x80\x94 Push the probe plug fully into its socket and "
				                      "restart. Replace the probe if the error shows again.") &&
				      !strstr(c->body, "ScaleAway");
		}
		check(e31 && e32, "headerless code table: each code's remedy in its own chunk");
	}

	/* a second cause under a code (a sub-row) stays in the code's row: the
	 * code's answer is one unit */
	{
		const char *txt =
			"GRIDDLE FAULTS\n\n"
			"  CODE   FAULT          CAUSE                      REMEDY\n"
			"  F3     No heat        Breaker tripped            Reset the breaker.\n"
			"                        Element burned out         Call service.\n"
			"  F4     Overheat       Grease vent blocked        Clear the vent.\n";
		bool f3 = false, f4 = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 2,
		      "code sub-row: one chunk per code");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "GRIDDLE FAULTS > F3: No heat") == 0)
				f3 = strstr(c->body, "F3: No heat \xe2\x80\x94 Cause: Breaker tripped; Element burned out.") &&
				     strstr(c->body, "\n1. Reset the breaker.\n2. Call service.");
			if(strcmp(c->section, "GRIDDLE FAULTS > F4: Overheat") == 0)
				f4 = strstr(c->body, "Clear the vent.") && !strstr(c->body, "Call service");
		}
		check(f3 && f4, "code sub-row: a second cause joins its code's row");
	}

	/* a two-column page whose left column holds a list laid out in columns
	 * ("Voltage      208 V"): still read column by column, not a table */
	{
		const char *txt =
			"2   SPECIFICATIONS                               3   INSTALLATION\n\n"
			"Check the data plate before you connect          Set the machine level on a sturdy\n"
			"the unit. The values below are for the           counter. Leave 4 inches of space on\n"
			"standard model sold in North America.            each side for air to circulate.\n"
			"Voltage      208 V                               Connect the drain hose to an open\n"
			"Amperage     24 A                                drain with an air gap. Never connect\n"
			"Water        20 to 60 psi                        it straight to a sewer line.\n";
		bool left = false, right = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "two columns, a list: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			if(strcmp(c->section, "2 SPECIFICATIONS") == 0)
				left = strstr(c->body, "Voltage: 208 V.") && !strstr(c->body, "drain hose");
			if(strcmp(c->section, "3 INSTALLATION") == 0)
				right = strstr(c->body, "Connect the drain hose to an open\ndrain") != NULL;
		}
		check(left && right, "two columns, a list: each column read in order");
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
				e1 = strstr(c->body, "E1: No water.") &&
				     strstr(c->body, "\n1. Open the water supply valve.");
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

	/* run-in subheadings (a PDF's bold sentence-case lines) name sections;
	 * a step list cut by a page break stays one list, one blank line */
	{
		const char *txt =
			"7 TROUBLESHOOTING\n\n"
			"Drinks are flat\n"
			"1. Check the CO2 cylinder gauge: under 200 psi, change the cylinder.\n"
			"2. Check the carbonator switch is ON.\n\n"
			"Drinks foam\n"
			"1. Add ice: a warm cold plate makes foam.\n\n"
			"Valve lock\n"
			"The VALVE LOCK switch behind the front panel stops every valve from pouring.\n\n"
			"Clean the valves daily\n"
			"with warm water and a brush.\n";
		const char *pages =
			"Acme FX Dispenser           Operation Manual\n\n"
			"4 CLEANING\n\n"
			"1. Empty the bin.\n2. Wash the bin.\n\n\n\n"
			"Rev. 4                     Page 1 of 2\n"
			"\fAcme FX Dispenser           Operation Manual\n\n"
			"3. Sanitize the bin.\n4. Let it air-dry for 10 minutes.\n\n\n"
			"Rev. 4                     Page 2 of 2\n"
			"\fAcme FX Dispenser           Operation Manual\n\n"
			"5 SERVICE\n\nCall 1-800-555-0100.\n\n"
			"Rev. 4                     Page 3 of 3\n";
		bool flat = false, foam = false, lock = false, prose = false;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK, "subheadings: chunked");
		for(size_t i = 0; i < chunks.count; i++) {
			const struct ingest_chunk *c = &chunks.items[i];

			flat |= strcmp(c->section, "7 TROUBLESHOOTING > Drinks are flat") == 0 &&
			        strncmp(c->body, "1. Check the CO2", 16) == 0 && strstr(c->body, "Drinks foam") == NULL;
			foam |= strcmp(c->section, "7 TROUBLESHOOTING > Drinks foam") == 0;
			lock |= strcmp(c->section, "7 TROUBLESHOOTING > Valve lock") == 0 &&
			        strstr(c->body, "Clean the valves daily\nwith warm water") != NULL;
			prose |= strstr(c->section, "Clean the valves") != NULL;
		}
		check(flat && foam, "subheadings: a short line over a step list names its section");
		check(lock && !prose, "subheadings: over a longer paragraph, yes; a paragraph's wrapped first line, no");

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, pages, strlen(pages), INGEST_TEXT, &chunks) == LL_OK && chunks.count >= 1,
		      "page break in a list: chunked");
		check(chunks.count && strcmp(chunks.items[0].body, "1. Empty the bin.\n2. Wash the bin.\n\n3. Sanitize the bin.\n"
		                                                  "4. Let it air-dry for 10 minutes.") == 0,
		      "page break in a list: one list, furniture and the blank lines around it gone");
	}

	/* legal small print is no answer, however well it names the model */
	{
		const char *txt =
			"7 TROUBLESHOOTING\n\n"
			"No steam: open the water valve fully.\n\n"
			"Acme Foodservice, 1400 Harbor Park Drive, Norfolk, VA.\n"
			"CX-10 is a trademark of Acme. Specifications may change without\n"
			"notice.\n\n"
			"Use only CombiClean tabs; CombiClean is a trademark of Acme, and other tabs\n"
			"foam over and leave the cavity dirty after the program ends.\n\n"
			"Fill the tray with water every morning before you start the oven and check\n"
			"the level at noon. Specifications may change without notice.\n\n"
			"\xc2\xa9 2025 Acme Inc.\n";
		const char *body;

		arena_reset(&arena);
		check(ingest_chunk_text(&arena, txt, strlen(txt), INGEST_TEXT, &chunks) == LL_OK && chunks.count == 1,
		      "small print: chunked");
		body = chunks.count ? chunks.items[0].body : "";
		check(strstr(body, "open the water valve") && !strstr(body, "Harbor Park") && !strstr(body, "2025 Acme"),
		      "small print: the trademark and copyright paragraphs dropped");
		check(strstr(body, "Use only CombiClean tabs") != NULL && strstr(body, "Fill the tray") != NULL,
		      "small print: a paragraph naming a trademark, or ending with one notice, kept");
	}

	/* the title a text or PDF manual shows on its first lines */
	{
		char t[INGEST_TITLE_MAX + 1], small[24];
		const char *two = "TIDEWELL WAREWASHING SYSTEMS\n\nTW-40H DOOR-TYPE DISH MACHINE\n"
		                  "High-Temperature Sanitizing Model\n\nThis manual covers the TW-40H.\n";
		const char *centred = "\n\n                   VANTERA  FOODSERVICE EQUIPMENT\n\n"
		                      "                    CX-10 COMBI STEAMER OVEN\n"
		                      "              Electric, 10 x GN 1/1 pans, boiler type\n";
		const char *header = "Kestrel KF-9 Fryer  -  Service Manual            Page 1 of 2\n\n1  SAFETY\n\n"
		                     "WARNING: Never add water to hot oil.\n\n"
		                     "\fKestrel KF-9 Fryer  -  Service Manual            Page 2 of 2\n\n2  CLEANING\n";
		const char *page_first = "                                   3\n\nACME FRYERS\nAF-2 Open Fryer\n";
		const char *furniture_left = "Page 1 of 12        Acme AF-2 Fryer Manual\n\nREAD THIS FIRST\n";
		const char *then_sentence = "ACME FRYERS\nRead this manual before you use the fryer.\n";
		const char *then_section = "ACME AF-2 FRYER\n\n1 SAFETY\n\nWear gloves.\n";
		const char *then_prose = "ACME AF-2 FRYER\nService Manual for the fryer\nand its filter, kept near it.\n";

		check(ingest_title_from_text(two, strlen(two), t, sizeof(t)) &&
		      strcmp(t, "TIDEWELL WAREWASHING SYSTEMS \xe2\x80\x94 TW-40H DOOR-TYPE DISH MACHINE") == 0,
		      "title: maker and model on the first two lines, joined");
		check(ingest_title_from_text(centred, strlen(centred), t, sizeof(t)) &&
		      strcmp(t, "VANTERA FOODSERVICE EQUIPMENT \xe2\x80\x94 CX-10 COMBI STEAMER OVEN") == 0,
		      "title: centred lines, a run of spaces inside made one");
		check(ingest_title_from_text(header, strlen(header), t, sizeof(t)) &&
		      strcmp(t, "Kestrel KF-9 Fryer - Service Manual") == 0,
		      "title: a PDF's running header alone, its page column cut off");
		{
			const char *numbered = "Kestrel KF-9 Fryer Service Manual 1\n\n1 SAFETY\n\nWear gloves.\n\n"
			                       "\fKestrel KF-9 Fryer Service Manual 2\n\n2 CLEANING\n";
			const char *hanging = "Kestrel KF-9 Fryer -      Page 1\n\nKESTREL FOODSERVICE\n";

			check(ingest_title_from_text(numbered, strlen(numbered), t, sizeof(t)) &&
			      strcmp(t, "Kestrel KF-9 Fryer Service Manual") == 0,
			      "title: a running header's page number run on in the line dropped");
			check(ingest_title_from_text(hanging, strlen(hanging), t, sizeof(t)) &&
			      strcmp(t, "Kestrel KF-9 Fryer \xe2\x80\x94 KESTREL FOODSERVICE") == 0,
			      "title: a separator left hanging by the cut dropped");
		}
		check(ingest_title_from_text(page_first, strlen(page_first), t, sizeof(t)) &&
		      strcmp(t, "ACME FRYERS \xe2\x80\x94 AF-2 Open Fryer") == 0,
		      "title: a page number above it skipped");
		check(ingest_title_from_text(furniture_left, strlen(furniture_left), t, sizeof(t)) &&
		      strcmp(t, "Acme AF-2 Fryer Manual \xe2\x80\x94 READ THIS FIRST") == 0,
		      "title: a page column on the left skipped");
		check(ingest_title_from_text(then_sentence, strlen(then_sentence), t, sizeof(t)) &&
		      strcmp(t, "ACME FRYERS") == 0, "title: a sentence after it is not part of it");
		check(ingest_title_from_text(then_section, strlen(then_section), t, sizeof(t)) &&
		      strcmp(t, "ACME AF-2 FRYER") == 0, "title: a numbered section after it is not part of it");
		check(ingest_title_from_text(then_prose, strlen(then_prose), t, sizeof(t)) &&
		      strcmp(t, "ACME AF-2 FRYER") == 0, "title: a line a paragraph goes on from is not part of it");
		check(ingest_title_from_text(two, strlen(two), small, sizeof(small)) &&
		      strcmp(small, "TIDEWELL WAREWASHING SY") == 0, "title: cut to the buffer");
		check(ingest_title_from_text(then_section + 17, strlen(then_section + 17), t, sizeof(t)) == false,
		      "title: none when the text opens with a numbered section");
		check(!ingest_title_from_text("This guide explains how to clean the\nfryer every night.\n", 55, t, sizeof(t)),
		      "title: none when the text opens with prose");
		check(!ingest_title_from_text("Read this manual before use.\n", 29, t, sizeof(t)) &&
		      !ingest_title_from_text("Contents\n\n1 Safety ........ 3\n", 30, t, sizeof(t)) &&
		      !ingest_title_from_text("AB\n", 3, t, sizeof(t)) &&
		      !ingest_title_from_text("2024-03-01   04/2025\n", 21, t, sizeof(t)) &&
		      !ingest_title_from_text("Warnings:\nHot oil.\n", 19, t, sizeof(t)) &&
		      !ingest_title_from_text("IMPORTANT SAFETY INSTRUCTIONS\n", 30, t, sizeof(t)) &&
		      !ingest_title_from_text("\n\n\0\0Acme Fryer\n", 15, t, sizeof(t)) &&
		      !ingest_title_from_text("", 0, t, sizeof(t)),
		      "title: none from a sentence, a contents page, a short line, a date, a label, a notice, a NUL, nothing");
		{
			char longl[160];

			memset(longl, 'A', sizeof(longl) - 2);
			longl[sizeof(longl) - 2] = '\n';
			longl[sizeof(longl) - 1] = '\0';
			check(!ingest_title_from_text(longl, strlen(longl), t, sizeof(t)), "title: none from an overlong line");
		}
		check(ingest_title_sensible("Kestrel KF-9 Fryer Service Manual") &&
		      !ingest_title_sensible("Microsoft Word - kf9 manual.docx") && !ingest_title_sensible("Untitled") &&
		      !ingest_title_sensible("kf9 manual.pdf") && !ingest_title_sensible("Document1") &&
		      !ingest_title_sensible("KF9") && !ingest_title_sensible("C:\\manuals\\kf9"),
		      "title: a PDF's Title metadata used only when it is words, not a stand-in");
	}

	/* a PDF's Title metadata through pdfinfo (poppler-utils, as pdftotext) */
	if(system("pdfinfo -v >/dev/null 2>&1") == 0) {
		static const char *const pdf_fmt =
			"%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
			"2 0 obj\n<< /Type /Pages /Kids [4 0 R] /Count 1 >>\nendobj\n"
			"3 0 obj\n<< /Title (%s) >>\nendobj\n"
			"4 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n"
			"trailer\n<< /Size 5 /Root 1 0 R /Info 3 0 R >>\n%%%%EOF\n";
		char path[] = "/tmp/test_ingest_XXXXXX.pdf", t[INGEST_TITLE_MAX + 1];
		int fd = mkstemps(path, 4);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

		if(f) {
			fprintf(f, pdf_fmt, "Acme AF-2 Open Fryer  Service Manual");
			fclose(f);
		}
		check(f && ingest_pdf_title(path, t, sizeof(t)) && strcmp(t, "Acme AF-2 Open Fryer Service Manual") == 0,
		      "pdf title: the Title metadata, spaces made one");
		f = fopen(path, "w");
		if(f) {
			fprintf(f, pdf_fmt, "Microsoft Word - af2.docx");
			fclose(f);
		}
		check(f && !ingest_pdf_title(path, t, sizeof(t)) && t[0] == '\0', "pdf title: a stand-in Title ignored");
		check(!ingest_pdf_title("/nonexistent/manual.pdf", t, sizeof(t)), "pdf title: none for a missing file");
		unlink(path);
	} else
		printf("ok %d # SKIP pdf title: pdfinfo is not installed\n", ++tap_n);

	/* empty input */
	arena_reset(&arena);
	check(ingest_chunk_text(&arena, "", 0, INGEST_MARKDOWN, &chunks) == LL_EINVAL, "empty text refused");
	{
		/* a document of nothing but headings is refused as soon as it has
		 * too many sections, not stored as one chunk each */
		struct buf many;
		ll_result built = LL_OK;

		buf_init(&many, 4 * 1024 * 1024);
		for(int i = 0; i <= INGEST_MAX_SECTIONS + 10 && !built; i++)
			built = buf_printf(&many, "## Heading %d\n\nsome words here\n\n", i);
		check(built == LL_OK, "a document of headings built");
		check(ingest_chunk_text(&arena, many.data, many.len, INGEST_MARKDOWN, &chunks) == LL_ETOOLARGE,
		      "too many sections refused");
		buf_free(&many);
	}
	check(ingest_chunk_text(&arena, "\n\n# Only\n\n", 10, INGEST_MARKDOWN, &chunks) == LL_EINVAL,
	      "headings without text refused");
	check(ingest_category_valid("safety") && !ingest_category_valid("food"), "categories checked");
	check(strcmp(ingest_guess_category("tidewell-tw40h", "The TW-40H dish machine shows AL-3."), "equipment") == 0 &&
	      strcmp(ingest_guess_category("closing", "Count the drawer and lock the door."), "general") == 0,
	      "a machine's manual without a category is equipment; other text general");

	arena_free(&arena);
	return TAP_DONE();
}
