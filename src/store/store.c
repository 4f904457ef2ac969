/* store.c - conversations, messages, feedback, documents: the SQL. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define ISO_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

ll_result store_history(struct db *db, struct arena *arena, const char *conversation_id,
                        int max_turns, struct turn **turns, size_t *n)
{
	static const struct db_stmt history = {
		"store_history",
		"SELECT role, content, agent FROM ("
		" SELECT id, role, content, agent FROM messages WHERE conversation_id = $1"
		" ORDER BY id DESC LIMIT $2) t ORDER BY id"};
	char limit[16];
	const char *params[2] = {conversation_id, limit};
	PGresult *res = NULL;
	ll_result result;
	int rows;

	*turns = NULL;
	*n = 0;
	snprintf(limit, sizeof(limit), "%d", max_turns);
	result = db_exec(db, &history, 2, params, &res);
	if(result)
		goto out;
	rows = PQntuples(res);
	if(rows == 0)
		goto out;
	*turns = arena_alloc(arena, (size_t)rows * sizeof(**turns));
	if(!*turns) {
		result = LL_ENOMEM;
		goto out;
	}
	for(int i = 0; i < rows; i++) {
		struct turn *t = &(*turns)[i];

		t->role = arena_strdup(arena, PQgetvalue(res, i, 0));
		t->content = arena_strdup(arena, PQgetvalue(res, i, 1));
		t->agent = PQgetisnull(res, i, 2) ? NULL
		                                  : arena_strdup(arena, PQgetvalue(res, i, 2));
		if(!t->role || !t->content) {
			result = LL_ENOMEM;
			goto out;
		}
	}
	*n = (size_t)rows;
out:
	PQclear(res);
	return result;
}

/* Row i's column c as a JSON string, or JSON null when SQL NULL. */
static struct json_object *col_string(const PGresult *res, int i, int c)
{
	return PQgetisnull(res, i, c) ? NULL : json_object_new_string(PQgetvalue(res, i, c));
}

/* Row i's column c as a JSON string ("" when SQL NULL). */
static struct json_object *col_text(const PGresult *res, int i, int c)
{
	return json_object_new_string(PQgetvalue(res, i, c));
}

/* Row i's column c (a bigint) as a JSON integer. */
static struct json_object *col_int64(const PGresult *res, int i, int c)
{
	return json_object_new_int64(strtoll(PQgetvalue(res, i, c), NULL, 10));
}

