/* test_ingest_title.c - ingest/ingest_title: a manual's title from its
 * first lines or its PDF.  The maker's line and the model's line make one
 * title; a running header that comes back alone is the title; a manual
 * that opens with a sentence, a label or a numbered section names itself
 * nowhere; a PDF Title an authoring tool wrote is not shown. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_title.h"

#include "../tap.h"

#define L(s) (s), strlen(s)

int main(void)
{
	char t[128];

	CHECK(ingest_title_from_text(L("TIDEWELL WAREWASHING SYSTEMS\nTW-40H DOOR-TYPE DISH MACHINE\n\n"
	                               "Read this manual before use.\n"), t, sizeof(t)) &&
	      strcmp(t, "TIDEWELL WAREWASHING SYSTEMS \xe2\x80\x94 TW-40H DOOR-TYPE DISH MACHINE") == 0,
	      "maker and model make one title (%s)", t);
	CHECK(ingest_title_from_text(L("\n\n  Kestrel KF-9 Fryer  Service  Manual     Page 1 of 2\n\n"
	                               "Safety first.\n"), t, sizeof(t)) &&
	      strcmp(t, "Kestrel KF-9 Fryer Service Manual") == 0,
	      "the first line, spaces made one and its page column cut (%s)", t);
	CHECK(ingest_title_from_text(L("# Grill BG-4 Operator Guide\n\nClean daily.\n"), t, sizeof(t)) &&
	      strstr(t, "Grill BG-4 Operator Guide") != NULL,
	      "a Markdown manual's first heading names it (%s)", t);
	CHECK(!ingest_title_from_text(L("Turn the fryer off before you clean it.\n"), t, sizeof(t)),
	      "a sentence is no title");
	CHECK(!ingest_title_from_text(L("1. Installation\n\nBolt it down.\n"), t, sizeof(t)),
	      "a numbered section is no title");
	CHECK(!ingest_title_from_text(L("contents:\n"), t, sizeof(t)), "a label is no title");
	CHECK(ingest_title_from_text(L("FRYER MANUAL FOR THE KF-9 MODEL\n"), t, 10) && strlen(t) < 10,
	      "a title is cut to fit");
	CHECK(ingest_title_sensible("Kestrel KF-9 Fryer Service Manual"), "words are a title");
	CHECK(!ingest_title_sensible("Microsoft Word - kf9.docx") && !ingest_title_sensible("Untitled") &&
	      !ingest_title_sensible(""), "an authoring tool's stand-in is not");
	CHECK(!ingest_pdf_title("/nonexistent/manual.pdf", t, sizeof(t)), "no PDF, no PDF title");
	return TAP_DONE();
}
