/* ingest_document.c - one document checked, chunked and stored in one transaction. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "arena.h"
#include "result.h"
#include "store.h"
#include "ingest.h"
#include "ingest_chunk.h"
#include "ingest_document.h"
#include "ingest_line.h"

/* The emergency id of a "<id> | <heading>" tag when section is that heading
 * or lies under it ("Heading > Sub"); NULL else.  The id is validated here
 * (lower-case letters, digits and '-') as sql/006 checks it. */
static const char *tag_emergency(struct arena *a, const char *tag, const char *section)
{
	const char *bar = strchr(tag, '|'), *h;
	size_t idlen, hlen, slen = strlen(section);

	if(!bar)
		return NULL;
	for(idlen = (size_t)(bar - tag); idlen && tag[idlen - 1] == ' '; idlen--)
		;
	if(idlen == 0 || idlen > 40 || !islower((unsigned char)tag[0]) ||
	   strspn(tag, "abcdefghijklmnopqrstuvwxyz0123456789-") < idlen)
		return NULL;
	for(h = bar + 1; *h == ' '; h++)
		;
	hlen = strlen(h);
	if(hlen == 0 || slen < hlen)
		return NULL;
	if(strncmp(section, h, hlen) == 0 &&
	   (section[hlen] == '\0' || strncmp(section + hlen, " > ", 3) == 0))
		return arena_strndup(a, tag, idlen);
	if(slen > hlen + 3 && strcmp(section + slen - hlen, h) == 0 &&
	   strncmp(section + slen - hlen - 3, " > ", 3) == 0)
		return arena_strndup(a, tag, idlen);
	return NULL;
}

