/* test_migrate.c - store/migrate against a private PostgreSQL: every file of
 * sql/ is applied once and recorded, a second run applies nothing, and a
 * migration that fails leaves neither its changes nor its record. */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "log.h"
#include "migrate.h"

#include "../pgtemp.h"
#include "../tap.h"

static int count_sql_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while(d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		n += len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0;
	}
	if(d)
		closedir(d);
	return n;
}

static long scalar(struct db *db, const char *sql)
{
	PGresult *res;
	long v = -1;

	if(db_connect(db) != LL_OK)
		return -1;
	res = PQexec(db->conn, sql);
	if(PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		v = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

/* A copy of sql_dir with one more migration, 999_broken.sql, in dir. */
static int broken_dir(const char *sql_dir, const char *dir)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/999_broken.sql", dir);
	f = fopen(path, "w");
	if(!f)
		return -1;
	fputs("CREATE TABLE half_done (x int);\nSELECT no_such_function();\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "cp %s/*.sql %s/", sql_dir, dir);
	return system(path) == 0 ? 0 : -1;
}

int main(void)
{
	struct pgtemp pg;
	struct db db;
	char dir[] = "/tmp/linelead-test-migrate.XXXXXX";
	FILE *quiet = fopen("/dev/null", "w");
	int applied = -1, files, rc = pgtemp_start(&pg);
	bool made = false;      /* the random part of dir may hold an 'X' too */

	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && quiet, "a private PostgreSQL starts");
	if(rc != 0 || !quiet || db_init(&db, pg.conninfo) != LL_OK)
		goto out;
	log_setup(LOG_ERROR, 2);
	files = count_sql_files(pg.sql_dir);
	CHECK(migrate_run(&db, pg.sql_dir, quiet, &applied) == LL_OK && applied == files &&
	              files >= 9,
	      "an empty database gets every migration of sql/ (%d of %d)", applied, files);
	CHECK(scalar(&db, "SELECT count(*) FROM schema_migrations") == files,
	      "each is recorded in schema_migrations");
	CHECK(scalar(&db, "SELECT count(*) FROM information_schema.tables"
	                  " WHERE table_name IN ('documents', 'chunks', 'conversations',"
	                  " 'messages', 'api_keys', 'ingest_jobs')") == 6,
	      "the tables the app uses exist");
	CHECK(migrate_run(&db, pg.sql_dir, quiet, &applied) == LL_OK && applied == 0,
	      "run again, nothing is applied (%d)", applied);
	made = mkdtemp(dir) != NULL;
	CHECK(made && broken_dir(pg.sql_dir, dir) == 0, "a migration that fails");
	CHECK(migrate_run(&db, dir, quiet, &applied) != LL_OK && applied == 0,
	      "fails the run (%d applied)", applied);
	CHECK(scalar(&db, "SELECT count(*) FROM schema_migrations") == files &&
	              scalar(&db, "SELECT count(*) FROM information_schema.tables"
	                          " WHERE table_name = 'half_done'") == 0,
	      "and leaves neither its table nor its record");
	CHECK(scalar(&db,
	             "SELECT has_table_privilege('linelead_app', 'messages', 'INSERT')::int") == 1,
	      "linelead_app may write messages");
	CHECK(scalar(&db, "SELECT has_table_privilege('linelead_app', 'schema_migrations',"
	                  " 'INSERT')::int") == 0,
	      "but not the migrations' record");
	db_close(&db);
out:
	if(quiet)
		fclose(quiet);
	if(made) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if(system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", dir);
	}
	pgtemp_free(&pg);
	return TAP_DONE();
}
