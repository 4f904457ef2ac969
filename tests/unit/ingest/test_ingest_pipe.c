/* test_ingest_pipe.c - ingest/ingest_pipe: Markdown pipe tables and grid
 * tables, one paragraph a row.  A pipe table row becomes one row named by
 * its header; a grid table's cell wrapped over lines is joined; the
 * separator and border lines are recognised, and a line with a bar in it
 * is no table. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_pipe.h"
#include "lines.h"

#include "../tap.h"

static int count(const char *s, const char *what)
{
	int n = 0;

	for(const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

int main(void)
{
	static const char pipe[] = "| Item | Temperature | Time |\n"
	                           "|------|:-----------:|------|\n"
	                           "| Chicken | 165\xc2\xb0" "F | 15 s |\n"
	                           "| Fish | 145\xc2\xb0" "F | 15 s |\n"
	                           "\n"
	                           "Probe the thickest part.\n";
	static const char grid[] = "+---------+------------------+\n"
	                           "| Part    | How often        |\n"
	                           "+=========+==================+\n"
	                           "| Hood    | Weekly, or when  |\n"
	                           "| filters | grease drips     |\n"
	                           "+---------+------------------+\n";
	struct arena a;
	struct buf out;
	struct tline *l;
	size_t n, span;
	ll_result r = LL_OK;

	arena_init(&a, 16 * 1024);
	buf_init(&out, 1 << 16);
	CHECK(ingest_pipe_separator(L("|------|:-----------:|")) && ingest_pipe_separator(L("--- | ---")) &&
	      !ingest_pipe_separator(L("| Chicken | 165 |")), "a pipe table's separator row");
	CHECK(ingest_grid_border(L("+------+-------+")) && ingest_grid_border(L("+======+=======+")) &&
	      !ingest_grid_border(L("---------------")), "a grid table's border");
	l = lines_of(&a, pipe, &n);
	span = ingest_pipe_table(l, 0, n, pipe, strlen(pipe), &out, &r);
	CHECK(r == LL_OK && span == 4, "the pipe table spans its four lines (%zu)", span);
	CHECK(strstr(buf_str(&out), "Chicken \xe2\x80\x94 Temperature: 165\xc2\xb0" "F \xe2\x80\x94 Time: 15 s") &&
	      strstr(buf_str(&out), "Fish \xe2\x80\x94 Temperature: 145"),
	      "each pipe row is one row named by its header:\n%s", buf_str(&out));
	CHECK(count(buf_str(&out), "Chicken") == 1 && !strstr(buf_str(&out), "---") &&
	      !strstr(buf_str(&out), "Probe"), "no separator, no header row of its own, nothing after");
	buf_reset(&out);
	l = lines_of(&a, grid, &n);
	span = ingest_pipe_table(l, 0, n, grid, strlen(grid), &out, &r);
	CHECK(r == LL_OK && span == n, "the grid table spans its lines (%zu of %zu)", span, n);
	CHECK(strstr(buf_str(&out), "Hood filters: Weekly, or when grease drips") != NULL,
	      "a grid cell wrapped over two lines is one cell:\n%s", buf_str(&out));
	buf_reset(&out);
	{
		/* no frame: "CODE | MEANING" over "-----+-----", a row whose first
		 * cell is empty goes on with the row above */
		static const char bare[] = " CODE | MEANING               | WHAT TO DO\n"
		                           " -----+-----------------------+--------------------\n"
		                           " H-02 | Steam generator above | Switch off. Wait\n"
		                           "      | 240 F (116 C)         | 20 min, then drain.\n"
		                           " H-03 | Door left open        | Close the door.\n";

		l = lines_of(&a, bare, &n);
		span = ingest_pipe_table(l, 0, n, bare, strlen(bare), &out, &r);
		CHECK(r == LL_OK && span == n &&
		      strstr(buf_str(&out), "Steam generator above 240 F (116 C)") &&
		      strstr(buf_str(&out), "Wait 20 min, then drain.") &&
		      count(buf_str(&out), "H-02") == 1 && strstr(buf_str(&out), "H-03"),
		      "a table with no frame: a wrapped row's cells stay in their row and "
		      "column (%zu):\n%s", span, buf_str(&out));
		buf_reset(&out);
	}
	{
		/* a grid table with no border between its rows: a line whose first
		 * cell is not empty starts a row */
		static const char lined[] = "+------+------------------+---------------+\n"
		                            "| CODE | MEANING          | WHAT TO DO    |\n"
		                            "+------+------------------+---------------+\n"
		                            "| K1   | Boiler did not   | Open the      |\n"
		                            "|      | fill in 4 min    | water valve.  |\n"
		                            "| K2   | Lid switch open  | Close the lid.|\n"
		                            "+------+------------------+---------------+\n";

		l = lines_of(&a, lined, &n);
		span = ingest_pipe_table(l, 0, n, lined, strlen(lined), &out, &r);
		CHECK(r == LL_OK && span == n &&
		      strstr(buf_str(&out), "K1: Boiler did not fill in 4 min.") &&
		      strstr(buf_str(&out), "K2: Lid switch open.") &&
		      !strstr(buf_str(&out), "K1 K2"),
		      "a grid table with unruled rows: each code is a row of its own "
		      "(%zu):\n%s", span, buf_str(&out));
		buf_reset(&out);
	}
	l = lines_of(&a, "Use the left | right switch.\n", &n);
	CHECK(ingest_pipe_table(l, 0, n, "", 0, &out, &r) == 0, "a bar in a sentence is no table");
	buf_free(&out);
	arena_free(&a);
	return TAP_DONE();
}
