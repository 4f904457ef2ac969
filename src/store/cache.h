/* cache.h - the answer cache in PostgreSQL (table answer_cache).
 *
 * A repeated question (same normalised text, same agent, same model) asked
 * with no conversation history in play is answered from the cache without
 * calling the LLM.  An entry is valid only for the knowledge-base version it
 * was made with (kb_state.version, bumped by triggers whenever documents or
 * chunks change, so an ingest or a delete forgets every entry at once) and
 * until its expires_at (cache_ttl_s).  Off with `cache = off`.
 *
 * Failures here never fail a request: the caller treats any error as a miss.
 */
#ifndef LINELEAD_CACHE_H
#define LINELEAD_CACHE_H

#include <stddef.h>

#include "answer.h"
#include "arena.h"
#include "db.h"
#include "result.h"

#define CACHE_KEY_LEN 64

/* Lower-cases ASCII letters and turns every run of spaces and ASCII
 * punctuation into one space, trimmed: "How do I...clean it?" and
 * "how do i clean it" are one question.  Returns the length written
 * (out is always NUL-terminated; input past outlen-1 bytes is cut, which
 * only makes two very long questions share a key prefix, never a bug). */
size_t cache_normalize(const char *in, char *out, size_t outlen);

/* The hex SHA-256 of the normalised question, the agent and the model. */
void cache_key(const char *question, const char *agent, const char *model,
               char out[CACHE_KEY_LEN + 1]);

/* Looks key up.  LL_OK: *out (in arena) holds the cached answer, with
 * cached = true.  LL_ENOTFOUND: a miss.  Either way *kb_version is the
 * knowledge-base version now, to be passed to cache_put, so an answer made
 * from passages older than an ingest is never stored as current. */
__attribute__((warn_unused_result))
ll_result cache_get(struct db *db, struct arena *arena, const char *key,
                    long long *kb_version, struct answer *out);

/* Stores a (complete, non-degraded) answer for ttl_s seconds. */
__attribute__((warn_unused_result))
ll_result cache_put(struct db *db, const char *key, const char *agent, long long kb_version,
                    int ttl_s, const struct answer *a);

/* The answer object as stored (and the inverse), shared with tests. */
struct json_object;
struct json_object *cache_answer_to_json(const struct answer *a);
__attribute__((warn_unused_result))
ll_result cache_answer_from_json(struct arena *arena, struct json_object *o, struct answer *out);

#endif