/* x kept within [0, 1]. */
static double unit_interval(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

char *store_conversation_ref(struct arena *arena, long long owner, const char *id)
{
	return arena_printf(arena, "%lld:%s", owner, id);
}

/* The exchange's one statement.  $1 is the stored id.  The conversation
 * row and both messages commit together, and the unique (request_id, role)
 * makes a retried write a no-op. */
static ll_result exchange_insert(struct db *db, const struct store_exchange *x)
{
	static const struct db_stmt exchange = {
		"store_exchange",
		"WITH c AS (INSERT INTO conversations (id) VALUES ($1) ON CONFLICT (id) DO NOTHING)"
		" INSERT INTO messages (conversation_id, role, content, agent, agents_consulted,"
		" confidence, priority, citations, safety_warnings, steps, request_id, model,"
		" degraded, cached, incomplete, processing_ms)"
		" VALUES ($1, 'user', $2, $3, $4::text[], $5::real, $6, '[]', '[]', '[]', $7, NULL,"
		"         false, false, false, NULL),"
		"        ($1, 'assistant', $8, $3, $4::text[], $9::real, $6, $10::jsonb,"
		"         $11::jsonb, $12::jsonb, $7, $13, $14::boolean, $15::boolean,"
		"         $16::boolean, $17::real)"
		" ON CONFLICT (request_id, role) DO NOTHING"};
	char route_conf[32], conf[32], ms[32];
	const struct answer *a = x->answer;
	const char *params[17];
	ll_result result;

	snprintf(route_conf, sizeof(route_conf), "%.4f", unit_interval(x->route_confidence));
	snprintf(conf, sizeof(conf), "%.4f", unit_interval(a->confidence));
	snprintf(ms, sizeof(ms), "%.3f", x->processing_ms < 0 ? 0 : x->processing_ms);
	params[0] = x->conversation_ref;
	params[1] = x->question;
	params[2] = x->agent;
	params[3] = x->agents_consulted;
	params[4] = route_conf;
	params[5] = priority_name(x->priority);
	params[6] = x->request_id;
	params[7] = a->response ? a->response : "";
	params[8] = conf;
	params[9] = x->citations_json;
	params[10] = x->warnings_json;
	params[11] = x->steps_json;
	params[12] = a->model ? a->model : "local";
	params[13] = a->degraded ? "true" : "false";
	params[14] = a->cached ? "true" : "false";
	params[15] = a->incomplete ? "true" : "false";
	params[16] = ms;
	result = db_exec(db, &exchange, 17, params, NULL);
	/* a delete of the conversation committed between our insert's check
	 * and the messages' foreign key: the conversation is gone */
	if(result == LL_ECONFLICT && strcmp(db->last_sqlstate, "23503") == 0)
		result = LL_ENOTFOUND;
	return result;
}

ll_result store_exchange(struct db *db, const struct store_exchange *x,
                         const struct store_idempotency *idem)
{
	ll_result result;

	if(!idem)
		return exchange_insert(db, x);
	/* the exchange and the key's row commit together: a retry finds the
	 * key exactly when the exchange is stored */
	result = db_begin(db);
	if(result)
		goto out;
	result = exchange_insert(db, x);
	if(result)
		goto out;
	result = store_idempotency_put(db, idem);
	if(result)
		goto out;
	result = db_commit(db);
out:
	if(result)
		db_rollback(db);
	return result;
}

ll_result store_conversation_size(struct db *db, const char *ref, long long *count)
{
	static const struct db_stmt size = {
		"store_conversation_size", "SELECT message_count FROM conversations WHERE id = $1"};
	const char *params[1] = {ref};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &size, 1, params, &res);

	*count = 0;
	if(!result && PQntuples(res) == 1)
		*count = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return result;
}

static struct json_object *message_json(const PGresult *res, int i)
{
	struct json_object *m = json_object_new_object(), *cit;

	json_object_object_add(m, "role", json_object_new_string(PQgetvalue(res, i, 3)));
	json_object_object_add(m, "content", json_object_new_string(PQgetvalue(res, i, 4)));
	json_object_object_add(m, "agent", col_string(res, i, 5));
	json_object_object_add(m, "confidence", PQgetisnull(res, i, 6) ? NULL :
	                       json_object_new_double(strtod(PQgetvalue(res, i, 6), NULL)));
	cit = json_tokener_parse(PQgetvalue(res, i, 7));
	json_object_object_add(m, "citations", cit ? cit : json_object_new_array());
	json_object_object_add(m, "created_at", json_object_new_string(PQgetvalue(res, i, 8)));
	json_object_object_add(m, "request_id", col_string(res, i, 9));
	return m;
}

