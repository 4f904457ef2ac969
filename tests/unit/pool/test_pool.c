/* test_pool.c - pool/pool: the master's state machine with stand-in
 * workers (no database, no FastCGI): it starts the configured number, it
 * replaces one that dies, and SIGTERM drains them and exits 0.  The .c is
 * included (as h2o's tests do) to swap pool_worker for the stand-in. */
#include "pool.c"

#include <poll.h>

#include "../tap.h"

static int report_fd = -1;

/* A stand-in worker: says it started, then waits for the master's signal
 * (the default actions: SIGQUIT and SIGTERM end it). */
static int stand_in(struct pool *p, struct scoreboard_slot *slot, pid_t master)
{
	char line[32];
	int n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());

	(void)p;
	(void)master;
	scoreboard_slot_set(slot, SLOT_IDLE, NULL, NULL, NULL);
	if(write(report_fd, line, (size_t)n) != n)
		return 3;
	for(;;)
		pause();
}

/* The next pid a stand-in reported within timeout_ms, or -1. */
static long next_pid(int fd, int timeout_ms)
{
	static char buf[256];
	static size_t len;
	double until = clock_mono() + timeout_ms / 1000.0;

	for(;;) {
		char *nl = memchr(buf, '\n', len);
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if(nl) {
			long pid = strtol(buf, NULL, 10);
			size_t used = (size_t)(nl - buf) + 1;

			memmove(buf, buf + used, len - used);
			len -= used;
			return pid;
		}
		if(clock_mono() >= until || poll(&pfd, 1, 50) < 0)
			return -1;
		if(pfd.revents & POLLIN) {
			n = read(fd, buf + len, sizeof(buf) - len);
			if(n <= 0)
				return -1;
			len += (size_t)n;
		}
	}
}

int main(void)
{
	struct settings s;
	char err[256], sock[64];
	int fds[2], status = -1;
	long a, b, c;
	pid_t master;

	if(settings_defaults(&s, err, sizeof(err)) != LL_OK || pipe(fds) != 0) {
		printf("not ok 1 - setup: %s\n", err);
		return 1;
	}
	snprintf(sock, sizeof(sock), "unix:/tmp/linelead-test-pool-%ld.sock", (long)getpid());
	free(s.listen);
	s.listen = strdup(sock);
	free(s.user);
	s.user = strdup("nobody");      /* dropped to when run as root */
	s.workers = 2;
	s.shutdown_timeout_ms = 2000;
	s.log_level = LOG_ERROR;
	log_setup(LOG_ERROR, 2);
	pool_worker = stand_in;
	report_fd = fds[1];
	master = fork();
	if(master == 0) {
		close(fds[0]);
		_exit(pool_run(NULL, &s));
	}
	close(fds[1]);
	a = next_pid(fds[0], 5000);
	b = next_pid(fds[0], 5000);
	CHECK(master > 0 && a > 0 && b > 0 && a != b, "the master starts two workers (%ld, %ld)", a, b);
	if(a > 0)
		kill((pid_t)a, SIGKILL);
	c = next_pid(fds[0], 5000);
	CHECK(c > 0 && c != a && c != b, "a worker that died is replaced (%ld)", c);
	kill(master, SIGTERM);
	for(int i = 0; i < 100 && waitpid(master, &status, WNOHANG) == 0; i++)
		usleep(50 * 1000);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "SIGTERM: the workers are stopped and the master exits 0");
	CHECK(b > 0 && kill((pid_t)b, 0) != 0 && c > 0 && kill((pid_t)c, 0) != 0,
	      "no worker outlives the master");
	if(!WIFEXITED(status))
		kill(master, SIGKILL);
	settings_free(&s);
	return TAP_DONE();
}
