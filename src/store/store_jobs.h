/* store_jobs.h - the SQL of background ingest jobs (sql/008_ingest_jobs.sql).
 *
 * A job is created by POST /documents (a scanned PDF), taken exactly once by
 * the job runner (src/jobs.c), and ends done (a document published) or
 * failed (nothing stored).
 */
#ifndef LINELEAD_STORE_JOBS_H
#define LINELEAD_STORE_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include "arena.h"
#include "db.h"
#include "result.h"

/* The channel the runner LISTENs on; store_job_create notifies it. */
#define STORE_JOBS_CHANNEL "ingest_jobs"

struct store_job {
	long long id;
	const char *title;
	const char *category;
	const char *source;
	const char *source_key;
	const char *format;
	const char *media_type;
	const char *body; /* the uploaded bytes */
	size_t len;
	int pages_total;
};

/* Queues job (its id and pages_total ignored) and notifies the runner; *id
 * gets the new job's id. */
__attribute__((warn_unused_result)) ll_result store_job_create(struct db *db,
							       const struct store_job *job,
							       long long api_key_id, long long *id);

/* {job_id, state, title, category, pages_total, pages_done, document_id,
 *  report, error, created_at, updated_at, finished_at}; LL_ENOTFOUND. */
__attribute__((warn_unused_result)) ll_result store_job_json(struct db *db, long long id,
							     struct json_object **out);

/* Takes the oldest queued job (FOR UPDATE SKIP LOCKED: one runner each) and
 * marks it running; its strings in the arena.  *found false when none. */
__attribute__((warn_unused_result)) ll_result store_job_claim(struct db *db, struct arena *arena,
							      struct store_job *job, bool *found);

/* Pages read so far; also renews the runner's lease. */
__attribute__((warn_unused_result)) ll_result store_job_progress(struct db *db, long long id,
								 int done, int total);

/* Ends a job: done with document_id and the report (JSON text), or failed
 * with error (document_id 0, report NULL).  The body is cleared. */
__attribute__((warn_unused_result)) ll_result store_job_finish(struct db *db, long long id,
							       bool done, long long document_id,
							       const char *report,
							       const char *error);

/* Queues again the running jobs whose runner gave no sign for lease_s
 * seconds (it died); a job taken 3 times fails instead. */
__attribute__((warn_unused_result)) ll_result store_job_requeue_stale(struct db *db, int lease_s);

#endif
