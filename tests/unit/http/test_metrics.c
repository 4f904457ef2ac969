/* test_metrics.c - http/metrics: the Prometheus text format (/metrics with
 * Accept: text/plain) from a real scoreboard, the parts that need no
 * database.  The .c is included (as h2o's tests do) to reach prom_header,
 * prom_counter and ratio. */
#include "metrics.c"

#include <string.h>

#include "../tap.h"

static void test_helpers(void)
{
	struct buf out;

	buf_init(&out, 4096);
	CHECK(prom_header(&out, "x_total", "Things.", "counter") == LL_OK &&
	      strcmp(buf_str(&out), "# HELP x_total Things.\n# TYPE x_total counter\n") == 0,
	      "HELP and TYPE lines");
	buf_reset(&out);
	CHECK(prom_counter(&out, "x_total", "Things.", 42) == LL_OK &&
	      strcmp(buf_str(&out), "# HELP x_total Things.\n# TYPE x_total counter\n"
	                            "x_total 42\n") == 0,
	      "a counter family: HELP, TYPE and its one sample");
	CHECK(ratio(1, 4) == 0.25 && ratio(1, 0) == 0 && ratio(1, -1) == 0,
	      "ratio is 0 when there is nothing to divide by");
	buf_free(&out);
}

/* Every TYPE line is followed by samples of its family (a histogram's
 * _bucket, _sum and _count), and every sample line is "name[{...}] value". */
static bool well_formed(const char *text)
{
	char family[128] = "";

	for(const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if(!nl || len == 0)
			return false;
		if(strncmp(line, "# TYPE ", 7) == 0) {
			size_t n = strcspn(line + 7, " ");

			if(n >= sizeof(family))
				return false;
			memcpy(family, line + 7, n);
			family[n] = '\0';
		} else if(line[0] != '#') {
			const char *space = memchr(line, ' ', len);

			if(!family[0] || strncmp(line, family, strlen(family)) != 0 || !space ||
			   memchr(space + 1, ' ', len - (size_t)(space + 1 - line)))
				return false;
		}
		line = nl + 1;
	}
	return true;
}

static void test_prometheus(void)
{
	struct scoreboard *sb;
	struct buf out;
	const char *text;

	if(scoreboard_create(&sb) != LL_OK) {
		CHECK(0, "scoreboard_create");
		return;
	}
	buf_init(&out, 1 << 20);
	for(int i = 0; i < 3; i++)
		scoreboard_count_request(sb, 200, 5.0, AGENT_SAFETY);
	scoreboard_count_request(sb, 503, 5000.0, AGENT_SAFETY);
	CHECK(metrics_prometheus(sb, &out) == LL_OK, "the text is written");
	text = buf_str(&out);
	CHECK(well_formed(text), "every sample follows its TYPE line, one value each");
	CHECK(strstr(text, "\nlinelead_requests_total{status=\"200\"} 3\n") &&
	      strstr(text, "\nlinelead_requests_total{status=\"503\"} 1\n"),
	      "requests by status");
	CHECK(strstr(text, "linelead_agent_requests_total{agent=\"safety\"} 4\n") != NULL,
	      "questions by agent");
	CHECK(strstr(text, "# TYPE linelead_request_duration_seconds histogram\n") &&
	      strstr(text, "linelead_request_duration_seconds_bucket{le=\"+Inf\"} 4\n") &&
	      strstr(text, "linelead_request_duration_seconds_count 4\n"),
	      "the latency histogram ends with +Inf and the count");
	CHECK(strstr(text, "linelead_request_duration_seconds_sum 5.015000\n") != NULL,
	      "its sum is in seconds");
	buf_free(&out);
	scoreboard_destroy(sb);
}

int main(void)
{
	test_helpers();
	test_prometheus();
	return TAP_DONE();
}
