/* test_ingest_heading.c - ingest/ingest_heading: headings that stand on
 * their own line in a plain-text manual, marked before anything else reads
 * the lines.  An ALL-CAPS line right under a paragraph is a heading, so is
 * a numbered one; a Title Case line between blank lines under a heading is
 * a sub-heading; a sentence or a step is not; a line that is only a URL is
 * dropped. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_heading.h"
#include "lines.h"

#include "../tap.h"

int main(void)
{
	struct arena a;
	size_t n;
	struct tline *l;

	arena_init(&a, 16 * 1024);
	l = lines_of(&a, "Keep the grill clean at all times.\n"
	                 "DAILY CLEANING\n"
	                 "Scrape the plates while they are warm.\n"
	                 "\n"
	                 "Hood Filters\n"
	                 "\n"
	                 "Soak the filters in hot water.\n"
	                 "1. Turn the grill off.\n"
	                 "https://example.com/manuals\n"
	                 "4.2 Weekly Cleaning\n"
	                 "Wipe the hood.\n", &n);
	ingest_mark_headings(l, n);
	CHECK(l[1].head == 2, "an ALL-CAPS line under a paragraph is a heading (%d)", l[1].head);
	CHECK(l[0].head == 0 && l[2].head == 0 && l[6].head == 0, "sentences are not headings");
	CHECK(l[4].head == 3, "a Title Case line between blank lines under it is a sub-heading (%d)",
	      l[4].head);
	CHECK(l[7].head == 0 && !l[7].drop, "a numbered step is no heading");
	CHECK(l[8].drop, "a line that is only a URL is dropped");
	CHECK(l[9].head != 0, "a numbered heading under a paragraph is a heading");
	/* a list of entries, each a short tag over its text set in deeper */
	l = lines_of(&a, "5. Troubleshooting by Symptom\n"
	                 "\n"
	                 "Crust too pale.\n"
	                 "     The deck is too cool. Raise the setpoint by 10 F and\n"
	                 "     wait for READY.\n"
	                 "\n"
	                 "Belt stops.\n"
	                 "     Press STOP and clear the jam.\n"
	                 "\n"
	                 "Use only the brush supplied.\n"
	                 "Never hose the unit.\n", &n);
	ingest_mark_headings(l, n);
	CHECK(l[2].head == 3 && l[6].head == 3 && l[2].len == strlen("Crust too pale"),
	      "each tag of a list of entries heads its own section, without its period (%d %d)",
	      l[2].head, l[6].head);
	CHECK(l[9].head == 0 && l[3].head == 0, "a line with nothing set in under it is no tag");
	l = lines_of(&a, "Fryer\n", &n);
	ingest_mark_headings(l, n);
	CHECK(l[0].head == 0, "one capitalised word is not a heading by itself");
	arena_free(&a);
	return TAP_DONE();
}
