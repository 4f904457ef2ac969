/* test_gather.c - answer/gather: the part that needs no database, by
 * including gather.c as curl's and h2o's tests reach static functions: a
 * short section with no steps of its own is read with its subsections'.
 * Reading sections from PostgreSQL is driven end to end
 * (cli/test_cli_answers.c, tests/e2e). */
#include "gather.c"

#include <stdio.h>
#include <string.h>

#include "../tap.h"

/* A procedure's parent is read with its subsections' steps; a fault
 * table's is not: each code's steps are its own ("H4" must not show F1's). */
static void test_subsections(void)
{
	struct arena a;
	struct section proc = {0}, codes = {0};

	arena_init(&a, 64 * 1024);
	proc.title = codes.title = "Store manual";
	proc.path = proc.heading = "Opening the store";
	proc.body = "Opening the store.";
	proc.children = "Before the doors open\n1. Turn on the fryers.\n2. Check the walk-in.";
	codes.path = codes.heading = "5. Fault codes";
	codes.body = "Fault codes.";
	codes.children = "F1: Beater motor overload.\n1. Press OFF.\nH4: Mix level too low.\n"
	                 "1. Add mix above the MIX LOW line.";
	CHECK(with_subsections(&a, &proc) == LL_OK && proc.nsteps == 2,
	      "a short parent is read with its subsections' steps");
	CHECK(with_subsections(&a, &codes) == LL_OK && codes.nsteps == 0 &&
	      !strstr(codes.body, "Press OFF"), "a fault table's parent is not");
	arena_free(&a);
}

int main(void)
{
	test_subsections();
	return TAP_DONE();
}
