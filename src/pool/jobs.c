/* jobs.c - the background ingest job runner (one process under the pool). */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "clock.h"
#include "ingest_convert.h"
#include "ingest_report.h"
#include "jobs.h"
#include "log.h"
#include "store_jobs.h"

static volatile sig_atomic_t jobs_stop;

static void jobs_on_signal(int signo)
{
	(void)signo;
	jobs_stop = 1;
}

struct job_progress {
	struct db *db;
	long long id;
};

/* After each OCR page: the progress a person watches, and the lease. */
static void job_on_page(void *ctx, int done, int total)
{
	struct job_progress *p = ctx;

	if(store_job_progress(p->db, p->id, done, total) != LL_OK)
		log_warn("job_progress_failed", "job %lld: %s", p->id, p->db->last_error);
}

/* Reads and publishes one claimed job; ends it done or failed. */
static ll_result job_run(struct db *db, struct arena *arena, const struct settings *s,
			 const struct store_job *job)
{
	struct ingest_upload up;
	struct ingest_doc doc;
	struct ingest_report rep;
	struct ingest_extract x;
	struct job_progress progress = { db, job->id };
	struct json_object *report = NULL;
	enum ingest_kind kind = INGEST_KIND_UNKNOWN;
	const char *why = NULL;
	ll_result result;

	memset(&up, 0, sizeof(up));
	memset(&doc, 0, sizeof(doc));
	up.fd = -1;
	up.bytes = job->body;
	up.len = job->len;
	up.media_type = job->media_type;
	up.forced = ingest_kind_parse(job->format, &kind) ? kind : INGEST_KIND_UNKNOWN;
	up.max_bytes = (size_t)s->max_document_bytes;
	up.ocr_now = true;
	up.progress = job_on_page;
	up.progress_ctx = &progress;
	doc.title = job->title;
	doc.category = job->category;
	doc.source = job->source;
	doc.source_key = job->source_key;
	result = ingest_upload_store(db, arena, &up, &doc, &rep, &x, &why);
	if(result == LL_EDB || result == LL_ENOMEM)
		why = "the document could not be stored now: upload it again";
	if(!result)
		report = ingest_report_json(&rep, &x);
	result = store_job_finish(
		db, job->id, !result, rep.document_id,
		report ? json_object_to_json_string_ext(report, JSON_C_TO_STRING_PLAIN) : NULL,
		result ? (why ? why : "the upload could not be read") : NULL);
	log_info("job_finished", "job %lld %s (%d pages)", job->id, report ? "done" : "failed",
		 x.pages);
	if(report)
		json_object_put(report);
	return result;
}

/* Sleeps until a job is announced, the wait ends or a signal comes. */
static void jobs_wait(struct db *db)
{
	struct pollfd p = { .fd = db->conn ? PQsocket(db->conn) : -1, .events = POLLIN };

	if(p.fd < 0 || poll(&p, 1, JOBS_IDLE_WAIT_MS) < 0)
		poll(NULL, 0, p.fd < 0 ? 1000 : 0);
	(void)db_notified(db);
}

int jobs_run(const struct settings *settings)
{
	struct db db;
	struct arena arena;
	struct sigaction sa;
	double requeued = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = jobs_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	if(db_init(&db, settings->database_url) != LL_OK)
		return 3;
	db.listen = STORE_JOBS_CHANNEL;
	arena_init(&arena, 64 * 1024);
	while(!jobs_stop) {
		struct store_job job;
		bool found = false;

		if(clock_mono() - requeued > JOBS_LEASE_S / 3) {
			if(store_job_requeue_stale(&db, JOBS_LEASE_S) == LL_OK)
				requeued = clock_mono();
		}
		if(store_job_claim(&db, &arena, &job, &found) == LL_OK && found) {
			if(job_run(&db, &arena, settings, &job) != LL_OK)
				log_warn("job_not_recorded", "job %lld: %s", job.id, db.last_error);
		} else
			jobs_wait(&db);
		arena_reset(&arena);
	}
	arena_free(&arena);
	db_close(&db);
	return 0;
}
