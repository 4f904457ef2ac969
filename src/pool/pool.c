/* pool.c - master process: socket, workers, signals, supervision. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "edgelog.h"
#include "log.h"
#include "jobs.h"
#include "pool.h"
#include "scoreboard.h"
#include "child.h"

enum pool_state { POOL_RUNNING, POOL_RELOADING, POOL_DRAINING };

/* How long a worker must live for its exit not to count as a crash loop. */
#define POOL_STABLE_SECONDS 10.0
#define POOL_BACKOFF_MAX 5.0
/* Extra time past the budget before a busy worker is declared stuck. */
#define POOL_STUCK_GRACE 5.0

struct pool_slot_ctl {
	unsigned generation;   /* the configuration generation it runs */
	double spawned;        /* monotonic */
	double respawn_at;     /* monotonic; 0 = not scheduled */
	double backoff;
	bool wanted;           /* part of the current generation's capacity */
	bool killed_stuck;
	char slow_logged[64];  /* request id already reported as slow */
};

struct pool {
	const char *config_path;
	struct settings settings;
	struct scoreboard *sb;
	int listen_fd;
	enum pool_state state;
	unsigned generation;
	double drain_started;
	int escalation;        /* 0 = QUIT sent, 1 = TERM sent, 2 = KILL sent */
	struct edgelog edge;   /* nginx's own errors, counted into the scoreboard */
	struct pool_slot_ctl ctl[SCOREBOARD_SLOTS];
	pid_t jobs_pid;        /* the background job runner (jobs.c); 0 = none */
	double jobs_respawn_at;
	bool jobs_stopping;    /* SIGTERM sent to it */
};

static int self_pipe[2] = {-1, -1};

static void on_signal(int signo)
{
	int saved = errno;
	unsigned char b = (unsigned char)signo;
	ssize_t n = write(self_pipe[1], &b, 1);

	(void)n; /* a full pipe already holds a wake-up */
	errno = saved;
}

static void pool_signals_install(void)
{
	struct sigaction sa;
	int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT};

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for(size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void pool_signals_reset(void)
{
	int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT};

	for(size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

/* The listening socket is non-blocking: a worker waits for it to be
 * readable (poll) and an accept() that another worker won says EAGAIN, so
 * no worker is ever stuck inside accept() (see child_run).  Connections it
 * accepts are blocking, as libfcgi expects. */
int pool_listen(const struct settings *s, char *err, size_t errlen)
{
	int fd = -1, one = 1;

	if(strncmp(s->listen, "unix:", 5) == 0) {
		const char *path = s->listen + 5;
		struct sockaddr_un sun;
		struct group *gr;
		mode_t old_umask;

		if(strlen(path) >= sizeof(sun.sun_path)) {
			snprintf(err, errlen, "listen: socket path too long");
			return -1;
		}
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		memcpy(sun.sun_path, path, strlen(path) + 1);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if(fd < 0)
			goto fail;
		unlink(path);
		/* Created with no access for others, then opened to the group. */
		old_umask = umask(0177);
		if(bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
			umask(old_umask);
			goto fail;
		}
		umask(old_umask);
		if(chmod(path, (mode_t)s->socket_mode) < 0)
			goto fail;
		if(geteuid() == 0) {
			struct passwd *pw = getpwnam(s->user);

			gr = s->socket_group[0] ? getgrnam(s->socket_group) : NULL;
			if(chown(path, pw ? pw->pw_uid : (uid_t)-1,
			         gr ? gr->gr_gid : (gid_t)-1) < 0)
				goto fail;
		} else if(s->socket_group[0] && (gr = getgrnam(s->socket_group)) != NULL) {
			/* Works when we are a member of the group; otherwise mode decides. */
			if(chown(path, (uid_t)-1, gr->gr_gid) < 0 && errno != EPERM)
				goto fail;
		}
	} else {
		struct sockaddr_in sin;
		char host[64];
		const char *colon = strrchr(s->listen, ':');
		long port;
		char *end;

		if(!colon || (size_t)(colon - s->listen) >= sizeof(host)) {
			snprintf(err, errlen, "listen: expected unix:/path or host:port");
			return -1;
		}
		memcpy(host, s->listen, (size_t)(colon - s->listen));
		host[colon - s->listen] = '\0';
		port = strtol(colon + 1, &end, 10);
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)port);
		if(*end || port < 1 || port > 65535 ||
		   inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
			snprintf(err, errlen, "listen: invalid address \"%s\"", s->listen);
			return -1;
		}
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if(fd < 0)
			goto fail;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
			goto fail;
	}
	if(listen(fd, 1024) < 0)
		goto fail;
	return fd;
fail:
	snprintf(err, errlen, "listen %s: %s", s->listen, strerror(errno));
	if(fd >= 0)
		close(fd);
	return -1;
}

