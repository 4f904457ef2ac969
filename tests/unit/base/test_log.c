/* test_log.c - base/log: one JSON object per line that a log shipper can
 * parse, whatever the message holds (a forged line is impossible), the
 * threshold, the request id, and the access line. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "log.h"

#include "../tap.h"

static char text[8192];

/* What was logged to f since it was last read. */
static const char *logged(FILE *f)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	if(ftruncate(fileno(f), 0) != 0)
		text[0] = '\0';
	rewind(f);
	return text;
}

static int lines(const char *s)
{
	int n = 0;

	for(; *s; s++)
		n += *s == '\n';
	return n;
}

int main(void)
{
	FILE *f = tmpfile();
	struct json_object *o = NULL;
	struct log_access a = {.method = "POST",
	                       .route = "/chat/production",
	                       .status = 200,
	                       .duration_ms = 12.5,
	                       .agent = "safety"};

	if(!f)
		return 1;
	log_setup(LOG_INFO, fileno(f));
	log_event(LOG_INFO, "ingest", "file %s\n{\"level\":\"error\"}\x01", "a.md");
	logged(f);
	CHECK(lines(text) == 1 && (o = json_tokener_parse(text)) != NULL,
	      "a message with a newline, a forged line and a control byte is one JSON line");
	CHECK(o &&
	              strcmp(json_object_get_string(json_object_object_get(o, "level")), "info") ==
	                      0 &&
	              strcmp(json_object_get_string(json_object_object_get(o, "event")),
	                     "ingest") == 0 &&
	              strstr(json_object_get_string(json_object_object_get(o, "msg")),
	                     "{\"level\":\"error\"}"),
	      "its level, event and message come back as written");
	json_object_put(o);
	log_debug("noise", "%s", "not wanted");
	CHECK(!log_enabled(LOG_DEBUG) && logged(f)[0] == '\0', "below the threshold: nothing");
	log_set_level(LOG_DEBUG);
	log_debug("detail", "%d", 42);
	CHECK(strstr(logged(f), "\"detail\""), "log_set_level lowers it");
	log_set_request("req-77");
	log_warn("slow", "took long");
	CHECK(strstr(logged(f), "\"request_id\":\"req-77\""), "lines carry the request id");
	log_set_request(NULL);
	log_warn("later", "done");
	CHECK(!strstr(logged(f), "req-77"), "until it is cleared");
	log_access(LOG_INFO, "request", &a);
	o = json_tokener_parse(logged(f));
	CHECK(o && strstr(text, "/chat/production") && strstr(text, "200") &&
	              strstr(text, "safety"),
	      "the access line has the route, status and agent");
	json_object_put(o);
	CHECK(log_level_parse("warn") == LOG_WARN && log_level_parse("loud") == -1 &&
	              strcmp(log_level_name(LOG_ERROR), "error") == 0,
	      "level names parse and print");
	log_setup(LOG_ERROR, 2);
	fclose(f);
	return TAP_DONE();
}
