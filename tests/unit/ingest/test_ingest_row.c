/* test_ingest_row.c - ingest/ingest_row: a table's row, its cells, and the
 * row written as one paragraph.  A laid-out line is cut at its gaps, a
 * code in the first cell is a code table's row, a header cell is short and
 * has no digits, a word hyphenated at a cell's wrap is joined, and a row
 * reads "c0: c1" or "c0 — Header: c1 — Header: c2". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_row.h"
#include "lines.h"

#include "../tap.h"

static bool cell_is(const struct cells *c, int k, const char *s)
{
	return c->len[k] == strlen(s) && memcmp(c->s[k], s, c->len[k]) == 0;
}

static void test_cells(struct arena *a)
{
	size_t n;
	struct tline *l = lines_of(a, "E22      Fan stalled      Clear the fan and restart.\n"
	                              "Turn it off. Then wait  a minute.\n"
	                              "a  b  c  d  e  f  g  h  i  j\n", &n);
	struct cells c;

	CHECK(ingest_split_cells(&l[0], &c) == 3 && cell_is(&c, 0, "E22") &&
	      cell_is(&c, 1, "Fan stalled") && cell_is(&c, 2, "Clear the fan and restart."),
	      "a line cut at its gaps: three cells");
	CHECK(c.pos[1] > c.pos[0] && c.pos[2] > c.pos[1], "each cell's column");
	CHECK(ingest_split_cells(&l[1], &c) == 2, "two spaces after a sentence's end are no gap");
	CHECK(ingest_split_cells(&l[2], &c) == 0, "more cells than a table has: no row");
}

/* The row's text holds no line break of its own: one paragraph. */
static bool one_paragraph(const char *s)
{
	size_t len = strlen(s);

	while(*s == '\n')
		s++, len--;
	while(len && s[len - 1] == '\n')
		len--;
	return len > 0 && !memchr(s, '\n', len);
}

static void test_emit(void)
{
	static const char doc[] = "the word cleaning is in this document";
	struct row r, head, codes;
	struct buf out;

	buf_init(&out, 4096);
	ingest_row_init(&r, doc, strlen(doc));
	ingest_row_init(&head, doc, strlen(doc));
	ingest_row_init(&codes, doc, strlen(doc));
	CHECK(ingest_cell_add(&r, 0, L("Oil temperature")) == LL_OK &&
	      ingest_cell_add(&r, 1, L("350\xc2\xb0" "F")) == LL_OK &&
	      ingest_row_emit(&out, &r, 2, NULL, false) == LL_OK &&
	      strstr(buf_str(&out), "Oil temperature: 350\xc2\xb0" "F") != NULL,
	      "a two-column row is 'c0: c1' (%s)", buf_str(&out));
	ingest_row_clear(&r, 0);
	CHECK(r.cell[0].len == 0 && r.cell[1].len == 0, "a cleared row is empty");
	buf_reset(&out);
	CHECK(ingest_cell_add(&head, 0, L("Part")) == LL_OK && ingest_cell_add(&head, 1, L("Daily")) == LL_OK &&
	      ingest_cell_add(&head, 2, L("Weekly")) == LL_OK && ingest_cell_add(&r, 0, L("Fryer")) == LL_OK &&
	      ingest_cell_add(&r, 1, L("Filter the oil")) == LL_OK &&
	      ingest_cell_add(&r, 2, L("Boil out the vat")) == LL_OK &&
	      ingest_row_emit(&out, &r, 3, &head, true) == LL_OK &&
	      strstr(buf_str(&out), "Fryer \xe2\x80\x94 Daily: Filter the oil \xe2\x80\x94 Weekly: Boil out the vat"),
	      "a row under a header names each cell by it (%s)", buf_str(&out));
	CHECK(one_paragraph(buf_str(&out)), "one row, one paragraph");
	buf_reset(&out);
	ingest_row_clear(&r, 0);
	CHECK(ingest_cell_add(&codes, 0, L("Code")) == LL_OK && ingest_cell_add(&codes, 1, L("Meaning")) == LL_OK &&
	      ingest_cell_add(&codes, 2, L("Action")) == LL_OK && ingest_cell_add(&r, 0, L("E22")) == LL_OK &&
	      ingest_cell_add(&r, 1, L("Fan stalled")) == LL_OK &&
	      ingest_cell_add(&r, 2, L("Clear the fan. Restart it. 1. Call service.")) == LL_OK &&
	      ingest_row_emit(&out, &r, 3, &codes, true) == LL_OK &&
	      strstr(buf_str(&out), "E22: Fan stalled.\n1. Clear the fan.\n2. Restart it.\n3. Call service.") != NULL,
	      "a code row reads as a code line, opening the code's section, its action cell the code's "
	      "steps, a sentence or an item each (%s)", buf_str(&out));
	CHECK(ingest_cell_is_code(&r.cell[0]) && !ingest_cell_is_code(&codes.cell[0]),
	      "'E22' in the first cell is a code, 'Code' is not");
	ingest_row_clear(&r, 0);
	CHECK(ingest_cell_add(&r, 1, L("Daily clean-")) == LL_OK && ingest_cell_add(&r, 1, L("ing")) == LL_OK &&
	      strcmp(buf_str(&r.cell[1]), "Daily cleaning") == 0,
	      "a word hyphenated at a cell's wrap is joined (%s)", buf_str(&r.cell[1]));
	CHECK(ingest_header_cell(L("Action")) && ingest_header_cell(L("Daily Task")) &&
	      !ingest_header_cell(L("350 F")) && !ingest_header_cell(L("Turn it off.")) &&
	      !ingest_header_cell(L("one two three four five")), "what a header cell looks like");
	ingest_row_free(&r);
	ingest_row_free(&head);
	ingest_row_free(&codes);
	buf_free(&out);
}

int main(void)
{
	struct arena a;

	arena_init(&a, 16 * 1024);
	test_cells(&a);
	test_emit();
	arena_free(&a);
	return TAP_DONE();
}
