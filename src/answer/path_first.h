/* path_first.h - which section leads: the rules that bring one that can
 * answer first.
 *
 * The ranker (rank.h) orders the candidates; these rules move one of the
 * next few to the front when the best cannot answer what was asked: an
 * overview or a quiz (unless "what is X" is asked), a section that loses
 * the thread of a follow-up, one that does not state the figure asked, an
 * error code's row for a procedure asked, a section that only mentions the
 * code asked, the steps the thread was already told when the fault
 * persists, and, a reading told after the thread's answer, any section but
 * that answer's.  The answer path (path.c) runs them in that order on its
 * ranked sections; path_bring_first is shared with the ranking of the
 * other part (path_other.h).  Pure but for lead_text's arena.
 */
#ifndef LINELEAD_ANSWER_PATH_FIRST_H
#define LINELEAD_ANSWER_PATH_FIRST_H

#include <stddef.h>

#include "answer.h"
#include "answer/ask.h"
#include "answer/section.h"
#include "arena.h"

#define PATH_STATES_WITHIN 3   /* how far down a ranking a better first section may come from */
/* how much of the follow-up's own words a section of the thread's machine
 * must hold, against the best one's, to lead ("what cleaner do i put in":
 * the floor's section holds "cleaner" and "put", the ice machine's less) */
#define PATH_THREAD_MACHINE_SHARE 0.3

/* Moves s[i] to the front, the sections before it one down. */
void path_bring_first(struct section *s, size_t i);

/* An overview or a quiz never leads an answer to anything but "what is X":
 * when the best section is one, the first of the next few that is neither
 * comes first. */
void path_answers_first(const struct ask *q, struct section *s, size_t n);

/* A follow-up is asked of the thread ("closer no-showed tonight || called
 * him twice no answer, what next"): when the best section holds none of
 * the earlier turns' words ("D7: Customer not found or no answer"), the
 * first of the next few that holds some comes first -- never one of a
 * maker's manual the thread never named. */
void path_thread_first(const struct ask *q, struct section *s, size_t n);

/* "first thing i do when i open": of the sections of the best one's
 * manual among the next few that hold at least half as much of the
 * question, the one that comes first in the manual leads ("Arrival and
 * Walk-Through", not "Final Check Before Opening"). */
void path_first_in_manual(const struct ask *q, struct section *s, size_t n);

/* A follow-up naming no machine is about the thread's ("how do i clean the
 * ice machine || what cleaner do i put in"): when the best section is from
 * no manual for the machine the thread named (query: the thread), the
 * first of the next few that is comes first ("Cleaning and Sanitizing",
 * not the floor's "Cleaning Up a Spill"). */
void path_thread_machine_first(const struct ask *q, const char *query, struct section *s,
                               size_t n);

/* A figure question is answered by a section that states a figure of that
 * kind: when the best one does not and one of the next few does, that one
 * comes first (a lead without the figure asked is no answer). */
void path_states_first(const struct ask *q, struct section *s, size_t n);

/* A procedure or a figure asked ("how do i clean the deflector", "what temp
 * should the waffle maker be on") is not answered by an error code's row
 * ("E4: grid above 480°F"): when the best section is a fault's and the
 * question names no code, the first of the next few sections that answers
 * instead comes first -- unless the question is most of that fault's
 * heading, a symptom told in the manual's words ("hot dogs all dried out"). */
void path_fault_not_first(const struct ask *q, struct section *s, size_t n);

/* A code asked ("korvald threw E3 in the middle of onions") is answered by
 * its own section: when the best section only mentions it (a step that
 * says "the display shows E3"), the next few sections' first of the same
 * manual whose heading names it comes first. */
void path_code_first(const struct ask *q, struct section *s, size_t n);

/* "did that, still watery": the crew did what the last answer said and the
 * fault stayed.  When the best section is the one that answer led with and
 * it says nothing of what to do then, the first of the next few that the
 * thread has not been told comes first (the next check, the call for
 * service), not the same steps again. */
void path_next_when_persists(struct arena *a, const struct question *qn, const struct ask *q,
                             struct section *s, size_t n);

/* "temp for chicken strips? || and if its 160 can i pull em": a reading
 * told after the thread's answer is held against that answer's rule.  When
 * the best section is not the one the last answer led with, and one of the
 * few after it is, states the figure read and is no manual of a maker the
 * thread never named, it comes first. */
void path_reading_in_thread(struct arena *a, const struct question *qn, const struct ask *q,
                            struct section *s, size_t n);

#endif
