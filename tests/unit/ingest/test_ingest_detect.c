/* test_ingest_detect.c - the format of an upload from its bytes (issue 13),
 * a .docx's XML as Markdown, and the manual structures of issue 13 through
 * ingest_chunk_text: headings standing under a paragraph, lettered steps,
 * tables with lower-case cells, notices, URLs. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "ingest_chunk.h"
#include "ingest_detect.h"

#include "../tap.h"

#define check(ok, what) CHECK((ok), "%s", (what))

static enum ingest_kind detect(const char *s, enum ingest_kind hint)
{
	return ingest_detect(s, strlen(s), hint, NULL);
}

static void test_detect(void)
{
	const char *why = NULL;
	const char *md = "# Fryer\n\n## Cleaning\n\n1. Drain the oil.\n";
	const char *export = "FRYER MANUAL                          Page 1 of 3\n\nCLEANING\n\nDrain the oil.\n"
	                     "\fFRYER MANUAL                          Page 2 of 3\n";

	check(detect("%PDF-1.7\n...", INGEST_KIND_TEXT) == INGEST_KIND_PDF, "a PDF by its bytes, whatever the name");
	check(ingest_detect("PK\3\4....word/document.xml", 25, INGEST_KIND_UNKNOWN, NULL) == INGEST_KIND_DOCX,
	      "a .docx: a zip with word/document.xml");
	check(ingest_detect("PK\3\4....xl/workbook.xml", 23, INGEST_KIND_UNKNOWN, &why) == INGEST_KIND_UNKNOWN && why,
	      "another zip refused with a reason");
	check(ingest_detect("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", 12, INGEST_KIND_UNKNOWN, &why) == INGEST_KIND_UNKNOWN &&
	      strstr(why, ".doc"), "a legacy .doc named");
	check(ingest_detect("ab\0cd", 5, INGEST_KIND_TEXT, &why) == INGEST_KIND_UNKNOWN && strstr(why, "binary"),
	      "binary refused");
	check(detect(md, INGEST_KIND_TEXT) == INGEST_KIND_MARKDOWN, "Markdown called .txt is Markdown");
	check(detect(export, INGEST_KIND_MARKDOWN) == INGEST_KIND_TEXT, "a text export sent as Markdown is text");
	check(detect("Just a line of words.\n", INGEST_KIND_MARKDOWN) == INGEST_KIND_MARKDOWN &&
	      detect("Just a line of words.\n", INGEST_KIND_TEXT) == INGEST_KIND_TEXT, "no signs: the hint decides");
	check(ingest_kind_hint("Fryer.MD", NULL) == INGEST_KIND_MARKDOWN &&
	      ingest_kind_hint(NULL, DOCX_MEDIA_TYPE) == INGEST_KIND_DOCX &&
	      ingest_kind_hint("x", "application/octet-stream") == INGEST_KIND_UNKNOWN, "hints from names and media types");
}

static void test_docx(void)
{
	struct buf md;
	const char *xml =
		"<w:document><w:body>"
		"<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Dish Machine</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Cleaning &amp; Care</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
		"<w:r><w:t xml:space=\"preserve\">Turn it </w:t></w:r><w:r><w:t>off.</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
		"<w:r><w:t>Drain the tank.</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>After the list, 180&#176;F | rinse.</w:t></w:r></w:p>"
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Code</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Fix</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:r><w:t>E4</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Clean the screen.</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>Check the hose.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		"</w:body></w:document>";
	const char *want =
		"# Dish Machine\n\n## Cleaning & Care\n\n1. Turn it off.\n2. Drain the tank.\n\n"
		"After the list, 180\xc2\xb0" "F   rinse.\n\n"
		"| Code | Fix |\n| --- | --- |\n| E4 | Clean the screen. Check the hose. |\n\n";

	buf_init(&md, 65536);
	check(ingest_docx_markdown(xml, strlen(xml), &md) == LL_OK, "a .docx body read");
	CHECK(strcmp(buf_str(&md), want) == 0, "Title/Heading styles, numbered list, entities, table: %s", buf_str(&md));
	buf_reset(&md);
	check(ingest_docx_markdown("<w:p></w:p>", 11, &md) == LL_EINVAL, "a document without text refused");
	buf_free(&md);
}

/* The section of the chunk whose body holds needle, or NULL. */
static const char *section_of(const struct ingest_chunks *c, const char *needle)
{
	for(size_t i = 0; i < c->count; i++)
		if(strstr(c->items[i].body, needle))
			return c->items[i].section;
	return NULL;
}

