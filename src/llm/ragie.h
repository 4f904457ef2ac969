/* ragie.h - optional retrieval from Ragie (POST {base}/retrievals) and
 * upload of documents to it (POST {base}/documents). */
#ifndef LINELEAD_RAGIE_H
#define LINELEAD_RAGIE_H

#include "answer.h"
#include "arena.h"
#include "result.h"
#include "settings.h"

/* Appends up to top_k passages for query (origin "ragie", scores in [0,1])
 * into *out, allocated in arena.  LL_EUPSTREAM / LL_ETIMEOUT when Ragie fails
 * or is slow: the caller falls back to the built-in retrieval and marks the
 * answer degraded.  LL_EUNAVAILABLE when Ragie is not configured. */
__attribute__((warn_unused_result))
ll_result ragie_retrieve(const struct settings *s, struct arena *arena, const char *query,
                         int top_k, double budget_s, struct passages *out);

/* Parses a retrievals reply (text, len bytes: one JSON object holding a
 * scored_chunks array) and appends up to top_k of its chunks with text to
 * *out, allocated in arena.  LL_EUPSTREAM when it is not such a reply.
 * Exposed for tests and the fuzz target. */
__attribute__((warn_unused_result))
ll_result ragie_reply_parse(struct arena *arena, const char *text, size_t len, int top_k,
                           struct passages *out);

/* Uploads a document's text (CLI: linelead ingest --to ragie). */
__attribute__((warn_unused_result))
ll_result ragie_upload(const struct settings *s, const char *title, const char *category,
                       const char *content, size_t len);

#endif
