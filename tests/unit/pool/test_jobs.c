/* test_jobs.c - pool/jobs, the background job runner, in its own process
 * against a private, migrated PostgreSQL: a queued upload is woken for by
 * its notification (not the idle poll), read and published as a document; an
 * upload it cannot read ends failed with a reason; SIGTERM stops it. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "jobs.h"
#include "log.h"
#include "store_jobs.h"

#include "../pgtemp.h"
#include "../tap.h"

/* The job's state once it is done or failed, within timeout_s; its
 * document_id in *doc. */
static const char *wait_job(struct db *db, long long id, double timeout_s, long long *doc)
{
	static char state[16];
	double until = clock_mono() + timeout_s;

	do {
		struct json_object *o = NULL;

		state[0] = '\0';
		if(store_job_json(db, id, &o) == LL_OK) {
			snprintf(state, sizeof(state), "%s",
			         json_object_get_string(json_object_object_get(o, "state")));
			*doc = json_object_get_int64(json_object_object_get(o, "document_id"));
		}
		json_object_put(o);
		if(strcmp(state, "done") == 0 || strcmp(state, "failed") == 0)
			break;
		usleep(20 * 1000);
	} while(clock_mono() < until);
	return state;
}

static void test_runner(struct pgtemp *pg, struct db *db)
{
	static const char manual[] = "# Ice machine\n\n## Descaling\n\n1. Turn it off.\n"
	                             "2. Pour the descaler into the reservoir.\n";
	struct store_job job = {.title = "Ice machine",
	                        .category = "equipment",
	                        .source = "upload",
	                        .source_key = "upload:ice",
	                        .format = "markdown",
	                        .media_type = "text/markdown",
	                        .body = manual,
	                        .len = sizeof(manual) - 1};
	long long id = 0, doc = 0;
	double t0;

	usleep(300 * 1000); /* the runner is idle, waiting */
	t0 = clock_mono();
	CHECK(store_job_create(db, &job, 0, &id) == LL_OK, "an upload is queued");
	CHECK(strcmp(wait_job(db, id, 10, &doc), "done") == 0 && doc > 0,
	      "the runner publishes it (document %lld)", doc);
	CHECK(clock_mono() - t0 < JOBS_IDLE_WAIT_MS / 1000.0 - 1,
	      "woken by the notification, in %.2f s, not by the %d s idle poll", clock_mono() - t0,
	      JOBS_IDLE_WAIT_MS / 1000);
	CHECK(pgtemp_scalar(pg, "SELECT count(*) FROM chunks") >= 1,
	      "its sections are searchable (chunks stored)");
	job.format = "pdf";
	job.body = "this is not a PDF";
	job.len = strlen(job.body);
	job.source_key = "upload:broken";
	CHECK(store_job_create(db, &job, 0, &id) == LL_OK &&
	              strcmp(wait_job(db, id, 10, &doc), "failed") == 0 && doc == 0,
	      "an upload it cannot read ends failed, nothing published");
	CHECK(pgtemp_scalar(pg, "SELECT count(*) FROM ingest_jobs WHERE state = 'failed'"
	                        " AND error <> ''") == 1,
	      "with a reason a person can read");
}

int main(void)
{
	struct settings s;
	struct pgtemp pg;
	struct db db;
	char err[256];
	int rc, status = -1;
	pid_t runner;

	log_setup(LOG_ERROR, 2);
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0 &&
	              settings_defaults(&s, err, sizeof(err)) == LL_OK,
	      "a private, migrated PostgreSQL and the settings");
	if(rc != 0 || db_init(&db, pg.conninfo) != LL_OK) {
		pgtemp_free(&pg);
		return TAP_DONE();
	}
	free(s.database_url);
	s.database_url = strdup(pg.conninfo);
	runner = fork();
	if(runner == 0) {
		db.conn = NULL; /* the parent's connection is not ours to close */
		rc = jobs_run(&s);
		settings_free(&s);
		_exit(rc);
	}
	test_runner(&pg, &db);
	kill(runner, SIGTERM);
	waitpid(runner, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "SIGTERM stops the runner: exit 0");
	db_close(&db);
	settings_free(&s);
	pgtemp_free(&pg);
	return TAP_DONE();
}
