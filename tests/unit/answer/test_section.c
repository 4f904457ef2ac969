/* test_section.c - answer/section: one section of a manual read into its
 * parts (prose sentences, numbered steps, notices) and given a kind: steps,
 * a quiz, a fault code's section, an overview; a PDF's numbered list read
 * as a two-cell row is still steps, and a Markdown quote's '>' is not
 * said. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/section.h"
#include "answer_fixture.h"
#include "../tap.h"

static void test_sections(void)
{
	struct section s = make_section("Holding", "Hot Holding",
	                                "Keep hot food at 135°F or above. Check it every 2 hours.\n\n"
	                                "1. Probe the thickest piece.\n2. Write it on the log.\n\n"
	                                "WARNING: Never reheat in the holding cabinet.\n");

	CHECK(s.nprose == 2 && s.nsteps == 2 && s.nwarnings == 1 && s.kind == SECTION_STEPS, "prose, steps, a notice");
	s = make_section("Fryer", "3.1 Filtering", "1.: Turn the fryer off.\n\n2.: Open the drain valve.\n");
	CHECK(s.nsteps == 2 && strcmp(s.parts[0].text, "Turn the fryer off.") == 0,
	      "a PDF's numbered list read as a two-cell row is still steps");
	s = make_section("Quiz", "Quiz Part 1", "Q: What is hot holding?\nA: 135.\nQ: Cold?\nA: 41.\n");
	CHECK(s.kind == SECTION_QUIZ, "a quiz is a quiz");
	s = make_section("Grill", "Error Codes > E03: Over-temperature", "Meaning: too hot.\n\n1. Press STOP.\n");
	CHECK(s.kind == SECTION_FAULT && strcmp(s.heading, "E03: Over-temperature") == 0, "a code's section");
	s = make_section("Roller grill", "8. Troubleshooting > 8.2 Sausages dried out",
	                 "-> Held too long\n-> Throw out product held over 4 hours.\n");
	CHECK(s.kind == SECTION_FAULT && strncmp(s.parts[0].text, "Held too long", 13) == 0,
	      "a symptom under Troubleshooting is a fault's section; its '-> ' is not said: %s",
	      s.nparts ? s.parts[0].text : "none");
	s = make_section("Slicer", "5.4 Thickness settings",
	                 "Ham \xE2\x80\x94 Index: 3 \xE2\x80\x94 Thickness: 1.5 mm\n"
	                 "Onions \xE2\x80\x94 Index: 6 \xE2\x80\x94 Thickness: 3 mm\n"
	                 "Tomatoes \xE2\x80\x94 Index: 12 \xE2\x80\x94 Thickness: 6 mm\n");
	CHECK(s.nrows == 3 && s.kind != SECTION_FAULT, "a chart of settings is no fault's table");
	{
		struct section first;

		memset(&first, 0, sizeof(first));
		first.title = "Press";
		first.path = "3. Specifications";
		first.body = "Default setpoint: 400\xC2\xB0" "F.\n";
		first.first = true;
		CHECK(section_read(&arena, &first) == LL_OK && first.kind == SECTION_SPECS,
		      "a manual that opens with its specifications: no overview");
	}
	s = make_section("Cutter", "9.1 Troubleshooting",
	                 "  SYMPTOM: Carrots come out in chunks.\n"
	                 "  LIKELY CAUSE:   Blunt blade.\n"
	                 "  REMEDY:  Unplug the cutter. Fit a sharp blade.\n"
	                 "           Test it on one carrot.\n\n"
	                 "  SYMPTOM: Motor hums.\n  CAUSE: Jam.\n  FIX: Clear it.\n");
	CHECK(s.nrows == 2 && s.kind == SECTION_FAULT &&
	      strcmp(s.parts[0].text, "Carrots come out in chunks \xE2\x80\x94 Cause: Blunt blade. "
	                              "\xE2\x80\x94 Remedy: Unplug the cutter. Fit a sharp blade. "
	                              "Test it on one carrot.") == 0,
	      "a troubleshooting entry in labelled lines reads as one row: %s",
	      s.nparts ? s.parts[0].text : "none");
	s = make_section("Grill", "Grill", "This manual covers the grill.");
	CHECK(s.kind == SECTION_OVERVIEW, "the introduction is an overview");
	s = make_section("Cooling", "Common Cooling Mistakes",
	                 "Covering the pan while it is hot. Cooling in a deep stock pot.\n");
	CHECK(s.kind == SECTION_OVERVIEW, "a list of mistakes is commentary, not the rule");
	s = make_section("Mixer", "Cleaning", "> CAUTION: Never put the beaters in the dish machine.\n");
	CHECK(s.nwarnings == 1 && strncmp(s.parts[0].text, "CAUTION", 7) == 0, "a Markdown quote's '>' is not said");
	s = make_section("Roller grill", "5.7 Changing set temperatures",
	                 "Hold UP or DOWN. The temperature changes in\n5 F steps. It is saved.\n");
	CHECK(s.nprose == 3 && strcmp(s.parts[1].text, "The temperature changes in 5 F steps.") == 0,
	      "a wrapped line that starts with a number goes on with the sentence");
}

/* A bullet list, a table row, and the names of the kinds. */
static void test_parts(void)
{
	struct section s = make_section("Fryer", "Daily", "Wear these:\n\n- gloves\n- apron\n");

	CHECK(s.nbullets == 2 && strcmp(s.parts[s.nparts - 1].text, "apron") == 0,
	      "each bullet is a part of its own, in order");
	s = make_section("Line", "Cleaning Schedule", "Fryer: Daily\n\nHood filters: Weekly\n");
	CHECK(s.kind == SECTION_SCHEDULE, "what is done how often is a schedule");
	CHECK(strcmp(section_kind_name(SECTION_STEPS), section_kind_name(SECTION_FAULT)) != 0,
	      "every kind has a name of its own");
}

int main(void)
{
	arena_init(&arena, 64 * 1024);
	test_sections();
	test_parts();
	arena_free(&arena);
	return TAP_DONE();
}
