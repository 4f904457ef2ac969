/* test_ingest_table.c - ingest/ingest_table: a table laid out with spaces
 * (pdftotext -layout) becomes one paragraph a row: a code row reads "E22:
 * Fan stalled — Action: ..." under its header (at its columns' starts or
 * over them), a cell wrapped onto the next line stays in its row, and
 * prose or a step list is no table. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_table.h"
#include "lines.h"

#include "../tap.h"

int main(void)
{
	static const char text[] =
		"Code      Meaning           Action\n"
		"E22       Fan stalled       Clear the fan and restart.\n"
		"E23       Probe open        Reseat the probe plug and\n"
		"                            call service if it stays.\n"
		"E24       Low oil           Top up the vat.\n"
		"\n"
		"After a code, write it in the log.\n";
	static const char prose[] = "Clean the fryer every night. Drain the oil first and wipe\n"
	                            "the vat with a soft cloth. Never use steel wool on it.\n";
	struct arena a;
	struct buf out;
	struct tline *l;
	size_t n, scanned = 0, span;
	ll_result r = LL_OK;

	arena_init(&a, 16 * 1024);
	buf_init(&out, 1 << 16);
	l = lines_of(&a, text, &n);
	span = ingest_column_table(l, 0, n, text, strlen(text), &out, &r, &scanned);
	CHECK(r == LL_OK && span >= 5 && span <= 6, "the table spans its five lines (%zu)", span);
	CHECK(strstr(buf_str(&out), "E22: Fan stalled.\n1. Clear the fan and restart.") != NULL,
	      "a code row opens with its code, its action the code's step:\n%s", buf_str(&out));
	CHECK(strstr(buf_str(&out), "Reseat the probe plug and call service if it stays.") != NULL,
	      "a cell wrapped onto the next line stays in its row");
	CHECK(strstr(buf_str(&out), "Top up the vat") != NULL && !strstr(buf_str(&out), "write it in the log"),
	      "the table ends where the prose starts");
	buf_reset(&out);
	{
		/* a header whose words stand over the middle of its columns, cells
		 * wrapped onto lines that start with a capital or a figure */
		static const char over[] =
			"    Code            Meaning                     What to do\n"
			"    F-02   LOW OIL. Level below the   Add oil to the line. If F-02\n"
			"           MIN mark; heat is off.     returns, check the drain.\n"
			"    F-04   HIGH LIMIT. Oil went past  Switch off and let it cool.\n"
			"           425°F; heat locked out.    Press the red reset button.\n";

		l = lines_of(&a, over, &n);
		span = ingest_column_table(l, 0, n, over, strlen(over), &out, &r, &scanned);
		CHECK(r == LL_OK && span == 5 &&
		      strstr(buf_str(&out), "F-02: LOW OIL. Level below the MIN mark; heat is off.") &&
		      strstr(buf_str(&out), "1. Add oil to the line.\n2. If F-02 returns, check the drain.") &&
		      strstr(buf_str(&out), "Oil went past 425°F; heat locked out."),
		      "a header over its columns names them in order; wrapped cells stay in their row "
		      "(%zu):\n%s", span, buf_str(&out));
		buf_reset(&out);
	}
	{
		/* a row broken by a page break: its footer and the next page's
		 * header dropped, the cell goes on after them */
		static const char broken[] =
			"Code 4   LID OPEN. The lid was open.\n"
			"         Action: Close the lid.\n"
			"\n"
			"Code 6   GENERATOR DRY. It overheated because the reservoir\n"
			"\n"
			"Pub. PM-12  Issue 3                         Page 4 of 5\n"
			"\n"
			"         ran empty. Action: Fill the reservoir.\n";

		l = lines_of(&a, broken, &n);
		l[5].drop = true;
		span = ingest_column_table(l, 0, n, broken, strlen(broken), &out, &r, &scanned);
		CHECK(r == LL_OK && span == 8 &&
		      strstr(buf_str(&out), "because the reservoir ran empty.") != NULL,
		      "a row goes on past the page furniture dropped inside it (%zu):\n%s", span,
		      buf_str(&out));
		buf_reset(&out);
	}
	{
		/* a justified cell ("Steam       generator") under "Code  Meaning
		 * Action": the header's columns hold it, and each code is a row */
		static const char justified[] =
			"  Code     Meaning                       Action\n"
			"  H4       Steam       generator         Switch off and unplug. Let\n"
			"           above 240 F (116 C)           it cool 20 minutes.\n"
			"  H5       Door open                     Close the door.\n";

		l = lines_of(&a, justified, &n);
		span = ingest_column_table(l, 0, n, justified, strlen(justified), &out, &r, &scanned);
		CHECK(r == LL_OK && span == n &&
		      strstr(buf_str(&out), "H4: Steam generator above 240 F (116 C).") &&
		      strstr(buf_str(&out), "Let it cool 20 minutes.") &&
		      strstr(buf_str(&out), "H5: Door open."),
		      "a justified cell stays in its column, each code its own row (%zu):\n%s",
		      span, buf_str(&out));
		buf_reset(&out);
	}
	l = lines_of(&a, prose, &n);
	CHECK(ingest_column_table(l, 0, n, prose, strlen(prose), &out, &r, &scanned) == 0 && out.len == 0,
	      "a paragraph is no table");
	buf_free(&out);
	arena_free(&a);
	return TAP_DONE();
}