static const char *body_of(const struct ingest_chunks *c, const char *needle)
{
	for(size_t i = 0; i < c->count; i++)
		if(strstr(c->items[i].body, needle))
			return c->items[i].body;
	return "";
}

static void test_structure(struct arena *a)
{
	struct ingest_chunks c;
	const char *pdf =
		"      The HM-20 is a mixer for dough and batter. Read this manual before you use the mixer\n"
		"and keep it at the prep station.\n"
		"SECTION 1 \xe2\x80\x94 SAFETY\n"
		"     DANGER: Unplug the mixer before you clean it. The motor can start without\n"
		"warning.\n"
		"       WARNING: Never reach into the bowl while it turns.\n"
		"SECTION 2 \xe2\x80\x94 OPERATION\n"
		"        2.1 Installing the Bowl\n"
		"a)      Lower the bowl support with the lift handle.\n"
		"b)      Set the bowl on the pins and push it into the clip.\n"
		"1. Specifications\n"
		"\n"
		"Product                 Setting     Tray         Hold\n"
		"Crispy chicken          170 F       dry          30 minutes\n"
		"Grilled chicken         165 F       humid        45 minutes\n"
		"\n"
		"https://www.example.com/manuals/hm20\n";

	check(ingest_chunk_text(a, pdf, strlen(pdf), INGEST_TEXT, &c) == LL_OK, "a PDF's text parsed");
	CHECK(section_of(&c, "DANGER") && strcmp(section_of(&c, "DANGER"), "SECTION 1 \xe2\x80\x94 SAFETY") == 0,
	      "a SECTION heading right under a paragraph heads its section (%s)", section_of(&c, "DANGER"));
	check(!strstr(body_of(&c, "DANGER"), "warning. WARNING") && strstr(body_of(&c, "DANGER"), "WARNING: Never") != NULL,
	      "the next notice is not joined to the one before");
	CHECK(section_of(&c, "lift handle") &&
	      strcmp(section_of(&c, "lift handle"), "SECTION 2 \xe2\x80\x94 OPERATION > 2.1 Installing the Bowl") == 0,
	      "an indented numbered sub-heading (%s)", section_of(&c, "lift handle"));
	check(strstr(body_of(&c, "lift handle"), "1. Lower the bowl") && strstr(body_of(&c, "lift handle"), "2. Set the bowl"),
	      "lettered steps set off by a gap are numbered steps");
	CHECK(section_of(&c, "Grilled") && strcmp(section_of(&c, "Grilled"), "1. Specifications") == 0,
	      "\"1. Specifications\" is a heading, not a step (%s)", section_of(&c, "Grilled"));
	check(strstr(body_of(&c, "Grilled"), "Grilled chicken \xe2\x80\x94 Setting: 165 F \xe2\x80\x94 Tray: humid") != NULL,
	      "a full table row with lower-case cells is its own row");
	check(!section_of(&c, "example.com"), "a bare URL line is dropped");
	{
		const char *faults =
			"5. Problems\n\n"
			"Problem                 What to do\n\n"
			"Buns stick or jam       Turn the toaster off. Use the jam tool to push the bun\n"
			"                        out from the bottom.\n\n"
			"HEAT light blinking     The platen is not heating. Check the breaker.\n";

		check(ingest_chunk_text(a, faults, strlen(faults), INGEST_TEXT, &c) == LL_OK, "a symptom table parsed");
		CHECK(section_of(&c, "Check the breaker") &&
		      strcmp(section_of(&c, "Check the breaker"), "5. Problems > HEAT light blinking") == 0,
		      "each symptom row of a Problem / What to do table is a section of its own (%s)",
		      section_of(&c, "Check the breaker"));
		check(!section_of(&c, "What to do"), "the table's header is not a row");
	}
}

int main(void)
{
	struct arena arena;

	arena_init(&arena, 64 * 1024);
	test_detect();
	test_docx();
	test_structure(&arena);
	arena_free(&arena);
	return TAP_DONE();
}
