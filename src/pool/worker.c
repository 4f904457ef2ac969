/* worker.c - the worker's accept loop and per-request lifecycle. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "auth.h"
#include "classifier.h"
#include "clock.h"
#include "llm.h"
#include "log.h"
#include "reqlog.h"
#include "router.h"
#include "worker.h"
#include "answer/path.h"

/* SIGQUIT: finish the request in hand and exit (reload, recycling).
 * SIGTERM/SIGINT: drain - keep taking the connections already queued on the
 * (non-blocking) socket and exit when accept() finds none left, so a stop
 * loses no request nginx had already handed over. */
static volatile sig_atomic_t worker_stop;
static volatile sig_atomic_t worker_draining;

static void worker_on_signal(int signo)
{
	if(signo == SIGQUIT)
		worker_stop = 1;
	else
		worker_draining = 1;
}

/* Without SA_RESTART, so a worker blocked in accept() wakes up at once
 * (libfcgi returns from FCGX_Accept_r with FCGI_FAIL_ACCEPT_ON_INTR). */
static void worker_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

/* A worker must not outlive its master: without it nobody replaces a dead
 * worker, recycles one or kills a stuck one, and a new master would start
 * beside it (issue 14).  The kernel sends SIGQUIT (finish the request in hand,
 * then exit) when the master dies; a master that died before this call is
 * seen by getppid().  Called once the SIGQUIT handler is in place; until
 * then pool_spawn has the kernel send SIGKILL. */
static void worker_follow_master(struct worker *w)
{
	if(!w->master)
		return;
	if(prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0)
		log_warn("pdeathsig_failed", "%s", strerror(errno));
	if(worker_orphaned(w)) {
		log_warn("master_gone", "the master %ld is gone: exiting", (long)w->master);
		worker_stop = 1;
	}
}

bool worker_orphaned(const struct worker *w)
{
	return w->master && getppid() != w->master;
}

ll_result worker_init(struct worker *w, const struct settings *settings,
                      struct scoreboard *sb, struct scoreboard_slot *slot)
{
	char path[4096];
	ll_result result;

	memset(w, 0, sizeof(*w));
	w->settings = settings;
	w->scoreboard = sb;
	w->slot = slot;
	w->started = clock_wall();
	arena_init(&w->arena, 64 * 1024);
	result = db_init(&w->db, settings->database_url);
	if(result)
		goto out;
	if(slot) {
		/* a pool worker: queries within the request budget, keys cached */
		w->db.statement_timeout_ms = settings->request_timeout_ms;
		w->db.listen = AUTH_CHANNEL;
	}
	snprintf(path, sizeof(path), "%s/data/routing/train.tsv", settings->data_dir);
	if(access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/routing/train.tsv", settings->data_dir);
	result = classifier_load(path, &w->classifier);
	if(result) {
		log_error("classifier_load_failed", "cannot load %s", path);
		goto out;
	}
	result = answer_kit_load(settings->data_dir, &w->answers);
	if(result)
		goto out;
	if(settings->api_key[0]) {
		SHA256((const unsigned char *)settings->api_key, strlen(settings->api_key), w->api_key_hash);
		w->has_api_key = true;
	}
	if(settings_llm_enabled(settings)) {
		result = llm_create(settings, sb, &w->llm);
		if(result)
			goto out;
	}
out:
	if(result)
		worker_free(w);
	return result;
}

void worker_free(struct worker *w)
{
	if(w->classifier)
		classifier_free(w->classifier);
	w->classifier = NULL;
	answer_kit_free(w->answers);
	w->answers = NULL;
	if(w->llm)
		llm_free(w->llm);
	w->llm = NULL;
	db_close(&w->db);
	arena_free(&w->arena);
}

void worker_stage(struct worker *w, struct http_request *req, const char *stage)
{
	req->stage = stage;
	if(w->slot)
		scoreboard_slot_stage(w->slot, stage);
}

double worker_budget_left(const struct worker *w, const struct http_request *req)
{
	return w->settings->request_timeout_ms / 1000.0 - (clock_mono() - req->started);
}

/* After the response is on its way: count, log, and keep the request_log row. */
static void worker_account(struct worker *w, struct http_request *req)
{
	double ms = (clock_mono() - req->started) * 1000.0;
	struct log_access a = {
		.method = req->method, .route = req->route, .status = req->status,
		.duration_ms = ms, .agent = req->agent, .degraded = req->degraded,
		.cached = req->cached, .stage = NULL,
	};

	if(w->scoreboard)
		scoreboard_count_request(w->scoreboard, req->status, ms,
		                         req->agent ? agent_from_name(req->agent) : AGENT_NONE);
	log_access(req->status >= 500 ? LOG_WARN : LOG_INFO, "request", &a);
	/* Bodies can hold what crew typed about people: only when asked for. */
	if(w->settings->log_bodies && req->body.len)
		log_info("request_body", "%.*s", 2000, buf_str(&req->body));
	reqlog_add(&w->reqlog, req, ms);
}

/* Writes the kept request_log rows; a failure is counted per row. */
static void worker_write_log(struct worker *w)
{
	int n = w->reqlog.n;

	if(reqlog_flush(w) != LL_OK && w->scoreboard)
		scoreboard_add(&w->scoreboard->c.request_log_failures, (uint64_t)n);
}

/* Writes kept rows while the worker is otherwise idle.  The slot shows it busy
 * meanwhile, so the master's watchdog also covers a worker that hangs here. */
static void worker_write_log_idle(struct worker *w)
{
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_BUSY, NULL, "request_log", NULL);
	worker_write_log(w);
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_IDLE, NULL, NULL, NULL);
}

