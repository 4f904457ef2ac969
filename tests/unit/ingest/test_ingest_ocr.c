/* test_ingest_ocr.c - ingest/ingest_ocr: a scanned page's words, as
 * tesseract boxes them (TSV), laid out as text with its rows and columns, so
 * that a scanned fault table reads as one. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "ingest_ocr.h"

#include "../tap.h"

#define check(ok, what) CHECK((ok), "%s", (what))

/* A scanned table's words, as tesseract boxes them, laid out in columns. */
static void test_ocr_layout(void)
{
	struct buf out;
	const char *tsv =
	        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
		"left\ttop\twidth\theight\tconf\ttext\n"
	        "5\t1\t1\t1\t1\t1\t100\t100\t80\t30\t95.25\tCode\n"
	        "5\t1\t1\t1\t1\t2\t600\t102\t60\t30\t95\tFix\n"
	        "5\t1\t1\t1\t2\t1\t100\t200\t40\t30\t95\tE4\n"
	        "5\t1\t1\t1\t2\t2\t400\t200\t10\t30\t95\t|\n"
	        "5\t1\t2\t1\t1\t1\t600\t198\t100\t30\t95\tClean\n"
	        "5\t1\t2\t1\t1\t2\t710\t199\t60\t30\t95\tthe\n"
	        "5\t1\t2\t1\t2\t1\t600\t240\t100\t30\t95\tscreen.\n"
	        "4\t1\t2\t1\t2\t0\t600\t240\t100\t30\t-1\t\n";

	buf_init(&out, 65536);
	check(ingest_ocr_layout(tsv, strlen(tsv), &out) == LL_OK, "a page's TSV laid out");
	CHECK(strcmp(buf_str(&out),
	             "Code                     Fix\n\nE4                       Clean the\n"
	             "                         screen.\n") == 0,
	      "rows on their lines, columns at their places, a rule dropped, a wrapped cell "
	      "under its column: %s",
	      buf_str(&out));
	buf_reset(&out);
	check(ingest_ocr_layout("level\tpage_num\n1\t1\n", 20, &out) == LL_OK && out.len == 0,
	      "no words, no text");
	buf_free(&out);
}

/* Column of the word w on the line of out that holds it, -1 if none. */
static long column_of(const char *out, const char *line_start, const char *w)
{
	const char *l = strstr(out, line_start), *hit;

	if(!l)
		return -1;
	while(l > out && l[-1] != '\n')
		l--;
	hit = strstr(l, w);
	return hit && !memchr(l, '\n', (size_t)(hit - l)) ? hit - l : -1;
}

/* pdftotext's words (-tsv: points, with decimals) of a table whose first
 * cell fills its column: the gutter after it is a column's edge, found by
 * how the cells below line up, and every line's cell starts at that column
 * (pdftotext -layout would write "open Press"). */
static void test_pdf_table(void)
{
	const char *tsv =
	        "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\t"
	        "left\ttop\twidth\theight\tconf\ttext\n"
	        "1\t1\t0\t0\t0\t0\t0.00\t0.00\t612.00\t792.00\t-1\t###PAGE###\n"
	        "5\t1\t0\t0\t0\t0\t89.10\t107.20\t11.10\t9.00\t100\tE1\n"
	        "5\t1\t0\t0\t0\t1\t126.30\t107.20\t21.50\t9.00\t100\tOven\n"
	        "5\t1\t0\t0\t0\t2\t153.90\t107.20\t47.70\t9.00\t100\ttemperature\n"
	        "5\t1\t0\t0\t0\t3\t204.00\t107.20\t19.40\t9.00\t100\topen\n"
	        "5\t1\t0\t0\t0\t4\t238.00\t107.20\t21.10\t9.00\t100\tPress\n"
	        "5\t1\t0\t0\t0\t5\t262.00\t107.20\t25.60\t9.00\t100\tHEAT.\n"
	        "5\t1\t0\t0\t1\t0\t126.30\t119.20\t8.30\t9.00\t100\tor\n"
	        "5\t1\t0\t0\t1\t1\t137.10\t119.20\t32.00\t9.00\t100\tshorted.\n"
	        "5\t1\t0\t0\t1\t2\t238.00\t119.20\t24.10\t9.00\t100\tWait.\n"
	        "5\t1\t0\t0\t2\t0\t238.00\t131.20\t32.00\t9.00\t100\tservice.\n"
	        "5\t1\t0\t0\t3\t0\t89.10\t145.20\t11.10\t9.00\t100\tE2\n"
	        "5\t1\t0\t0\t3\t1\t126.30\t145.20\t15.00\t9.00\t100\tLow\n"
	        "5\t1\t0\t0\t3\t2\t145.00\t145.20\t22.00\t9.00\t100\twater\n"
	        "5\t1\t0\t0\t3\t3\t238.00\t145.20\t20.00\t9.00\t100\tOpen\n";
	struct buf out;
	long press;

	buf_init(&out, 65536);
	check(ingest_ocr_layout(tsv, strlen(tsv), &out) == LL_OK, "a PDF page's TSV laid out");
	press = column_of(buf_str(&out), "E1", "Press");
	CHECK(press > 0 && strstr(buf_str(&out), "open  ") &&
	              column_of(buf_str(&out), "or ", "Wait.") == press &&
	              column_of(buf_str(&out), "E2", "Open") == press,
	      "a full cell stays two spaces off the next, whose column lines up down the table:\n%s",
	      buf_str(&out));
	CHECK(!strstr(buf_str(&out), "\n\n"), "rows of a table close together: no blank line");
	buf_free(&out);
}

/* A pathological page: the words past INGEST_OCR_MAX_WORDS are ignored,
 * and the text never grows past its buffer's limit. */
static void test_limits(void)
{
	struct buf tsv, out, small;
	bool built = true;

	buf_init(&tsv, 4 << 20);
	buf_init(&out, 4 << 20);
	buf_init(&small, 64);
	built = buf_appends(&tsv, "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
	                          "left\ttop\twidth\theight\tconf\ttext\n") == LL_OK;
	for(int i = 0; i <= INGEST_OCR_MAX_WORDS && built; i++)
		built = buf_printf(&tsv, "5\t1\t1\t1\t%d\t1\t10\t%d\t40\t20\t90\tw%d\n", i + 1,
		                   i * 30, i) == LL_OK;
	CHECK(built && ingest_ocr_layout(buf_str(&tsv), tsv.len, &out) == LL_OK &&
	              strstr(buf_str(&out), "w19999\n") && !strstr(buf_str(&out), "w20000"),
	      "a page of more than %d words: the rest is ignored", INGEST_OCR_MAX_WORDS);
	CHECK(ingest_ocr_layout(buf_str(&tsv), tsv.len, &small) == LL_ETOOLARGE,
	      "text past the buffer's limit is LL_ETOOLARGE");
	buf_reset(&out);
	CHECK(ingest_ocr_layout("not\ta\ttsv\n", 11, &out) == LL_OK && out.len == 0,
	      "a TSV without tesseract's columns gives no text");
	buf_free(&tsv);
	buf_free(&out);
	buf_free(&small);
}

int main(void)
{
	test_ocr_layout();
	test_pdf_table();
	test_limits();
	return TAP_DONE();
}
