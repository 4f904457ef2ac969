/* test_reqlog.c - http/reqlog: the request_log rows a worker keeps, when
 * they fall due, and the array literals they are written with.  The .c is
 * included (as h2o's tests do) to reach array_text and reqlog_arrays. */
#include "reqlog.c"

#include <string.h>

#include "db.h"
#include "../tap.h"

static void request(struct http_request *req, const char *id, int status)
{
	memset(req, 0, sizeof(*req));
	snprintf(req->request_id, sizeof(req->request_id), "%s", id);
	req->method = "POST";
	req->route = "/chat/production";
	req->agent = "safety";
	req->status = status;
	req->api_key_id = 3;
}

static void test_due(void)
{
	struct reqlog log;
	struct http_request req;

	memset(&log, 0, sizeof(log));
	CHECK(reqlog_due_in(&log) > 60, "nothing kept: nothing due");
	request(&req, "r1", 200);
	reqlog_add(&log, &req, 12.5);
	CHECK(log.n == 1 && strcmp(log.rows[0].request_id, "r1") == 0 && log.rows[0].status == 200,
	      "a request's row is kept");
	CHECK(reqlog_due_in(&log) > 0 && reqlog_due_in(&log) <= REQLOG_MAX_AGE_S,
	      "one fresh row is due within REQLOG_MAX_AGE_S");
	for(int i = 1; i < REQLOG_BATCH; i++)
		reqlog_add(&log, &req, 1.0);
	CHECK(reqlog_due_in(&log) <= 0, "a full batch is due now");
}

static void test_arrays(void)
{
	struct reqlog log;
	struct http_request req;
	struct buf cols[NCOLS];
	bool ok;

	memset(&log, 0, sizeof(log));
	request(&req, "a\"b\\c", 503);
	reqlog_add(&log, &req, 1.25);
	request(&req, "r2", 200);
	req.agent = NULL;
	req.cached = true;
	reqlog_add(&log, &req, 2.0);
	for(int c = 0; c < NCOLS; c++)
		buf_init(&cols[c], 4096);
	ok = reqlog_arrays(&log, "node-1", cols) == LL_OK;
	CHECK(ok && strcmp(buf_str(&cols[COL_ID]), "{\"a\\\"b\\\\c\",\"r2\"}") == 0,
	      "quotes and backslashes are escaped in a text array: %s", buf_str(&cols[COL_ID]));
	CHECK(ok && strcmp(buf_str(&cols[COL_AGENT]), "{\"safety\",NULL}") == 0,
	      "no agent is NULL");
	CHECK(ok && strcmp(buf_str(&cols[COL_STATUS]), "{503,200}") == 0 &&
	      strcmp(buf_str(&cols[COL_MS]), "{1.250,2.000}") == 0 &&
	      strcmp(buf_str(&cols[COL_CACHED]), "{f,t}") == 0 &&
	      strcmp(buf_str(&cols[COL_KEY]), "{3,3}") == 0, "numbers and booleans, one per row");
	for(int c = 0; c < NCOLS; c++)
		buf_free(&cols[c]);
}

/* Without a connection the rows are dropped and counted by the caller:
 * the log never holds a worker up. */
static void test_flush_without_db(void)
{
	struct reqlog log;
	struct http_request req;
	struct db db;
	struct settings s;

	memset(&log, 0, sizeof(log));
	memset(&db, 0, sizeof(db));
	memset(&s, 0, sizeof(s));
	CHECK(reqlog_flush(&log, &db, &s, NULL) == LL_OK, "nothing kept: nothing to write");
	request(&req, "r1", 200);
	reqlog_add(&log, &req, 1.0);
	CHECK(reqlog_flush(&log, &db, &s, NULL) == LL_EDB && log.n == 0,
	      "no connection: LL_EDB, the rows are gone");
}

int main(void)
{
	test_due();
	test_arrays();
	test_flush_without_db();
	return TAP_DONE();
}
