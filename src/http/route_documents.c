/* route_documents.c - GET/POST /documents, DELETE /documents/{id} (admin).
 *
 * POST takes JSON {title, category, content, source?} or a raw body
 * (text/markdown, text/plain, application/pdf) with ?title=&category=
 * [&source=]; both go through ingest_document, as `linelead ingest` does.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "idempotency.h"
#include "ingest.h"
#include "log.h"
#include "routes.h"
#include "store.h"
#include "valid.h"
#include "validate.h"
#include "worker.h"

struct document_fields {
	const char *title;
	const char *category;
	const char *content;
	const char *source;
};

static const char *const categories[] = {"equipment", "safety", "operations", "training", NULL};

static const struct field_spec document_spec[] = {
	{"title", FIELD_STRING, true, 1, INGEST_TITLE_MAX, NULL, offsetof(struct document_fields, title)},
	{"category", FIELD_ENUM, true, 0, 0, categories, offsetof(struct document_fields, category)},
	{"content", FIELD_STRING, true, 1, LLONG_MAX, NULL, offsetof(struct document_fields, content)},
	{"source", FIELD_STRING, false, 1, 500, NULL, offsetof(struct document_fields, source)},
};

ll_result route_documents_list(struct worker *w, struct http_request *req)
{
	struct json_object *body = NULL;
	ll_result result = store_documents_json(&w->db, &body);

	if(result)
		return result;
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}

/* A PDF body through pdftotext.  pdftotext seeks, so it reads a file, not a
 * pipe: a private temporary file, unlinked as soon as it is created, so
 * nothing is left in /tmp whatever happens to this worker afterwards (the
 * open descriptor keeps the data until it is closed). */
static ll_result pdf_body_text(struct worker *w, struct http_request *req, struct buf *text)
{
	char path[] = "/tmp/linelead-upload-XXXXXX";
	int fd = mkostemp(path, O_CLOEXEC);
	size_t off = 0;
	ll_result result = LL_OK;

	if(fd < 0)
		return LL_EIO;
	unlink(path);
	while(off < req->body.len) {
		ssize_t n = write(fd, req->body.data + off, req->body.len - off);

		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0) {
			result = LL_EIO;
			break;
		}
		off += (size_t)n;
	}
	if(!result) {
		worker_stage(w, req, "pdftotext");
		result = ingest_pdf_text_fd(fd, text);
		if(result == LL_EIO) {
			req->error_message = "The PDF could not be read (pdftotext failed)";
			result = LL_EVALIDATION;
		} else if(result == LL_ETOOLARGE)
			req->error_message = "The PDF's text is over max_document_bytes";
	}
	close(fd);
	return result;
}

/* Records the answer for an Idempotency-Key.  Not in the document's
 * transaction: a document is replaced by its source, never added twice, so
 * a retry that finds no key (the worker died in between) stores the same
 * document again and says so ("unchanged": true). */
static void document_remember(struct worker *w, const struct idempotency *idem, struct json_object *body)
{
	struct store_idempotency row;
	ll_result result;

	if(!idem->active)
		return;
	row = idem->row;
	row.status = 201;
	row.response = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	result = store_idempotency_put(&w->db, &row);
	if(result && result != LL_ECONFLICT)
		log_warn("idempotency_not_kept", "the upload's Idempotency-Key was not recorded: %s", result_code(result));
}

/* What an Idempotency-Key stands for: the query, the media type and the
 * body, in the arena. */
static const char *document_identity(struct worker *w, struct http_request *req, size_t *len)
{
	char *text;
	size_t q = strlen(req->query) + 1, t = strlen(req->content_type) + 1;

	*len = q + t + req->body.len;
	text = arena_alloc(&w->arena, *len + 1);
	if(!text)
		return NULL;
	memcpy(text, req->query, q);
	memcpy(text + q, req->content_type, t);
	if(req->body.len)
		memcpy(text + q + t, req->body.data, req->body.len);
	return text;
}

/* A replay of an upload already done (*done), or the key to remember. */
static ll_result document_prepare(struct worker *w, struct http_request *req, struct idempotency *idem, bool *done)
{
	struct store_idempotency stored;
	const char *what;
	size_t len;
	ll_result result;

	*done = false;
	memset(idem, 0, sizeof(*idem));
	if(!req->idempotency_key[0])
		return LL_OK;
	what = document_identity(w, req, &len);
	if(!what)
		return LL_ENOMEM;
	result = idempotency_begin(w, req, what, len, idem, &stored, done);
	if(!result && *done)
		idempotency_replay(req, &stored);
	return result;
}

