/* db.h - the worker's PostgreSQL connection (after pg_auto_failover's pgsql.c).
 *
 * A struct db owns its PGconn, its retry policy (jittered exponential
 * backoff) and the set of statements prepared on the current connection.
 * Every query goes through db_exec with a static struct db_stmt: prepared on
 * first use per connection, executed with parameters, never interpolated.
 * A lost connection (SQLSTATE class 08, 57P, 25006 = the server became a
 * standby, or CONNECTION_BAD) is dropped and
 * re-opened on the next call once the backoff allows; a query outside a
 * transaction that fails because the connection was stale is retried once.
 *
 * A caller that keeps facts read from the database (auth.c's verified keys)
 * sets `listen` before the first query: every connection then LISTENs on that
 * channel, db_notified says when something changed, and `session` (one per
 * connection) says whether what was read came from the connection still up.
 */
#ifndef LINELEAD_DB_H
#define LINELEAD_DB_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "result.h"

struct db_stmt {
	const char *name;  /* unique across the program */
	const char *sql;
};

#define DB_MAX_PREPARED 96

struct db {
	PGconn *conn;                 /* NULL while disconnected */
	char *conninfo;               /* owned */
	unsigned failures;            /* consecutive failed connects */
	double retry_at;              /* monotonic time before which we do not retry */
	bool in_tx;
	int statement_timeout_ms;     /* 0 = the server's default; set before connecting */
	/* The channel LISTENed on each connection (static); NULL = none. */
	const char *listen;
	unsigned long session;        /* counts successful connects */
	bool closing;                 /* the server said FATAL between queries */
	const struct db_stmt *prepared[DB_MAX_PREPARED];
	int nprepared;
	char last_error[256];         /* for logs only; never sent to clients */
	char last_sqlstate[6];        /* of the last failed statement; "" = none */
	char last_constraint[64];     /* the constraint it broke, if any; "" = none */
};

/* Copies conninfo; connects lazily. */
__attribute__((warn_unused_result))
ll_result db_init(struct db *db, const char *conninfo);
void db_close(struct db *db);

/* Connects now if needed (respecting the backoff). */
__attribute__((warn_unused_result))
ll_result db_connect(struct db *db);

/* Runs stmt with n text parameters (NULL = SQL NULL).  On LL_OK *res holds the
 * result (caller PQclears); on error *res is NULL.  res may be NULL when the
 * rows are not wanted.  A failure's result follows its SQLSTATE
 * (db_result_for): only trouble that passes (connection, shutdown, resources)
 * is LL_EDB, the 503 with Retry-After; db->last_sqlstate and last_constraint
 * say more to a caller that maps a particular constraint itself. */
__attribute__((warn_unused_result))
ll_result db_exec(struct db *db, const struct db_stmt *stmt, int n,
                  const char *const *params, PGresult **res);

/* Runs stmt (one that returns rows, e.g. UPDATE ... RETURNING) and says
 * LL_ENOTFOUND when it returned none: "no such row" for a delete, revoke
 * or insert-if-exists. */
__attribute__((warn_unused_result))
ll_result db_exec_found(struct db *db, const struct db_stmt *stmt, int n,
                        const char *const *params);

/* The result for a failed statement's SQLSTATE (NULL = none, e.g. no
 * connection): class 22 (data exception) LL_EVALIDATION, 23 (integrity)
 * LL_ECONFLICT, 57014 (statement timeout) LL_ETIMEOUT; 08 (connection), 53
 * (resources), 57P (shutdown), 40 (serialization, deadlock), 55P03 (lock
 * not available), 58 (system), 25006 (a read-only server: a standby) and no
 * state at all LL_EDB; anything else is a bug: LL_EINTERNAL.  08, 57P and
 * 25006 also drop the connection: the next query opens a new one. */
ll_result db_result_for(const char *sqlstate);

/* One-off SQL without parameters (migrations, BEGIN/COMMIT). */
__attribute__((warn_unused_result))
ll_result db_exec_simple(struct db *db, const char *sql);

__attribute__((warn_unused_result))
ll_result db_begin(struct db *db);
__attribute__((warn_unused_result))
ll_result db_commit(struct db *db);
/* Rolls back if a transaction is open; safe to call on any path. */
void db_rollback(struct db *db);

/* Without blocking: true when a notification arrived on db->listen since the
 * last call, or when the connection is down (what it missed is unknown). */
bool db_notified(struct db *db);


#endif
