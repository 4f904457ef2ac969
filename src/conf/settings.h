/* settings.h - the configuration: one table of settings with their bounds.
 *
 * Sources, later ones winning: built-in defaults, the config file
 * (`key = value`, '#' comments), then the environment (LINELEAD_<KEY> or a
 * listed alias such as DATABASE_URL).  Unknown keys and out-of-range values
 * are errors naming the file and line.  A loaded struct settings owns all its
 * strings; settings_free() releases them.
 */
#ifndef LINELEAD_SETTINGS_H
#define LINELEAD_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"

enum retrieval_mode { RETRIEVAL_PG = 0, RETRIEVAL_RAGIE, RETRIEVAL_BOTH };

struct settings {
	char *environment;          /* development | production | test */
	char *listen;               /* unix:/path or host:port */
	int socket_mode;            /* octal, e.g. 0660 */
	char *socket_group;
	char *user;                 /* drop to this user when started as root */
	int workers;                /* 0 = 2 x cores */
	int max_requests;           /* recycle a worker after this many; 0 = never */
	int shutdown_timeout_ms;
	int request_timeout_ms;     /* per-request time budget */
	int slow_request_ms;
	char *database_url;
	char *admin_database_url;   /* for migrate; empty = database_url */
	char *auth;                 /* required | off */
	char *api_key;              /* optional bootstrap admin key (prototype's API_KEY) */
	int log_level;              /* enum log_level */
	char *log_file;             /* empty = stderr */
	bool log_bodies;
	char *pid_file;
	char *nginx_errors_log;     /* nginx's log of its own errors; empty = off */
	char *data_dir;             /* holds sql/, kb/, data/routing/ */
	char *node_name;            /* this node in request_log; default hostname */
	int max_body_bytes;
	int max_document_bytes;
	int max_json_depth;
	char *llm_base_url;
	char *llm_api_key;          /* secret */
	char *llm_model;
	int llm_timeout_ms;
	int llm_connect_timeout_ms;
	int llm_max_tokens;
	double llm_temperature;
	bool llm_allow_http;
	int llm_history_turns;
	int retrieval;              /* enum retrieval_mode */
	char *ragie_api_key;        /* secret */
	char *ragie_base_url;
	char *ragie_partition;
	int ragie_timeout_ms;
	bool cache;
	int cache_ttl_s;
	int retention_days;
};

/* Fills *s from defaults, then `path` (NULL or missing file with
 * `path_optional` = no file), then the environment.  On error *s is freed and
 * `err` holds a message such as "linelead.conf:12: workers: must be 0..256". */
__attribute__((warn_unused_result))
ll_result settings_load(struct settings *s, const char *path, bool path_optional,
                        char *err, size_t errlen);
void settings_free(struct settings *s);

/* Applies `key = value` lines from text over *s (already holding defaults);
 * `name` is the file name used in messages.  Exposed for the fuzz target. */
__attribute__((warn_unused_result))
ll_result settings_parse(struct settings *s, const char *text, size_t len, const char *name,
                         char *err, size_t errlen);
/* Fills *s with the built-in defaults only. */
__attribute__((warn_unused_result))
ll_result settings_defaults(struct settings *s, char *err, size_t errlen);

/* True when an LLM endpoint is configured. */
bool settings_llm_enabled(const struct settings *s);
/* True when ENVIRONMENT is production. */
bool settings_is_production(const struct settings *s);
/* The number of workers to run (resolving 0 to 2 x online CPUs). */
int settings_worker_count(const struct settings *s);

#endif
