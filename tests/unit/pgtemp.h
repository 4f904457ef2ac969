/* pgtemp.h - a private, throwaway PostgreSQL cluster for a unit test.
 *
 * pgtemp_start runs initdb (trust, no fsync) in a new temporary directory,
 * starts the server with no TCP listener (its Unix socket is in that
 * directory, named for port 15433), creates the roles the migrations grant
 * to and the database "linelead", and fills pg->conninfo for the admin user.
 * pgtemp_stop and pgtemp_resume stop and start the same cluster (a server
 * restart); pgtemp_free stops it and removes the directory.  As root the
 * server runs as the user "postgres".  A watchdog process does the same when
 * the test dies without pgtemp_free (a crash, a kill): no server is left
 * behind.
 */
#ifndef LINELEAD_PGTEMP_H
#define LINELEAD_PGTEMP_H

#include <stdbool.h>

#include "db.h"

#define PGTEMP_SKIP 77 /* initdb is not installed: the test is skipped */

struct pgtemp {
	char dir[64]; /* owned: removed by pgtemp_free */
	char conninfo[192]; /* host=DIR port=15433 dbname=linelead user=linelead_admin */
	char sql_dir[512]; /* $LINELEAD_DATA_DIR/sql: the migrations */
	bool running;
	int watchdog; /* the write end of the watchdog's pipe; -1 = none */
};

/* 0 when the server runs, PGTEMP_SKIP without initdb, -1 on failure (said on
 * stderr). */
int pgtemp_start(struct pgtemp *pg);
/* Applies the migrations of sql_dir with a connection of its own; 0 = done. */
int pgtemp_migrate(struct pgtemp *pg);
/* pg_ctl stop -m fast / start again on the same data; 0 = done. */
int pgtemp_stop(struct pgtemp *pg);
int pgtemp_resume(struct pgtemp *pg);
void pgtemp_free(struct pgtemp *pg);
/* Runs sql (no parameters) on its own connection; 0 = done. */
int pgtemp_sql(const struct pgtemp *pg, const char *sql);
/* The number in the first column of the first row sql returns; -1 = none. */
long pgtemp_scalar(const struct pgtemp *pg, const char *sql);

#endif
