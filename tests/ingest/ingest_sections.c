/* ingest_sections.c - what `linelead ingest FILE` would store, without a
 * database: for each file, ingest_file's choices (format, title, category,
 * source), its report, and each chunk's section, emergency tag and body
 * hash.  A stand-in store_document_replace (defined here, so the library's
 * store.o is not linked) prints what would be written.  With --full the
 * chunks are printed whole (the JSON store_document_replace would insert).
 *
 * tests/ingest/check-sections.sh compares its output on every test manual
 * and knowledge-base file with the golden files there: a change to the
 * ingest code that moves a section shows up there.
 *
 * Usage: ingest_sections [--full] FILE...
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "arena.h"
#include "db.h"
#include "ingest.h"
#include "ingest_convert.h"
#include "store.h"

static bool full;

static void short_hash(const char *s, char hex[13])
{
	unsigned char d[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)s, strlen(s), d);
	for(int i = 0; i < 6; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* The stand-in: prints the document and its chunks instead of storing them. */
ll_result store_document_replace(struct db *db, const struct store_document *doc,
                                 long long *id, bool *unchanged)
{
	struct json_object *arr = json_tokener_parse(doc->chunks_json);
	char hex[13];

	(void)db;
	printf("title: %s\ncategory: %s\nsource: %s\nsource_key: %s\n", doc->title,
	       doc->category, doc->source ? doc->source : "(none)", doc->source_key);
	printf("content: %zu bytes, sha256 %s\nchunks: %d\n", doc->bytes, doc->content_hash,
	       doc->chunk_count);
	for(size_t i = 0; arr && i < json_object_array_length(arr); i++) {
		struct json_object *o = json_object_array_get_idx(arr, i), *v;
		const char *body = "";

		if(json_object_object_get_ex(o, "body", &v))
			body = json_object_get_string(v);
		short_hash(body, hex);
		json_object_object_get_ex(o, "section", &v);
		printf("chunk %zu %s [%s]", i + 1, hex, json_object_get_string(v));
		if(json_object_object_get_ex(o, "emergency", &v))
			printf(" emergency=%s", json_object_get_string(v));
		printf("\n");
	}
	if(full)
		printf("json: %s\n", doc->chunks_json);
	json_object_put(arr);
	*id = 1;
	*unchanged = false;
	return LL_OK;
}

static void print_list(const char *what, const char **items, int n)
{
	for(int i = 0; i < n; i++)
		printf("%s: %s\n", what, items[i]);
}

static void print_report(const struct ingest_report *r, const struct ingest_extract *x)
{
	printf("read: kind %d format %d pages %d scanned %d ocr %d\n", (int)x->kind,
	       (int)x->format, x->pages, x->scanned, x->ocr);
	printf("report: %d sections, %d chunks, %d tables, %d dropped, %d warnings, %d steps, "
	       "%d untitled\n", r->sections, r->chunks, r->tables, r->dropped_lines, r->warnings,
	       r->steps, r->untitled);
	print_list("section", r->names, r->nnames);
	print_list("code", r->codes, r->ncodes);
	print_list("thin", r->thin, r->nthin);
}

int main(int argc, char **argv)
{
	struct db db;
	int status = 0;

	memset(&db, 0, sizeof(db));
	for(int i = 1; i < argc; i++) {
		struct ingest_options opt;
		struct ingest_report rep;
		struct ingest_extract x;
		struct arena arena;
		char err[512] = "";
		ll_result result;

		if(strcmp(argv[i], "--full") == 0) {
			full = true;
			continue;
		}
		memset(&opt, 0, sizeof(opt));
		memset(&x, 0, sizeof(x));
		opt.max_bytes = (size_t)8 << 20;
		opt.extract = &x;
		arena_init(&arena, 64 * 1024);
		printf("== %s\n", argv[i]);
		fflush(stdout);
		result = ingest_file(&db, &arena, argv[i], &opt, &rep, err, sizeof(err));
		if(result) {
			printf("failed: %s\n", err);
			status = 1;
		} else {
			print_report(&rep, &x);
		}
		fflush(stdout);
		arena_free(&arena);
	}
	return status;
}
