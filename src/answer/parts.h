/* parts.h - the two parts of a question.
 *
 * Crew ask two things at once: "walk in was at 50 all night, what do i toss
 * and who do i call", "whats hot hold temp and cold hold temp", "fryer
 * caught fire, its out now. when can we reopen it".  The answer path ranks
 * each part on its own (path.c); this module only cuts the text: where the
 * second question starts, whether a part asks on its own, what is left of
 * an emergency question once the clauses naming the emergency are gone.
 * Pure: text in, text out, no database.
 *
 * Ownership: a returned pointer points into the text passed in, except
 * parts_other_clauses's, which lives in the arena passed to it.
 */
#ifndef LINELEAD_ANSWER_PARTS_H
#define LINELEAD_ANSWER_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "answer/lexicon.h"
#include "arena.h"

/* The question without its emergency: the clauses ("fryer caught fire, its
 * out now. when can we reopen it") that name none (lx's emergencies),
 * joined, in a; NULL when every clause is about the emergency. */
const char *parts_other_clauses(const struct lexicon *lx, struct arena *a, const char *text);

/* The last clause of text when it asks a question of its own in the middle
 * of its words and what comes before it asks another ("shell eggs off the
 * truck how cold, and hot food from the commissary how hot"): the join
 * before it, *second the clause; NULL for none. */
const char *parts_asked_last(const char *text, const char **second);

/* A second matter told, not asked, after a clause that ends ("..., is that
 * good enough? also soft serve is runny", "..., also my headset wont
 * pair"): the join before it, *second the clause of two words or more;
 * NULL for none. */
const char *parts_told_also(const char *text, const char **second);

/* The second question of a two-part one ("walk in was at 50 all night,
 * what do i toss and who do i call"): the text after the last join that
 * starts a question of its own ("who do i call"), *first_len the length of
 * what comes before it, setting included; NULL for a question asked once. */
const char *parts_second(const char *text, size_t *first_len);

/* The second half of a figure asked of two things ("whats hot hold temp
 * and cold hold temp"): the few words after the last " and ", which lean
 * on the first half for what is asked; NULL when there are more than four
 * of them. */
const char *parts_parallel_tail(const char *text, size_t *first_len);

/* Is text a question of its own ("how do i check my thermometer"), not
 * the setting of the one after it ("walk in is at 44")? */
bool parts_asks_itself(const char *text);

/* Does text ask something in the middle of its words ("customer says her
 * burger is cold what do i do")? */
bool parts_asks_within(const char *text);

/* Does text name a food ("the fries", "the lettuce he was cutting")?  An
 * emergency's manual speaks of it as "food" ("discard food exposed to the
 * fire"). */
bool parts_names_food(const char *text);

/* earlier, copied into a, without the foods it names when text names
 * another ("whats the temp for burgers" before "and chicken?": the thread
 * is now about chicken); NULL when out of memory. */
const char *parts_food_replaced(struct arena *a, const char *earlier, const char *text);

/* earlier, copied into a, without the machines it names when text names
 * another ("how cold does the reach-in cooler need to be" before "and the
 * freezer?": the thread is now about the freezer); NULL when out of memory. */
const char *parts_machine_replaced(struct arena *a, const char *earlier, const char *text);

/* text, copied into a, without the words that say how a thing is done
 * ("fast", "properly"): "how do i cool the chili fast", searched for "and
 * how long", is about cooling chili, not cooling it fast; NULL when out of
 * memory. */
const char *parts_manner_blanked(struct arena *a, const char *text);

/* Does text hold a term that is a word or a code (terms.h), not only stop
 * words and bare numbers ("..., is that ok?" asks nothing of its own)? */
bool parts_has_content(const char *text);

/* Does a question's part refer back to something named before it ("do we
 * take it", "can i still use those")? */
bool parts_refers_back(const char *text);

#endif
