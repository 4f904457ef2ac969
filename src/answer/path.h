/* path.h - the local answer path: question -> understanding -> emergency
 * cards -> sections -> ranking -> composed answer.
 *
 *   ask_understand      what is asked, about what, which emergencies (ask.h)
 *   cards               each emergency's tagged procedure (sql/006; gather.h)
 *   sections            the retrieved chunks grouped into whole sections, and
 *                       those where earlier questions like this one were
 *                       answered (gather.h)
 *   rank_sections       the learned ranker (rank.h)
 *   follow-ups          what a question takes from the turns before
 *                       (path_lean.h)
 *   the manual named    only its sections answer (path_manual.h)
 *   unknown names       a brand, model or code no manual covers (unknown.h)
 *   which leads         the rules that bring a section that can answer
 *                       first (path_first.h)
 *   two parts           a question asked twice over: each part ranked on its
 *                       own (path_other.h; parts.h cuts the text)
 *   compose_answer      one section's lead, steps and warnings (compose.h)
 *
 * path.c keeps the kit and the path itself, in that order; the modules
 * above do the rest.
 *
 * The data it needs (the lexicon and the ranker's weights) is loaded once
 * per process into an answer_kit; a request passes an answer_ctx (the
 * database, its arena, the kit, the settings, the classifier, the LLM, the
 * deadline and a stage hook), never the worker nor an HTTP request.
 */
#ifndef LINELEAD_ANSWER_PATH_H
#define LINELEAD_ANSWER_PATH_H

#include "answer.h"
#include "answer/context.h"
#include "answer/lexicon.h"
#include "answer/rank.h"
#include "result.h"

/* Loads <data_dir>/data/answers (or <data_dir>/answers, installed). */
__attribute__((warn_unused_result))
ll_result answer_kit_load(const char *data_dir, struct answer_kit **out);
void answer_kit_free(struct answer_kit *kit);

/* The answer to q from passages (the retriever's, best first) retrieved
 * with query (q->text, or a follow-up's with the earlier subject).  When
 * sources is not NULL it gets what the answer was made from, in the order
 * an LLM should read it: the emergency procedures, then the ranked
 * sections whole (one passage each, in ctx->arena).  *emergency (may be
 * NULL) says whether an emergency procedure leads.  LL_EDB when PostgreSQL
 * cannot answer. */
__attribute__((warn_unused_result)) ll_result
answer_local(const struct answer_ctx *ctx, const struct question *q, const char *query,
             const struct passages *passages, struct answer *out, struct passages *sources,
             bool *emergency);

/* The sections answer_local would rank for q, scored and best first, with
 * each one's feature vector (for `linelead rank-features`).  *feat has
 * RANK_FEATURES doubles per section. */
__attribute__((warn_unused_result)) ll_result
answer_rank(const struct answer_ctx *ctx, const struct question *q, const char *query,
            const struct passages *passages, struct section **out, size_t *n, double **feat);

#endif
