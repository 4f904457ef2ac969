/* jobs.h - the background job runner: uploads too slow for a request
 * (scanned PDFs read by OCR) are read here and published.
 *
 * The pool master forks one runner (pool.c) and restarts it when it dies.
 * It LISTENs on STORE_JOBS_CHANNEL, takes queued jobs one at a time
 * (store_job_claim: exactly once across runners and nodes), writes each
 * OCR page's progress, and publishes the document in one transaction
 * (ingest_document).  A job whose runner died is queued again once its
 * lease (JOBS_LEASE_S without progress) runs out.
 */
#ifndef LINELEAD_JOBS_H
#define LINELEAD_JOBS_H

#include "settings.h"

#define JOBS_LEASE_S 180
#define JOBS_IDLE_WAIT_MS 5000

/* The runner's main loop, in its own process; returns an exit status when
 * SIGTERM, SIGINT or SIGQUIT asks it to stop (between jobs). */
int jobs_run(const struct settings *settings);

#endif
