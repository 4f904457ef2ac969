/* metrics.c - live counters from the scoreboard, history from PostgreSQL. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agents.h"
#include "clock.h"
#include "db.h"
#include "metrics.h"
#include "scoreboard.h"

/* The HELP and TYPE lines of a Prometheus metric. */
static ll_result prom_header(struct buf *out, const char *name, const char *help, const char *type)
{
	return buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* a / b, or 0 when b is not positive. */
static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static void iso8601_now(char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The durable history of every node, from the hourly rollup (docs/schema.md,
 * "The request-log rollup"): a range scan on its primary key, a few hundred
 * rows for 24h, so it stays in the milliseconds whatever the size of
 * request_log.  Hours are UTC hours (date_trunc(..., 'UTC')), so the window
 * does not move with the session's TimeZone.  Two statements: the counts
 * (one scan, every grouping at once: GROUPING_* below) and the latency
 * quantiles, from the summed histograms (linelead_latency_quantile, as
 * Prometheus' histogram_quantile) bounded by the window's maximum. */
#define METRICS_WINDOW \
	" FROM request_log_hourly WHERE hour >= date_trunc('hour', now() - $1::interval, 'UTC')"
static const struct db_stmt metrics_window_counts = {
	"metrics_window_counts",
	"SELECT grouping(hour, agent, status),"
	" to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"'),"
	" coalesce(nullif(agent, ''), 'none'), status,"
	" coalesce(sum(requests), 0)::bigint, coalesce(sum(errors), 0)::bigint,"
	" coalesce(sum(duration_ms_sum), 0)"
	METRICS_WINDOW " GROUP BY GROUPING SETS ((hour), (agent), (status), ()) ORDER BY 1, 2"};
/* grouping(hour, agent, status) of each grouping set: a bit for each column left out */
enum { GROUPING_HOUR = 3, GROUPING_AGENT = 5, GROUPING_STATUS = 6, GROUPING_TOTAL = 7 };

static const struct db_stmt metrics_window_latency = {
	"metrics_window_latency",
	"SELECT t.max_ms,"
	" linelead_latency_quantile(t.buckets, 0.50, t.max_ms),"
	" linelead_latency_quantile(t.buckets, 0.95, t.max_ms),"
	" linelead_latency_quantile(t.buckets, 0.99, t.max_ms)"
	" FROM (SELECT max(duration_ms_max) AS max_ms,"
	" ARRAY[sum(latency_buckets[1]), sum(latency_buckets[2]), sum(latency_buckets[3]),"
	" sum(latency_buckets[4]), sum(latency_buckets[5]), sum(latency_buckets[6]),"
	" sum(latency_buckets[7]), sum(latency_buckets[8]), sum(latency_buckets[9]),"
	" sum(latency_buckets[10]), sum(latency_buckets[11]), sum(latency_buckets[12]),"
	" sum(latency_buckets[13]), sum(latency_buckets[14])]::bigint[] AS buckets"
	METRICS_WINDOW ") t"};

/* A numeric column as a JSON number, or JSON null when SQL NULL. */
static struct json_object *metrics_number(const PGresult *res, int row, int col)
{
	if(PQgetisnull(res, row, col))
		return NULL;
	return json_object_new_double(strtod(PQgetvalue(res, row, col), NULL));
}

/* For the dashboard: what breaks, and what people asked lately. */
static const struct db_stmt metrics_top_problems = {
	"metrics_top_problems",
	"SELECT coalesce(model, '') AS model, coalesce(error_code, '') AS error_code, mentions,"
	" to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS last_seen"
	" FROM top_equipment_problems WHERE last_seen >= now() - $1::interval LIMIT 10"};
static const struct db_stmt metrics_recent_conversations = {
	"metrics_recent_conversations",
	"SELECT rc.conversation_id,"
	" to_char(rc.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS last_activity,"
	" rc.first_question, coalesce(rc.last_agent, '') AS agent, fb.up, fb.down"
	" FROM recent_conversations rc"
	" CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE f.rating = 'up') AS up,"
	"   count(*) FILTER (WHERE f.rating = 'down') AS down"
	"   FROM messages m JOIN feedback f ON f.request_id = m.request_id"
	"   WHERE m.conversation_id = rc.conversation_id AND m.role = 'assistant') fb"
	" WHERE rc.last_activity_at >= now() - $1::interval LIMIT 10"};

/* Rows as objects keyed by column name; integer columns as numbers. */
static struct json_object *metrics_rows(const PGresult *res)
{
	struct json_object *rows = json_object_new_array();

	for(int i = 0; i < PQntuples(res); i++) {
		struct json_object *row = json_object_new_object();

		for(int c = 0; c < PQnfields(res); c++) {
			const char *v = PQgetvalue(res, i, c);
			Oid type = PQftype(res, c);

			json_object_object_add(row, PQfname(res, c),
			                       type == 20 || type == 23
			                               ? json_object_new_int64(strtoll(v, NULL, 10))
			                               : json_object_new_string(v));
		}
		json_object_array_add(rows, row);
	}
	return rows;
}

/* One row of metrics_window_counts (grouping, hour, agent, status,
 * requests, errors, duration sum) into the series, the counts by agent and
 * by status, or the totals. */
static void window_row(PGresult *res, int i, struct json_object *series,
                       struct json_object *by_agent, struct json_object *by_status,
                       long long *total, long long *errors, double *ms_sum)
{
	int set = (int)strtol(PQgetvalue(res, i, 0), NULL, 10);
	long long n = strtoll(PQgetvalue(res, i, 4), NULL, 10);
	long long e = strtoll(PQgetvalue(res, i, 5), NULL, 10);
	double sum = strtod(PQgetvalue(res, i, 6), NULL);

	if(set == GROUPING_HOUR) {
		struct json_object *p = json_object_new_object();

		json_object_object_add(p, "hour", json_object_new_string(PQgetvalue(res, i, 1)));
		json_object_object_add(p, "requests", json_object_new_int64(n));
		json_object_object_add(p, "errors", json_object_new_int64(e));
		json_object_object_add(p, "avg_ms", json_object_new_double(ratio(sum, (double)n)));
		json_object_array_add(series, p);
	} else if(set == GROUPING_AGENT)
		json_object_object_add(by_agent, PQgetvalue(res, i, 2), json_object_new_int64(n));
	else if(set == GROUPING_STATUS)
		json_object_object_add(by_status, PQgetvalue(res, i, 3), json_object_new_int64(n));
	else if(set == GROUPING_TOTAL) {
		*total = n;
		*errors = e;
		*ms_sum = sum;
	}
}

/* The dashboard's panels of the window (params[0], an interval) into hist:
 * the top equipment problems and the recent conversations. */
static ll_result window_dashboard(struct db *db, const char *const params[1],
                                  struct json_object *hist)
{
	PGresult *res = NULL;
	ll_result result;

	result = db_exec(db, &metrics_top_problems, 1, params, &res);
	if(result)
		goto out;
	json_object_object_add(hist, "top_equipment_problems", metrics_rows(res));
	PQclear(res);
	res = NULL;
	result = db_exec(db, &metrics_recent_conversations, 1, params, &res);
	if(result)
		goto out;
	json_object_object_add(hist, "recent_conversations", metrics_rows(res));
out:
	if(res)
		PQclear(res);
	return result;
}

static ll_result metrics_window(struct db *db, const char *window, bool dashboard,
                                struct json_object *body)
{
	const char *interval, *params[1];
	struct json_object *hist = NULL, *series, *by_agent, *by_status, *rt;
	PGresult *res = NULL;
	long long total = 0, errors = 0;
	double ms_sum = 0;
	ll_result result;

	if(strcmp(window, "1h") == 0)
		interval = "1 hour";
	else if(strcmp(window, "24h") == 0)
		interval = "24 hours";
	else if(strcmp(window, "7d") == 0)
		interval = "7 days";
	else
		return LL_EINVAL;
	params[0] = interval;
	hist = json_object_new_object();
	json_object_object_add(hist, "window", json_object_new_string(window));

	/* columns: grouping, hour, agent, status, requests, errors, duration sum */
	result = db_exec(db, &metrics_window_counts, 1, params, &res);
	if(result)
		goto out;
	series = json_object_new_array();
	by_agent = json_object_new_object();
	by_status = json_object_new_object();
	for(int i = 0; i < PQntuples(res); i++)
		window_row(res, i, series, by_agent, by_status, &total, &errors, &ms_sum);
	PQclear(res);
	res = NULL;
	json_object_object_add(hist, "request_count", json_object_new_int64(total));
	json_object_object_add(hist, "error_count", json_object_new_int64(errors));
	json_object_object_add(hist, "error_rate",
	                       json_object_new_double(ratio((double)errors, (double)total)));

	result = db_exec(db, &metrics_window_latency, 1, params, &res);
	if(result) {
		json_object_put(series);
		json_object_put(by_agent);
		json_object_put(by_status);
		goto out;
	}
	rt = json_object_new_object();
	json_object_object_add(rt, "avg", json_object_new_double(ratio(ms_sum, (double)total)));
	json_object_object_add(rt, "p50", metrics_number(res, 0, 1));
	json_object_object_add(rt, "p95", metrics_number(res, 0, 2));
	json_object_object_add(rt, "p99", metrics_number(res, 0, 3));
	json_object_object_add(rt, "max", metrics_number(res, 0, 0));
	json_object_object_add(hist, "response_time_ms", rt);
	json_object_object_add(hist, "by_agent", by_agent);
	json_object_object_add(hist, "by_status", by_status);
	json_object_object_add(hist, "series", series);
	PQclear(res);
	res = NULL;

	/* The dashboard's panels read whole views over messages: only on
	 * request, so the plain window stays a few milliseconds at any size. */
	if(dashboard)
		result = window_dashboard(db, params, hist);
	if(result)
		goto out;
	json_object_object_add(body, "history", hist);
	hist = NULL;
out:
	if(res)
		PQclear(res);
	if(hist)
		json_object_put(hist);
	return result;
}


/* The errors nginx answered by itself (edgelog.h): by status, and how many
 * were 5xx - the 502s and 504s a client saw that no worker counted. */
static struct json_object *metrics_edge_json(const struct scoreboard *sb)
{
	struct json_object *o = json_object_new_object(), *by = json_object_new_object();
	uint64_t server = 0;
	char key[8];

	for(int i = 0; i < EDGELOG_STATUSES; i++) {
		uint64_t n = scoreboard_read(&sb->edge_errors[i]);

		if(!n)
			continue;
		snprintf(key, sizeof(key), "%d", EDGELOG_FIRST + i);
		json_object_object_add(by, key, json_object_new_int64((int64_t)n));
		if(EDGELOG_FIRST + i >= 500)
			server += n;
	}
	json_object_object_add(o, "errors_by_status", by);
	json_object_object_add(o, "server_errors", json_object_new_int64((int64_t)server));
	return o;
}

/* Prometheus lines for the same: every status seen, 502 and 504 always. */
static ll_result metrics_edge_prometheus(const struct scoreboard *sb, struct buf *out)
{
	ll_result result = prom_header(out, "linelead_nginx_errors_total",
	                               "Errors nginx answered by itself (the pool never saw these "
	                               "requests), by status.", "counter");

	for(int i = 0; i < EDGELOG_STATUSES && !result; i++) {
		int status = EDGELOG_FIRST + i;
		uint64_t n = scoreboard_read(&sb->edge_errors[i]);

		if(n || status == 502 || status == 504)
			result = buf_printf(out, "%s{status=\"%d\"} %llu\n",
			                    "linelead_nginx_errors_total", status,
			                    (unsigned long long)n);
	}
	return result;
}

/* The scoreboard's plain counters as /metrics shows them: the JSON
 * "counters" object (json) and the Prometheus counters (prom, help), each
 * in this order; NULL where one of them leaves it out. */
struct counter_row {
	const char *json;
	const char *prom;
	const char *help;
	size_t offset;                      /* in struct scoreboard_counters */
};

#define COUNTER(field) offsetof(struct scoreboard_counters, field)

static const struct counter_row counter_table[] = {
	{NULL, "linelead_errors_total", "Requests answered with a 5xx status.", COUNTER(errors)},
	{"llm_calls", "linelead_llm_calls_total", "Calls made to the LLM endpoint.",
	 COUNTER(llm_calls)},
	{"llm_failures", NULL, NULL, COUNTER(llm_failures)},
	{"llm_fallbacks", "linelead_llm_fallbacks_total",
	 "Answers composed locally because the LLM failed.", COUNTER(llm_fallbacks)},
	{"cache_hits", "linelead_cache_hits_total", "Answers served from the answer cache.",
	 COUNTER(cache_hits)},
	{"db_errors", "linelead_db_errors_total", "Requests that failed on the database.",
	 COUNTER(db_errors)},
	{"worker_restarts", "linelead_worker_restarts_total", "Workers replaced after dying.",
	 COUNTER(worker_restarts)},
	{"request_log_failures", "linelead_request_log_failures_total",
	 "Requests not written to request_log.", COUNTER(request_log_failures)},
	{"timeouts", NULL, NULL, COUNTER(timeouts)},
};

static uint64_t counter_value(const struct scoreboard_counters *c, const struct counter_row *k)
{
	return scoreboard_read((const uint64_t *)((const char *)c + k->offset));
}

ll_result metrics_json(struct db *db, struct scoreboard *sb, const char *window, bool dashboard,
                       struct json_object **out)
{
	const struct scoreboard_counters *c = &sb->c;
	struct json_object *body, *server, *rt, *agents, *statuses, *counters, *workers;
	double uptime = clock_wall() - sb->started;
	uint64_t requests = scoreboard_read(&c->requests), errors = scoreboard_read(&c->errors);
	char ts[32], key[8];
	int total, busy;
	ll_result result = LL_OK;

	*out = NULL;
	body = json_object_new_object();
	server = json_object_new_object();
	json_object_object_add(server, "uptime_seconds", json_object_new_double(uptime));
	json_object_object_add(server, "request_count", json_object_new_int64((int64_t)requests));
	json_object_object_add(server, "error_count", json_object_new_int64((int64_t)errors));
	json_object_object_add(server, "error_rate",
	                       json_object_new_double(ratio((double)errors, (double)requests)));
	json_object_object_add(server, "requests_per_hour",
	                       json_object_new_double(ratio((double)requests * 3600.0, uptime)));
	json_object_object_add(body, "server_metrics", server);
	rt = json_object_new_object();
	json_object_object_add(rt, "avg", json_object_new_double(
		ratio((double)scoreboard_read(&c->latency_sum_us) / 1000.0, (double)requests)));
	json_object_object_add(rt, "p50", json_object_new_double(scoreboard_percentile(c, 0.50)));
	json_object_object_add(rt, "p95", json_object_new_double(scoreboard_percentile(c, 0.95)));
	json_object_object_add(rt, "p99", json_object_new_double(scoreboard_percentile(c, 0.99)));
	json_object_object_add(body, "response_time_ms", rt);
	agents = json_object_new_object();
	for(int i = 0; i < AGENT_COUNT; i++) {
		uint64_t n = scoreboard_read(&c->by_agent[i]);

		json_object_object_add(agents, agent_name((enum agent_id)i),
		                       json_object_new_int64((int64_t)n));
	}
	json_object_object_add(body, "by_agent", agents);
	statuses = json_object_new_object();
	for(int i = 0; i < 16; i++) {
		uint64_t n = scoreboard_read(&c->by_status[i]);

		if(!n)
			continue;
		snprintf(key, sizeof(key), "%d", scoreboard_statuses[i]);
		json_object_object_add(statuses, key, json_object_new_int64((int64_t)n));
	}
	json_object_object_add(body, "by_status", statuses);
	json_object_object_add(body, "nginx", metrics_edge_json(sb));
	counters = json_object_new_object();
	for(size_t i = 0; i < sizeof(counter_table) / sizeof(counter_table[0]); i++) {
		const struct counter_row *k = &counter_table[i];

		if(k->json)
			json_object_object_add(counters, k->json,
			                       json_object_new_int64((int64_t)counter_value(c, k)));
	}
	json_object_object_add(body, "counters", counters);
	scoreboard_workers(sb, &total, &busy);
	workers = json_object_new_object();
	json_object_object_add(workers, "total", json_object_new_int(total));
	json_object_object_add(workers, "busy", json_object_new_int(busy));
	json_object_object_add(body, "workers", workers);
	if(window) {
		result = metrics_window(db, window, dashboard, body);
		if(result)
			goto out;
	}
	iso8601_now(ts, sizeof(ts));
	json_object_object_add(body, "timestamp", json_object_new_string(ts));
out:
	if(result)
		json_object_put(body);
	else
		*out = body;
	return result;
}

/* One counter family with HELP and TYPE lines. */
static ll_result prom_counter(struct buf *out, const char *name, const char *help, uint64_t v)
{
	return buf_printf(out, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name,
	                  (unsigned long long)v);
}

ll_result metrics_prometheus(struct scoreboard *sb, struct buf *out)
{
	const struct scoreboard_counters *c = &sb->c;
	uint64_t cumulative = 0;
	int total, busy;
	ll_result result;

	result = prom_header(out, "linelead_uptime_seconds", "Seconds since the pool started.",
	                     "gauge");
	if(!result)
		result = buf_printf(out, "linelead_uptime_seconds %.3f\n",
		                    clock_wall() - sb->started);
	if(!result)
		result = prom_header(out, "linelead_requests_total",
		                     "Requests answered, by status.", "counter");
	for(int i = 0; i < 16 && !result; i++)
		result = buf_printf(out, "linelead_requests_total{status=\"%d\"} %llu\n",
		                    scoreboard_statuses[i],
		                    (unsigned long long)scoreboard_read(&c->by_status[i]));
	if(!result)
		result = prom_header(out, "linelead_agent_requests_total",
		                     "Questions answered, by agent.", "counter");
	for(int i = 0; i < AGENT_COUNT && !result; i++)
		result = buf_printf(out, "linelead_agent_requests_total{agent=\"%s\"} %llu\n",
		                    agent_name((enum agent_id)i),
		                    (unsigned long long)scoreboard_read(&c->by_agent[i]));
	if(!result)
		result = prom_header(out, "linelead_request_duration_seconds",
		                     "Time from request to response.", "histogram");
	for(int b = 0; b < SCOREBOARD_BUCKETS && !result; b++) {
		cumulative += scoreboard_read(&c->latency_buckets[b]);
		if(b < SCOREBOARD_BUCKETS - 1)
			result = buf_printf(out, "%s{le=\"%g\"} %llu\n",
			                    "linelead_request_duration_seconds_bucket",
			                    scoreboard_bucket_ms[b] / 1000.0,
			                    (unsigned long long)cumulative);
		else
			result = buf_printf(out, "linelead_request_duration_seconds_bucket"
			                         "{le=\"+Inf\"} %llu\n"
			                         "linelead_request_duration_seconds_sum %.6f\n"
			                         "linelead_request_duration_seconds_count %llu\n",
			                    (unsigned long long)cumulative,
			                    (double)scoreboard_read(&c->latency_sum_us) / 1e6,
			                    (unsigned long long)cumulative);
	}
	for(size_t i = 0; i < sizeof(counter_table) / sizeof(counter_table[0]) && !result; i++) {
		const struct counter_row *k = &counter_table[i];

		if(k->prom)
			result = prom_counter(out, k->prom, k->help, counter_value(c, k));
	}
	if(!result)
		result = metrics_edge_prometheus(sb, out);
	scoreboard_workers(sb, &total, &busy);
	if(!result)
		result = prom_header(out, "linelead_workers", "Worker processes alive.", "gauge");
	if(!result)
		result = buf_printf(out, "linelead_workers %d\n", total);
	if(!result)
		result = prom_header(out, "linelead_workers_busy", "Workers serving a request now.",
		                     "gauge");
	if(!result)
		result = buf_printf(out, "linelead_workers_busy %d\n", busy);
	return result;
}