ll_result store_conversation_json(struct db *db, const char *ref, const char *shown_id,
                                  long long cursor, int limit, struct json_object **out)
{
	/* one row more than the page: whether there is a next page */
	static const struct db_stmt page = {
		"store_conversation_page",
		"SELECT " ISO_UTC("c.created_at") ","
		" c.message_count, m.id, m.role, m.content, m.agent,"
		" m.confidence, m.citations::text, " ISO_UTC("m.created_at") ", m.request_id"
		" FROM conversations c LEFT JOIN LATERAL ("
		"  SELECT * FROM messages WHERE conversation_id = c.id AND id > $2::bigint"
		"  ORDER BY id LIMIT $3::int + 1) m ON true"
		" WHERE c.id = $1 ORDER BY m.id"};
	char cursortext[32], limittext[16];
	const char *params[3] = {ref, cursortext, limittext};
	struct json_object *obj = NULL, *messages;
	PGresult *res = NULL;
	ll_result result;
	int rows;

	*out = NULL;
	snprintf(cursortext, sizeof(cursortext), "%lld", cursor);
	snprintf(limittext, sizeof(limittext), "%d", limit);
	result = db_exec(db, &page, 3, params, &res);
	if(result)
		goto out;
	rows = PQntuples(res);
	if(rows == 0) {
		result = LL_ENOTFOUND;
		goto out;
	}
	obj = json_object_new_object();
	messages = json_object_new_array();
	json_object_object_add(obj, "conversation_id", json_object_new_string(shown_id));
	json_object_object_add(obj, "created_at", json_object_new_string(PQgetvalue(res, 0, 0)));
	json_object_object_add(obj, "message_count", col_int64(res, 0, 1));
	for(int i = 0; i < rows && i < limit && !PQgetisnull(res, i, 2); i++)
		json_object_array_add(messages, message_json(res, i));
	json_object_object_add(obj, "messages", messages);
	json_object_object_add(obj, "next_cursor",
	                       rows > limit ? json_object_new_string(PQgetvalue(res, limit - 1, 2))
	                                    : NULL);
	*out = obj;
out:
	PQclear(res);
	return result;
}

ll_result store_conversation_delete(struct db *db, const char *ref)
{
	static const struct db_stmt del = {
		"store_conversation_delete",
		"DELETE FROM conversations WHERE id = $1 RETURNING id"};
	const char *params[1] = {ref};

	return db_exec_found(db, &del, 1, params);
}

ll_result store_feedback_set(struct db *db, long long owner, const char *request_id,
                             const char *rating, const char *comment, bool *replaced)
{
	static const struct db_stmt set = {
		"store_feedback_set",
		"INSERT INTO feedback (request_id, message_id, rating, comment)"
		" SELECT $1, m.id, $3, $4"
		" FROM messages m JOIN conversations c ON c.id = m.conversation_id"
		" WHERE m.request_id = $1 AND m.role = 'assistant'"
		" AND ($2::bigint < 0 OR c.api_key_id = $2::bigint)"
		" ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating,"
		" comment = EXCLUDED.comment, created_at = now()"
		" RETURNING xmax <> 0"};
	char ownertext[32];
	const char *params[4] = {request_id, ownertext, rating, comment};
	PGresult *res = NULL;
	ll_result result;

	*replaced = false;
	snprintf(ownertext, sizeof(ownertext), "%lld", owner);
	result = db_exec(db, &set, 4, params, &res);
	if(!result && PQntuples(res) == 0)
		result = LL_ENOTFOUND;
	if(!result)
		*replaced = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return result;
}

ll_result store_idempotency_get(struct db *db, struct arena *arena, long long owner,
                                const char *key, struct store_idempotency *out, bool *found)
{
	static const struct db_stmt get = {
		"store_idempotency_get",
		"SELECT route, fingerprint, request_id, status, response FROM idempotency_keys"
		" WHERE api_key_id = $1::bigint AND key = $2"
		" AND created_at > now() - interval '1 day'"};
	char ownertext[32];
	const char *params[2] = {ownertext, key};
	PGresult *res = NULL;
	ll_result result;

	memset(out, 0, sizeof(*out));
	*found = false;
	snprintf(ownertext, sizeof(ownertext), "%lld", owner);
	result = db_exec(db, &get, 2, params, &res);
	if(result || PQntuples(res) != 1)
		goto out;
	out->owner = owner;
	out->key = key;
	out->route = arena_strdup(arena, PQgetvalue(res, 0, 0));
	out->fingerprint = arena_strdup(arena, PQgetvalue(res, 0, 1));
	out->request_id = arena_strdup(arena, PQgetvalue(res, 0, 2));
	out->status = (int)strtol(PQgetvalue(res, 0, 3), NULL, 10);
	out->response = arena_strdup(arena, PQgetvalue(res, 0, 4));
	if(!out->route || !out->fingerprint || !out->request_id || !out->response)
		result = LL_ENOMEM;
	else
		*found = true;
out:
	PQclear(res);
	return result;
}

