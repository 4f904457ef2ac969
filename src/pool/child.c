/* child.c - a pool worker process: its signals, its accept loop and the
 * per-request lifecycle (route, answer, count, log). */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "answer/path.h"
#include "auth.h"
#include "child.h"
#include "clock.h"
#include "log.h"
#include "reqlog.h"
#include "router.h"

/* SIGQUIT: finish the request in hand and exit (reload, recycling).
 * SIGTERM/SIGINT: drain - keep taking the connections already queued on the
 * (non-blocking) socket and exit when accept() finds none left, so a stop
 * loses no request nginx had already handed over. */
static volatile sig_atomic_t child_stop;
static volatile sig_atomic_t child_draining;

static void child_on_signal(int signo)
{
	if(signo == SIGQUIT)
		child_stop = 1;
	else
		child_draining = 1;
}

/* Without SA_RESTART, so a worker blocked in accept() wakes up at once
 * (libfcgi returns from FCGX_Accept_r with FCGI_FAIL_ACCEPT_ON_INTR). */
static void child_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = child_on_signal;
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
static void child_follow_master(struct worker *w)
{
	if(!w->master)
		return;
	if(prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0)
		log_warn("pdeathsig_failed", "%s", strerror(errno));
	if(worker_orphaned(w)) {
		log_warn("master_gone", "the master %ld is gone: exiting", (long)w->master);
		child_stop = 1;
	}
}

/* After the response is on its way: count, log, and keep the request_log row. */
static void child_account(struct worker *w, struct http_request *req)
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
	reqlog_add(w->reqlog, req, ms);
}

/* Writes the kept request_log rows; a failure is counted per row. */
static void child_write_log(struct worker *w)
{
	int n = w->reqlog->n;

	if(reqlog_flush(w->reqlog, &w->db, w->settings, w->scoreboard) != LL_OK && w->scoreboard)
		scoreboard_add(&w->scoreboard->c.request_log_failures, (uint64_t)n);
}

/* Writes kept rows while the worker is otherwise idle.  The slot shows it busy
 * meanwhile, so the master's watchdog also covers a worker that hangs here. */
static void child_write_log_idle(struct worker *w)
{
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_BUSY, NULL, "request_log", NULL);
	child_write_log(w);
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_IDLE, NULL, NULL, NULL);
}

/* Whether another request is queued on the listening socket already. */
static bool child_request_waiting(int listen_fd)
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
static bool child_wait_request(struct worker *w, int listen_fd)
{
	struct pollfd p = {.fd = listen_fd, .events = POLLIN};
	sigset_t stops, orig;
	struct timespec ts, *timeout = NULL;
	double due = reqlog_due_in(w->reqlog);
	int n;

	if(w->reqlog->n && due <= 0) {
		child_write_log_idle(w);
		due = reqlog_due_in(w->reqlog);
	}
	if(w->reqlog->n) {
		ts.tv_sec = (time_t)due;
		ts.tv_nsec = (long)((due - (double)ts.tv_sec) * 1e9);
		timeout = &ts;
	}
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGQUIT);
	sigprocmask(SIG_BLOCK, &stops, &orig);
	if(child_stop || child_draining) {
		sigprocmask(SIG_SETMASK, &orig, NULL);
		return !child_stop;
	}
	n = ppoll(&p, 1, timeout, &orig);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	if(n == 0)
		child_write_log_idle(w);
	return n > 0;
}

/* The application context the routes get: what of w they use, this
 * process's auth state and the answer contexts' resources.  Everything it
 * points to lives as long as child_run. */
static void child_route_ctx(struct worker *w, struct auth *auth,
                            const struct answer_ctx *answer, struct route_ctx *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->settings = w->settings;
	rc->db = &w->db;
	rc->arena = &w->arena;
	rc->classifier = w->classifier;
	rc->llm = w->llm;
	rc->auth = auth;
	rc->scoreboard = w->scoreboard;
	rc->slot = w->slot;
	rc->answer = answer;
	rc->master = w->master;
}

int child_run(struct worker *w, int listen_fd)
{
	FCGX_Request fcgx;
	struct http_request req;
	struct auth auth;
	struct reqlog reqlog;
	struct answer_ctx answer;
	struct route_ctx rc;
	uint64_t served = 0;
	ll_result result;

	child_signals_install();
	child_follow_master(w);
	if(FCGX_Init() != 0)
		return 3;
	if(FCGX_InitRequest(&fcgx, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 3;
	/* what only a pool worker keeps: keys found valid, request_log rows */
	auth_init(&auth, w->settings);
	memset(&reqlog, 0, sizeof(reqlog));
	w->reqlog = &reqlog;
	worker_answer_ctx(w, &answer);
	child_route_ctx(w, &auth, &answer, &rc);
	/* queries within the request budget; key changes are notified */
	w->db.statement_timeout_ms = w->settings->request_timeout_ms;
	w->db.listen = AUTH_CHANNEL;
	memset(&req, 0, sizeof(req));
	/* Connect now so the first request does not pay for it; failure is fine,
	 * db_exec retries with backoff. */
	result = db_connect(&w->db);
	(void)result;
	while(!child_stop) {
		if(w->slot)
			scoreboard_slot_set(w->slot, SLOT_IDLE, NULL, NULL, NULL);
		if(!child_wait_request(w, listen_fd))
			continue;
		if(FCGX_Accept_r(&fcgx) < 0) {
			if(errno == EINTR)
				continue;
			if(errno == EAGAIN || errno == EWOULDBLOCK) {
				if(child_draining)
					break;      /* the queue is empty: drained */
				continue;       /* another worker took it */
			}
			if(!child_stop)
				log_error("accept_failed", "%s", strerror(errno));
			break;
		}
		http_request_begin(&req, &fcgx, &w->arena);
		log_set_request(req.request_id);
		if(w->slot)
			scoreboard_slot_set(w->slot, SLOT_BUSY, req.path, "routing",
			                    req.request_id);
		router_dispatch(&rc, &req);
		FCGX_Finish_r(&fcgx);
		child_account(w, &req);
		/* rows go out at once when nothing is waiting, else in a batch */
		if(reqlog_due_in(w->reqlog) <= 0 || !child_request_waiting(listen_fd))
			child_write_log(w);
		http_request_end(&req);
		arena_reset(&w->arena);
		log_set_request(NULL);
		served++;
		if(w->slot)
			w->slot->requests = served;
		if(w->settings->max_requests && served >= (uint64_t)w->settings->max_requests) {
			log_info("worker_recycled", "served %llu requests",
			         (unsigned long long)served);
			break;
		}
	}
	child_write_log(w);
	if(w->slot)
		scoreboard_slot_set(w->slot, SLOT_EXITING, NULL, NULL, NULL);
	FCGX_Free(&fcgx, 0);
	w->reqlog = NULL;
	return 0;
}
