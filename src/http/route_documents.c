/* route_documents.c - GET/POST /documents, DELETE /documents/{id},
 * GET /documents/jobs/{id} (admin).
 *
 * POST takes JSON {title, category, content, source?, format?} or a raw
 * body (a PDF, a .docx, Markdown or text, whatever its Content-Type says)
 * with ?title=&category=[&source=][&format=][&filename=]; both go through
 * ingest_upload_store, as `linelead ingest` does: the content decides the
 * format, `format` overrides it.  A scanned PDF needs OCR, slower than a
 * request may take: it is queued as a job (202) that jobs.c reads.
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
#include "ingest_convert.h"
#include "ingest_report.h"
#include "log.h"
#include "routes.h"
#include "store.h"
#include "store_jobs.h"
#include "valid.h"
#include "validate.h"
#include "settings.h"

struct document_fields {
	const char *title;
	const char *category;
	const char *content;
	const char *source;
	const char *format;
};

static const char *const formats[] = {"auto", "markdown", "text", NULL};
static const char *const categories[] = {"equipment", "safety", "operations", "training", NULL};

static const struct field_spec document_spec[] = {
	{"title", FIELD_STRING, true, 1, INGEST_TITLE_MAX, NULL,
	 offsetof(struct document_fields, title)},
	{"category", FIELD_ENUM, true, 0, 0, categories,
	 offsetof(struct document_fields, category)},
	{"content", FIELD_STRING, true, 1, LLONG_MAX, NULL,
	 offsetof(struct document_fields, content)},
	{"source", FIELD_STRING, false, 1, 500, NULL, offsetof(struct document_fields, source)},
	{"format", FIELD_ENUM, false, 0, 0, formats, offsetof(struct document_fields, format)},
};

ll_result route_documents_list(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body = NULL;
	ll_result result = store_documents_json(rc->db, &body);

	if(result)
		return result;
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}

/* Records the answer for an Idempotency-Key.  Not in the document's
 * transaction: a document is replaced by its source, never added twice, so
 * a retry that finds no key (the worker died in between) stores the same
 * document again and says so ("unchanged": true). */
static void document_remember(struct route_ctx *rc, const struct idempotency *idem, int status,
                              struct json_object *body)
{
	struct store_idempotency row;
	ll_result result;

	if(!idem->active)
		return;
	row = idem->row;
	row.status = status;
	row.response = json_object_to_json_string_ext(
		body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	result = store_idempotency_put(rc->db, &row);
	if(result && result != LL_ECONFLICT)
		log_warn("idempotency_not_kept",
		         "the upload's Idempotency-Key was not recorded: %s", result_code(result));
}

/* What an Idempotency-Key stands for: the query, the media type and the
 * body, in the arena. */
static const char *document_identity(struct route_ctx *rc, struct http_request *req, size_t *len)
{
	char *text;
	size_t q = strlen(req->query) + 1, t = strlen(req->content_type) + 1;

	*len = q + t + req->body.len;
	text = arena_alloc(rc->arena, *len + 1);
	if(!text)
		return NULL;
	memcpy(text, req->query, q);
	memcpy(text + q, req->content_type, t);
	if(req->body.len)
		memcpy(text + q + t, req->body.data, req->body.len);
	return text;
}

/* A replay of an upload already done (*done), or the key to remember. */
static ll_result document_prepare(struct route_ctx *rc, struct http_request *req,
                                  struct idempotency *idem, bool *done)
{
	struct store_idempotency stored;
	const char *what;
	size_t len;
	ll_result result;

