/* ragie.c - Ragie retrieval (POST {base}/retrievals) and raw-text upload
 * (POST {base}/documents/raw), over a short-lived libcurl handle: Ragie is
 * called at most once a request and only when retrieval = ragie | both.
 *
 * The same transport policy as the LLM client: https with verification, or
 * http to loopback (the test stand-in); the key only in the Authorization
 * header, never in a log line.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "buf.h"
#include "llm.h"
#include "log.h"
#include "ragie.h"

#define RAGIE_BODY_MAX (4 * 1024 * 1024)
#define RAGIE_TOP_K_MAX 50

static size_t ragie_on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;

	return buf_append(b, ptr, size * nmemb) == LL_OK ? size * nmemb : 0;
}

/* POSTs body to {base}{path}; on LL_OK *resp holds the 2xx response. */
static ll_result ragie_post(const struct settings *s, const char *path, const char *body,
                            long timeout_ms, struct buf *resp)
{
	CURL *h = NULL;
	struct curl_slist *headers = NULL, *tmp;
	struct buf auth, url;
	char err[200];
	long code = 0;
	CURLcode rc;
	ll_result result;

	buf_init(&auth, 4096);
	buf_init(&url, 4096);
	if(!s->ragie_api_key[0]) {
		result = LL_EUNAVAILABLE;
		goto out;
	}
	result = llm_check_url(s->ragie_base_url, s->llm_allow_http, err, sizeof(err));
	if(result) {
		log_warn("ragie_config", "ragie_base_url refused (%s)", err);
		goto out;
	}
	result = buf_appends(&url, s->ragie_base_url);
	if(!result) {
		while(url.len && url.data[url.len - 1] == '/')
			url.data[--url.len] = '\0';
		result = buf_appends(&url, path);
	}
	if(!result)
		result = buf_printf(&auth, "Authorization: Bearer %s", s->ragie_api_key);
	if(result)
		goto out;
	result = LL_ENOMEM;
	h = curl_easy_init();
	if(!h)
		goto out;
	if(!(tmp = curl_slist_append(headers, "Content-Type: application/json")))
		goto out;
	headers = tmp;
	if(!(tmp = curl_slist_append(headers, "Accept: application/json")))
		goto out;
	headers = tmp;
	if(!(tmp = curl_slist_append(headers, buf_str(&auth))))
		goto out;
	headers = tmp;
	curl_easy_setopt(h, CURLOPT_URL, buf_str(&url));
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, ragie_on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, resp);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if(rc == CURLE_OPERATION_TIMEDOUT) {
		log_warn("ragie_failed", "%s: timeout after %ld ms", path, timeout_ms);
		result = LL_ETIMEOUT;
	} else if(rc != CURLE_OK || code < 200 || code > 299) {
		log_warn("ragie_failed", "%s: %s, http %ld", path,
		         rc == CURLE_OK ? "error status" : curl_easy_strerror(rc), code);
		result = LL_EUPSTREAM;
	} else
		result = LL_OK;
out:
	if(auth.data)
		memset(auth.data, 0, auth.len);
	buf_free(&auth);
	buf_free(&url);
	curl_slist_free_all(headers);
	if(h)
		curl_easy_cleanup(h);
	return result;
}

