/* path_manual.h - which manual a question names, and the candidates it
 * leaves.
 *
 * "polar swirl E3", "broiler says F1", "frostline F1 || it's back again
 * today", "my tortilla warmer won't heat": a brand or model, an error code
 * only one manual of the machine named holds, or the machine itself in the
 * question's own words names one maker's manual, and only its sections
 * answer; a question naming a machine but no manual keeps the manuals made
 * for that machine (or for none).  The answer path (path.c) filters its
 * ranked candidates with these; the ranking of the other part
 * (path_other.h) searches with the named manual's maker.  Pure: sections
 * in, a document id or the sections kept out.
 */
#ifndef LINELEAD_ANSWER_PATH_MANUAL_H
#define LINELEAD_ANSWER_PATH_MANUAL_H

#include <stdbool.h>
#include <stddef.h>

#include "answer/ask.h"
#include "answer/section.h"

/* The maker's name and model of a title, into out: its words up to its
 * first model number ("Spudline FD-40" of "Spudline FD-40 Automatic Fry
 * Dispenser"); what follows says what the machine is ("fry", "conveyor"),
 * which a question about fries or a conveyor toaster names too.  Without
 * the model when model is false ("Spudline"). */
void path_maker_of(const char *title, bool model, char *out, size_t outlen);

/* The manual (its document id; 0 for none) the question names, else the one an earlier turn of a
 * follow-up named ("frostline F1" then "it's back again today"), else the
 * one whose title names the machine of the error code asked about. */
long long path_named_manual(const struct ask *q, const struct section *s, size_t n);

/* A machine the question names (a follow-up naming none: its thread,
 * query): only the manuals made for it, or for no machine at all, answer
 * it.  With an error code ("fryer showing E03") strictly: the grill's E03,
 * or a manual that never says what machine it is for, would be another
 * machine's steps -- else the admission that no
 * manual has the code.  Without one ("how do i shut down the broiler"),
 * when some candidate's manual is for that machine, a maker's manual for
 * another machine is dropped and the store's own manuals stay. */
size_t path_without_other_machines(const struct ask *q, const char *query, struct section *s,
                                   size_t n);

/* Keeps only the named manual's sections (a question naming a model is
 * answered from that model's manual, never another machine's). */
size_t path_only_manual(struct section *s, size_t n, long long doc);

#endif
