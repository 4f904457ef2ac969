/* rule.h - the rule a manual states for a question, and whether the answer
 * states what was asked.
 *
 * A decision ("patty read 152, can i serve it", "been out 5 hrs, still
 * ok?") is answered by the manual's rule, and the crew's reading or time is
 * held against it first (verdict.h): the rule may be the lead itself, the
 * heading, another of the section's parts, or a part of one of the manual's
 * next best sections ("Counter thawing at room temperature is never
 * allowed" in its introduction).  A figure question ("how many days can
 * raw ground beef stay in the walk in") is answered only by a section that
 * states a figure of that kind.  These read the best-ranked sections
 * (ranked, best first, nranked of them) and the lead the composer chose
 * (lead.h).  Pure: no database.
 *
 * Ownership: a rule handed out is a part of one of the sections.
 */
#ifndef LINELEAD_ANSWER_RULE_H
#define LINELEAD_ANSWER_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "answer/ask.h"
#include "answer/section.h"
#include "result.h"

struct buf;

/* A decision on a reading ("nuggets probed at 160, good to send?") or a
 * time ("been out 5 hrs, still ok?"), and a figure question's reading or
 * clock time: held against the limit the lead (else the heading of ranked[0], else the
 * first of its parts that names the subject, else any; else a part that
 * names it in another of the manual's best sections: "received at 41°F or
 * below" when the best is how to reject) states, the verdict is appended
 * to text, first.  Nothing is appended when q asks for none or no limit is
 * stated.  *lead_acts (may be NULL) is set when what to do on the verdict
 * is said by the lead, not after the verdict.  LL_ENOMEM is the only failure. */
__attribute__((warn_unused_result))
ll_result rule_reading_verdict(const struct ask *q, const struct section *ranked, size_t nranked,
                               const char *lead, struct buf *text, bool *lead_acts);

/* A decision's rule, stated elsewhere in the best section's manual
 * ("Counter thawing at room temperature is never allowed" in the
 * introduction, when the best section is the walk-in's steps; "If you
 * cannot tell how long it has been below 135°F, throw it away" when nobody
 * knows how long): the part of that manual's best sections that forbids or
 * orders something about what was asked, when it rules better than a lead
 * that orders nothing, or than one silent on the unknown time; else NULL. */
const char *rule_of_manual(const struct ask *q, const struct section *ranked, size_t nranked,
                           const char *lead);

/* A figure question is answered only by a section stating a figure of
 * that kind (states_first in path.c put the one that does first): "how
 * many lbs of shortening does a vat hold" is not answered by the fryer's
 * service calls.  Times and frequencies are left out, their cues ("when do
 * i") also framing questions that are not after a figure -- but not "how
 * many days": that section states days ("how many days can raw ground beef
 * stay in the walk in" is not answered by its cooking temperature).  Does
 * s[0] (of nranked) state it?  Always true for another kind of question
 * and for one in two parts (other_part: each is ranked on its own). */
bool rule_states_asked(const struct ask *q, const struct section *s, size_t nranked,
                       bool other_part);

#endif