/* Whether another request is queued on the listening socket already. */
static bool worker_request_waiting(int listen_fd)
{
	struct pollfd p = {.fd = listen_fd, .events = POLLIN};

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* Waits until a connection is queued on the listening socket (true), or
 * until a signal came or kept request_log rows fell due and were written
 * (false: the caller looks at its flags and comes back).  A draining worker
 * does not wait: accept() tells it whether anything is left.  The stop
 * signals are blocked until ppoll() so that one arriving just before it is
 * not slept through. */
static bool worker_wait_request(struct worker *w, int listen_fd)
{
	struct pollfd p = {.fd = listen_fd, .events = POLLIN};
	sigset_t stops, orig;
	struct timespec ts, *timeout = NULL;
	double due = reqlog_due_in(&w->reqlog);
	int n;

	if(w->reqlog.n && due <= 0) {
		worker_write_log_idle(w);
		due = reqlog_due_in(&w->reqlog);
	}
	if(w->reqlog.n) {
		ts.tv_sec = (time_t)due;
		ts.tv_nsec = (long)((due - (double)ts.tv_sec) * 1e9);
		timeout = &ts;
	}
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGQUIT);
	sigprocmask(SIG_BLOCK, &stops, &orig);
	if(worker_stop || worker_draining) {
		sigprocmask(SIG_SETMASK, &orig, NULL);
		return !worker_stop;
	}
	n = ppoll(&p, 1, timeout, &orig);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	if(n == 0)
		worker_write_log_idle(w);
	return n > 0;
}

int worker_run(struct worker *w, int listen_fd)
{
	FCGX_Request fcgx;
	struct http_request req;
	uint64_t served = 0;
	ll_result result;

	worker_signals_install();
	worker_follow_master(w);
	if(FCGX_Init() != 0)
		return 3;
	if(FCGX_InitRequest(&fcgx, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 3;
	memset(&req, 0, sizeof(req));
	/* Connect now so the first request does not pay for it; failure is fine,
	 * db_exec retries with backoff. */
	result = db_connect(&w->db);
	(void)result;
	while(!worker_stop) {
		if(w->slot)
			scoreboard_slot_set(w->slot, SLOT_IDLE, NULL, NULL, NULL);
		if(!worker_wait_request(w, listen_fd))
			continue;
		if(FCGX_Accept_r(&fcgx) < 0) {
			if(errno == EINTR)
				continue;
			if(errno == EAGAIN || errno == EWOULDBLOCK) {
				if(worker_draining)
					break;      /* the queue is empty: drained */
				continue;       /* another worker took it */
			}
			if(!worker_stop)
				log_error("accept_failed", "%s", strerror(errno));
			break;
		}
		http_request_begin(&req, &fcgx, &w->arena);
		log_set_request(req.request_id);
		if(w->slot)
			scoreboard_slot_set(w->slot, SLOT_BUSY, req.path, "routing", req.request_id);
		router_dispatch(w, &req);
		FCGX_Finish_r(&fcgx);
		worker_account(w, &req);
		/* rows go out at once when nothing is waiting, else in a batch */
		if(reqlog_due_in(&w->reqlog) <= 0 || !worker_request_waiting(listen_fd))
			worker_write_log(w);
		http_request_end(&req);
		arena_reset(&w->arena);
		log_set_request(NULL);
		served++;
		if(w->slot)
			w->slot->requests = served;
		if(w->settings->max_requests && served >= (uint64_t)w->settings->max_requests) {
			log_info("worker_recycled", "served %llu requests", (unsigned long long)served);
			break;
		}
	}
	worker_write_log(w);
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_EXITING, NULL, NULL, NULL);
	FCGX_Free(&fcgx, 0);
	return 0;
}
