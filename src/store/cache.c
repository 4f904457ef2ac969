/* cache.c - the answer cache: keys, (de)serialisation, two statements. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "cache.h"
#include "log.h"

size_t cache_normalize(const char *in, char *out, size_t outlen)
{
	size_t j = 0;
	bool space = false;

	if(!outlen)
		return 0;
	for(; *in && j + 1 < outlen; in++) {
		unsigned char c = (unsigned char)*in;

		if(c < 0x80 && !isalnum(c)) {
			space = j > 0;
			continue;
		}
		if(space) {
			if(j + 2 >= outlen)
				break;
			out[j++] = ' ';
			space = false;
		}
		out[j++] = (char)(c < 0x80 ? tolower(c) : c);
	}
	out[j] = '\0';
	return j;
}

void cache_key(const char *question, const char *agent, const char *model,
               char out[CACHE_KEY_LEN + 1])
{
	char text[4096 + 256];
	unsigned char md[SHA256_DIGEST_LENGTH];
	size_t n = cache_normalize(question, text, 4096);
	int extra = snprintf(text + n, sizeof(text) - n, "\n%s\n%s", agent, model);

	if(extra > 0)
		n += (size_t)extra < sizeof(text) - n ? (size_t)extra : sizeof(text) - n - 1;
	SHA256((const unsigned char *)text, n, md);
	for(int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static struct json_object *cache_strings(const char *const *items, size_t n)
{
	struct json_object *arr = json_object_new_array();

	for(size_t i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_string(items[i]));
	return arr;
}

struct json_object *cache_answer_to_json(const struct answer *a)
{
	struct json_object *o = json_object_new_object(), *cits = json_object_new_array();

	json_object_object_add(o, "response",
	                       json_object_new_string(a->response ? a->response : ""));
	json_object_object_add(o, "steps", cache_strings(a->steps, a->nsteps));
	json_object_object_add(o, "safety_warnings", cache_strings(a->warnings, a->nwarnings));
	for(size_t i = 0; i < a->ncitations; i++) {
		const struct citation *c = &a->citations[i];
		struct json_object *co = json_object_new_object();

		json_object_object_add(co, "document_id", json_object_new_int64(c->document_id));
		json_object_object_add(co, "title",
		                       json_object_new_string(c->title ? c->title : ""));
		json_object_object_add(co, "section",
		                       json_object_new_string(c->section ? c->section : ""));
		json_object_object_add(co, "snippet",
		                       json_object_new_string(c->snippet ? c->snippet : ""));
		json_object_object_add(co, "score", json_object_new_double(c->score));
		if(c->category)
			json_object_object_add(co, "category", json_object_new_string(c->category));
		json_object_array_add(cits, co);
	}
	json_object_object_add(o, "citations", cits);
	json_object_object_add(o, "confidence", json_object_new_double(a->confidence));
	json_object_object_add(o, "escalate", json_object_new_boolean(a->escalate));
	json_object_object_add(o, "service_call_recommended",
	                       json_object_new_boolean(a->service_call_recommended));
	json_object_object_add(o, "model", json_object_new_string(a->model ? a->model : "local"));
	return o;
}

static const char *cache_str(struct arena *arena, struct json_object *o, const char *name)
{
	struct json_object *v;

	if(!json_object_object_get_ex(o, name, &v) || !json_object_is_type(v, json_type_string))
		return arena_strdup(arena, "");
	return arena_strdup(arena, json_object_get_string(v));
}

static ll_result cache_str_array(struct arena *arena, struct json_object *o, const char *name,
                                 const char ***items, size_t *n)
{
	struct json_object *arr;
	size_t len;

	*items = NULL;
	*n = 0;
	if(!json_object_object_get_ex(o, name, &arr) || !json_object_is_type(arr, json_type_array))
		return LL_OK;
	len = json_object_array_length(arr);
	*items = arena_alloc(arena, (len ? len : 1) * sizeof(**items));
	if(!*items)
		return LL_ENOMEM;
	for(size_t i = 0; i < len; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);

		if(!json_object_is_type(v, json_type_string))
			continue;
		(*items)[*n] = arena_strdup(arena, json_object_get_string(v));
		if(!(*items)[*n])
			return LL_ENOMEM;
		(*n)++;
	}
	return LL_OK;
}

ll_result cache_answer_from_json(struct arena *arena, struct json_object *o, struct answer *out)
{
	struct json_object *v, *cits;
	size_t n;
	ll_result result = LL_EINVAL;

	memset(out, 0, sizeof(*out));
	if(!json_object_is_type(o, json_type_object))
		goto out;
	out->response = cache_str(arena, o, "response");
	out->model = cache_str(arena, o, "model");
	if(!out->response || !out->model) {
		result = LL_ENOMEM;
		goto out;
	}
	if(!out->response[0])
		goto out;
	result = cache_str_array(arena, o, "steps", &out->steps, &out->nsteps);
	if(result)
		goto out;
	result = cache_str_array(arena, o, "safety_warnings", &out->warnings, &out->nwarnings);
	if(result)
		goto out;
	if(json_object_object_get_ex(o, "confidence", &v))
		out->confidence = json_object_get_double(v);
	if(json_object_object_get_ex(o, "escalate", &v))
		out->escalate = json_object_get_boolean(v);
	if(json_object_object_get_ex(o, "service_call_recommended", &v))
		out->service_call_recommended = json_object_get_boolean(v);
	if(json_object_object_get_ex(o, "citations", &cits) &&
	   json_object_is_type(cits, json_type_array)) {
		n = json_object_array_length(cits);
		out->citations = arena_alloc(arena, (n ? n : 1) * sizeof(*out->citations));
		if(!out->citations) {
			result = LL_ENOMEM;
			goto out;
		}
		for(size_t i = 0; i < n; i++) {
			struct json_object *c = json_object_array_get_idx(cits, i);
			struct citation *dst = &out->citations[out->ncitations];

			if(!json_object_is_type(c, json_type_object))
				continue;
			if(json_object_object_get_ex(c, "document_id", &v))
				dst->document_id = json_object_get_int64(v);
			if(json_object_object_get_ex(c, "score", &v))
				dst->score = json_object_get_double(v);
			dst->title = cache_str(arena, c, "title");
			dst->section = cache_str(arena, c, "section");
			dst->snippet = cache_str(arena, c, "snippet");
			dst->category = cache_str(arena, c, "category");
			out->ncitations++;
		}
	}
	out->cached = true;
	result = LL_OK;
out:
	return result;
}

ll_result cache_get(struct db *db, struct arena *arena, const char *key,
                    long long *kb_version, struct answer *out)
{
	/* The version is read in the same statement as the entry: a hit is
	 * always for the knowledge base as it is now. */
	static const struct db_stmt get = {
		"cache_get",
		"SELECT k.version, c.response::text FROM kb_state k "
		"LEFT JOIN answer_cache c ON c.key = $1 AND c.kb_version = k.version "
		"AND c.expires_at > now() WHERE k.id = 1"};
	static const struct db_stmt hit = {
		"cache_hit", "UPDATE answer_cache SET hits = hits + 1 WHERE key = $1"};
	const char *params[1] = {key};
	struct json_object *obj = NULL;
	PGresult *res = NULL;
	ll_result result;

	*kb_version = -1;
	result = db_exec(db, &get, 1, params, &res);
	if(result)
		goto out;
	result = LL_ENOTFOUND;
	if(PQntuples(res) != 1)
		goto out;
	*kb_version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	if(PQgetisnull(res, 0, 1))
		goto out;
	obj = json_tokener_parse(PQgetvalue(res, 0, 1));
	if(!obj || cache_answer_from_json(arena, obj, out) != LL_OK) {
		log_warn("cache_corrupt", "ignoring an unreadable cache entry");
		goto out;
	}
	PQclear(res);
	res = NULL;
	result = db_exec(db, &hit, 1, params, NULL);
	(void)result;   /* the hit counter is for people; the answer stands */
	result = LL_OK;
