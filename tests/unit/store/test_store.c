/* test_store.c - store/store against a private, migrated PostgreSQL: an
 * exchange stored once and read back as history, a conversation seen only
 * through its owner's id, feedback only on an owner's own answers, an
 * idempotency key taken once, a document replaced only when it changed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "log.h"
#include "store.h"

#include "../pgtemp.h"
#include "../tap.h"

/* a hex SHA-256, as the router computes it */
#define FINGERPRINT "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

static ll_result put_exchange(struct db *db, const char *ref, const char *request_id,
                              const char *question)
{
	struct answer a = {.response = "Turn it off and call the technician.",
	                   .model = "local",
	                   .confidence = 0.8};
	struct store_exchange x = {
	        .conversation_ref = ref,
	        .request_id = request_id,
	        .question = question,
	        .priority = PRIORITY_NORMAL,
	        .agent = "equipment",
	        .route_confidence = 0.9,
	        .agents_consulted = "{equipment}",
	        .answer = &a,
	        .citations_json = "[]",
	        .warnings_json = "[]",
	        .steps_json = "[]",
	        .processing_ms = 12.5,
	};

	return store_exchange(db, &x, NULL);
}

static void test_conversations(struct db *db, struct arena *arena)
{
	char *mine = store_conversation_ref(arena, 7, "c1");
	char *theirs = store_conversation_ref(arena, 8, "c1");
	struct json_object *page = NULL;
	struct turn *turns = NULL;
	long long count = -1;
	size_t n = 0;

	CHECK(mine && theirs && strcmp(mine, "7:c1") == 0 && strcmp(mine, theirs) != 0,
	      "the same conversation id of two keys is two stored conversations");
	CHECK(put_exchange(db, mine, "req-1", "grill not heating") == LL_OK &&
	              put_exchange(db, mine, "req-2", "and the fryer?") == LL_OK,
	      "two exchanges are stored");
	CHECK(put_exchange(db, mine, "req-2", "and the fryer?") == LL_OK &&
	              store_conversation_size(db, mine, &count) == LL_OK && count == 4,
	      "a request id stored again is not stored twice (%lld messages)", count);
	CHECK(store_history(db, arena, mine, 10, &turns, &n) == LL_OK && n == 4 &&
	              strcmp(turns[0].role, "user") == 0 &&
	              strcmp(turns[0].content, "grill not heating") == 0 &&
	              strcmp(turns[3].role, "assistant") == 0,
	      "the history comes back oldest first, question then answer");
	CHECK(store_history(db, arena, mine, 2, &turns, &n) == LL_OK && n == 2 &&
	              strcmp(turns[0].content, "and the fryer?") == 0,
	      "max_turns keeps the latest");
	CHECK(store_history(db, arena, theirs, 10, &turns, &n) == LL_OK && n == 0,
	      "another key's same id has no history");
	CHECK(store_conversation_json(db, theirs, "c1", 0, 50, &page) == LL_ENOTFOUND,
	      "another key cannot read it: 404");
	CHECK(store_conversation_json(db, mine, "c1", 0, 3, &page) == LL_OK && page &&
	              json_object_array_length(json_object_object_get(page, "messages")) == 3 &&
	              !json_object_is_type(json_object_object_get(page, "next_cursor"),
	                                   json_type_null),
	      "its owner reads a page of 3 with a cursor to the rest");
	json_object_put(page);
	CHECK(store_conversation_delete(db, theirs) == LL_ENOTFOUND,
	      "another key cannot delete it");
}

static void test_feedback(struct db *db)
{
	bool replaced = true;

	CHECK(store_feedback_set(db, 8, "req-1", "up", NULL, &replaced) == LL_ENOTFOUND,
	      "another key cannot rate an answer it did not get");
	CHECK(store_feedback_set(db, 7, "req-1", "down", "wrong part", &replaced) == LL_OK &&
	              !replaced,
	      "its owner rates it");
	CHECK(store_feedback_set(db, 7, "req-1", "up", NULL, &replaced) == LL_OK && replaced,
	      "a second rating replaces the first");
	CHECK(store_feedback_set(db, -1, "req-2", "up", NULL, &replaced) == LL_OK,
	      "an admin (owner -1) rates any answer");
	CHECK(store_feedback_set(db, 7, "no-such-request", "up", NULL, &replaced) == LL_ENOTFOUND,
	      "an unknown answer is 404");
}

