/* settings.c - the table of settings, the file parser and env overrides. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "settings.h"

#define SETTINGS_MAX_FILE (1024 * 1024)

enum setting_type { SET_STRING, SET_INT, SET_OCTAL, SET_BOOL, SET_DOUBLE, SET_ENUM, SET_LOGLEVEL };

struct setting {
	const char *name;
	enum setting_type type;
	size_t offset;
	const char *def;
	double min, max;             /* for numbers */
	const char *const *choices;  /* for SET_ENUM (index stored) or allowed strings */
	const char *aliases[3];      /* environment names besides LINELEAD_<NAME> */
};

static const char *const environments[] = {"development", "production", "test", NULL};
static const char *const auth_modes[] = {"required", "off", NULL};
static const char *const retrieval_modes[] = {"pg", "ragie", "both", NULL};

#define S(field) offsetof(struct settings, field)

/* Every setting, its default and its bounds: the one place they are defined. */
static const struct setting setting_table[] = {
	{"environment", SET_STRING, S(environment), "production", 0, 0, environments,
	 {"ENVIRONMENT"}},
	{"listen", SET_STRING, S(listen), "unix:/run/linelead/linelead.sock", 0, 0, NULL, {NULL}},
	{"socket_mode", SET_OCTAL, S(socket_mode), "0660", 0, 0777, NULL, {NULL}},
	{"socket_group", SET_STRING, S(socket_group), "www-data", 0, 0, NULL, {NULL}},
	{"user", SET_STRING, S(user), "linelead", 0, 0, NULL, {NULL}},
	{"workers", SET_INT, S(workers), "0", 0, 256, NULL, {NULL}},
	{"max_requests", SET_INT, S(max_requests), "10000", 0, 100000000, NULL, {NULL}},
	{"shutdown_timeout_ms", SET_INT, S(shutdown_timeout_ms), "10000", 100, 600000, NULL,
	 {NULL}},
	{"request_timeout_ms", SET_INT, S(request_timeout_ms), "30000", 100, 600000, NULL, {NULL}},
	{"slow_request_ms", SET_INT, S(slow_request_ms), "2000", 0, 600000, NULL, {NULL}},
	{"database_url", SET_STRING, S(database_url), "postgresql:///linelead", 0, 0, NULL,
	 {"DATABASE_URL"}},
	{"admin_database_url", SET_STRING, S(admin_database_url), "", 0, 0, NULL, {NULL}},
	{"auth", SET_STRING, S(auth), "required", 0, 0, auth_modes, {NULL}},
	{"api_key", SET_STRING, S(api_key), "", 0, 0, NULL, {"API_KEY"}},
	{"log_level", SET_LOGLEVEL, S(log_level), "info", 0, 0, NULL, {NULL}},
	{"log_file", SET_STRING, S(log_file), "", 0, 0, NULL, {NULL}},
	{"log_bodies", SET_BOOL, S(log_bodies), "off", 0, 0, NULL, {NULL}},
	{"pid_file", SET_STRING, S(pid_file), "", 0, 0, NULL, {NULL}},
	{"nginx_errors_log", SET_STRING, S(nginx_errors_log), "", 0, 0, NULL, {NULL}},
	{"data_dir", SET_STRING, S(data_dir), PKGDATADIR, 0, 0, NULL, {NULL}},
	{"node_name", SET_STRING, S(node_name), "", 0, 0, NULL, {NULL}},
	{"max_body_bytes", SET_INT, S(max_body_bytes), "65536", 1024, 67108864, NULL, {NULL}},
	{"max_document_bytes", SET_INT, S(max_document_bytes), "8388608", 1024, 268435456, NULL,
	 {NULL}},
	{"max_json_depth", SET_INT, S(max_json_depth), "16", 2, 64, NULL, {NULL}},
	{"llm_base_url", SET_STRING, S(llm_base_url), "", 0, 0, NULL, {NULL}},
	{"llm_api_key", SET_STRING, S(llm_api_key), "", 0, 0, NULL, {"OPENAI_API_KEY"}},
	{"llm_model", SET_STRING, S(llm_model), "gpt-4o-mini", 0, 0, NULL, {NULL}},
	{"llm_timeout_ms", SET_INT, S(llm_timeout_ms), "20000", 100, 600000, NULL, {NULL}},
	{"llm_connect_timeout_ms", SET_INT, S(llm_connect_timeout_ms), "3000", 50, 60000, NULL,
	 {NULL}},
	{"llm_max_tokens", SET_INT, S(llm_max_tokens), "700", 16, 32768, NULL, {NULL}},
	{"llm_temperature", SET_DOUBLE, S(llm_temperature), "0.2", 0, 2, NULL, {NULL}},
	{"llm_allow_http", SET_BOOL, S(llm_allow_http), "off", 0, 0, NULL, {NULL}},
	{"llm_history_turns", SET_INT, S(llm_history_turns), "6", 0, 50, NULL, {NULL}},
	{"retrieval", SET_ENUM, S(retrieval), "pg", 0, 0, retrieval_modes, {NULL}},
	{"ragie_api_key", SET_STRING, S(ragie_api_key), "", 0, 0, NULL, {"RAGIE_API_KEY"}},
	{"ragie_base_url", SET_STRING, S(ragie_base_url), "https://api.ragie.ai", 0, 0, NULL,
	 {"RAGIE_BASE_URL"}},
	{"ragie_partition", SET_STRING, S(ragie_partition), "", 0, 0, NULL, {"RAGIE_PARTITION"}},
	{"ragie_timeout_ms", SET_INT, S(ragie_timeout_ms), "3000", 100, 60000, NULL, {NULL}},
	{"cache", SET_BOOL, S(cache), "on", 0, 0, NULL, {NULL}},
	{"cache_ttl_s", SET_INT, S(cache_ttl_s), "86400", 0, 31536000, NULL, {NULL}},
	{"retention_days", SET_INT, S(retention_days), "90", 1, 3650, NULL, {NULL}},
};

