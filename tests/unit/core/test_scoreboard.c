/* test_scoreboard.c - core/scoreboard: the shared counters, shared for real
 * across fork as the pool's workers share them; the latency percentiles;
 * the slots that /health counts. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scoreboard.h"
#include "../tap.h"

static void test_shared_across_fork(struct scoreboard *sb)
{
	pid_t pids[4];
	int ok = 1;

	for(int k = 0; k < 4; k++) {
		pids[k] = fork();
		if(pids[k] == 0) {
			for(int i = 0; i < 1000; i++)
				scoreboard_count_request(sb, i % 10 ? 200 : 503, 5.0, AGENT_SAFETY);
			_exit(0);
		}
		ok &= pids[k] > 0;
	}
	for(int k = 0; k < 4; k++) {
		int status = 1;

		ok &= pids[k] > 0 && waitpid(pids[k], &status, 0) == pids[k] && WIFEXITED(status);
	}
	CHECK(ok && scoreboard_read(&sb->c.requests) == 4000,
	      "four processes' counts all land, none lost: %llu",
	      (unsigned long long)scoreboard_read(&sb->c.requests));
	CHECK(scoreboard_read(&sb->c.errors) == 400 && scoreboard_read(&sb->c.by_status_class[5]) == 400,
	      "5xx counted as errors and by class");
	CHECK(scoreboard_read(&sb->c.by_agent[AGENT_SAFETY]) == 4000, "counted by agent");
	CHECK(scoreboard_status_index(503) >= 0 &&
	      scoreboard_read(&sb->c.by_status[scoreboard_status_index(503)]) == 400,
	      "a listed status counted one by one");
}

static void test_percentile(void)
{
	struct scoreboard_counters c;
	double p50, p99;

	memset(&c, 0, sizeof(c));
	CHECK(scoreboard_percentile(&c, 0.5) == 0, "no requests: 0 ms");
	for(int b = 0; b < SCOREBOARD_BUCKETS - 1; b++)
		if(scoreboard_bucket_ms[b] >= 10) {
			c.latency_buckets[b] = 99;           /* 99 quick ones in one bucket */
			c.latency_buckets[SCOREBOARD_BUCKETS - 1] = 1;  /* and one very slow */
			p50 = scoreboard_percentile(&c, 0.5);
			p99 = scoreboard_percentile(&c, 0.995);
			CHECK(p50 > (b ? scoreboard_bucket_ms[b - 1] : 0) && p50 <= scoreboard_bucket_ms[b],
			      "the median lies in the bucket that holds it: %.1f ms", p50);
			CHECK(p99 >= scoreboard_bucket_ms[SCOREBOARD_BUCKETS - 2],
			      "the slow one sets the tail: %.1f ms", p99);
			break;
		}
}

static void test_slots(struct scoreboard *sb)
{
	int total, busy;

	sb->slots[0].pid = 100;
	scoreboard_slot_set(&sb->slots[0], SLOT_IDLE, NULL, NULL, NULL);
	sb->slots[1].pid = 101;
	scoreboard_slot_set(&sb->slots[1], SLOT_BUSY, "/chat/production", "routing", "req-1");
	scoreboard_slot_stage(&sb->slots[1], "generating");
	scoreboard_workers(sb, &total, &busy);
	CHECK(total == 2 && busy == 1, "two workers alive, one busy");
	CHECK(strcmp(sb->slots[1].stage, "generating") == 0 &&
	      strcmp(sb->slots[1].route, "/chat/production") == 0, "a busy slot shows route and stage");
	scoreboard_master_beat(sb);
	CHECK(scoreboard_master_silence(sb) < 1.0, "a master that just beat is not silent");
}

int main(void)
{
	struct scoreboard *sb = NULL;

	if(scoreboard_create(&sb) != LL_OK) {
		printf("not ok 1 - scoreboard_create\n");
		return 1;
	}
	test_shared_across_fork(sb);
	test_percentile();
	test_slots(sb);
	scoreboard_destroy(sb);
	return TAP_DONE();
}
