/* log.h - JSON-lines logging to stderr or a file.
 *
 * One line per event: {"time":..., "level":..., "pid":..., "event":...,
 * "request_id":..., "msg":...}.  Strings are JSON-escaped, so control
 * characters in user input can never forge a line.  Check log_enabled()
 * (or use the macros) before formatting anything expensive.  Keys and
 * message bodies never go through here unless log_bodies is on.
 */
#ifndef LINELEAD_LOG_H
#define LINELEAD_LOG_H

#include <stdbool.h>

enum log_level { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Sets the threshold and the destination (an open fd, not owned). */
void log_setup(enum log_level level, int fd);
/* Changes only the threshold (on reload). */
void log_set_level(enum log_level level);
bool log_enabled(enum log_level level);
/* Names "debug".."error"; log_level_parse returns -1 for an unknown name. */
const char *log_level_name(enum log_level level);
int log_level_parse(const char *name);
/* The request the following lines belong to (NULL clears). Copied. */
void log_set_request(const char *request_id);

/* An event with a printf-style message. */
__attribute__((format(printf, 3, 4)))
void log_event(enum log_level level, const char *event, const char *fmt, ...);

/* The access line of one request, written after the response is sent. */
struct log_access {
	const char *method;
	const char *route;
	int status;
	double duration_ms;
	const char *agent;   /* may be NULL */
	bool degraded;
	bool cached;
	const char *stage;   /* for slow-request lines; may be NULL */
};
void log_access(enum log_level level, const char *event, const struct log_access *a);

#define log_debug(...) do { if(log_enabled(LOG_DEBUG)) log_event(LOG_DEBUG, __VA_ARGS__); } while(0)
#define log_info(...)  do { if(log_enabled(LOG_INFO))  log_event(LOG_INFO,  __VA_ARGS__); } while(0)
#define log_warn(...)  do { if(log_enabled(LOG_WARN))  log_event(LOG_WARN,  __VA_ARGS__); } while(0)
#define log_error(...) do { if(log_enabled(LOG_ERROR)) log_event(LOG_ERROR, __VA_ARGS__); } while(0)

#endif