/* Started as root, become the configured user for good. */
static int pool_drop_privileges(const struct settings *s)
{
	struct passwd *pw;

	if(geteuid() != 0)
		return 0;
	pw = getpwnam(s->user);
	if(!pw) {
		log_error("config_invalid", "user \"%s\" does not exist", s->user);
		return -1;
	}
	if(setgroups(0, NULL) < 0 || initgroups(pw->pw_name, pw->pw_gid) < 0 ||
	   setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
		log_error("privileges_failed", "cannot become %s: %s", s->user, strerror(errno));
		return -1;
	}
	if(setuid(0) == 0) {
		log_error("privileges_failed", "still able to regain root");
		return -1;
	}
	return 0;
}

/* A worker process's life: build the worker, serve until told to stop.
 * Returns its exit status. */
static int pool_worker_main(struct pool *p, struct scoreboard_slot *slot, pid_t master)
{
	struct worker w;
	int status;

	if(worker_init(&w, &p->settings, p->sb, slot) != LL_OK) {
		log_error("worker_init_failed", "the worker could not start");
		return 3;
	}
	w.master = master;
	status = child_run(&w, p->listen_fd);
	worker_free(&w);
	return status;
}

/* What a forked worker runs: pool_worker_main, or a stand-in in
 * tests/unit/pool/test_pool.c, which drives the master without a database. */
static int (*pool_worker)(struct pool *p, struct scoreboard_slot *slot, pid_t master) =
	pool_worker_main;

static void pool_spawn(struct pool *p, int i)
{
	struct scoreboard_slot *slot = &p->sb->slots[i];
	pid_t pid, master = getpid();

	pid = fork();
	if(pid < 0) {
		log_error("fork_failed", "%s", strerror(errno));
		p->ctl[i].respawn_at = clock_mono() + 1.0;
		return;
	}
	if(pid == 0) {
		/* Dies with the master even before it can finish a request
		 * gracefully (child_run then asks for SIGQUIT); a master that
		 * died before the prctl is caught by getppid(). */
		if(prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != master)
			_exit(3);
		close(self_pipe[0]);
		close(self_pipe[1]);
		pool_signals_reset();
		slot->pid = getpid();
		_exit(pool_worker(p, slot, master));
	}
	memset(slot, 0, sizeof(*slot));
	slot->pid = pid;
	scoreboard_slot_set(slot, SLOT_IDLE, NULL, NULL, NULL);
	p->ctl[i].generation = p->generation;
	p->ctl[i].spawned = clock_mono();
	p->ctl[i].respawn_at = 0;
	p->ctl[i].killed_stuck = false;
	p->ctl[i].slow_logged[0] = '\0';
	log_debug("worker_started", "worker %ld in slot %d", (long)pid, i);
}

/* The job runner: one process beside the workers, restarted a second
 * after it dies, that reads slow uploads (jobs.c). */
