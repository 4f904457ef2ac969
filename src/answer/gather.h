/* gather.h - reading sections whole from PostgreSQL.
 *
 * The retriever hands out passages (chunks); the answer path answers from
 * whole sections.  This module groups the passages by section and reads
 * each section whole in one round trip (its body, its emergency tag, its
 * manual's source key, a short introduction's subsections), and reads what
 * the answer path needs besides: each emergency's tagged procedure (its
 * card, sql/006), the opening lines of manuals (what machine each is for)
 * and the sections where earlier questions like this one were answered
 * (asked.h).  Its statements live here, each prepared once (db.h).
 *
 * Ownership: everything handed out lives in ctx->arena (or a, for
 * gather_array).  LL_EDB when PostgreSQL cannot answer, LL_ENOMEM.
 */
#ifndef LINELEAD_ANSWER_GATHER_H
#define LINELEAD_ANSWER_GATHER_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "answer/ask.h"
#include "answer/context.h"
#include "answer/section.h"
#include "arena.h"
#include "result.h"

#define GATHER_MAX_SECTIONS 16   /* at most RANK_MAX_SECTIONS */

/* v (n strings) as a PostgreSQL array literal ("{1,2}", or with quote
 * "{\"a\",\"b\"}"), in a; NULL when out of memory. */
char *gather_array(struct arena *a, const char *const *v, size_t n, bool quote);

/* Each of ask's emergencies' procedures, in the question's order, into
 * cards (room for LEXICON_MAX_EMERGENCIES); *ncards gets their number.  An
 * emergency no manual tags is logged and skipped. */
__attribute__((warn_unused_result))
ll_result gather_cards(const struct answer_ctx *ctx, const struct ask *ask,
                       struct section *cards, size_t *ncards);

/* The opening lines of the manuals whose title names no machine, into each
 * of s's opening; read only when a question asks about an error code on a
 * machine it names. */
__attribute__((warn_unused_result))
ll_result gather_openings(const struct answer_ctx *ctx, struct section *s, size_t n);

/* The sections of passages (at most GATHER_MAX_SECTIONS, into s), read
 * whole; *n gets their number. */
__attribute__((warn_unused_result))
ll_result gather_sections(const struct answer_ctx *ctx, const struct passages *ps,
                          struct section *s, size_t *n);

/* The retriever's passages, then those of the sections where earlier
 * questions holding most of this one were answered ("nuggets probe at 158,
 * good enough?" is remembered by the poultry section, which a search for
 * its words can miss), in ctx->arena; the retriever's alone when none. */
__attribute__((warn_unused_result))
ll_result gather_remembered(const struct answer_ctx *ctx, const struct ask *ask,
                            const struct passages *in, struct passages *out);

#endif
