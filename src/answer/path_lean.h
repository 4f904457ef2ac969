/* path_lean.h - what a question takes from the text before it: a
 * follow-up from the turns before ("and chicken?" after "how hot for
 * pork"), a two-part question's second part from its first ("what temp
 * for the walk in, and the freezer?").
 *
 * The kind and figure asked, the codes, the reading, the times told and
 * what the crew found fine carry over; the question's own new words weigh
 * double, the earlier ones half (struct ask's earlier marks them).  The
 * answer path (path.c) leans a follow-up on its thread, the ranking of the
 * other part (path_other.h) a second part on its first.  Pure: the
 * lexicon in, struct ask changed in place.
 */
#ifndef LINELEAD_ANSWER_PATH_LEAN_H
#define LINELEAD_ANSWER_PATH_LEAN_H

#include "answer/ask.h"
#include "answer/lexicon.h"

/* ask leans on earlier text (the turns before a follow-up, the first half
 * of a two-part question): its own new words ("turkey" in "what about
 * turkey burgers") weigh double, the earlier words half. */
void path_lean_on(const struct lexicon *lx, struct ask *ask, const char *earlier);

#endif