static void test_idempotency(struct db *db, struct arena *arena)
{
	struct store_idempotency idem = {
	        .owner = 7,
	        .key = "key-1",
	        .route = "/chat/production",
	        .fingerprint = FINGERPRINT,
	        .request_id = "req-9",
	        .status = 200,
	        .response = "{\"ok\":true}",
	};
	struct store_idempotency got;
	bool found = true;

	CHECK(store_idempotency_get(db, arena, 7, "key-1", &got, &found) == LL_OK && !found,
	      "an unused idempotency key is not found");
	CHECK(store_idempotency_put(db, &idem) == LL_OK, "a response is recorded under it");
	CHECK(store_idempotency_put(db, &idem) == LL_ECONFLICT, "the key is taken only once");
	CHECK(store_idempotency_get(db, arena, 7, "key-1", &got, &found) == LL_OK && found &&
	              got.status == 200 && strcmp(got.response, "{\"ok\":true}") == 0,
	      "a retry gets the same response back");
	CHECK(store_idempotency_get(db, arena, 8, "key-1", &got, &found) == LL_OK && !found,
	      "another key's same idempotency key is its own");
}

static void test_documents(struct db *db)
{
	struct store_document doc = {
	        .title = "Grill manual",
	        .category = "equipment",
	        .source = "test",
	        .source_key = "test:grill",
	        .content = "# Grill\nClean it.",
	        .bytes = 17,
	        .content_hash = "00aa",
	        .chunk_count = 1,
	        .chunks_json = "[{\"section\":\"Grill\",\"body\":\"Clean it.\"}]",
	};
	struct json_object *list = NULL;
	long long id = 0, id2 = 0, counts[5] = {0};
	bool unchanged = true;

	CHECK(store_document_replace(db, &doc, &id, &unchanged) == LL_OK && id > 0 && !unchanged,
	      "a new document is stored");
	CHECK(store_document_replace(db, &doc, &id2, &unchanged) == LL_OK && unchanged,
	      "the same content again writes nothing");
	doc.content_hash = "00bb";
	CHECK(store_document_replace(db, &doc, &id2, &unchanged) == LL_OK && !unchanged,
	      "changed content replaces it");
	CHECK(store_documents_json(db, &list) == LL_OK &&
	              json_object_array_length(json_object_object_get(list, "documents")) == 1,
	      "one document is listed, not two");
	json_object_put(list);
	CHECK(store_stats(db, counts) == LL_OK && counts[0] == 1 && counts[1] == 1 &&
	              counts[2] == 1 && counts[3] == 4,
	      "stats: 1 document, 1 chunk, 1 conversation, 4 messages (%lld %lld %lld %lld)",
	      counts[0], counts[1], counts[2], counts[3]);
	CHECK(store_document_delete(db, id2) == LL_OK &&
	              store_document_delete(db, id2) == LL_ENOTFOUND,
	      "a document is deleted once");
}

int main(void)
{
	struct pgtemp pg;
	struct arena arena;
	struct db db;
	int rc = pgtemp_start(&pg);

	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	log_setup(LOG_ERROR, 2);
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0, "a private, migrated PostgreSQL");
	if(rc != 0 || db_init(&db, pg.conninfo) != LL_OK) {
		pgtemp_free(&pg);
		return TAP_DONE();
	}
	arena_init(&arena, 4096);
	test_conversations(&db, &arena);
	test_feedback(&db);
	test_idempotency(&db, &arena);
	test_documents(&db);
	arena_free(&arena);
	db_close(&db);
	pgtemp_free(&pg);
	return TAP_DONE();
}
