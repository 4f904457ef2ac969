/* verdict.h - a reading held against the limit a manual states.
 *
 * "patty read 152, can i serve it" is answered by the rule ("at least
 * 155°F for 17 seconds"); the crew also need the comparison said, first,
 * in the same sentence as the rule: "152°F is below the 155°F minimum, not
 * safe yet — Ground meat must be...".  Pure: text in, text out, nothing
 * kept.
 */
#ifndef LINELEAD_ANSWER_VERDICT_H
#define LINELEAD_ANSWER_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

struct terms;

/* Writes to out (at most outlen bytes) the words comparing reading (°F)
 * with the temperature limit rule states ("at least 155°F", "41°F (5°C) or
 * below") -- the one whose clause names a subject term ("milk and shell
 * eggs 45°F or below"), else the first; false, out untouched, when rule
 * states no limit.  decide (a yes/no question: "can we take it") puts the
 * verdict's own word first: "Yes, 44°F is within..." / "No, 48°F is above...". */
bool verdict_of_reading(int reading, const char *rule, const struct terms *subject, bool decide,
                        char *out, size_t outlen);

#endif
