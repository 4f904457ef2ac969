/* test_ingest_steps.c - ingest/ingest_steps: a procedure reaches the section
 * builder as "1. ", "2. " steps however the manual wrote it.  "Step 3:
 * Drain the oil" is step 3, a marker set off by a layout gap is tightened,
 * "a." and "b)" steps are numbered, a lettered sub-step under a
 * numbered one keeps its letter, and a run of sentences numbered under
 * their section ("4.1 Check ...", "4.2 Press ...") are its steps. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_steps.h"
#include "lines.h"

#include "../tap.h"

static void test_step_words(struct arena *a)
{
	size_t n;
	struct tline *l = lines_of(a, "Step 3: Drain the oil.\nSTEP 4 - Close the valve.\n"
	                              "Steps to follow are below.\n", &n);

	CHECK(ingest_number_step_words(a, l, n) == LL_OK, "step words rewritten");
	CHECK(line_is(l, 0, "3. Drain the oil."), "'Step 3: Drain the oil.' is step 3 (%.*s)",
	      (int)l[0].len, l[0].s);
	CHECK(ingest_line_is_step(l[1].s, l[1].len), "'STEP 4 - ...' is a step too (%.*s)",
	      (int)l[1].len, l[1].s);
	CHECK(line_is(l, 2, "Steps to follow are below."), "a sentence about steps is left alone");
}

static void test_markers(struct arena *a)
{
	size_t n;
	struct tline *l = lines_of(a, "1.      Press STOP.\n2.      Open the door.\n", &n);

	CHECK(ingest_tighten_markers(a, l, n) == LL_OK && line_is(l, 0, "1. Press STOP.") &&
	      line_is(l, 1, "2. Open the door."), "a marker set off by a gap is a step, not a table row");
	l = lines_of(a, "a.  Lower the bowl.\nb.  Lock the bowl.\nc)  Start the mixer.\n", &n);
	CHECK(ingest_tighten_markers(a, l, n) == LL_OK && line_is(l, 0, "1. Lower the bowl.") &&
	      line_is(l, 1, "2. Lock the bowl.") && line_is(l, 2, "3. Start the mixer."),
	      "'a.' 'b.' 'c)' steps become numbered (%.*s / %.*s / %.*s)", (int)l[0].len, l[0].s,
	      (int)l[1].len, l[1].s, (int)l[2].len, l[2].s);
	l = lines_of(a, "1. Remove the guard.\n   a)  Loosen the knob.\n   b)  Lift it off.\n"
	                "2. Wash the guard.\n", &n);
	CHECK(ingest_tighten_markers(a, l, n) == LL_OK && !line_is(l, 1, "1. Loosen the knob.") &&
	      l[1].s[0] == 'a', "a lettered sub-step under a numbered step keeps its letter (%.*s)",
	      (int)l[1].len, l[1].s);
}

static void test_decimal_steps(struct arena *a)
{
	size_t n;
	struct tline *l = lines_of(a, "4.1  Check that the drip tray is empty, clean and pushed fully in, and\n"
	                              "that the guard is in place.\n\n4.2 Press POWER.\n\n"
	                              "4.3 Press FRONT to start the zone.\n\n5.1 Loading\n"
	                              "3.2 Roller length ......... 17.5 in\n7.4 Weight 41 lb.\n", &n);

	CHECK(ingest_number_decimal_steps(a, l, n) == LL_OK && line_is(l, 3, "2. Press POWER.") &&
	      line_is(l, 5, "3. Press FRONT to start the zone.") &&
	      strncmp(l[0].s, "1. Check that the drip tray", 27) == 0,
	      "a run of sentences numbered 4.1, 4.2, 4.3 are steps 1-3 (%.*s / %.*s)", (int)l[0].len, l[0].s,
	      (int)l[3].len, l[3].s);
	CHECK(line_is(l, 7, "5.1 Loading") && line_is(l, 8, "3.2 Roller length ......... 17.5 in") &&
	      line_is(l, 9, "7.4 Weight 41 lb."),
	      "a numbered heading, a dot-leader row and a numbered line on its own stay");
}

int main(void)
{
	struct arena a;

	arena_init(&a, 16 * 1024);
	test_step_words(&a);
	test_markers(&a);
	test_decimal_steps(&a);
	arena_free(&a);
	return TAP_DONE();
}
