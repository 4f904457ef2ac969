/* db.c - one PostgreSQL connection with backoff, prepared statements and
 * reconnect on connection loss. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "clock.h"
#include "db.h"
#include "log.h"

#define DB_BACKOFF_MIN 0.05
#define DB_BACKOFF_MAX 2.0

ll_result db_init(struct db *db, const char *conninfo)
{
	memset(db, 0, sizeof(*db));
	db->conninfo = strdup(conninfo);
	return db->conninfo ? LL_OK : LL_ENOMEM;
}

static void db_drop(struct db *db)
{
	if(db->conn)
		PQfinish(db->conn);
	db->conn = NULL;
	db->nprepared = 0;
	db->in_tx = false;
	db->closing = false;
}

void db_close(struct db *db)
{
	db_drop(db);
	free(db->conninfo);
	db->conninfo = NULL;
}

static void db_note_error(struct db *db, const char *what, const PGresult *res)
{
	const char *msg = db->conn ? PQerrorMessage(db->conn) : "";
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL;
	size_t n;

	snprintf(db->last_error, sizeof(db->last_error), "%s: %s", what, msg);
	n = strlen(db->last_error);
	while(n && (db->last_error[n - 1] == '\n' || db->last_error[n - 1] == ' '))
		db->last_error[--n] = '\0';
	snprintf(db->last_sqlstate, sizeof(db->last_sqlstate), "%s", state ? state : "");
	snprintf(db->last_constraint, sizeof(db->last_constraint), "%s",
	         constraint ? constraint : "");
}

ll_result db_result_for(const char *sqlstate)
{
	/* 25006: this server takes no writes - it is (or became) a standby */
	static const char *const passing[] = {"08", "53", "57P", "40", "55P03", "58", "25006",
	                                      NULL};

	if(!sqlstate || !*sqlstate)
		return LL_EDB;
	if(strcmp(sqlstate, "57014") == 0)
		return LL_ETIMEOUT;
	if(strncmp(sqlstate, "22", 2) == 0)
		return LL_EVALIDATION;
	if(strncmp(sqlstate, "23", 2) == 0)
		return LL_ECONFLICT;
	for(int i = 0; passing[i]; i++)
		if(strncmp(sqlstate, passing[i], strlen(passing[i])) == 0)
			return LL_EDB;
	return LL_EINTERNAL;
}

/* Full jitter: a random delay in [min, min * 2^failures], capped. */
static double db_backoff(unsigned failures)
{
	double cap = DB_BACKOFF_MIN;
	unsigned r = 0;

	for(unsigned i = 0; i < failures && cap < DB_BACKOFF_MAX; i++)
		cap *= 2;
	if(cap > DB_BACKOFF_MAX)
		cap = DB_BACKOFF_MAX;
	if(getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (unsigned)rand();
	return DB_BACKOFF_MIN + (cap - DB_BACKOFF_MIN) * ((double)r / (double)UINT32_MAX);
}

/* Server notices ("relation already exists, skipping") are for debugging.
 * A FATAL one between queries is the server closing this connection
 * (57P01 on shutdown): what arrived with it cannot be trusted to be all. */
static void db_notice(void *arg, const PGresult *res)
{
	struct db *db = arg;
	const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);

	if(severity && (strcmp(severity, "FATAL") == 0 || strcmp(severity, "PANIC") == 0))
		db->closing = true;
	log_debug("db_notice", "%s", PQresultErrorMessage(res));
}

/* LISTEN on db->listen, a name from the code (quoted all the same). */
static ll_result db_listen(struct db *db)
{
	char *channel = PQescapeIdentifier(db->conn, db->listen, strlen(db->listen));
	char sql[128];
	PGresult *res;
	ll_result result = LL_EDB;

	if(!channel)
		goto out;
	snprintf(sql, sizeof(sql), "LISTEN %s", channel);
	res = PQexec(db->conn, sql);
	if(PQresultStatus(res) == PGRES_COMMAND_OK)
		result = LL_OK;
	else
		db_note_error(db, "listen", res);
	PQclear(res);
out:
	if(result)
		log_warn("db_listen_failed", "%s", db->last_error);
	PQfreemem(channel);
	return result;
}

bool db_notified(struct db *db)
{
	PGnotify *n;
	bool any = false;

	if(!db->conn || PQstatus(db->conn) != CONNECTION_OK || !PQconsumeInput(db->conn))
		return true;
	/* PQnotifies parses what arrived: notifications, and a FATAL notice */
	while((n = PQnotifies(db->conn))) {
		any = true;
		PQfreemem(n);
	}
	return any || db->closing || PQstatus(db->conn) != CONNECTION_OK;
}