static void pool_jobs_spawn(struct pool *p)
{
	pid_t pid, master = getpid();

	if(p->jobs_pid > 0 || p->state != POOL_RUNNING || clock_mono() < p->jobs_respawn_at)
		return;
	pid = fork();
	if(pid < 0) {
		log_error("fork_failed", "job runner: %s", strerror(errno));
		p->jobs_respawn_at = clock_mono() + 1.0;
		return;
	}
	if(pid == 0) {
		if(prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != master)
			_exit(3);
		close(self_pipe[0]);
		close(self_pipe[1]);
		close(p->listen_fd);
		pool_signals_reset();
		/* ps and the tests tell it from the workers by its name */
		prctl(PR_SET_NAME, "linelead-jobs", 0, 0, 0);
		_exit(jobs_run(&p->settings));
	}
	p->jobs_pid = pid;
	p->jobs_stopping = false;
	log_debug("jobs_started", "job runner %ld", (long)pid);
}

/* Whether pid was the job runner (then it is gone: respawn later). */
static bool pool_jobs_reaped(struct pool *p, pid_t pid, int status)
{
	if(pid != p->jobs_pid)
		return false;
	if(!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		log_warn("jobs_died", "job runner %ld ended (status %d)", (long)pid, status);
	p->jobs_pid = 0;
	p->jobs_respawn_at = clock_mono() + 1.0;
	return true;
}

static int pool_find_slot(const struct pool *p, pid_t pid)
{
	for(int i = 0; i < SCOREBOARD_SLOTS; i++)
		if(p->sb->slots[i].pid == pid)
			return i;
	return -1;
}

static int pool_alive(const struct pool *p)
{
	int n = 0;

	for(int i = 0; i < SCOREBOARD_SLOTS; i++)
		if(p->sb->slots[i].pid > 0)
			n++;
	return n;
}

static void pool_signal_workers(struct pool *p, int signo, bool old_generation_only)
{
	for(int i = 0; i < SCOREBOARD_SLOTS; i++) {
		pid_t pid = p->sb->slots[i].pid;

		if(pid <= 0)
			continue;
		if(old_generation_only && p->ctl[i].generation == p->generation)
			continue;
		kill(pid, signo);
	}
}

static void pool_reap(struct pool *p)
{
	int status;
	pid_t pid;

	while((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int i = pool_jobs_reaped(p, pid, status) ? -1 : pool_find_slot(p, pid);
		struct pool_slot_ctl *ctl;
		double lived;
		bool crashed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);

		if(i < 0)
			continue;
		ctl = &p->ctl[i];
		lived = clock_mono() - ctl->spawned;
		memset(&p->sb->slots[i], 0, sizeof(p->sb->slots[i]));
		if(crashed) {
			if(WIFSIGNALED(status))
				log_warn("worker_died", "worker %ld killed by signal %d", (long)pid,
				         WTERMSIG(status));
			else
				log_warn("worker_died", "worker %ld exited with status %d",
				         (long)pid, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		}
		if(p->state == POOL_DRAINING || !ctl->wanted || ctl->generation != p->generation) {
			ctl->wanted = false;
			continue;
		}
		if(crashed) {
			scoreboard_add(&p->sb->c.worker_restarts, 1);
			/* A worker that dies young is in a crash loop: back off. */
			if(lived < POOL_STABLE_SECONDS && !ctl->killed_stuck)
				ctl->backoff = ctl->backoff ? ctl->backoff * 2 : 0.1;
			else
				ctl->backoff = 0;
			if(ctl->backoff > POOL_BACKOFF_MAX)
				ctl->backoff = POOL_BACKOFF_MAX;
		} else {
			ctl->backoff = 0; /* recycled after max_requests */
		}
		ctl->respawn_at = clock_mono() + ctl->backoff;
	}
}

/* Starts the current generation's workers in free slots. */
static void pool_fill(struct pool *p)
{
	int want = settings_worker_count(&p->settings), have = 0;
	double now = clock_mono();

	for(int i = 0; i < SCOREBOARD_SLOTS; i++)
		if(p->ctl[i].wanted && p->ctl[i].generation == p->generation)
			have++;
	for(int i = 0; i < SCOREBOARD_SLOTS && have < want; i++) {
		if(p->sb->slots[i].pid == 0 && !p->ctl[i].wanted) {
			p->ctl[i].wanted = true;
			p->ctl[i].generation = p->generation;
			p->ctl[i].respawn_at = now;
			p->ctl[i].backoff = 0;
			have++;
		}
	}
	for(int i = 0; i < SCOREBOARD_SLOTS; i++) {
		struct pool_slot_ctl *ctl = &p->ctl[i];

		if(ctl->wanted && p->sb->slots[i].pid == 0 && ctl->respawn_at &&
		   now >= ctl->respawn_at)
			pool_spawn(p, i);
	}
	p->sb->nslots = want;
}

static void pool_reload(struct pool *p)
{
	struct settings fresh;
	char err[512];

	if(settings_load(&fresh, p->config_path, access(p->config_path, F_OK) != 0, err,
	                 sizeof(err)) != LL_OK) {
		log_error("reload_failed", "keeping the running configuration: %s", err);
		return;
	}
	if(strcmp(fresh.listen, p->settings.listen) != 0 ||
	   strcmp(fresh.user, p->settings.user) != 0)
		log_warn("reload_partial", "listen and user take effect only on restart");
	/* Old workers keep pointers into their own copy (they were forked). */
	edgelog_set_path(&p->edge, fresh.nginx_errors_log);
	settings_free(&p->settings);
	p->settings = fresh;
	log_set_level((enum log_level)p->settings.log_level);
	p->generation++;
	for(int i = 0; i < SCOREBOARD_SLOTS; i++)
		if(p->ctl[i].generation != p->generation)
			p->ctl[i].wanted = false;
	pool_fill(p);
	/* The new generation is accepting: let the old one finish and leave. */
	pool_signal_workers(p, SIGQUIT, true);
	log_info("reloaded", "configuration generation %u with %d workers", p->generation,
	         settings_worker_count(&p->settings));
}

static void pool_watchdog(struct pool *p)
{
	double now = clock_mono();
	double budget = p->settings.request_timeout_ms / 1000.0;
	double slow = p->settings.slow_request_ms / 1000.0;

	for(int i = 0; i < SCOREBOARD_SLOTS; i++) {
		struct scoreboard_slot *slot = &p->sb->slots[i];
		double busy_for;

		if(slot->pid <= 0 || slot->state != SLOT_BUSY || slot->request_started <= 0)
			continue;
		busy_for = now - slot->request_started;
		if(slow > 0 && busy_for > slow &&
		   strcmp(p->ctl[i].slow_logged, slot->request_id) != 0) {
			snprintf(p->ctl[i].slow_logged, sizeof(p->ctl[i].slow_logged), "%s",
			         slot->request_id);
			log_set_request(slot->request_id);
			log_warn("slow_request", "worker %ld on %s for %.0f ms, stage %s",
			         (long)slot->pid, slot->route, busy_for * 1000.0, slot->stage);
			log_set_request(NULL);
		}
		if(busy_for > budget + POOL_STUCK_GRACE && !p->ctl[i].killed_stuck) {
			log_error("worker_stuck", "killing worker %ld: %.0f ms in stage %s",
			          (long)slot->pid, busy_for * 1000.0, slot->stage);
			p->ctl[i].killed_stuck = true;
			scoreboard_add(&p->sb->c.timeouts, 1);
			kill(slot->pid, SIGKILL);
		}
	}
}

static void pool_drain_step(struct pool *p)
{
	double waited = clock_mono() - p->drain_started;
	double limit = p->settings.shutdown_timeout_ms / 1000.0;

	/* the runner stops between jobs; one cut off mid-way is queued again */
	if(p->jobs_pid > 0 && !p->jobs_stopping) {
		kill(p->jobs_pid, SIGTERM);
		p->jobs_stopping = true;
	} else if(p->jobs_pid > 0 && waited > limit)
		kill(p->jobs_pid, SIGKILL);

	if(p->escalation == 0 && waited > limit) {
		log_warn("drain_timeout", "workers still busy after %.1f s: sending QUIT", waited);
		pool_signal_workers(p, SIGQUIT, false);
		p->escalation = 1;
	} else if(p->escalation == 1 && waited > limit + 2.0) {
		log_warn("drain_timeout", "workers still alive: sending KILL");
		pool_signal_workers(p, SIGKILL, false);
		p->escalation = 2;
	}
}

static void pool_handle_signals(struct pool *p)
{
	unsigned char sigs[64];
	ssize_t n;

	while((n = read(self_pipe[0], sigs, sizeof(sigs))) > 0) {
		for(ssize_t k = 0; k < n; k++) {
			switch(sigs[k]) {
			case SIGCHLD:
				pool_reap(p);
				break;
			case SIGHUP:
				if(p->state == POOL_RUNNING) {
					p->state = POOL_RELOADING;
					pool_reload(p);
					p->state = POOL_RUNNING;
				}
				break;
			case SIGTERM:
			case SIGINT:
			case SIGQUIT:
				if(p->state != POOL_DRAINING) {
					log_info("draining", "stopping: serving queued and "
					         "in-flight requests, then exiting");
					p->state = POOL_DRAINING;
					p->drain_started = clock_mono();
					p->escalation = 0;
					/* Workers take what is queued until accept says EAGAIN. */
					pool_signal_workers(p, SIGTERM, false);
				}
				break;
			default:
				break;
			}
		}
	}
}

static int pool_write_pid(const struct settings *s)
{
	char text[32];
	int fd, len;

	if(!s->pid_file[0])
		return 0;
	fd = open(s->pid_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if(fd < 0) {
		log_error("pid_file_failed", "%s: %s", s->pid_file, strerror(errno));
		return -1;
	}
	len = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if(write(fd, text, (size_t)len) != len) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int pool_run(const char *config_path, struct settings *settings)
{
	struct pool p;
	char err[512];
	int status = 1;

	memset(&p, 0, sizeof(p));
	p.config_path = config_path;
	p.settings = *settings;
	memset(settings, 0, sizeof(*settings));
	p.listen_fd = -1;
	edgelog_init(&p.edge, p.settings.nginx_errors_log);
	if(pipe2(self_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		log_error("startup_failed", "pipe: %s", strerror(errno));
		goto out;
	}
	p.listen_fd = pool_listen(&p.settings, err, sizeof(err));
	if(p.listen_fd < 0) {
		log_error("startup_failed", "%s", err);
		goto out;
	}
	if(pool_write_pid(&p.settings) < 0)
		goto out;
	if(pool_drop_privileges(&p.settings) < 0)
		goto out;
	if(scoreboard_create(&p.sb) != LL_OK) {
		log_error("startup_failed", "cannot map the scoreboard");
		goto out;
	}
	pool_signals_install();
	log_info("started", "linelead-fcgi %s listening on %s with %d workers", VERSION,
	         p.settings.listen, settings_worker_count(&p.settings));
	p.state = POOL_RUNNING;
	pool_fill(&p);
	for(;;) {
		struct pollfd pfd = {.fd = self_pipe[0], .events = POLLIN};

		if(poll(&pfd, 1, 100) < 0 && errno != EINTR)
			break;
		scoreboard_master_beat(p.sb);
		pool_handle_signals(&p);
		pool_reap(&p);
		if(p.state == POOL_DRAINING) {
			if(pool_alive(&p) == 0 && p.jobs_pid == 0)
				break;
			pool_drain_step(&p);
			continue;
		}
		pool_fill(&p);
		pool_jobs_spawn(&p);
		pool_watchdog(&p);
		edgelog_poll(&p.edge, p.sb->edge_errors);
	}
	log_info("stopped", "all workers finished");
	status = 0;
out:
	if(p.listen_fd >= 0) {
		close(p.listen_fd);
		if(strncmp(p.settings.listen ? p.settings.listen : "", "unix:", 5) == 0)
			unlink(p.settings.listen + 5);
	}
	if(p.settings.pid_file && p.settings.pid_file[0])
		unlink(p.settings.pid_file);
	edgelog_close(&p.edge);
	scoreboard_destroy(p.sb);
	settings_free(&p.settings);
	return status;
}
