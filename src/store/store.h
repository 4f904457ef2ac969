/* store.h - the SQL of conversations, messages, feedback and documents.
 *
 * Every statement is a static struct db_stmt run through db_exec (prepared
 * once per connection, parameters never interpolated).  Results handed back
 * live in the arena given, or are new json-c objects the caller puts.
 */
#ifndef LINELEAD_STORE_H
#define LINELEAD_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include "answer.h"
#include "arena.h"
#include "db.h"
#include "result.h"

/* A conversation belongs to the API key that started it (sql/007): its
 * stored id is "<owner>:<id>", owner = api_keys.id or 0 for no key (the
 * bootstrap API_KEY, auth off, the CLI).  Clients see only <id>. */
#define CONVERSATION_MAX_MESSAGES 1000   /* = the CHECK of sql/007 */
#define CONVERSATION_PAGE_DEFAULT 50     /* GET /conversations/{id}?limit= */
#define CONVERSATION_PAGE_MAX 200

/* The stored id of conversation id of owner, in arena; NULL when out of memory. */
char *store_conversation_ref(struct arena *arena, long long owner, const char *id);

/* The last max_turns messages of conversation ref (a stored id), oldest
 * first, in arena (*n = 0 and *turns = NULL for an unknown or empty
 * conversation). */
__attribute__((warn_unused_result))
ll_result store_history(struct db *db, struct arena *arena, const char *conversation_id,
                        int max_turns, struct turn **turns, size_t *n);

/* One exchange: the question and the answer, with what the log needs. */
struct store_exchange {
	const char *conversation_ref;    /* the stored id */
	const char *request_id;
	const char *question;
	enum priority priority;
	const char *agent;               /* the agent that answered */
	double route_confidence;         /* the classifier's, on the user row */
	const char *agents_consulted;    /* PostgreSQL array literal, e.g. {safety,equipment} */
	const struct answer *answer;
	const char *citations_json;      /* JSON arrays */
	const char *warnings_json;
	const char *steps_json;
	double processing_ms;
};

/* What a POST with an Idempotency-Key did (table idempotency_keys): the
 * response a retry with the same key gets again.  Strings borrowed. */
struct store_idempotency {
	long long owner;                 /* api_keys.id; 0 = no key */
	const char *key;                 /* the header, validated */
	const char *route;               /* route pattern */
	const char *fingerprint;         /* hex SHA-256 of the request */
	const char *request_id;          /* of the request that did the work */
	int status;                      /* 2xx */
	const char *response;            /* the JSON body sent */
};

/* Stores the exchange in one statement: the conversation is created when
 * missing; a request id already stored is not stored twice.  With idem
 * (may be NULL), idem's row is written in the same transaction, and when
 * another request took the key meanwhile nothing is stored: LL_ECONFLICT
 * (the caller replays the other's answer).  LL_ECONFLICT also when the
 * conversation holds CONVERSATION_MAX_MESSAGES; LL_ENOTFOUND when it was
 * deleted while the answer was made. */
__attribute__((warn_unused_result))
ll_result store_exchange(struct db *db, const struct store_exchange *x,
                         const struct store_idempotency *idem);

/* The number of messages in conversation ref; 0 when there is none. */
__attribute__((warn_unused_result))
ll_result store_conversation_size(struct db *db, const char *ref, long long *count);

/* One page of a conversation: {conversation_id (shown_id), created_at,
 * message_count, messages[...] (at most limit, oldest first, those after
 * cursor: a message id, 0 = from the start), next_cursor (string, or null
 * at the end)} (new object); LL_ENOTFOUND. */
__attribute__((warn_unused_result))
ll_result store_conversation_json(struct db *db, const char *ref, const char *shown_id,
                                  long long cursor, int limit, struct json_object **out);
__attribute__((warn_unused_result))
ll_result store_conversation_delete(struct db *db, const char *ref);

/* Rates the answer of request_id: one rating per answer, a later one
 * replaces it (*replaced set).  owner < 0: any answer (admin keys);
 * otherwise only an answer in a conversation of that owner.  LL_ENOTFOUND
 * when there is no such answer the caller may see. */
__attribute__((warn_unused_result))
ll_result store_feedback_set(struct db *db, long long owner, const char *request_id,
                             const char *rating, const char *comment, bool *replaced);

/* The stored response for (owner, key): *found false when none (or
 * expired).  Strings in arena. */
__attribute__((warn_unused_result))
ll_result store_idempotency_get(struct db *db, struct arena *arena, long long owner,
                                const char *key, struct store_idempotency *out, bool *found);
/* Records idem; LL_ECONFLICT when the key is already taken. */
__attribute__((warn_unused_result))
ll_result store_idempotency_put(struct db *db, const struct store_idempotency *idem);

/* {documents:[...]} (new object). */
__attribute__((warn_unused_result))
ll_result store_documents_json(struct db *db, struct json_object **out);
__attribute__((warn_unused_result))
ll_result store_document_delete(struct db *db, long long id);

/* Replaces the document with doc's source_key and its chunks in one
 * transaction; chunks_json is a JSON array of {section, body}.  When the
 * stored content hash, title and category are the same, nothing is written
 * and *unchanged is set. */
struct store_document {
	const char *title, *category, *source, *source_key;
	const char *content;
	size_t bytes;
	const char *content_hash;        /* hex SHA-256 */
	int chunk_count;
	const char *chunks_json;
};
__attribute__((warn_unused_result))
ll_result store_document_replace(struct db *db, const struct store_document *doc,
                                 long long *id, bool *unchanged);

/* documents, chunks, conversations, messages, request_log rows. */
__attribute__((warn_unused_result))
ll_result store_stats(struct db *db, long long counts[5]);

/* Deletes request_log rows older than `days` (and the rollup's and the
 * answer cache's expired rows) through linelead_prune(), up to max_calls
 * batches; *deleted counts the request_log rows. */
__attribute__((warn_unused_result))
ll_result store_prune(struct db *db, int days, int max_calls, long long *deleted);

#endif
