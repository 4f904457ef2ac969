/* test_ingest_line.c - ingest/ingest_line: how the parser reads one line of
 * a manual: a step, a bullet, a numbered or capital heading, a fault code
 * that opens its own section, a question, page furniture (a page number, a
 * contents line, a rule), a warning. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "ingest_line.h"

#include "../tap.h"

#define L(s) (s), strlen(s)

static void test_structure(void)
{
	CHECK(ingest_line_is_step(L("1. Turn the fryer off.")) &&
	              ingest_line_is_step(L("12) Drain the oil.")) &&
	              !ingest_line_is_step(L("1999 was a good year")),
	      "numbered steps, not a number that opens a sentence");
	CHECK(ingest_line_is_bullet(L("- gloves")) && ingest_line_is_bullet(L("* apron")) &&
	              !ingest_line_is_bullet(L("-5 degrees")),
	      "bullets, not a negative number");
	CHECK(ingest_numbered_heading(L("4.2 Daily Cleaning")) == 2 &&
	              ingest_numbered_heading(L("4 Cleaning and Care")) == 1 &&
	              ingest_numbered_heading(L("2 remove the door")) == 0,
	      "numbered headings by depth; a numbered step is not one");
	CHECK(ingest_numbered_heading(L("7.3 Buns come out pale on one side and dark on the other")) == 2 &&
	              ingest_numbered_heading(L("7 Buns come out pale on one side and dark on the other")) == 0,
	      "a sub-section may name a symptom in up to 12 words; a top heading stays short");
	CHECK(ingest_numbered_heading(L("2 Fries 168 C/335 F 3:10 OFF")) == 0 &&
	              ingest_numbered_heading(L("4.2 Wiring the 208 V Model")) == 2,
	      "a table's numbered row with its figures is no heading; one figure may be");
	CHECK(ingest_line_is_text_heading(L("DAILY CLEANING")) &&
	              !ingest_line_is_text_heading(L("Wipe the hopper daily.")),
	      "an all-capital line is a heading, a sentence is not");
	CHECK(ingest_count_words(L("  drain   the oil ")) == 3 && ingest_is_terminal('.') &&
	              !ingest_is_terminal('a'),
	      "words and sentence ends");
}

static void test_labels(void)
{
	size_t start = 0, after = 0, gap = 1;
	size_t label = ingest_code_label(L("F1 - Long freeze cycle. Reset it."), &gap);

	CHECK(label > 0 && label < strlen("F1 - Long freeze cycle. Reset it.") && gap == 0,
	      "\"F1 - Long freeze cycle.\" opens its own section, labelled up to the period");
	CHECK(ingest_code_label(L("AL-3   Fill timeout"), &gap) > 0 && gap > 0 &&
	              ingest_line_code_label(L("E03: Platen over-temperature")) > 0,
	      "so does a code set off by a gap, or by a colon");
	CHECK(ingest_code_label(L("E-07 ... DRUM NOT TURNING. Check the belt."), &gap) > 0 &&
	              gap == 4 &&
	              ingest_label_name(L("E-07 ... DRUM NOT TURNING"), gap) == strlen("E-07 ... "),
	      "so does a code set off by a dot leader, its name past the dots");
	CHECK(ingest_line_code_label(L("E2 \xe2\x80\xa6 Low water")) > 0,
	      "or by an ellipsis character");
	CHECK(ingest_line_code_label(L("E2 ... 5 minutes later")) == 0,
	      "a leader before a number names nothing");
	CHECK(ingest_line_code_label(L("Open the door.")) == 0, "an instruction does not");
	CHECK(ingest_line_question(L("Q: How often do I descale?"), &start) > 0 &&
	              strncmp("Q: How often do I descale?" + start, "How", 3) == 0,
	      "a manual's own question is found, past its Q:");
	CHECK(ingest_warning_word(L("WARNING: Hot oil burns."), &after) == 7 &&
	              strncmp("WARNING: Hot oil burns." + after, "Hot", 3) == 0,
	      "a WARNING and the text after it");
	CHECK(ingest_warning_word(L("Warnings are listed below"), &after) == 0,
	      "a word that only starts like one is not a warning");
}

static void test_furniture(void)
{
	bool pure = false;

	CHECK(ingest_line_has_page_number(L("Page 3 of 12"), &pure) && pure,
	      "\"Page 3 of 12\" is page furniture, nothing else");
	CHECK(ingest_line_has_page_number(L("FRYER MANUAL          Page 3"), &pure) && !pure,
	      "a running header that ends with its page number");
	CHECK(ingest_line_is_toc(L("Cleaning ........ 12")) && !ingest_line_is_toc(L("Cleaning")),
	      "a contents line (a dot leader and a page)");
	CHECK(ingest_line_is_rule(L("----------")) && ingest_line_is_rule(L("+--------+")) &&
	              !ingest_line_is_rule(L("-----   -----")),
	      "a rule across the page; a table's rules in groups are not");
	CHECK(ingest_utf8_valid(L("caf\xc3\xa9")) && !ingest_utf8_valid("a\0b", 3) &&
	              ingest_utf8_chars(L("caf\xc3\xa9")) == 4,
	      "UTF-8 text, a NUL refused, characters counted");
}

int main(void)
{
	test_structure();
	test_labels();
	test_furniture();
	return TAP_DONE();
}
