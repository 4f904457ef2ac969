/* log.c - JSON-lines logger.  Lines are assembled in a fixed buffer and
 * written with one write(2), so lines from several workers never interleave
 * (O_APPEND, under PIPE_BUF for typical lines). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_LINE_MAX 4096

static enum log_level log_threshold = LOG_INFO;
static int log_fd = 2;
static char log_request_id[64];

static const char *const log_names[] = {"debug", "info", "warn", "error"};

void log_setup(enum log_level level, int fd)
{
	log_threshold = level;
	log_fd = fd;
}

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

bool log_enabled(enum log_level level)
{
	return level >= log_threshold;
}

const char *log_level_name(enum log_level level)
{
	return (unsigned)level <= LOG_ERROR ? log_names[level] : "error";
}

int log_level_parse(const char *name)
{
	for(int i = 0; i <= LOG_ERROR; i++)
		if(strcmp(name, log_names[i]) == 0)
			return i;
	return -1;
}

void log_set_request(const char *request_id)
{
	if(!request_id) {
		log_request_id[0] = '\0';
		return;
	}
	snprintf(log_request_id, sizeof(log_request_id), "%s", request_id);
}

struct line {
	char data[LOG_LINE_MAX];
	size_t len;
};

static void line_raw(struct line *l, const char *s, size_t n)
{
	if(n > sizeof(l->data) - 2 - l->len)
		n = sizeof(l->data) - 2 - l->len;
	memcpy(l->data + l->len, s, n);
	l->len += n;
}

/* Appends s as a JSON string body, escaping quotes, backslashes and every
 * control character. */
static void line_escaped(struct line *l, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	for(; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[6];

		if(c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			line_raw(l, esc, 2);
		} else if(c < 0x20 || c == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			line_raw(l, esc, 6);
		} else {
			line_raw(l, (const char *)&c, 1);
		}
	}
}

static void line_str(struct line *l, const char *key, const char *value)
{
	line_raw(l, ",\"", 2);
	line_raw(l, key, strlen(key));
	line_raw(l, "\":\"", 3);
	line_escaped(l, value);
	line_raw(l, "\"", 1);
}

static void line_fmt(struct line *l, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if(n > 0)
		line_raw(l, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static void line_begin(struct line *l, enum log_level level, const char *event)
{
	struct timeval tv;
	struct tm tm;
	char ts[32];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	l->len = 0;
	line_fmt(l, "{\"time\":\"%s.%03ldZ\",\"level\":\"%s\",\"pid\":%ld", ts,
	         (long)(tv.tv_usec / 1000), log_level_name(level), (long)getpid());
	line_str(l, "event", event);
	if(log_request_id[0])
		line_str(l, "request_id", log_request_id);
}

static void line_end(struct line *l)
{
	ssize_t n;

	l->data[l->len++] = '}';
	l->data[l->len++] = '\n';
	n = write(log_fd, l->data, l->len);
	(void)n; /* nowhere left to report a failed log write */
}

void log_event(enum log_level level, const char *event, const char *fmt, ...)
{
	struct line l;
	char msg[2048];
	va_list ap;

	if(!log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	line_begin(&l, level, event);
	line_str(&l, "msg", msg);
	line_end(&l);
}

void log_access(enum log_level level, const char *event, const struct log_access *a)
{
	struct line l;

	if(!log_enabled(level))
		return;
	line_begin(&l, level, event);
	line_str(&l, "method", a->method ? a->method : "");
	line_str(&l, "route", a->route ? a->route : "");
	line_fmt(&l, ",\"status\":%d,\"duration_ms\":%.3f", a->status, a->duration_ms);
	if(a->agent && a->agent[0])
		line_str(&l, "agent", a->agent);
	if(a->degraded)
		line_raw(&l, ",\"degraded\":true", 16);
	if(a->cached)
		line_raw(&l, ",\"cached\":true", 14);
	if(a->stage)
		line_str(&l, "stage", a->stage);
	line_end(&l);
}
