/* scoreboard.h - shared memory between the master and its workers (after
 * php-fpm's fpm_scoreboard).
 *
 * The master maps it before forking, so every worker sees the same pages.
 * Each worker writes only its own slot; the counters are updated with atomic
 * adds.  /health, /metrics and the master's slow-request watchdog read it.
 * It survives worker crashes and restarts; it dies with the master.
 */
#ifndef LINELEAD_SCOREBOARD_H
#define LINELEAD_SCOREBOARD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "agents.h"
#include "edgelog.h"
#include "result.h"

#define SCOREBOARD_SLOTS 256
/* Latency histogram upper bounds in ms; the last bucket is +Inf. */
#define SCOREBOARD_BUCKETS 16
extern const double scoreboard_bucket_ms[SCOREBOARD_BUCKETS - 1];

enum slot_state { SLOT_EMPTY = 0, SLOT_IDLE, SLOT_BUSY, SLOT_EXITING };

struct scoreboard_slot {
	pid_t pid;
	int state;                 /* enum slot_state */
	double since;              /* wall-clock seconds the state began */
	double request_started;    /* monotonic seconds, 0 when idle */
	uint64_t requests;         /* served by this process */
	char route[48];
	char stage[24];
	char request_id[64];
};

enum breaker_state { BREAKER_CLOSED = 0, BREAKER_OPEN, BREAKER_HALF_OPEN };

struct scoreboard_counters {
	uint64_t requests;
	uint64_t errors;                        /* 5xx */
	uint64_t by_status_class[6];            /* index status/100 */
	uint64_t by_status[16];                 /* see scoreboard_status_index */
	uint64_t by_agent[AGENT_COUNT];
	uint64_t latency_buckets[SCOREBOARD_BUCKETS];
	uint64_t latency_sum_us;
	uint64_t llm_calls;
	uint64_t llm_failures;
	uint64_t llm_fallbacks;
	uint64_t cache_hits;
	uint64_t db_errors;
	uint64_t worker_restarts;
	uint64_t request_log_failures;
	uint64_t timeouts;
};

struct scoreboard {
	double started;                          /* wall-clock seconds */
	/* Monotonic seconds of the master's last loop (it loops at least
	 * every 100 ms): an old value means a master that is frozen. */
	double master_heartbeat;
	int nslots;                              /* workers configured */
	struct scoreboard_counters c;
	/* The LLM circuit breaker, shared so one worker's failures spare the others. */
	int breaker_state;
	int breaker_failures;
	double breaker_open_until;               /* wall-clock seconds */
	/* When this node next prunes request_log (wall-clock seconds); the
	 * worker that advances it with a compare-and-swap does the work. */
	int64_t prune_next_at;
	/* Errors nginx answered by itself (502 with the pool down, 504, 413, ...),
	 * by status - EDGELOG_FIRST; counted by the master from nginx's log. */
	uint64_t edge_errors[EDGELOG_STATUSES];
	struct scoreboard_slot slots[SCOREBOARD_SLOTS];
};

/* Maps a new zeroed scoreboard shared with future children. */
__attribute__((warn_unused_result))
ll_result scoreboard_create(struct scoreboard **out);
void scoreboard_destroy(struct scoreboard *sb);

/* The statuses counted one by one (others only by class). */
extern const int scoreboard_statuses[16];
int scoreboard_status_index(int status);

void scoreboard_count_request(struct scoreboard *sb, int status, double duration_ms,
                              enum agent_id agent);
void scoreboard_add(uint64_t *counter, uint64_t n);
uint64_t scoreboard_read(const uint64_t *counter);

/* Percentile (0..1) estimated from the histogram, in ms. */
double scoreboard_percentile(const struct scoreboard_counters *c, double q);

void scoreboard_slot_set(struct scoreboard_slot *slot, int state, const char *route,
                         const char *stage, const char *request_id);
void scoreboard_slot_stage(struct scoreboard_slot *slot, const char *stage);

/* Workers alive and busy right now. */
void scoreboard_workers(const struct scoreboard *sb, int *total, int *busy);

/* The master records that it is alive (each loop); a worker asks for how
 * many seconds it has not. */
void scoreboard_master_beat(struct scoreboard *sb);
double scoreboard_master_silence(const struct scoreboard *sb);

#endif