/* The chunks as the JSON array store_document_replace inserts. */
static struct json_object *chunks_json(struct arena *a, const struct ingest_doc *doc,
                                       const struct ingest_chunks *chunks)
{
	struct json_object *arr = json_object_new_array();

	for(size_t i = 0; i < chunks->count; i++) {
		struct json_object *o = json_object_new_object();
		const char *emergency = NULL;

		for(int t = 0; t < doc->nemergency && !emergency; t++)
			emergency = tag_emergency(a, doc->emergency[t], chunks->items[i].section);
		json_object_object_add(o, "section",
		                       json_object_new_string(chunks->items[i].section));
		json_object_object_add(o, "body", json_object_new_string(chunks->items[i].body));
		if(emergency)
			json_object_object_add(o, "emergency", json_object_new_string(emergency));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* Counts the notices and steps of one chunk's body. */
static void report_body(struct ingest_report *r, const char *body)
{
	for(const char *s = body; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s), after = 0;

		while(n && (*s == ' ' || *s == '-' || *s == '*' || *s == '>')) {
			s++;
			n--;
		}
		r->warnings += ingest_warning_word(s, n, &after) ? 1 : 0;
		r->steps += ingest_line_is_step(s, n) ? 1 : 0;
		s = nl ? nl + 1 : NULL;
	}
}

/* The last part of a heading path ("Faults > E07: Overheat" -> "E07: ..."). */
static const char *path_leaf(const char *path)
{
	const char *leaf = path, *sep;

	while((sep = strstr(leaf, " > ")) != NULL)
		leaf = sep + 3;
	return leaf;
}

/* The report's lists and counts from the chunks (the sections in order). */
static ll_result report_fill(struct arena *a, const struct ingest_chunks *c,
                             struct ingest_report *r)
{
	size_t cap = c->count < INGEST_REPORT_MAX_NAMES ? c->count : INGEST_REPORT_MAX_NAMES;
	const char *last = NULL;
	int words = 0;

	r->tables = c->tables;
	r->dropped_lines = c->dropped_lines;
	r->names = arena_alloc(a, (cap + 1) * sizeof(*r->names));
	r->codes = arena_alloc(a, (cap + 1) * sizeof(*r->codes));
	r->thin = arena_alloc(a, (cap + 1) * sizeof(*r->thin));
	if(!r->names || !r->codes || !r->thin)
		return LL_ENOMEM;
	for(size_t i = 0; i <= c->count; i++) {
		const struct ingest_chunk *k = i < c->count ? &c->items[i] : NULL;

		if(k && last && strcmp(k->section, last) == 0) {
			words += k->words;
			report_body(r, k->body);
			continue;
		}
		if(last && words < INGEST_REPORT_THIN_WORDS && (size_t)r->nthin < cap)
			r->thin[r->nthin++] = last[0] ? last : "(no heading)";
		if(!k)
			break;
		last = k->section;
		words = k->words;
		report_body(r, k->body);
		if(!k->section[0]) {
			r->untitled++;
			continue;
		}
		if((size_t)r->nnames < cap)
			r->names[r->nnames++] = k->section;
		if(ingest_line_code_label(path_leaf(k->section), strlen(path_leaf(k->section))) &&
		   (size_t)r->ncodes < cap)
			r->codes[r->ncodes++] = path_leaf(k->section);
	}
	return LL_OK;
}

/* Why doc cannot be stored as it is (its title, category or encoding), or
 * NULL when it can. */
static const char *doc_invalid(const struct ingest_doc *doc)
{
	if(!doc->title || !doc->title[0] || strlen(doc->title) > INGEST_TITLE_MAX)
		return "the title must be 1-200 characters";
	if(!ingest_category_valid(doc->category))
		return "the category must be equipment, safety, operations, training or general";
	if(!ingest_utf8_valid(doc->content, doc->len))
		return "the content is not UTF-8 text (binary data or another encoding)";
	return NULL;
}

/* The SHA-256 of what is stored of doc, in hex: its content and its
 * emergency tags (a changed tag is a change). */
static ll_result doc_hash(struct arena *arena, const struct ingest_doc *doc,
                          char hex[SHA256_DIGEST_LENGTH * 2 + 1])
{
	unsigned char digest[SHA256_DIGEST_LENGTH];
	const char *hashed = doc->content;
	size_t hlen = doc->len;

	for(int t = 0; t < doc->nemergency && hashed; t++) {
		hashed = arena_printf(arena, "%.*s\n%s", (int)hlen, hashed, doc->emergency[t]);
		hlen = hashed ? strlen(hashed) : 0;
	}
	if(!hashed)
		return LL_ENOMEM;
	SHA256((const unsigned char *)hashed, hlen, digest);
	for(size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return LL_OK;
}

ll_result ingest_document(struct db *db, struct arena *arena, const struct ingest_doc *doc,
                          struct ingest_report *report, const char **why)
{
	struct ingest_chunks chunks;
	struct json_object *arr = NULL;
	char hex[SHA256_DIGEST_LENGTH * 2 + 1];
	struct store_document sd;
	ll_result result;

	memset(report, 0, sizeof(*report));
	*why = doc_invalid(doc);
	if(*why) {
		result = LL_EVALIDATION;
		goto out;
	}
	result = ingest_chunk_text(arena, doc->content, doc->len, doc->format, &chunks);
	if(result == LL_EINVAL) {
		*why = "the document is empty (no text to index)";
		result = LL_EVALIDATION;
	} else if(result == LL_ETOOLARGE) {
		*why = "the document has too many sections or chunks (at most "
		       LL_STR(INGEST_MAX_SECTIONS) " sections and " LL_STR(INGEST_MAX_CHUNKS)
		       " chunks): split it into several documents";
	}
	if(result)
		goto out;
	arr = chunks_json(arena, doc, &chunks);
	result = doc_hash(arena, doc, hex);
	if(result)
		goto out;
	memset(&sd, 0, sizeof(sd));
	sd.title = doc->title;
	sd.category = doc->category;
	sd.source = doc->source;
	sd.source_key = doc->source_key;
	sd.content = arena_strndup(arena, doc->content, doc->len);
	sd.bytes = doc->len;
	sd.content_hash = hex;
	sd.chunk_count = (int)chunks.count;
	sd.chunks_json = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	if(!sd.content) {
		result = LL_ENOMEM;
		goto out;
	}
	result = store_document_replace(db, &sd, &report->document_id, &report->unchanged);
	if(result)
		goto out;
	report->sections = chunks.sections;
	report->chunks = (int)chunks.count;
	result = report_fill(arena, &chunks, report);
out:
	if(arr)
		json_object_put(arr);
	return result;
}
