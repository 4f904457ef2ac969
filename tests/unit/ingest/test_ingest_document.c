/* test_ingest_document.c - ingest/ingest_document: one manual checked,
 * chunked and stored, against a private PostgreSQL.  Bad input is refused
 * with a reason a manager can read; a manual is stored with its report
 * (sections, steps, warnings, the codes that open sections); the same
 * content again is left as it is; a new version under the same key
 * replaces the old one; an emergency tag marks its section's chunks. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_document.h"
#include "log.h"

#include "../pgtemp.h"
#include "../tap.h"

static const char manual[] =
	"# Kestrel KF-9 Fryer\n\n"
	"The KF-9 fries in 40 lb of oil.\n\n"
	"## Fault Codes\n\n"
	"E22: Fan stalled. Clear the fan and restart.\n\n"
	"## Filtering\n\n"
	"WARNING: Hot oil causes severe burns.\n\n"
	"1. Turn the fryer off.\n2. Open the drain valve.\n3. Run the filter pump.\n\n"
	"## Grease Fire\n\n"
	"1. Do not use water.\n2. Pull the fire suppression handle.\n";

static struct ingest_doc doc_of(const char *content, const char *title)
{
	static const char *const tags[] = {"fire | Grease Fire"};
	struct ingest_doc d;

	memset(&d, 0, sizeof(d));
	d.title = title;
	d.category = "equipment";
	d.source_key = "kf9.md";
	d.content = content;
	d.len = strlen(content);
	d.format = INGEST_MARKDOWN;
	d.emergency = tags;
	d.nemergency = 1;
	return d;
}

static void test_refused(struct db *db, struct arena *a)
{
	struct ingest_report rep;
	struct ingest_doc d = doc_of(manual, "");
	const char *why = NULL;

	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_EVALIDATION && why && strstr(why, "title"),
	      "a manual without a title is refused: %s", why ? why : "");
	d = doc_of("caf\xc3(", "Fryer");
	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_EVALIDATION && why && strstr(why, "UTF-8"),
	      "bytes that are not UTF-8 are refused: %s", why ? why : "");
	d = doc_of(" \n\n ", "Fryer");
	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_EVALIDATION && why && strstr(why, "empty"),
	      "a manual with no text is refused: %s", why ? why : "");
	d = doc_of(manual, "Fryer");
	d.category = "recipes";
	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_EVALIDATION && why && strstr(why, "category"),
	      "an unknown category is refused");
}

static void test_stored(const struct pgtemp *pg, struct db *db, struct arena *a)
{
	struct ingest_report rep;
	struct ingest_doc d = doc_of(manual, "Kestrel KF-9 Fryer");
	const char *why = NULL;
	long long first;
	bool code = false;

	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_OK && rep.document_id > 0 && !rep.unchanged,
	      "a manual is stored");
	first = rep.document_id;
	CHECK(rep.sections >= 4 && rep.chunks >= 4 && rep.steps == 5 && rep.warnings == 1,
	      "its report: %d sections, %d chunks, %d steps, %d warnings", rep.sections, rep.chunks,
	      rep.steps, rep.warnings);
	for(int i = 0; i < rep.ncodes; i++)
		code |= strstr(rep.codes[i], "E22") != NULL;
	CHECK(code, "the fault code that opens a section is reported");
	CHECK(pgtemp_scalar(pg, "SELECT count(*) FROM chunks WHERE emergency = 'fire' AND "
	                        "body LIKE '%suppression%'") >= 1,
	      "the tagged section's chunks carry the emergency");
	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_OK && rep.unchanged && rep.document_id == first,
	      "the same content again is left as it is");
	d.content = "# Kestrel KF-9 Fryer\n\nOnly one section now.\n";
	d.len = strlen(d.content);
	CHECK(ingest_document(db, a, &d, &rep, &why) == LL_OK && !rep.unchanged &&
	      pgtemp_scalar(pg, "SELECT count(*) FROM documents WHERE source_key = 'kf9.md'") == 1 &&
	      pgtemp_scalar(pg, "SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id "
	                        "WHERE d.source_key = 'kf9.md'") == 1,
	      "a new version under the same key replaces the old one");
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
	arena_init(&arena, 64 * 1024);
	test_refused(&db, &arena);
	test_stored(&pg, &db, &arena);
	arena_free(&arena);
	db_close(&db);
	pgtemp_free(&pg);
	return TAP_DONE();
}
