/* ask_cue.h - cue phrases, matched as the question reader matches them.
 *
 * The question reader (ask.c, ask_time.c, ask_reading.c) finds what a
 * question asks by short phrases in crew words ("how long", " at ",
 * "still good"), matched in " <question lower-cased> " so that " can " is a
 * word.  A cue list is a NULL-terminated array of static strings.  Pure.
 */
#ifndef LINELEAD_ANSWER_ASK_CUE_H
#define LINELEAD_ANSWER_ASK_CUE_H

#include <stdbool.h>
#include <stddef.h>

/* " <text lower-cased> " into out (len bytes), as the cues are matched. */
void ask_lowered(const char *text, char *out, size_t len);

/* Is one of cues anywhere in text? */
bool ask_has_any(const char *text, const char *const *cues);

/* Does text start with one of cues? */
bool ask_starts_any(const char *text, const char *const *cues);

/* Does text end with one of cues, after something else? */
bool ask_ends_any(const char *text, const char *const *cues);

/* Does one of cues end at p, in t? */
bool ask_after_any(const char *t, const char *p, const char *const *cues);

#endif