ll_result store_idempotency_put(struct db *db, const struct store_idempotency *idem)
{
	static const struct db_stmt put = {
		"store_idempotency_put",
		"INSERT INTO idempotency_keys"
		" (api_key_id, key, route, fingerprint, request_id, status, response)"
		" VALUES ($1::bigint, $2, $3, $4, $5, $6::int, $7)"
		" ON CONFLICT (api_key_id, key) DO UPDATE SET route = EXCLUDED.route,"
		" fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id,"
		" status = EXCLUDED.status, response = EXCLUDED.response, created_at = now()"
		/* an expired key is reused */
		" WHERE idempotency_keys.created_at <= now() - interval '1 day'"
		" RETURNING 1"};
	char ownertext[32], statustext[16];
	const char *params[7] = {ownertext, idem->key, idem->route, idem->fingerprint,
	                         idem->request_id, statustext, idem->response};
	ll_result result;

	snprintf(ownertext, sizeof(ownertext), "%lld", idem->owner);
	snprintf(statustext, sizeof(statustext), "%d", idem->status);
	result = db_exec_found(db, &put, 7, params);
	return result == LL_ENOTFOUND ? LL_ECONFLICT : result;
}

ll_result store_documents_json(struct db *db, struct json_object **out)
{
	static const struct db_stmt list = {
		"store_documents_list",
		"SELECT id, title, category, source, coalesce(chunk_count, 0), coalesce(bytes, 0), "
		ISO_UTC("created_at") ", " ISO_UTC("updated_at")
		" FROM documents ORDER BY category, title, id"};
	struct json_object *obj, *docs;
	PGresult *res = NULL;
	ll_result result = db_exec(db, &list, 0, NULL, &res);

	*out = NULL;
	if(result)
		goto out;
	obj = json_object_new_object();
	docs = json_object_new_array();
	for(int i = 0; i < PQntuples(res); i++) {
		struct json_object *d = json_object_new_object();

		json_object_object_add(d, "id", col_int64(res, i, 0));
		json_object_object_add(d, "title", col_text(res, i, 1));
		json_object_object_add(d, "category", col_text(res, i, 2));
		json_object_object_add(d, "source", col_string(res, i, 3));
		json_object_object_add(d, "chunk_count", col_int64(res, i, 4));
		json_object_object_add(d, "bytes", col_int64(res, i, 5));
		json_object_object_add(d, "created_at", col_text(res, i, 6));
		json_object_object_add(d, "updated_at", col_text(res, i, 7));
		json_object_array_add(docs, d);
	}
	json_object_object_add(obj, "documents", docs);
	*out = obj;
out:
	PQclear(res);
	return result;
}

ll_result store_document_delete(struct db *db, long long id)
{
	static const struct db_stmt del = {
		"store_document_delete",
		"DELETE FROM documents WHERE id = $1::bigint RETURNING id"};
	char idtext[32];
	const char *params[1] = {idtext};
	PGresult *res = NULL;
	ll_result result;

	snprintf(idtext, sizeof(idtext), "%lld", id);
	result = db_exec(db, &del, 1, params, &res);
	if(!result && PQntuples(res) == 0)
		result = LL_ENOTFOUND;
	PQclear(res);
	return result;
}

/* Whether the document is stored already, as it is (same source, content,
 * title, category and chunk count): then *id is its id. */
static ll_result document_same(struct db *db, const struct store_document *doc, const char *count,
                               long long *id, bool *unchanged)
{
	static const struct db_stmt same = {
		"store_document_same",
		"SELECT id FROM documents WHERE source_key = $1 AND content_hash = $2"
		" AND title = $3 AND category = $4 AND chunk_count = $5::int"};
	const char *params[5] = {doc->source_key, doc->content_hash, doc->title, doc->category,
	                         count};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &same, 5, params, &res);

	if(!result && PQntuples(res) == 1) {
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		*unchanged = true;
	}
	PQclear(res);
	return result;
}

