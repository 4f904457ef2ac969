/* test_store_jobs.c - store/store_jobs against a private, migrated
 * PostgreSQL: a queued job is taken by one runner only, its progress and end
 * are what a person polling GET /documents/jobs/{id} sees, a job whose runner
 * died is queued again, and one that killed its runner three times fails. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store_jobs.h"

#include "../pgtemp.h"
#include "../tap.h"

static const char *job_state(struct db *db, long long id, long long *document_id)
{
	static char state[32];
	struct json_object *o = NULL, *d;

	state[0] = '\0';
	if(store_job_json(db, id, &o) == LL_OK) {
		snprintf(state, sizeof(state), "%s",
		         json_object_get_string(json_object_object_get(o, "state")));
		d = json_object_object_get(o, "document_id");
		if(document_id)
			*document_id = d ? json_object_get_int64(d) : 0;
	}
	json_object_put(o);
	return state;
}

static void test_claim(struct db *a, struct db *b, struct arena *arena)
{
	static const char body[] = "# Fryer\n\nDrain the oil.\n";
	struct store_job job = {.title = "Fryer",
	                        .category = "equipment",
	                        .source = "upload",
	                        .source_key = "upload:fryer",
	                        .format = "markdown",
	                        .media_type = "text/markdown",
	                        .body = body,
	                        .len = sizeof(body) - 1};
	struct store_job got;
	long long id = 0, doc = -1;
	struct json_object *o = NULL;
	bool found = false;

	CHECK(store_job_create(a, &job, 0, &id) == LL_OK && id > 0, "a job is queued");
	CHECK(strcmp(job_state(a, id, NULL), "queued") == 0, "its state is queued");
	CHECK(store_job_claim(a, arena, &got, &found) == LL_OK && found && got.id == id &&
	              got.len == job.len && memcmp(got.body, body, got.len) == 0 &&
	              strcmp(got.title, "Fryer") == 0,
	      "a runner takes it, with its bytes and title");
	CHECK(store_job_claim(b, arena, &got, &found) == LL_OK && !found,
	      "a second runner finds nothing: a job is taken once");
	CHECK(strcmp(job_state(b, id, NULL), "running") == 0, "its state is running");
	CHECK(store_job_progress(a, id, 2, 5) == LL_OK && store_job_json(b, id, &o) == LL_OK &&
	              json_object_get_int(json_object_object_get(o, "pages_done")) == 2 &&
	              json_object_get_int(json_object_object_get(o, "pages_total")) == 5,
	      "its progress is seen by a person polling (2 of 5 pages)");
	json_object_put(o);
	CHECK(store_job_finish(a, id, false, 0, NULL, "not a PDF") == LL_OK &&
	              strcmp(job_state(b, id, &doc), "failed") == 0 && doc == 0,
	      "a failed job ends failed, with no document");
	CHECK(store_job_json(a, id + 1000, &o) == LL_ENOTFOUND, "an unknown job is 404");
}

static void test_requeue(struct db *a, struct arena *arena)
{
	static const char body[] = "scan";
	struct store_job job = {.title = "Scan",
	                        .category = "equipment",
	                        .source = "upload",
	                        .source_key = "upload:scan",
	                        .format = "pdf",
	                        .media_type = "application/pdf",
	                        .body = body,
	                        .len = 4};
	struct store_job got;
	long long id = 0;
	bool found = false;
	int taken = 0;

	CHECK(store_job_create(a, &job, 0, &id) == LL_OK, "a second job is queued");
	for(int i = 0; i < 3; i++) {
		if(store_job_claim(a, arena, &got, &found) == LL_OK && found && got.id == id)
			taken++;
		usleep(20 * 1000);
		if(store_job_requeue_stale(a, 0) != LL_OK)
			break;
		if(i < 2)
			CHECK(strcmp(job_state(a, id, NULL), "queued") == 0,
			      "its runner died (no sign within the lease): queued again (%d)",
			      i + 1);
	}
	CHECK(taken == 3 && strcmp(job_state(a, id, NULL), "failed") == 0,
	      "taken three times without finishing, it fails instead of looping");
	CHECK(store_job_claim(a, arena, &got, &found) == LL_OK && !found, "nothing is left");
	CHECK(store_job_create(a, &job, 0, &id) == LL_OK &&
	              store_job_claim(a, arena, &got, &found) == LL_OK && found &&
	              store_job_requeue_stale(a, 3600) == LL_OK &&
	              strcmp(job_state(a, id, NULL), "running") == 0,
	      "a job whose lease has not run out stays with its runner");
}

int main(void)
{
	struct pgtemp pg;
	struct arena arena;
	struct db a, b;
	int rc = pgtemp_start(&pg);

	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	log_setup(LOG_ERROR, 2);
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0, "a private, migrated PostgreSQL");
	if(rc != 0 || db_init(&a, pg.conninfo) != LL_OK) {
		pgtemp_free(&pg);
		return TAP_DONE();
	}
	if(db_init(&b, pg.conninfo) == LL_OK) {
		arena_init(&arena, 4096);
		test_claim(&a, &b, &arena);
		test_requeue(&a, &arena);
		arena_free(&arena);
		db_close(&b);
	}
	db_close(&a);
	pgtemp_free(&pg);
	return TAP_DONE();
}
