/* scoreboard.c - shared-memory counters and worker slots. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "clock.h"
#include "scoreboard.h"

const double scoreboard_bucket_ms[SCOREBOARD_BUCKETS - 1] = {
	1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000};

const int scoreboard_statuses[16] = {200, 201, 204, 400, 401, 403, 404, 405,
                                     413, 415, 422, 429, 500, 502, 503, 504};

ll_result scoreboard_create(struct scoreboard **out)
{
	struct scoreboard *sb = mmap(NULL, sizeof(*sb), PROT_READ | PROT_WRITE,
	                             MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if(sb == MAP_FAILED) {
		*out = NULL;
		return LL_ENOMEM;
	}
	memset(sb, 0, sizeof(*sb));
	sb->started = clock_wall();
	sb->master_heartbeat = clock_mono();
	*out = sb;
	return LL_OK;
}

void scoreboard_destroy(struct scoreboard *sb)
{
	if(sb)
		munmap(sb, sizeof(*sb));
}

void scoreboard_add(uint64_t *counter, uint64_t n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

uint64_t scoreboard_read(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

int scoreboard_status_index(int status)
{
	for(int i = 0; i < 16; i++)
		if(scoreboard_statuses[i] == status)
			return i;
	return -1;
}

void scoreboard_count_request(struct scoreboard *sb, int status, double duration_ms,
                              enum agent_id agent)
{
	struct scoreboard_counters *c = &sb->c;
	int b = 0, idx = scoreboard_status_index(status);

	scoreboard_add(&c->requests, 1);
	if(status >= 500)
		scoreboard_add(&c->errors, 1);
	if(status >= 100 && status < 600)
		scoreboard_add(&c->by_status_class[status / 100], 1);
	if(idx >= 0)
		scoreboard_add(&c->by_status[idx], 1);
	if(agent >= 0 && agent < AGENT_COUNT)
		scoreboard_add(&c->by_agent[agent], 1);
	while(b < SCOREBOARD_BUCKETS - 1 && duration_ms > scoreboard_bucket_ms[b])
		b++;
	scoreboard_add(&c->latency_buckets[b], 1);
	scoreboard_add(&c->latency_sum_us, (uint64_t)(duration_ms * 1000.0));
}

/* Linear interpolation inside the bucket that holds the q-th observation. */
double scoreboard_percentile(const struct scoreboard_counters *c, double q)
{
	uint64_t total = 0, seen = 0, counts[SCOREBOARD_BUCKETS];
	double rank;

	for(int b = 0; b < SCOREBOARD_BUCKETS; b++) {
		counts[b] = scoreboard_read(&c->latency_buckets[b]);
		total += counts[b];
	}
	if(total == 0)
		return 0;
	rank = q * (double)total;
	for(int b = 0; b < SCOREBOARD_BUCKETS; b++) {
		if(counts[b] && (double)(seen + counts[b]) >= rank) {
			double lo = b ? scoreboard_bucket_ms[b - 1] : 0;
			double hi = b < SCOREBOARD_BUCKETS - 1 ? scoreboard_bucket_ms[b] : lo * 2;

			return lo + (hi - lo) * ((rank - (double)seen) / (double)counts[b]);
		}
		seen += counts[b];
	}
	return scoreboard_bucket_ms[SCOREBOARD_BUCKETS - 2];
}

void scoreboard_slot_set(struct scoreboard_slot *slot, int state, const char *route,
                         const char *stage, const char *request_id)
{
	slot->state = state;
	slot->since = clock_wall();
	slot->request_started = state == SLOT_BUSY ? clock_mono() : 0;
	snprintf(slot->route, sizeof(slot->route), "%s", route ? route : "");
	snprintf(slot->stage, sizeof(slot->stage), "%s", stage ? stage : "");
	snprintf(slot->request_id, sizeof(slot->request_id), "%s", request_id ? request_id : "");
}

void scoreboard_slot_stage(struct scoreboard_slot *slot, const char *stage)
{
	snprintf(slot->stage, sizeof(slot->stage), "%s", stage);
}

void scoreboard_workers(const struct scoreboard *sb, int *total, int *busy)
{
	*total = 0;
	*busy = 0;
	for(int i = 0; i < SCOREBOARD_SLOTS; i++) {
		if(sb->slots[i].pid > 0 && sb->slots[i].state != SLOT_EMPTY) {
			(*total)++;
			if(sb->slots[i].state == SLOT_BUSY)
				(*busy)++;
		}
	}
}

void scoreboard_master_beat(struct scoreboard *sb)
{
	double now = clock_mono();

	__atomic_store(&sb->master_heartbeat, &now, __ATOMIC_RELAXED);
}

double scoreboard_master_silence(const struct scoreboard *sb)
{
	double beat;

	__atomic_load(&sb->master_heartbeat, &beat, __ATOMIC_RELAXED);
	return clock_mono() - beat;
}