ll_result route_documents_create(struct worker *w, struct http_request *req)
{
	struct document_fields f = {0};
	struct ingest_doc doc = {0};
	struct ingest_report rep;
	struct buf text;
	char title[INGEST_TITLE_MAX * 4 + 1], category[32], source[501];
	const char *why = NULL;
	struct json_object *body;
	struct idempotency idem[1];
	bool done;
	ll_result result;

	buf_init(&text, (size_t)w->settings->max_document_bytes);
	result = document_prepare(w, req, idem, &done);
	if(result || done)
		goto out;
	if(req->json) {
		result = validate_object(req, req->json, document_spec, sizeof(document_spec) / sizeof(document_spec[0]), &f);
		if(result)
			goto out;
		if(strlen(f.content) > (size_t)w->settings->max_document_bytes) {
			req->error_message = "content is over max_document_bytes";
			result = LL_ETOOLARGE;
			goto out;
		}
		doc.title = f.title;
		doc.category = f.category;
		doc.source = f.source ? f.source : "api";
		doc.content = f.content;
		doc.len = strlen(f.content);
		doc.format = INGEST_MARKDOWN;
	} else {
		if(!http_query_param(req, "title", title, sizeof(title)) || !title[0] ||
		   valid_utf8_length(title, strlen(title)) > INGEST_TITLE_MAX) {
			req->error_message = "A raw document needs ?title= (1-200 characters)";
			result = LL_EVALIDATION;
			goto out;
		}
		if(!http_query_param(req, "category", category, sizeof(category)) || !ingest_category_valid(category) ||
		   strcmp(category, "general") == 0) {
			req->error_message = "A raw document needs ?category=equipment|safety|operations|training";
			result = LL_EVALIDATION;
			goto out;
		}
		doc.title = title;
		doc.category = category;
		doc.source = http_query_param(req, "source", source, sizeof(source)) && source[0] ? source : "api";
		if(strncasecmp(req->content_type, "application/pdf", 15) == 0) {
			result = pdf_body_text(w, req, &text);
			if(result)
				goto out;
			doc.content = buf_str(&text);
			doc.len = text.len;
			doc.format = INGEST_TEXT;
		} else {
			doc.content = req->body.data ? req->body.data : "";
			doc.len = req->body.len;
			doc.format = strncasecmp(req->content_type, "text/plain", 10) == 0 ? INGEST_TEXT : INGEST_MARKDOWN;
		}
	}
	/* same source (or, without one, same title) = the same document */
	doc.source_key = strcmp(doc.source, "api") != 0 ? doc.source : arena_printf(&w->arena, "api:%s", doc.title);
	if(!doc.source_key) {
		result = LL_ENOMEM;
		goto out;
	}
	worker_stage(w, req, "ingesting");
	result = ingest_document(&w->db, &w->arena, &doc, &rep, &why);
	if(result == LL_EVALIDATION || result == LL_ETOOLARGE)
		req->error_message = why;
	if(result)
		goto out;
	body = json_object_new_object();
	json_object_object_add(body, "id", json_object_new_int64(rep.document_id));
	json_object_object_add(body, "title", json_object_new_string(doc.title));
	json_object_object_add(body, "category", json_object_new_string(doc.category));
	json_object_object_add(body, "sections", json_object_new_int(rep.sections));
	json_object_object_add(body, "chunks", json_object_new_int(rep.chunks));
	json_object_object_add(body, "unchanged", json_object_new_boolean(rep.unchanged));
	json_object_object_add(body, "request_id", json_object_new_string(req->request_id));
	document_remember(w, idem, body);
	http_respond_json(req, 201, body);
	json_object_put(body);
out:
	buf_free(&text);
	return result;
}

ll_result route_documents_delete(struct worker *w, struct http_request *req)
{
	struct json_object *body;
	char *end = NULL;
	long long id;
	ll_result result;

	/* plain digits only: strtoll alone takes "+1", " 1" and "-0" */
	errno = 0;
	id = req->param[0] >= '1' && req->param[0] <= '9' && strspn(req->param, "0123456789") == strlen(req->param)
	         ? strtoll(req->param, &end, 10) : 0;
	if(errno || !end || *end || id <= 0) {
		req->error_message = "No document with this id";
		return LL_ENOTFOUND;
	}
	result = store_document_delete(&w->db, id);
	if(result == LL_ENOTFOUND)
		req->error_message = "No document with this id";
	if(result)
		return result;
	body = json_object_new_object();
	json_object_object_add(body, "deleted", json_object_new_boolean(1));
	json_object_object_add(body, "id", json_object_new_int64(id));
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}
