/* test_ingest_furniture.c - ingest/ingest_furniture: what a printed page
 * carries that is never an answer is dropped.  A running footer repeated at
 * every page break, page numbers, a contents line, a paragraph of legal
 * small print, a page's running header and its form line; the manual's own
 * text stays, and a paragraph a page break cut in two is one again. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_furniture.h"
#include "lines.h"

#include "../tap.h"

static void test_repeated(struct arena *a, struct buf *b)
{
	static const char text[] =
		"Fill the vat with oil to the line.\n"
		"Kestrel KF-9 Service Manual        Page 1\n"
		"\fHeat the oil to 350 degrees before the first load.\n"
		"Kestrel KF-9 Service Manual        Page 2\n"
		"\fDrain the oil every night into the caddy.\n"
		"Kestrel KF-9 Service Manual        Page 3\n"
		"\fFilter the oil after every four loads.\n"
		"Kestrel KF-9 Service Manual        Page 4\n"
		"Cleaning ........................ 12\n";
	size_t n;
	struct tline *l = lines_of(a, text, &n);
	const char *k;

	CHECK(ingest_drop_furniture(a, l, n) == LL_OK, "furniture marked");
	k = kept(b, l, n);
	CHECK(!strstr(k, "Service Manual"), "a running footer with its page number is dropped:\n%s", k);
	CHECK(!strstr(k, "......"), "a contents line is dropped");
	CHECK(strstr(k, "Fill the vat") && strstr(k, "Heat the oil") && strstr(k, "Drain the oil") &&
	      strstr(k, "Filter the oil"), "the manual's own lines stay");
}

static void test_small_print(struct arena *a, struct buf *b)
{
	static const char text[] =
		"Clean the hood filters weekly.\n"
		"\n"
		"KF-9 is a trademark of Kestrel Inc. Specifications may change without notice.\n"
		"\n"
		"The trademark on the fryer door shows which oil to use, and the\n"
		"crew should check it before every fill. If it has worn off, ask\n"
		"the manager for the sheet that came with the fryer about the oil.\n";
	size_t n;
	struct tline *l = lines_of(a, text, &n);
	const char *k;

	ingest_drop_small_print(l, n);
	k = kept(b, l, n);
	CHECK(!strstr(k, "Kestrel Inc") && !strstr(k, "without notice"), "a paragraph of small print is dropped");
	CHECK(strstr(k, "hood filters") && strstr(k, "about the oil"),
	      "one mark in a longer paragraph of the manual is not small print:\n%s", k);
}

static void test_page_edges(struct arena *a, struct buf *b)
{
	static const char text[] =
		"Set the thermostat to 350.\n"
		"Form KF9-OM 11/2019\n"
		"\fKESTREL KF-9 FRYER              Owner's Manual\n"
		"Press the filter button.\n";
	size_t n;
	struct tline *l = lines_of(a, text, &n);
	const char *k;

	ingest_drop_page_edges(l, n);
	k = kept(b, l, n);
	CHECK(!strstr(k, "Form KF9"), "the last line of a page that is a form line is dropped:\n%s", k);
	CHECK(!strstr(k, "Owner's Manual"), "a running header laid out at a page's top is dropped");
	CHECK(strstr(k, "Set the thermostat") && strstr(k, "Press the filter"), "the text stays");
	/* a table's header at the top of a page heads the rows under it */
	l = lines_of(a, "Drain the vat.\n\f- 5 -\n\nCode      Meaning          Action\n"
	                "H4        Steam too hot    Switch off.\n", &n);
	l[1].drop = true;
	ingest_drop_page_edges(l, n);
	CHECK(!l[3].drop, "a table's header at a page's top is kept");
	l = lines_of(a, "Form the patties by hand.\nKESTREL KF-9 FRYER              Owner's Manual\n", &n);
	ingest_drop_page_edges(l, n);
	CHECK(!l[0].drop && !l[1].drop, "without page breaks nothing is an edge");
}

int main(void)
{
	struct arena a;
	struct buf b;

	arena_init(&a, 16 * 1024);
	buf_init(&b, 1 << 16);
	test_repeated(&a, &b);
	test_small_print(&a, &b);
	test_page_edges(&a, &b);
	buf_free(&b);
	arena_free(&a);
	return TAP_DONE();
}