#define SETTING_COUNT (sizeof(setting_table) / sizeof(setting_table[0]))

static const struct setting *setting_find(const char *name)
{
	for(size_t i = 0; i < SETTING_COUNT; i++)
		if(strcmp(setting_table[i].name, name) == 0)
			return &setting_table[i];
	return NULL;
}

static int choice_index(const char *const *choices, const char *value)
{
	for(int i = 0; choices[i]; i++)
		if(strcmp(choices[i], value) == 0)
			return i;
	return -1;
}

/* Parses `value` into the field of `st`; on error writes why into err. */
static ll_result setting_assign(struct settings *s, const struct setting *st,
                                const char *value, char *err, size_t errlen)
{
	char *field = (char *)s + st->offset;
	char *end;
	double d;
	long l;
	int idx;

	switch(st->type) {
	case SET_STRING:
		if(st->choices && choice_index(st->choices, value) < 0) {
			snprintf(err, errlen, "%s: unknown value \"%s\"", st->name, value);
			return LL_ECONFIG;
		}
		{
			char *copy = strdup(value);

			if(!copy)
				return LL_ENOMEM;
			free(*(char **)field);
			*(char **)field = copy;
		}
		return LL_OK;
	case SET_INT:
	case SET_OCTAL:
		errno = 0;
		l = strtol(value, &end, st->type == SET_OCTAL ? 8 : 10);
		if(errno || end == value || *end || l < st->min || l > st->max) {
			if(st->type == SET_OCTAL)
				snprintf(err, errlen, "%s: must be an octal mode up to %o",
				         st->name, (unsigned)st->max);
			else
				snprintf(err, errlen, "%s: must be an integer %.0f..%.0f", st->name,
				         st->min, st->max);
			return LL_ECONFIG;
		}
		*(int *)field = (int)l;
		return LL_OK;
	case SET_DOUBLE:
		errno = 0;
		d = strtod(value, &end);
		if(errno || end == value || *end || d < st->min || d > st->max) {
			snprintf(err, errlen, "%s: must be a number %g..%g", st->name, st->min,
			         st->max);
			return LL_ECONFIG;
		}
		*(double *)field = d;
		return LL_OK;
	case SET_BOOL:
		if(!strcmp(value, "on") || !strcmp(value, "true") || !strcmp(value, "yes") ||
		   !strcmp(value, "1"))
			*(bool *)field = true;
		else if(!strcmp(value, "off") || !strcmp(value, "false") || !strcmp(value, "no") ||
		        !strcmp(value, "0"))
			*(bool *)field = false;
		else {
			snprintf(err, errlen, "%s: must be on or off", st->name);
			return LL_ECONFIG;
		}
		return LL_OK;
	case SET_ENUM:
		idx = choice_index(st->choices, value);
		if(idx < 0) {
			snprintf(err, errlen, "%s: unknown value \"%s\"", st->name, value);
			return LL_ECONFIG;
		}
		*(int *)field = idx;
		return LL_OK;
	case SET_LOGLEVEL:
		idx = log_level_parse(value);
		if(idx < 0) {
			snprintf(err, errlen, "%s: must be debug, info, warn or error", st->name);
			return LL_ECONFIG;
		}
		*(int *)field = idx;
		return LL_OK;
	}
	return LL_EINTERNAL;
}