ll_result db_connect(struct db *db)
{
	static const char *const keys[] = {
		"dbname", "connect_timeout", "application_name", "options", NULL,
	};
	const char *values[] = {db->conninfo, "3", "linelead", NULL, NULL};
	char options[128];
	int used;
	double now;

	if(db->conn && PQstatus(db->conn) == CONNECTION_OK && !db->closing)
		return LL_OK;
	db_drop(db);
	now = clock_mono();
	if(now < db->retry_at)
		return LL_EDB;
	/* Every statement is planned once per connection: they are few and
	 * fixed, and planning the retriever's with each question's values
	 * (PostgreSQL's way for the first five executions) cost more than running
	 * it.  A query may not outlive the request's time budget. */
	used = snprintf(options, sizeof(options), "-c plan_cache_mode=force_generic_plan");
	if(db->statement_timeout_ms > 0)
		snprintf(options + used, sizeof(options) - (size_t)used, " -c statement_timeout=%d",
		         db->statement_timeout_ms);
	values[3] = options;
	/* expand_dbname lets conninfo be a URL or key=value string. */
	db->conn = PQconnectdbParams(keys, values, 1);
	if(!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		db_note_error(db, "connect", NULL);
		if(db->failures == 0 || log_enabled(LOG_DEBUG))
			log_warn("db_connect_failed", "%s", db->last_error);
		db_drop(db);
		db->failures++;
		db->retry_at = now + db_backoff(db->failures);
		return LL_EDB;
	}
	PQsetNoticeReceiver(db->conn, db_notice, db);
	if(db->listen && db_listen(db) != LL_OK) {
		db_drop(db);
		db->failures++;
		db->retry_at = now + db_backoff(db->failures);
		return LL_EDB;
	}
	db->session++;
	if(db->failures)
		log_info("db_reconnected", "after %u failed attempts", db->failures);
	db->failures = 0;
	db->retry_at = 0;
	return LL_OK;
}

static bool db_conn_lost(struct db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if(!db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return true;
	/* Class 08: connection exception; 57P01..03: admin/crash shutdown;
	 * 25006 (read-only transaction): the server this connection reaches is
	 * no longer the primary (a failover, or a load balancer or pooler in
	 * front that moved).  Only a new connection finds the one that takes
	 * writes (target_session_attrs=read-write). */
	return state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 ||
	                 strcmp(state, "25006") == 0);
}

static bool db_is_prepared(const struct db *db, const struct db_stmt *stmt)
{
	for(int i = 0; i < db->nprepared; i++)
		if(db->prepared[i] == stmt)
			return true;
	return false;
}

/* One attempt: prepare if needed, execute.  *lost tells whether the
 * connection went away. */
static ll_result db_exec_once(struct db *db, const struct db_stmt *stmt, int n,
                              const char *const *params, PGresult **out, bool *lost)
{
	PGresult *res = NULL;
	ExecStatusType st;
	ll_result result;

	*lost = false;
	result = db_connect(db);
	if(result)
		return result;
	if(!db_is_prepared(db, stmt)) {
		res = PQprepare(db->conn, stmt->name, stmt->sql, 0, NULL);
		if(!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
			db_note_error(db, stmt->name, res);
			*lost = db_conn_lost(db, res);
			if(!*lost)
				log_error("db_prepare_failed", "%s", db->last_error);
			result = *lost ? LL_EDB : db_result_for(db->last_sqlstate);
			PQclear(res);
			return result;
		}
		PQclear(res);
		if(db->nprepared < DB_MAX_PREPARED)
			db->prepared[db->nprepared++] = stmt;
	}
	res = PQexecPrepared(db->conn, stmt->name, n, params, NULL, NULL, 0);
	st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if(st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		db_note_error(db, stmt->name, res);
		*lost = db_conn_lost(db, res);
		if(!*lost)
			log_error("db_query_failed", "%s", db->last_error);
		result = *lost ? LL_EDB : db_result_for(db->last_sqlstate);
		PQclear(res);
		return result;
	}
	if(out)
		*out = res;
	else
		PQclear(res);
	return LL_OK;
}

ll_result db_exec(struct db *db, const struct db_stmt *stmt, int n,
                  const char *const *params, PGresult **out)
{
	bool had_conn = db->conn != NULL, in_tx = db->in_tx, lost;
	ll_result result;

	if(out)
		*out = NULL;
	result = db_exec_once(db, stmt, n, params, out, &lost);
	if(result && lost) {
		log_warn("db_connection_lost", "%s", db->last_error);
		db_drop(db);
		/* A stale connection (the server restarted since we last used it)
		 * is not the query's fault: retry once, outside a transaction. */
		if(had_conn && !in_tx)
			result = db_exec_once(db, stmt, n, params, out, &lost);
		if(result && lost)
			db_drop(db);
	}
	return result;
}

ll_result db_exec_found(struct db *db, const struct db_stmt *stmt, int n, const char *const *params)
{
	PGresult *res = NULL;
	ll_result result = db_exec(db, stmt, n, params, &res);

	if(!result && PQntuples(res) == 0)
		result = LL_ENOTFOUND;
	PQclear(res);
	return result;
}

ll_result db_exec_simple(struct db *db, const char *sql)
{
	PGresult *res;
	ll_result result = db_connect(db);

	if(result)
		return result;
	res = PQexec(db->conn, sql);
	if(!res ||
	   (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)) {
		db_note_error(db, "exec", res);
		if(db_conn_lost(db, res)) {
			db_drop(db);
			result = LL_EDB;
		} else {
			result = db_result_for(db->last_sqlstate);
		}
	}
	PQclear(res);
	return result;
}

ll_result db_begin(struct db *db)
{
	ll_result result = db_exec_simple(db, "BEGIN");

	if(!result)
		db->in_tx = true;
	return result;
}

ll_result db_commit(struct db *db)
{
	ll_result result = db_exec_simple(db, "COMMIT");

	db->in_tx = false;
	return result;
}

void db_rollback(struct db *db)
{
	if(!db->in_tx)
		return;
	if(db->conn && PQstatus(db->conn) == CONNECTION_OK) {
		PGresult *res = PQexec(db->conn, "ROLLBACK");

		PQclear(res);
	}
	db->in_tx = false;
}
