/* test_ingest_layout.c - ingest/ingest_layout: a manual's layout
 * normalised before it is split, as the passes run in order.  "Step 3:"
 * becomes a numbered step, a lone WARNING joins the paragraph it heads, a
 * bullet glyph becomes "- ", a dot leader ": " (its value's wrapped lines
 * joined to it), a word hyphenated across a
 * line break is joined, a pipe table row is one line (and counted), a
 * running footer is dropped (and counted), a boxed notice loses its frame. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_heading.h"
#include "ingest_layout.h"
#include "lines.h"

#include "../tap.h"

static const char *normalise(struct arena *a, struct buf *out, const char *text,
                             enum ingest_format fmt, struct ingest_chunks *st)
{
	memset(st, 0, sizeof(*st));
	buf_reset(out);
	if(ingest_normalise_layout(a, text, strlen(text), fmt, out, st) != LL_OK)
		return "(failed)";
	return buf_str(out);
}

int main(void)
{
	static const char text[] =
		"DRAINING\n"
		"\n"
		"Step 1: Turn the fryer off.\n"
		"Step 2: Open the drain valve.\n"
		"\n"
		"WARNING\n"
		"Hot oil causes severe burns.\n"
		"\n"
		"\xe2\x80\xa2 gloves\n"
		"\xe2\x80\xa2 apron\n"
		"\n"
		"Oil capacity.......... 40 lb\n"
		"\n"
		"Use a chemi-\n"
		"cal sanitizer on the vat.\n";
	static const char paged[] =
		"Fill the vat with oil to the line.\n"
		"Kestrel KF-9 Service Manual        Page 1\n"
		"\fHeat the oil to 350 degrees first.\n"
		"Kestrel KF-9 Service Manual        Page 2\n"
		"\fDrain the oil every night.\n"
		"Kestrel KF-9 Service Manual        Page 3\n"
		"\fFilter the oil after four loads.\n"
		"Kestrel KF-9 Service Manual        Page 4\n";
	static const char md[] = "## Temperatures\n\n| Item | Temp |\n|---|---|\n| Chicken | 165 F |\n"
	                         "| Fish | 145 F |\n";
	struct arena a;
	struct buf out;
	struct ingest_chunks st;
	const char *s;

	arena_init(&a, 64 * 1024);
	buf_init(&out, 1 << 16);
	s = normalise(&a, &out, text, INGEST_TEXT, &st);
	CHECK(strstr(s, "1. Turn the fryer off.") && strstr(s, "2. Open the drain valve."),
	      "'Step 1:' lines become numbered steps:\n%s", s);
	CHECK(strstr(s, "WARNING") && strstr(s, "Hot oil causes severe burns.") &&
	      !strstr(s, "WARNING\n\n"), "a lone WARNING heads its paragraph");
	CHECK(strstr(s, "- gloves") && strstr(s, "- apron") && !strstr(s, "\xe2\x80\xa2"),
	      "bullet glyphs become '- '");
	CHECK(strstr(s, "Oil capacity: 40 lb") != NULL, "a dot leader becomes ': '");
	CHECK(strstr(s, "chemical sanitizer") != NULL, "a word hyphenated across a line is joined");
	s = normalise(&a, &out,
	              "SPECIFICATIONS\n\n3.3 Capacity ........ 48 regular hot dogs\n"
	              "                     or 40 taquitos\n3.12 Electrical ..... 120 V, 1,500 W,\n"
	              "                     12.5 A, NEMA 5-15P plug\n3.14 Weight ........ 41 lb\n",
	              INGEST_TEXT, &st);
	CHECK(strstr(s, "3.3 Capacity: 48 regular hot dogs or 40 taquitos.") &&
	      strstr(s, "3.12 Electrical: 120 V, 1,500 W, 12.5 A, NEMA 5-15P plug.") &&
	      strstr(s, "3.14 Weight: 41 lb.") && !strchr(s, INGEST_HEAD_MARK_3),
	      "a dot-leader row's value goes on under it; no row is a heading:\n%s", s);
	s = normalise(&a, &out,
	              "Descale every 7 days, or sooner if the display shows SCL. Use only Pellmoor\n"
	              "Scale-Off SO-2 descaler.\n\nMODEL PEC-12 WITH STEAM LID AND TWO PROGRAM SETS\n"
	              "Pellmoor Foodservice, Publication PM-EC12\n", INGEST_TEXT, &st);
	CHECK(strstr(s, "Use only Pellmoor Scale-Off SO-2 descaler.") &&
	      !strstr(s, "PROGRAM SETS Pellmoor"),
	      "a sentence a text export wrapped is one line again; a title in capitals is not "
	      "joined to the line under it:\n%s", s);
	s = normalise(&a, &out, paged, INGEST_TEXT, &st);
	CHECK(!strstr(s, "Service Manual") && st.dropped_lines >= 4,
	      "a running footer is dropped and counted (%d):\n%s", st.dropped_lines, s);
	CHECK(strstr(s, "Heat the oil") && strstr(s, "Filter the oil"), "the pages' text stays");
	s = normalise(&a, &out, md, INGEST_MARKDOWN, &st);
	CHECK(strstr(s, "Chicken: 165 F") && strstr(s, "Fish: 145 F") && !strstr(s, "|---") &&
	      st.tables == 1, "a pipe table is one line a row, counted (%d):\n%s", st.tables, s);
	s = normalise(&a, &out, "+------------------------------+\n| WARNING: Unplug it first.    |\n"
	                        "+------------------------------+\n", INGEST_TEXT, &st);
	CHECK(strstr(s, "WARNING: Unplug it first.") && !strchr(s, '|') && !strchr(s, '+'),
	      "a boxed notice loses its frame:\n%s", s);
	buf_free(&out);
	arena_free(&a);
	return TAP_DONE();
}
