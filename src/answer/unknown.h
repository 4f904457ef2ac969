/* unknown.h - the names a question asks about that no manual covers.
 *
 * "Hoshizaki KM-660 ice machine keeps flashing": no manual of this store is
 * for a Hoshizaki, and the answer says so first ("I don't have the manual
 * for the ...", compose.h) rather than pass another machine's steps off as
 * its own.  The question's words are read as crew type them (a model is
 * "km660" or "1814", a brand is the word before a machine noun or a model),
 * and one query asks which of them no manual holds, nor a word one typo
 * from them; an error code counts as uncovered when none of the candidate
 * sections for the machine asked about holds it ("ice machine F8" is not
 * the broiler's F8).  A question that names nothing of the kind may still
 * be about a topic no manual holds ("do we take ebt").
 *
 * Ownership: what it hands out lives in ctx->arena.
 */
#ifndef LINELEAD_ANSWER_UNKNOWN_H
#define LINELEAD_ANSWER_UNKNOWN_H

#include <stddef.h>

#include "answer/ask.h"
#include "answer/context.h"
#include "answer/section.h"
#include "result.h"

struct compose_in;

/* What the question q names that no manual covers, among the candidate
 * sections s (n of them): a brand, machine or code (in->unknown, and
 * in->unknown_is_code when it is only an error code on a machine the
 * manuals know), else a topic (in->topic); both NULL when it names none.
 * LL_EDB when PostgreSQL cannot answer. */
__attribute__((warn_unused_result))
ll_result unknown_names(const struct answer_ctx *ctx, const struct ask *q,
                        const struct section *s, size_t n, struct compose_in *in);

#endif
