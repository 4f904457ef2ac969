/* pgtemp.c - a throwaway PostgreSQL cluster per test (pgtemp.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "migrate.h"
#include "pgtemp.h"

#define PGTEMP_BIN "/usr/lib/postgresql/15/bin"
#define PGTEMP_PORT "15433"

/* Runs argv (no shell) with its output in DIR/log; as root, as postgres.
 * Returns its exit status, or -1. */
static int pgtemp_run(const struct pgtemp *pg, char *const argv[])
{
	char log[128];
	int status = -1;
	pid_t pid;

	snprintf(log, sizeof(log), "%s/log", pg->dir);
	pid = fork();
	if(pid < 0)
		return -1;
	if(pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		struct passwd *pw = geteuid() == 0 ? getpwnam("postgres") : NULL;

		if(fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if(pw && (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0))
			_exit(126);
		/* initdb or pg_ctl dies with the test (the watchdog does the rest) */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		execv(argv[0], argv);
		_exit(127);
	}
	while(waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void pgtemp_show_log(const struct pgtemp *pg)
{
	char path[128], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/log", pg->dir);
	f = fopen(path, "r");
	if(!f)
		return;
	while(fgets(line, sizeof(line), f))
		fprintf(stderr, "# pg: %s", line);
	fclose(f);
}

int pgtemp_resume(struct pgtemp *pg)
{
	char data[96], opts[160];
	char *argv[] = {PGTEMP_BIN "/pg_ctl",
	                "-D",
	                data,
	                "-o",
	                opts,
	                "-w",
	                "-t",
	                "30",
	                "-l",
	                NULL,
	                "start",
	                NULL};
	char log[128];

	snprintf(data, sizeof(data), "%s/data", pg->dir);
	snprintf(log, sizeof(log), "%s/server.log", pg->dir);
	argv[9] = log;
	snprintf(opts, sizeof(opts),
	         "-c listen_addresses='' -k %s -p " PGTEMP_PORT " -F -c max_connections=20",
	         pg->dir);
	if(pgtemp_run(pg, argv) != 0) {
		pgtemp_show_log(pg);
		return -1;
	}
	pg->running = true;
	return 0;
}

int pgtemp_stop(struct pgtemp *pg)
{
	char data[96];
	char *argv[] = {PGTEMP_BIN "/pg_ctl", "-D", data, "-m", "fast", "-w", "stop", NULL};

	snprintf(data, sizeof(data), "%s/data", pg->dir);
	if(!pg->running)
		return 0;
	pg->running = false;
	return pgtemp_run(pg, argv) == 0 ? 0 : -1;
}

int pgtemp_sql(const struct pgtemp *pg, const char *sql)
{
	PGconn *c = PQconnectdb(pg->conninfo);
	PGresult *r;
	int rc = -1;

	if(PQstatus(c) == CONNECTION_OK) {
		r = PQexec(c, sql);
		rc = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK ?
		             0 :
		             -1;
		if(rc)
			fprintf(stderr, "# pgtemp: %s: %s", sql, PQerrorMessage(c));
		PQclear(r);
	}
	PQfinish(c);
	return rc;
}

long pgtemp_scalar(const struct pgtemp *pg, const char *sql)
{
	PGconn *c = PQconnectdb(pg->conninfo);
	PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
	long v = -1;

	if(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
		v = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	PQfinish(c);
	return v;
}

static int pgtemp_create_db(struct pgtemp *pg)
{
	static const char *const roles =
	        "CREATE ROLE linelead_app NOLOGIN; CREATE ROLE linelead_reporting NOLOGIN;"
	        " CREATE ROLE linelead LOGIN IN ROLE linelead_app";
	char keep[sizeof(pg->conninfo)];
	int rc;

	memcpy(keep, pg->conninfo, sizeof(keep));
	snprintf(pg->conninfo, sizeof(pg->conninfo),
	         "host=%s port=" PGTEMP_PORT " dbname=postgres user=linelead_admin", pg->dir);
	rc = pgtemp_sql(pg, "CREATE DATABASE linelead ENCODING 'UTF8'");
	if(rc == 0)
		rc = pgtemp_sql(pg, roles);
	memcpy(pg->conninfo, keep, sizeof(keep));
	return rc;
}

/* Forks a process that waits until the test is gone (its pipe's write end,
 * close-on-exec, held only by the test and its forks, is closed), then stops
 * the server and removes the directory, as pgtemp_free would. */
static void pgtemp_watchdog(struct pgtemp *pg)
{
	int fds[2];
	char c;
	pid_t pid;

	pg->watchdog = -1;
	if(pipe2(fds, O_CLOEXEC) != 0)
		return;
	pid = fork();
	if(pid == 0) {
		char *rm[] = {"/bin/rm", "-rf", pg->dir, NULL};

		close(fds[1]);
		while(read(fds[0], &c, 1) < 0 && errno == EINTR)
			;
		if(access(pg->dir, F_OK) != 0)
			_exit(0); /* pgtemp_free was called */
		pg->running = true; /* it may have been started since the fork */
		(void)pgtemp_stop(pg);
		/* once more after what was dying with the test (initdb's backend) */
		for(int pass = 0; pass < 2; pass++) {
			(void)pgtemp_run(pg, rm);
			usleep(500 * 1000);
		}
		_exit(0);
	}
	close(fds[0]);
	if(pid < 0)
		close(fds[1]);
	else
		pg->watchdog = fds[1];
}

int pgtemp_start(struct pgtemp *pg)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	char data[96];
	char *initdb[] = {PGTEMP_BIN "/initdb",
	                  "-D",
	                  data,
	                  "-U",
	                  "linelead_admin",
	                  "-A",
	                  "trust",
	                  "-E",
	                  "UTF8",
	                  "--locale=C.UTF-8",
	                  "--no-sync",
	                  NULL};
	struct passwd *pw = geteuid() == 0 ? getpwnam("postgres") : NULL;

	memset(pg, 0, sizeof(*pg));
	pg->watchdog = -1;
	if(access(PGTEMP_BIN "/initdb", X_OK) != 0)
		return PGTEMP_SKIP;
	snprintf(pg->sql_dir, sizeof(pg->sql_dir), "%s/sql", data_dir ? data_dir : ".");
	snprintf(pg->dir, sizeof(pg->dir), "/tmp/linelead-pgtemp.XXXXXX");
	if(!mkdtemp(pg->dir))
		return -1;
	if(pw && chown(pg->dir, pw->pw_uid, pw->pw_gid) != 0)
		return -1;
	pgtemp_watchdog(pg);
	snprintf(data, sizeof(data), "%s/data", pg->dir);
	snprintf(pg->conninfo, sizeof(pg->conninfo),
	         "host=%s port=" PGTEMP_PORT " dbname=linelead user=linelead_admin", pg->dir);
	if(pgtemp_run(pg, initdb) != 0) {
		pgtemp_show_log(pg);
		return -1;
	}
	if(pgtemp_resume(pg) != 0 || pgtemp_create_db(pg) != 0)
		return -1;
	return 0;
}

int pgtemp_migrate(struct pgtemp *pg)
{
	struct db db;
	int applied = 0;
	FILE *quiet = fopen("/dev/null", "w");
	ll_result result = quiet ? db_init(&db, pg->conninfo) : LL_EIO;

	if(result == LL_OK) {
		result = migrate_run(&db, pg->sql_dir, quiet, &applied);
		db_close(&db);
	}
	if(quiet)
		fclose(quiet);
	return result == LL_OK && applied > 0 ? 0 : -1;
}

void pgtemp_free(struct pgtemp *pg)
{
	char *rm[] = {"/bin/rm", "-rf", pg->dir, NULL};
	pid_t pid;

	if(!pg->dir[0])
		return;
	pg->running = true; /* stopped here or not: pg_ctl knows */
	(void)pgtemp_stop(pg);
	pid = fork();
	if(pid == 0) {
		execv(rm[0], rm);
		_exit(127);
	}
	if(pid > 0)
		waitpid(pid, NULL, 0);
	pg->dir[0] = '\0';
	if(pg->watchdog >= 0)
		close(pg->watchdog); /* the watchdog finds nothing left to do */
	pg->watchdog = -1;
}
