/* test_ingest_columns.c - ingest/ingest_columns: a two-column page of prose
 * (pdftotext -layout puts both columns side by side) is read left column
 * first, then right, never line by line across; a table and a single
 * column are left as they are. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_columns.h"
#include "lines.h"

#include "../tap.h"

int main(void)
{
	static const char two[] =
		"Before you clean the fryer, turn         Lift the baskets out and set them\n"
		"the power off and let the oil cool       on the drain rack. Wash them in\n"
		"below 100 degrees. Hot oil causes        the three compartment sink with\n"
		"serious burns and must never be          hot soapy water, then rinse and\n"
		"drained while it is still hot.           let them air dry overnight.\n";
	static const char one[] = "Before you clean the fryer, turn the power off and let the oil cool.\n"
	                          "Lift the baskets out and set them on the drain rack.\n";
	struct arena a;
	struct buf b;
	struct tline *l;
	size_t n;
	const char *k, *left, *right;

	arena_init(&a, 16 * 1024);
	buf_init(&b, 1 << 16);
	l = lines_of(&a, two, &n);
	CHECK(ingest_unzip_columns(&a, &l, &n) == LL_OK, "columns unzipped");
	k = kept(&b, l, n);
	left = strstr(k, "drained while it is still hot.");
	right = strstr(k, "Lift the baskets out");
	CHECK(left && right && left < right, "the left column is read whole before the right:\n%s", k);
	CHECK(strstr(k, "Before you clean the fryer, turn\n") != NULL,
	      "no line mixes the two columns");
	CHECK(strstr(k, "\n\n") != NULL, "a blank line parts them");
	l = lines_of(&a, one, &n);
	CHECK(ingest_unzip_columns(&a, &l, &n) == LL_OK && n == 2 &&
	      strcmp(kept(&b, l, n), one) == 0, "one column is left as it is");
	buf_free(&b);
	arena_free(&a);
	return TAP_DONE();
}