	*done = false;
	memset(idem, 0, sizeof(*idem));
	if(!req->idempotency_key[0])
		return LL_OK;
	what = document_identity(rc, req, &len);
	if(!what)
		return LL_ENOMEM;
	result = idempotency_begin(rc->db, req, what, len, idem, &stored, done);
	if(!result && *done)
		idempotency_replay(req, &stored);
	return result;
}

/* A JSON upload: its fields into up and doc. */
static ll_result document_from_json(struct route_ctx *rc, struct http_request *req,
                                    struct ingest_upload *up, struct ingest_doc *doc,
                                    const char **format)
{
	struct document_fields f = {0};
	enum ingest_kind kind = INGEST_KIND_UNKNOWN;
	ll_result result;

	result = validate_object(req, req->json, document_spec,
	                         sizeof(document_spec) / sizeof(document_spec[0]), &f);
	if(result)
		return result;
	if(strlen(f.content) > (size_t)rc->settings->max_document_bytes) {
		req->error_message = "content is over max_document_bytes";
		return LL_ETOOLARGE;
	}
	if(f.format && !ingest_kind_parse(f.format, &kind))
		kind = INGEST_KIND_UNKNOWN;
	doc->title = f.title;
	doc->category = f.category;
	doc->source = f.source ? f.source : "api";
	up->bytes = f.content;
	up->len = strlen(f.content);
	up->name = f.title;          /* "fryer.txt": a hint, the content decides */
	up->forced = kind;
	*format = f.format ? f.format : "auto";
	return LL_OK;
}

/* A raw upload: ?title=&category=[&source=][&format=][&filename=]. */
static ll_result document_from_query(struct route_ctx *rc, struct http_request *req,
                                     struct ingest_upload *up, struct ingest_doc *doc,
                                     const char **format)
{
	char *title = arena_alloc(rc->arena, INGEST_TITLE_MAX * 4 + 1);
	char *category = arena_alloc(rc->arena, 32), *source = arena_alloc(rc->arena, 501);
	char *fmt = arena_alloc(rc->arena, 16), *name = arena_alloc(rc->arena, 256);
	enum ingest_kind kind = INGEST_KIND_UNKNOWN;

	if(!title || !category || !source || !fmt || !name)
		return LL_ENOMEM;
	if(!http_query_param(req, "title", title, INGEST_TITLE_MAX * 4 + 1) || !title[0] ||
	   valid_utf8_length(title, strlen(title)) > INGEST_TITLE_MAX) {
		req->error_message = "A raw document needs ?title= (1-200 characters)";
		return LL_EVALIDATION;
	}
	if(!http_query_param(req, "category", category, 32) || !ingest_category_valid(category) ||
	   strcmp(category, "general") == 0) {
		req->error_message = "A raw document needs "
		                     "?category=equipment|safety|operations|training";
		return LL_EVALIDATION;
	}
	if(http_query_param(req, "format", fmt, 16) && !ingest_kind_parse(fmt, &kind)) {
		req->error_message = "?format= must be auto, markdown, text, pdf or docx";
		return LL_EVALIDATION;
	}
	doc->title = title;
	doc->category = category;
	doc->source = http_query_param(req, "source", source, 501) && source[0] ? source : "api";
	up->bytes = req->body.data ? req->body.data : "";
	up->len = req->body.len;
	up->name = http_query_param(req, "filename", name, 256) && name[0] ? name : NULL;
	up->media_type = req->content_type;
	up->forced = kind;
	*format = kind ? ingest_kind_name(kind) : "auto";
	return LL_OK;
}

/* A scan to read by OCR: queued for the job runner, answered 202. */
static ll_result document_queue(struct route_ctx *rc, struct http_request *req,
                                const struct ingest_upload *up, const struct ingest_doc *doc,
                                const char *format, const struct ingest_extract *x,
                                const struct idempotency *idem)
{
	struct store_job job = {0};
	struct json_object *body;
	const char *url;
	long long id = 0;
	ll_result result;

	job.title = doc->title;
	job.category = doc->category;
	job.source = doc->source;
	job.source_key = doc->source_key;
	job.format = format;
	job.media_type = up->media_type ? up->media_type : "";
	job.body = up->bytes;
	job.len = up->len;
	result = store_job_create(rc->db, &job, req->api_key_id, &id);
	if(result)
		return result;
	body = json_object_new_object();
	json_object_object_add(body, "job_id", json_object_new_int64(id));
	json_object_object_add(body, "state", json_object_new_string("queued"));
	json_object_object_add(body, "title", json_object_new_string(doc->title));
	json_object_object_add(body, "format", json_object_new_string(ingest_kind_name(x->kind)));
	json_object_object_add(body, "pages", json_object_new_int(x->pages));
	url = arena_printf(rc->arena, "/documents/jobs/%lld", id);
	json_object_object_add(body, "status_url", json_object_new_string(url ? url : ""));
	json_object_object_add(body, "request_id", json_object_new_string(req->request_id));
	document_remember(rc, idem, 202, body);
	http_respond_json(req, 202, body);
	json_object_put(body);
	return LL_OK;
}

static void document_created(struct route_ctx *rc, struct http_request *req,
                             const struct ingest_doc *doc, const struct ingest_report *rep,
                             const struct ingest_extract *x, const struct idempotency *idem)
{
	struct json_object *body = json_object_new_object();

	json_object_object_add(body, "id", json_object_new_int64(rep->document_id));
	json_object_object_add(body, "title", json_object_new_string(doc->title));
	json_object_object_add(body, "category", json_object_new_string(doc->category));
	json_object_object_add(body, "sections", json_object_new_int(rep->sections));
	json_object_object_add(body, "chunks", json_object_new_int(rep->chunks));
	json_object_object_add(body, "unchanged", json_object_new_boolean(rep->unchanged));
	json_object_object_add(body, "format", json_object_new_string(ingest_kind_name(x->kind)));
	json_object_object_add(body, "report", ingest_report_json(rep, x));
	json_object_object_add(body, "request_id", json_object_new_string(req->request_id));
	document_remember(rc, idem, 201, body);
	http_respond_json(req, 201, body);
	json_object_put(body);
}

ll_result route_documents_create(struct route_ctx *rc, struct http_request *req)
{
	struct ingest_upload up;
	struct ingest_doc doc = {0};
	struct ingest_report rep;
	struct ingest_extract x;
	const char *why = NULL, *format = "auto";
	struct idempotency idem[1];
	bool done;
	ll_result result;

	memset(&up, 0, sizeof(up));
	up.fd = -1;
	up.max_bytes = (size_t)rc->settings->max_document_bytes;
	result = document_prepare(rc, req, idem, &done);
	if(result || done)
		return result;
	result = req->json ? document_from_json(rc, req, &up, &doc, &format)
	                   : document_from_query(rc, req, &up, &doc, &format);
	if(result)
		return result;
	/* same source (or, without one, same title) = the same document */
	doc.source_key = strcmp(doc.source, "api") != 0 ? doc.source
	                 : arena_printf(rc->arena, "api:%s", doc.title);
	if(!doc.source_key)
		return LL_ENOMEM;
	route_stage(rc, "ingesting");
	result = ingest_upload_store(rc->db, rc->arena, &up, &doc, &rep, &x, &why);
	if(result == LL_ECONFLICT && x.scanned && !x.ocr)
		return document_queue(rc, req, &up, &doc, format, &x, idem);
	if(result == LL_EVALIDATION || result == LL_ETOOLARGE)
		req->error_message = why;
	if(result == LL_EIO) {
		req->error_message = why ? why : "The upload could not be read";
		result = LL_EVALIDATION;
	}
	if(!result)
		document_created(rc, req, &doc, &rep, &x, idem);
	return result;
}

ll_result route_documents_job(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body = NULL;
	char *end = NULL;
	long long id;
	ll_result result;

	errno = 0;
	id = req->param[0] >= '1' && req->param[0] <= '9' &&
	             strspn(req->param, "0123456789") == strlen(req->param)
	         ? strtoll(req->param, &end, 10)
	         : 0;
	if(errno || !end || *end || id <= 0) {
		req->error_message = "No job with this id";
		return LL_ENOTFOUND;
	}
	result = store_job_json(rc->db, id, &body);
	if(result == LL_ENOTFOUND)
		req->error_message = "No job with this id";
	if(result)
		return result;
	json_object_object_add(body, "request_id", json_object_new_string(req->request_id));
	http_respond_json(req, 200, body);
	json_object_put(body);
	return LL_OK;
}

ll_result route_documents_delete(struct route_ctx *rc, struct http_request *req)
{
	struct json_object *body;
	char *end = NULL;
	long long id = 0;
	ll_result result;

	/* plain digits only: strtoll alone takes "+1", " 1" and "-0" */
	errno = 0;
	if(req->param[0] >= '1' && req->param[0] <= '9' &&
	   strspn(req->param, "0123456789") == strlen(req->param))
		id = strtoll(req->param, &end, 10);
	if(errno || !end || *end || id <= 0) {
		req->error_message = "No document with this id";
		return LL_ENOTFOUND;
	}
	result = store_document_delete(rc->db, id);
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