static const char *ragie_meta_str(struct json_object *meta, const char *name)
{
	struct json_object *v;

	if(meta && json_object_object_get_ex(meta, name, &v) &&
	   json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return NULL;
}

/* One scored chunk into a passage; false when it has no text. */
static bool ragie_passage(struct arena *arena, struct json_object *c, struct passage *p)
{
	struct json_object *v, *meta = NULL;
	const char *title, *section, *category;
	double score = 0;

	if(!json_object_is_type(c, json_type_object) ||
	   !json_object_object_get_ex(c, "text", &v) || !json_object_is_type(v, json_type_string) ||
	   json_object_get_string_len(v) == 0)
		return false;
	memset(p, 0, sizeof(*p));
	p->body = arena_strdup(arena, json_object_get_string(v));
	if(json_object_object_get_ex(c, "score", &v))
		score = json_object_get_double(v);
	p->score = score < 0 ? 0 : score > 1 ? 1 : score;
	if(json_object_object_get_ex(c, "document_metadata", &meta) &&
	   !json_object_is_type(meta, json_type_object))
		meta = NULL;
	title = ragie_meta_str(meta, "title");
	if(!title && json_object_object_get_ex(c, "document_name", &v) &&
	   json_object_is_type(v, json_type_string))
		title = json_object_get_string(v);
	p->title = arena_strdup(arena, title ? title : "Ragie document");
	section = ragie_meta_str(meta, "section");
	category = ragie_meta_str(meta, "category");
	p->section = arena_strdup(arena, section ? section : "");
	p->category = arena_strdup(arena, category ? category : "general");
	/* Documents uploaded by `linelead ingest --to ragie` carry our id. */
	if(meta && json_object_object_get_ex(meta, "linelead_document_id", &v))
		p->document_id = json_object_get_int64(v);
	p->origin = "ragie";
	return p->body && p->title && p->section && p->category;
}

ll_result ragie_reply_parse(struct arena *arena, const char *text, size_t len, int top_k,
                           struct passages *out)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root = NULL, *chunks;
	size_t n, base = out->count;
	struct passage *items;
	ll_result result = LL_EUPSTREAM;

	if(!tok)
		return LL_ENOMEM;
	if(len > INT_MAX)
		goto out;
	root = json_tokener_parse_ex(tok, text, (int)len);
	if(json_tokener_get_error(tok) != json_tokener_success)
		goto out;
	/* one object, then at most white space */
	for(size_t end = json_tokener_get_parse_end(tok); end < len; end++)
		if(!isspace((unsigned char)text[end]))
			goto out;
	if(!json_object_object_get_ex(root, "scored_chunks", &chunks) ||
	   !json_object_is_type(chunks, json_type_array))
		goto out;
	n = json_object_array_length(chunks);
	if(top_k < 1)
		top_k = 1;
	if(n > (size_t)top_k)
		n = (size_t)top_k;
	items = arena_alloc(arena, (base + n + 1) * sizeof(*items));
	if(!items) {
		result = LL_ENOMEM;
		goto out;
	}
	if(base)
		memcpy(items, out->items, base * sizeof(*items));
	out->items = items;
	for(size_t i = 0; i < n; i++)
		if(ragie_passage(arena, json_object_array_get_idx(chunks, i), &items[out->count]))
			out->count++;
	result = LL_OK;
out:
	json_object_put(root);
	json_tokener_free(tok);
	return result;
}

ll_result ragie_retrieve(const struct settings *s, struct arena *arena, const char *query,
                         int top_k, double budget_s, struct passages *out)
{
	struct json_object *req = json_object_new_object();
	struct buf resp;
	long timeout_ms = s->ragie_timeout_ms;
	ll_result result;

	buf_init(&resp, RAGIE_BODY_MAX);
	if(budget_s * 1000.0 < (double)timeout_ms)
		timeout_ms = (long)(budget_s * 1000.0);
	if(timeout_ms < 50) {
		result = LL_ETIMEOUT;
		goto out;
	}
	if(top_k < 1)
		top_k = 1;
	if(top_k > RAGIE_TOP_K_MAX)
		top_k = RAGIE_TOP_K_MAX;
	json_object_object_add(req, "query", json_object_new_string(query));
	json_object_object_add(req, "top_k", json_object_new_int(top_k));
	json_object_object_add(req, "rerank", json_object_new_boolean(1));
	if(s->ragie_partition[0])
		json_object_object_add(req, "partition",
		                       json_object_new_string(s->ragie_partition));
	result = ragie_post(s, "/retrievals",
	                    json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN),
	                    timeout_ms, &resp);
	if(result)
		goto out;
	result = ragie_reply_parse(arena, buf_str(&resp), resp.len, top_k, out);
	if(result == LL_EUPSTREAM)
		log_warn("ragie_failed", "retrievals: reply without scored_chunks");
out:
	json_object_put(req);
	buf_free(&resp);
	return result;
}

ll_result ragie_upload(const struct settings *s, const char *title, const char *category,
                       const char *content, size_t len)
{
	struct json_object *req = json_object_new_object(), *meta = json_object_new_object();
	struct buf resp;
	ll_result result;

	buf_init(&resp, 1024 * 1024);
	json_object_object_add(meta, "title", json_object_new_string(title));
	json_object_object_add(meta, "category",
	                       json_object_new_string(category ? category : "general"));
	json_object_object_add(req, "name", json_object_new_string(title));
	json_object_object_add(req, "data", json_object_new_string_len(content, (int)len));
	json_object_object_add(req, "metadata", meta);
	if(s->ragie_partition[0])
		json_object_object_add(req, "partition",
		                       json_object_new_string(s->ragie_partition));
	result = ragie_post(s, "/documents/raw",
	                    json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN),
	                    30000, &resp);
	json_object_put(req);
	buf_free(&resp);
	return result;
}