out:
	json_object_put(obj);
	PQclear(res);
	return result;
}

ll_result cache_put(struct db *db, const char *key, const char *agent, long long kb_version,
                    int ttl_s, const struct answer *a)
{
	static const struct db_stmt put = {
		"cache_put",
		"INSERT INTO answer_cache (key, agent, kb_version, response, expires_at) "
		"VALUES ($1, $2, $3::bigint, $4::jsonb, now() + make_interval(secs => $5::int)) "
		"ON CONFLICT (key) DO UPDATE SET agent = EXCLUDED.agent, "
		"kb_version = EXCLUDED.kb_version, "
		"response = EXCLUDED.response, created_at = now(), "
		"expires_at = EXCLUDED.expires_at, "
		"hits = 0"};
	struct json_object *obj = NULL;
	char version[24], ttl[16];
	const char *params[5];
	ll_result result = LL_OK;

	if(kb_version < 0 || ttl_s <= 0)
		goto out;
	obj = cache_answer_to_json(a);
	if(!obj) {
		result = LL_ENOMEM;
		goto out;
	}
	snprintf(version, sizeof(version), "%lld", kb_version);
	snprintf(ttl, sizeof(ttl), "%d", ttl_s);
	params[0] = key;
	params[1] = agent;
	params[2] = version;
	params[3] = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN);
	params[4] = ttl;
	result = db_exec(db, &put, 5, params, NULL);
out:
	json_object_put(obj);
	return result;
}
