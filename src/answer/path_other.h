/* path_other.h - a question's other part, ranked on its own.
 *
 * A question asked twice over ("how do i check my thermometer, and what
 * should chicken read") or an emergency question that asks more ("fire is
 * out, when can we cook again") has a part the whole question's ranking
 * answers badly: its words are searched alone (path_part_candidates), the
 * candidates ranked for it (path_ranked_for), and the composer answers it
 * beside the first part (compose_second.h).  When the whole reads as the
 * second part alone, the first part's own best section is brought first.
 * The retriever's search needs the database (ctx); the rest is pure.
 */
#ifndef LINELEAD_ANSWER_PATH_OTHER_H
#define LINELEAD_ANSWER_PATH_OTHER_H

#include <stddef.h>

#include "answer.h"
#include "answer/ask.h"
#include "answer/compose.h"
#include "answer/context.h"
#include "answer/section.h"

/* A copy of the candidates ranked for ask alone (the caller's ranking
 * stays as it is), in ctx->arena; NULL on no memory. */
struct section *path_ranked_for(const struct answer_ctx *ctx, const struct question *q,
                                const struct ask *ask, const struct section *from, size_t n);

/* The candidates for one part of a two-part question: the question's own
 * (from, n), then those a search for that part's words alone finds ("how
 * long can sliced tomatoes stay in the walk-in? also bleach got in my
 * eye": the whole question's search finds the eye wash and the warm
 * walk-in, not the date marking).  *out gets their number; on a failed
 * search, the question's own.  Both in ctx->arena. */
const struct section *path_part_candidates(const struct answer_ctx *ctx,
                                           const struct question *q, const char *part,
                                           const struct section *from, size_t n, size_t *out);

/* The other part of the question, ranked on its own: its words alone pick
 * the section that answers it -- an emergency question's clauses that
 * name no emergency, or a two-part question's second question (leaning on
 * the first: "what temp for the walk in, and the freezer?").  named: the
 * title of the manual the question names, or NULL; its maker is searched
 * with the part ("rw2 says E05, whats the service number": Brackley's
 * service line).  Sets in->other_ask (to other), in->other and in->nother
 * when the question has another part that asks something of its own; a
 * two-part question's first part's own best section may be brought first
 * in in->ranked (first_part_first). */
void path_rank_other(const struct answer_ctx *ctx, const struct question *q,
                     struct compose_in *in, struct ask *other, const char *named);

#endif