/* The document's row, inserted or updated; *id and idtext get its id. */
static ll_result document_upsert(struct db *db, const struct store_document *doc,
                                 const char *bytes, const char *count, long long *id,
                                 char *idtext, size_t idlen)
{
	static const struct db_stmt upsert = {
		"store_document_upsert",
		"INSERT INTO documents (title, category, source, source_key, content_hash, content,"
		" bytes, chunk_count) VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8::int)"
		" ON CONFLICT (source_key) DO UPDATE SET title = EXCLUDED.title,"
		" category = EXCLUDED.category, source = EXCLUDED.source,"
		" content_hash = EXCLUDED.content_hash, content = EXCLUDED.content,"
		" bytes = EXCLUDED.bytes, chunk_count = EXCLUDED.chunk_count, updated_at = now()"
		" RETURNING id"};
	const char *params[8] = {doc->title, doc->category, doc->source, doc->source_key,
	                         doc->content_hash, doc->content, bytes, count};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &upsert, 8, params, &res);

	if(!result) {
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		snprintf(idtext, idlen, "%lld", *id);
	}
	PQclear(res);
	return result;
}

ll_result store_document_replace(struct db *db, const struct store_document *doc,
                                 long long *id, bool *unchanged)
{
	static const struct db_stmt clear = {
		"store_chunks_clear", "DELETE FROM chunks WHERE document_id = $1::bigint"};
	static const struct db_stmt insert = {
		"store_chunks_insert",
		"INSERT INTO chunks"
		" (document_id, ordinal, title, category, section, body, emergency)"
		" SELECT $1::bigint, (e.ord - 1)::int, $2, $3,"
		" e.value->>'section', e.value->>'body', e.value->>'emergency'"
		" FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(value, ord)"};
	char bytes[32], count[32], idtext[32];
	const char *clear_params[1] = {idtext};
	const char *insert_params[4] = {idtext, doc->title, doc->category, doc->chunks_json};
	ll_result result;

	*id = 0;
	*unchanged = false;
	snprintf(bytes, sizeof(bytes), "%zu", doc->bytes);
	snprintf(count, sizeof(count), "%d", doc->chunk_count);
	result = document_same(db, doc, count, id, unchanged);
	if(result || *unchanged)
		goto out;
	result = db_begin(db);
	if(!result)
		result = document_upsert(db, doc, bytes, count, id, idtext, sizeof(idtext));
	if(!result)
		result = db_exec(db, &clear, 1, clear_params, NULL);
	if(!result)
		result = db_exec(db, &insert, 4, insert_params, NULL);
	if(!result)
		result = db_commit(db);
out:
	if(result)
		db_rollback(db);
	return result;
}

ll_result store_stats(struct db *db, long long counts[5])
{
	static const struct db_stmt stats = {
		"store_stats",
		"SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),"
		" (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages),"
		" (SELECT count(*) FROM request_log)"};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &stats, 0, NULL, &res);

	if(!result)
		for(int i = 0; i < 5; i++)
			counts[i] = strtoll(PQgetvalue(res, 0, i), NULL, 10);
	PQclear(res);
	return result;
}

/* Retention (docs/schema.md, "Retention"): linelead_prune(days) in
 * autocommit, one call per statement (each bounded to 100k rows, ~0.15 s),
 * repeated while it deletes, at most max_calls times. */
ll_result store_prune(struct db *db, int days, int max_calls, long long *deleted)
{
	static const struct db_stmt prune = {"reqlog_prune", "SELECT linelead_prune($1)"};
	char text[16];
	const char *params[1] = {text};
	ll_result result = LL_OK;

	*deleted = 0;
	snprintf(text, sizeof(text), "%d", days);
	for(int i = 0; i < max_calls; i++) {
		PGresult *res = NULL;
		long long n;

		result = db_exec(db, &prune, 1, params, &res);
		if(result)
			break;
		n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		*deleted += n;
		if(n <= 0)
			break;
	}
	return result;
}
