/* ingest_steps.h - list markers rewritten as numbered steps.
 *
 * One job: a procedure reaches the section builder as "1. ", "2. " steps
 * however the manual wrote it: "Step 3: Drain the oil" becomes "3. Drain
 * the oil", a marker set off by a layout gap ("1.      Press STOP") is
 * tightened, and a lettered step ("a) Lower the bowl") gets its number
 * unless it is a sub-step under a numbered one, and a run of sentences
 * numbered under their section ("4.1 Check ...", "4.2 Press ...") becomes
 * that section's steps.  Rewritten lines are in
 * the arena.  A pass of ingest_layout.c.
 */
#ifndef LINELEAD_INGEST_STEPS_H
#define LINELEAD_INGEST_STEPS_H

#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "ingest_line.h"

/* Steps written "Step 3: ..." become "3. ...", so they are a step list like
 * any numbered one: kept whole, in order, quoted as steps. */
__attribute__((warn_unused_result))
ll_result ingest_number_step_words(struct arena *a, struct tline *lines, size_t n);

/* "1.      Press STOP", "a)  Lower the bowl": a list marker set off by a
 * layout gap is a step, not a two-column table; a letter a-l becomes its
 * number, so that lettered procedures are steps as numbered ones are.
 * The line is rewritten in the arena. */
__attribute__((warn_unused_result))
ll_result ingest_tighten_markers(struct arena *a, struct tline *lines, size_t n);

/* "4.1 Check the drip tray is empty.", "4.2 Press POWER.": sentences
 * numbered under their section's number, in a run of at least two that
 * count up, are that procedure's steps ("1. ", "2. "); a numbered heading
 * ("5.1 Loading") and a specification line ("3.2 Roller length ....
 * 17.5 in") stay as they are. */
__attribute__((warn_unused_result))
ll_result ingest_number_decimal_steps(struct arena *a, struct tline *lines, size_t n);

#endif
