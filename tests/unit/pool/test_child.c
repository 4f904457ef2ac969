/* test_child.c - pool/child, a worker process, driven over FastCGI the way
 * nginx drives it, against a private, migrated PostgreSQL: it answers,
 * counts each request in its scoreboard slot and writes it to request_log,
 * is recycled after max_requests, answers what was already queued when
 * SIGTERM asks it to drain, and exits when its master dies. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "clock.h"
#include "log.h"

#include "../fcgi_client.h"
#include "../pgtemp.h"
#include "../tap.h"

static struct settings s;
static struct scoreboard *sb;
static struct pgtemp pg;
static char sock[96];
static int listen_fd = -1;

/* Forks a worker process serving listen_fd; master 0 = no master. */
static pid_t spawn(pid_t master)
{
	pid_t pid = fork();

	if(pid == 0) {
		struct worker w;
		int status = 3;

		if(worker_init(&w, &s, sb, &sb->slots[0]) == LL_OK) {
			w.master = master;
			status = child_run(&w, listen_fd);
			worker_free(&w);
		}
		settings_free(&s);
		_exit(status);
	}
	return pid;
}

/* Sends GET path on a new connection; returns the connection (read it). */
static int send_get(const char *path)
{
	const char *params[] = {"REQUEST_METHOD", "GET", "DOCUMENT_URI", path, NULL};
	int fd = fcgi_connect(sock);

	if(fd >= 0 && fcgi_send(fd, params, NULL, 0) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static int read_status(int fd)
{
	struct fcgi_reply r;
	int status = fd >= 0 && fcgi_read(fd, &r) == 0 ? r.status : -1;

	if(fd >= 0) {
		fcgi_reply_free(&r);
		close(fd);
	}
	return status;
}

/* The exit status of pid within timeout_s, or -1 (then it is killed). */
static int exit_status(pid_t pid, double timeout_s)
{
	double until = clock_mono() + timeout_s;
	int status;

	while(clock_mono() < until) {
		if(waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		usleep(10 * 1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static void test_serve_and_recycle(void)
{
	pid_t pid;
	double until;
	long rows = 0;

	s.max_requests = 3;
	pid = spawn(getpid());
	CHECK(read_status(send_get("/health")) == 200, "a worker answers GET /health");
	CHECK(read_status(send_get("/conversations/x")) == 401,
	      "and refuses a route that needs a key (401)");
	/* counted once the response is on its way */
	for(until = clock_mono() + 2; sb->slots[0].requests < 2 && clock_mono() < until;)
		usleep(10 * 1000);
	CHECK(sb->slots[0].requests == 2 && scoreboard_read(&sb->c.requests) >= 2 &&
	              scoreboard_read(&sb->c.by_status_class[4]) >= 1,
	      "each request is counted in its slot and the shared counters");
	CHECK(read_status(send_get("/info")) == 200, "a third request is answered");
	CHECK(exit_status(pid, 5) == 0,
	      "after max_requests (3) the worker exits 0, to be replaced");
	for(until = clock_mono() + 3; rows < 3 && clock_mono() < until; usleep(50 * 1000))
		rows = pgtemp_scalar(&pg, "SELECT count(*) FROM request_log");
	CHECK(rows == 3, "its three requests are in request_log");
	s.max_requests = 0;
}

static void test_drain(void)
{
	pid_t pid = spawn(getpid());
	int a, b;

	CHECK(read_status(send_get("/health")) == 200, "a second worker is up");
	kill(pid, SIGSTOP);
	a = send_get("/health");
	b = send_get("/info");
	kill(pid, SIGTERM);
	kill(pid, SIGCONT);
	CHECK(read_status(a) == 200 && read_status(b) == 200,
	      "SIGTERM: the two requests already queued are still answered");
	CHECK(exit_status(pid, 5) == 0, "then the worker exits 0");
}

/* A stand-in master that forks a worker, reports its pid and dies. */
static void test_master_dies(void)
{
	int fds[2];
	pid_t master, worker = -1;

	if(pipe(fds) != 0)
		return;
	master = fork();
	if(master == 0) {
		pid_t w = spawn(getpid());

		if(write(fds[1], &w, sizeof(w)) != (ssize_t)sizeof(w))
			_exit(1);
		usleep(300 * 1000); /* the worker is in its loop */
		_exit(0);
	}
	if(read(fds[0], &worker, sizeof(worker)) != (ssize_t)sizeof(worker))
		worker = -1;
	close(fds[0]);
	close(fds[1]);
	CHECK(exit_status(master, 5) == 0 && worker > 0, "a stand-in master forked a worker, died");
	CHECK(worker > 0 && exit_status(worker, 5) == 0,
	      "the worker notices its master is gone and exits (no orphan keeps serving)");
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	char err[256];
	int rc;

	log_setup(LOG_ERROR, 2);
	/* workers whose master died are re-parented here, to be waited for */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0 && data_dir &&
	              settings_defaults(&s, err, sizeof(err)) == LL_OK &&
	              scoreboard_create(&sb) == LL_OK,
	      "a private, migrated PostgreSQL, the settings and a scoreboard");
	if(rc == 0 && sb) {
		free(s.database_url);
		s.database_url = strdup(pg.conninfo);
		free(s.data_dir);
		s.data_dir = strdup(data_dir);
		snprintf(sock, sizeof(sock), "%s/fcgi.sock", pg.dir);
		listen_fd = fcgi_listen(sock);
		/* as pool_listen leaves it: accept() says when the queue is empty */
		fcntl(listen_fd, F_SETFL, O_NONBLOCK);
		sb->nslots = 1;
		test_serve_and_recycle();
		test_drain();
		test_master_dies();
		close(listen_fd);
		settings_free(&s);
		scoreboard_destroy(sb);
	}
	pgtemp_free(&pg);
	return TAP_DONE();
}
