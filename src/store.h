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

/* The last max_turns messages of a conversation, oldest first, in arena
 * (*n = 0 and *turns = NULL for an unknown or empty conversation). */
__attribute__((warn_unused_result))
ll_result store_history(struct db *db, struct arena *arena, const char *conversation_id,
                        int max_turns, struct turn **turns, size_t *n);

/* One exchange: the question and the answer, with what the log needs. */
struct store_exchange {
	const char *conversation_id;
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

/* Stores the exchange in one statement (so one transaction): the
 * conversation is created when missing; a request id already stored is
 * not stored twice. */
__attribute__((warn_unused_result))
ll_result store_exchange(struct db *db, const struct store_exchange *x);

/* {conversation_id, created_at, messages[...]} (new object); LL_ENOTFOUND. */
__attribute__((warn_unused_result))
ll_result store_conversation_json(struct db *db, const char *id, struct json_object **out);
__attribute__((warn_unused_result))
ll_result store_conversation_delete(struct db *db, const char *id);

/* LL_ENOTFOUND when no message carries request_id. */
__attribute__((warn_unused_result))
ll_result store_feedback_add(struct db *db, const char *request_id, const char *rating,
                             const char *comment);

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

#endif
