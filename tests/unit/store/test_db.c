/* test_db.c - store/db against a private PostgreSQL: statements prepared once
 * per connection, SQLSTATEs mapped to results, a statement timeout, rollback,
 * LISTEN, and the reconnect after the server restarts.  The .c is included
 * to reach db_backoff. */
#include "db.c"

#include <unistd.h>

#include "../pgtemp.h"
#include "../tap.h"

static const struct db_stmt add_one = {"test_add_one", "SELECT $1::int + 1"};
static const struct db_stmt insert_k = {"test_insert_k", "INSERT INTO t (k) VALUES ($1)"};
static const struct db_stmt count_k = {"test_count_k", "SELECT count(*) FROM t"};
static const struct db_stmt sleep_2 = {"test_sleep", "SELECT pg_sleep(2)"};

/* The value of add_one(41) on db, or -1. */
static long add_one_of_41(struct db *db)
{
	const char *params[] = {"41"};
	PGresult *res = NULL;
	long v = -1;

	if(db_exec(db, &add_one, 1, params, &res) == LL_OK)
		v = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

static long count_rows(struct db *db)
{
	PGresult *res = NULL;
	long v = -1;

	if(db_exec(db, &count_k, 0, NULL, &res) == LL_OK)
		v = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return v;
}

static void test_mapping(void)
{
	bool bounded = true;

	CHECK(db_result_for("23505") == LL_ECONFLICT, "a unique violation is a conflict (409)");
	CHECK(db_result_for("22P02") == LL_EVALIDATION, "bad input text is a validation error");
	CHECK(db_result_for("57014") == LL_ETIMEOUT, "a statement timeout is a timeout (504)");
	CHECK(db_result_for("08006") == LL_EDB && db_result_for("57P01") == LL_EDB &&
	              db_result_for("25006") == LL_EDB && db_result_for(NULL) == LL_EDB,
	      "a lost connection, a shutdown and a standby are the 503 that passes");
	CHECK(db_result_for("42P01") == LL_EINTERNAL, "an unknown table is a bug (500)");
	for(unsigned f = 0; f < 40; f++) {
		double d = db_backoff(f);

		bounded = bounded && d >= DB_BACKOFF_MIN && d <= DB_BACKOFF_MAX;
	}
	CHECK(bounded, "the reconnect backoff stays within [%.2f, %.1f] s", DB_BACKOFF_MIN,
	      DB_BACKOFF_MAX);
}

static void test_statements(struct db *db)
{
	const char *k[] = {"a"};
	double t0;
	ll_result result;

	CHECK(add_one_of_41(db) == 42 && add_one_of_41(db) == 42 && db->nprepared == 1,
	      "a statement runs with its parameter and is prepared once per connection");
	CHECK(db_exec_simple(db, "CREATE TABLE t (k text PRIMARY KEY)") == LL_OK, "DDL runs");
	CHECK(db_exec(db, &insert_k, 1, k, NULL) == LL_OK, "an insert runs");
	result = db_exec(db, &insert_k, 1, k, NULL);
	CHECK(result == LL_ECONFLICT && strcmp(db->last_sqlstate, "23505") == 0 &&
	              strcmp(db->last_constraint, "t_pkey") == 0,
	      "a duplicate key is LL_ECONFLICT naming the constraint (%d, %s)", result,
	      db->last_constraint);
	CHECK(db_begin(db) == LL_OK &&
	              db_exec(db, &insert_k, 1, (const char *[]){"b"}, NULL) == LL_OK &&
	              count_rows(db) == 2,
	      "a row inserted in a transaction is seen inside it");
	db_rollback(db);
	CHECK(count_rows(db) == 1 && !db->in_tx, "rolled back, it is gone");
	CHECK(add_one_of_41(db) == 42, "the connection is usable after the conflict");
	db->statement_timeout_ms = 200;
	db_drop(db);
	t0 = clock_mono();
	result = db_exec(db, &sleep_2, 0, NULL, NULL);
	CHECK(result == LL_ETIMEOUT && clock_mono() - t0 < 1.5,
	      "statement_timeout_ms cuts a long query short: LL_ETIMEOUT (%d)", result);
	db->statement_timeout_ms = 0;
}

static void test_reconnect(struct pgtemp *pg, struct db *db)
{
	unsigned long session = db->session;
	ll_result result;
	double until;
	long v = -1;

	CHECK(pgtemp_stop(pg) == 0, "the server stops");
	result = db_exec(db, &add_one, 1, (const char *[]){"1"}, NULL);
	CHECK(result == LL_EDB, "a query while the server is down is LL_EDB, the 503 (%d)", result);
	CHECK(db_exec(db, &add_one, 1, (const char *[]){"1"}, NULL) == LL_EDB && !db->conn,
	      "and again: no connection");
	CHECK(pgtemp_resume(pg) == 0, "the server starts again");
	until = clock_mono() + 10;
	while(v != 42 && clock_mono() < until) {
		v = add_one_of_41(db);
		if(v != 42)
			usleep(50 * 1000);
	}
	CHECK(v == 42, "the same struct db reconnects by itself and runs the statement again");
	CHECK(db->session == session + 1 && db->failures == 0, "one new session, failures reset");
	CHECK(count_rows(db) == 1, "what was committed before the restart is there");
}

static void test_listen(struct pgtemp *pg)
{
	struct db l;

	if(db_init(&l, pg->conninfo) != LL_OK) {
		CHECK(0, "db_init for LISTEN");
		return;
	}
	l.listen = "test_channel";
	CHECK(db_connect(&l) == LL_OK && !db_notified(&l), "LISTEN: nothing yet");
	CHECK(pgtemp_sql(pg, "NOTIFY test_channel") == 0, "another session notifies");
	usleep(100 * 1000);
	CHECK(db_notified(&l), "db_notified sees the notification");
	CHECK(!db_notified(&l), "once");
	db_close(&l);
	CHECK(db_notified(&l),
	      "a closed connection counts as notified (what it missed is unknown)");
}

int main(void)
{
	struct pgtemp pg;
	struct db db;
	int rc;

	log_setup(LOG_ERROR, 2);
	test_mapping();
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0, "a private PostgreSQL starts");
	if(rc != 0 || db_init(&db, pg.conninfo) != LL_OK) {
		pgtemp_free(&pg);
		return TAP_DONE();
	}
	test_statements(&db);
	test_reconnect(&pg, &db);
	test_listen(&pg);
	db_close(&db);
	pgtemp_free(&pg);
	return TAP_DONE();
}