static char *trim(char *s)
{
	char *end;

	while(isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while(end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

ll_result settings_parse(struct settings *s, const char *text, size_t len, const char *name,
                         char *err, size_t errlen)
{
	char line[4096], msg[256];
	unsigned lineno = 0;
	size_t pos = 0;
	ll_result result;

	while(pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char *key, *value, *eq;
		const struct setting *st;

		lineno++;
		if(n >= sizeof(line)) {
			snprintf(err, errlen, "%s:%u: line too long", name, lineno);
			return LL_ECONFIG;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + 1;
		if(strlen(line) != n) {
			snprintf(err, errlen, "%s:%u: NUL byte in line", name, lineno);
			return LL_ECONFIG;
		}
		key = trim(line);
		if(*key == '\0' || *key == '#')
			continue;
		eq = strchr(key, '=');
		if(!eq) {
			snprintf(err, errlen, "%s:%u: expected key = value", name, lineno);
			return LL_ECONFIG;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		n = strlen(value);
		if(n >= 2 && value[0] == '"' && value[n - 1] == '"') {
			value[n - 1] = '\0';
			value++;
		}
		st = setting_find(key);
		if(!st) {
			snprintf(err, errlen, "%s:%u: unknown setting \"%s\"", name, lineno, key);
			return LL_ECONFIG;
		}
		result = setting_assign(s, st, value, msg, sizeof(msg));
		if(result) {
			snprintf(err, errlen, "%s:%u: %s", name, lineno, msg);
			return result;
		}
	}
	return LL_OK;
}

static ll_result settings_read_file(struct settings *s, const char *path, bool optional,
                                    char *err, size_t errlen)
{
	char chunk[4096];
	struct buf text;
	ll_result result = LL_OK;
	size_t n;
	FILE *f = fopen(path, "r");

	if(!f) {
		if(optional && errno == ENOENT)
			return LL_OK;
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return LL_ECONFIG;
	}
	buf_init(&text, SETTINGS_MAX_FILE);
	while(!result && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		result = buf_append(&text, chunk, n);
	if(!result && ferror(f))
		result = LL_EIO;
	fclose(f);
	if(result)
		snprintf(err, errlen, "%s: cannot read (over %d bytes?)", path, SETTINGS_MAX_FILE);
	else
		result = settings_parse(s, buf_str(&text), text.len, path, err, errlen);
	buf_free(&text);
	return result == LL_OK ? LL_OK : LL_ECONFIG;
}

static ll_result settings_read_env(struct settings *s, char *err, size_t errlen)
{
	char envname[96], msg[256];
	ll_result result;

	for(size_t i = 0; i < SETTING_COUNT; i++) {
		const struct setting *st = &setting_table[i];
		const char *value = NULL, *from = envname;
		size_t j;

		snprintf(envname, sizeof(envname), "LINELEAD_%s", st->name);
		for(j = 9; envname[j]; j++)
			envname[j] = (char)toupper((unsigned char)envname[j]);
		/* The aliases are the prototype's names; LINELEAD_* wins over them. */
		value = getenv(envname);
		for(j = 0; !value && j < 3 && st->aliases[j]; j++) {
			value = getenv(st->aliases[j]);
			from = st->aliases[j];
		}
		if(!value)
			continue;
		result = setting_assign(s, st, value, msg, sizeof(msg));
		if(result) {
			snprintf(err, errlen, "environment %s: %s", from, msg);
			return result;
		}
	}
	return LL_OK;
}

ll_result settings_defaults(struct settings *s, char *err, size_t errlen)
{
	char msg[256];
	ll_result result;

	memset(s, 0, sizeof(*s));
	for(size_t i = 0; i < SETTING_COUNT; i++) {
		result = setting_assign(s, &setting_table[i], setting_table[i].def, msg,
		                        sizeof(msg));
		if(result) {
			snprintf(err, errlen, "default %s", msg);
			settings_free(s);
			return result;
		}
	}
	return LL_OK;
}

ll_result settings_load(struct settings *s, const char *path, bool path_optional,
                        char *err, size_t errlen)
{
	ll_result result = LL_OK;

	result = settings_defaults(s, err, errlen);
	if(result)
		goto out;
	if(path) {
		result = settings_read_file(s, path, path_optional, err, errlen);
		if(result)
			goto out;
	}
	result = settings_read_env(s, err, errlen);
	if(result)
		goto out;
	if(strcmp(s->auth, "off") == 0 && settings_is_production(s)) {
		snprintf(err, errlen, "auth = off is refused when environment = production");
		result = LL_ECONFIG;
		goto out;
	}
	if(s->node_name[0] == '\0') {
		char host[256];

		if(gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		free(s->node_name);
		s->node_name = strdup(host);
		if(!s->node_name) {
			result = LL_ENOMEM;
			goto out;
		}
	}
	/* An API key alone implies OpenAI, as the prototype did. */
	if(s->llm_base_url[0] == '\0' && s->llm_api_key[0] != '\0') {
		free(s->llm_base_url);
		s->llm_base_url = strdup("https://api.openai.com/v1");
		if(!s->llm_base_url) {
			result = LL_ENOMEM;
			goto out;
		}
	}
out:
	if(result)
		settings_free(s);
	return result;
}

void settings_free(struct settings *s)
{
	for(size_t i = 0; i < SETTING_COUNT; i++) {
		if(setting_table[i].type == SET_STRING) {
			char **field = (char **)((char *)s + setting_table[i].offset);

			free(*field);
			*field = NULL;
		}
	}
}

bool settings_llm_enabled(const struct settings *s)
{
	return s->llm_base_url && s->llm_base_url[0] != '\0';
}

bool settings_is_production(const struct settings *s)
{
	return s->environment && strcmp(s->environment, "production") == 0;
}

int settings_worker_count(const struct settings *s)
{
	long cpus;

	if(s->workers > 0)
		return s->workers;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if(cpus < 1)
		cpus = 1;
	return (int)(cpus * 2 > 256 ? 256 : cpus * 2);
}
