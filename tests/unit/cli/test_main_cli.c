/* test_main_cli.c - cli/main_cli, the `linelead` command as an operator
 * types it: usage and version, an unknown command, a configuration that
 * cannot be read, and `-c FILE migrate` / `stats` against a private
 * PostgreSQL.  The .c is included with its main renamed; each run is a
 * child process, its output read back. */
#include "config.h"

#define main linelead_main
int linelead_main(int argc, char **argv);
#include "main_cli.c"
#undef main

#include <sys/wait.h>

#include "../pgtemp.h"
#include "../capture.h"
#include "../tap.h"

static char out[8192];

/* Runs linelead with argv (NULL-terminated); stdout and stderr in out. */
static int run(char **argv)
{
	return capture_main(linelead_main, argv, out, sizeof(out));
}

#define LINELEAD(...) run((char *[]){"linelead", __VA_ARGS__, NULL})

static void test_usage(void)
{
	CHECK(run((char *[]){"linelead", NULL}) == 2 && strstr(out, "usage: linelead"),
	      "no command: usage, exit 2");
	CHECK(LINELEAD("--help") == 0 && strstr(out, "migrate") && strstr(out, "apikey"),
	      "--help lists the commands, exit 0");
	CHECK(LINELEAD("--version") == 0 && strstr(out, "linelead " VERSION), "--version");
	CHECK(LINELEAD("frobnicate") == 2 && strstr(out, "unknown command"),
	      "an unknown command: exit 2");
	CHECK(LINELEAD("-c", "/nonexistent/linelead.conf", "stats") == 1,
	      "a configuration file that cannot be read: exit 1");
}

static void test_commands(struct pgtemp *pg, const char *data_dir)
{
	char conf[128], bad[128];
	FILE *f;

	snprintf(conf, sizeof(conf), "%s/linelead.conf", pg->dir);
	snprintf(bad, sizeof(bad), "%s/bad.conf", pg->dir);
	f = fopen(conf, "w");
	if(f) {
		fprintf(f, "database_url = %s\ndata_dir = %s\n", pg->conninfo, data_dir);
		fclose(f);
	}
	f = fopen(bad, "w");
	if(f) {
		fprintf(f, "database_url = %s\ndata_dir = /nonexistent\n", pg->conninfo);
		fclose(f);
	}
	CHECK(LINELEAD("-c", conf, "migrate") == 0 && strstr(out, "applied 001_schema.sql"),
	      "-c FILE migrate applies the schema");
	CHECK(pgtemp_scalar(pg, "SELECT count(*) FROM schema_migrations") >= 9,
	      "in the database the file names");
	CHECK(LINELEAD("-c", conf, "stats") == 0 && strstr(out, "documents"),
	      "-c FILE stats prints the counts");
	/* LINELEAD_DATA_DIR would override the file's data_dir */
	unsetenv("LINELEAD_DATA_DIR");
	CHECK(LINELEAD("-c", bad, "ask", "grill not heating") == 1 &&
	              strstr(out, "cannot initialise"),
	      "ask with a data_dir that is wrong: exit 1, saying so");
}

int main(void)
{
	char *data_dir = getenv("LINELEAD_DATA_DIR") ? strdup(getenv("LINELEAD_DATA_DIR")) : NULL;
	struct pgtemp pg;
	int rc;

	test_usage();
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("# SKIP the commands: initdb is not installed\n");
		free(data_dir);
		return TAP_DONE();
	}
	CHECK(rc == 0 && data_dir, "a private PostgreSQL");
	if(rc == 0 && data_dir)
		test_commands(&pg, data_dir);
	pgtemp_free(&pg);
	free(data_dir);
	return TAP_DONE();
}
