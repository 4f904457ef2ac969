/* test_settings.c - the configuration table, file parsing and env overrides. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "../tap.h"

static ll_result parse(struct settings *s, const char *text, char *err, size_t errlen)
{
	ll_result r = settings_defaults(s, err, errlen);

	if(r)
		return r;
	r = settings_parse(s, text, strlen(text), "test.conf", err, errlen);
	return r;
}

int main(void)
{
	struct settings s;
	char err[256];
	FILE *f;

	CHECK(parse(&s, "# comment\n\nworkers = 4\nlisten = 127.0.0.1:9001\nlog_bodies = on\n", err, sizeof(err)) == LL_OK,
	      "a valid file parses");
	CHECK(s.workers == 4 && strcmp(s.listen, "127.0.0.1:9001") == 0 && s.log_bodies, "values land in their fields");
	CHECK(s.max_body_bytes == 65536 && strcmp(s.auth, "required") == 0, "unset keys keep their defaults (auth required)");
	settings_free(&s);

	CHECK(parse(&s, "workers = 4\nnonsense = 1\n", err, sizeof(err)) == LL_ECONFIG && strstr(err, "test.conf:2") && strstr(err, "nonsense"),
	      "an unknown key is an error naming file and line (%s)", err);
	settings_free(&s);
	CHECK(parse(&s, "\n\nworkers = 999\n", err, sizeof(err)) == LL_ECONFIG && strstr(err, "test.conf:3") && strstr(err, "0..256"),
	      "an out-of-range value is an error with the line and the bounds (%s)", err);
	settings_free(&s);
	CHECK(parse(&s, "workers 4\n", err, sizeof(err)) == LL_ECONFIG, "a line without = is an error");
	settings_free(&s);
	CHECK(parse(&s, "auth = maybe\n", err, sizeof(err)) == LL_ECONFIG, "an enum outside its choices is an error");
	settings_free(&s);
	CHECK(parse(&s, "llm_temperature = 3.5\n", err, sizeof(err)) == LL_ECONFIG, "a double out of range is an error");
	settings_free(&s);
	CHECK(parse(&s, "socket_mode = 0660\nretrieval = both\n", err, sizeof(err)) == LL_OK && s.socket_mode == 0660 && s.retrieval == RETRIEVAL_BOTH,
	      "octal modes and enums parse");
	settings_free(&s);

	f = fopen("test_settings.tmp.conf", "w");
	fputs("environment = development\nworkers = 3\ndatabase_url = postgresql:///fromfile\n", f);
	fclose(f);
	setenv("DATABASE_URL", "postgresql:///fromenv", 1);
	setenv("LINELEAD_WORKERS", "5", 1);
	CHECK(settings_load(&s, "test_settings.tmp.conf", false, err, sizeof(err)) == LL_OK, "settings_load reads file and environment");
	CHECK(strcmp(s.database_url, "postgresql:///fromenv") == 0, "the prototype's DATABASE_URL overrides the file");
	CHECK(s.workers == 5, "LINELEAD_WORKERS overrides the file");
	settings_free(&s);
	setenv("LINELEAD_WORKERS", "many", 1);
	CHECK(settings_load(&s, "test_settings.tmp.conf", false, err, sizeof(err)) == LL_ECONFIG && strstr(err, "LINELEAD_WORKERS"),
	      "a bad environment value names the variable (%s)", err);
	unsetenv("LINELEAD_WORKERS");
	setenv("ENVIRONMENT", "production", 1);
	setenv("LINELEAD_AUTH", "off", 1);
	CHECK(settings_load(&s, "test_settings.tmp.conf", false, err, sizeof(err)) == LL_ECONFIG && strstr(err, "production"),
	      "auth = off is refused in production");
	unsetenv("LINELEAD_AUTH");
	unsetenv("ENVIRONMENT");
	setenv("OPENAI_API_KEY", "sk-test", 1);
	CHECK(settings_load(&s, "test_settings.tmp.conf", false, err, sizeof(err)) == LL_OK &&
	      strcmp(s.llm_base_url, "https://api.openai.com/v1") == 0 && settings_llm_enabled(&s),
	      "OPENAI_API_KEY alone selects OpenAI as the prototype did");
	settings_free(&s);
	unsetenv("OPENAI_API_KEY");
	unsetenv("DATABASE_URL");
	CHECK(settings_load(&s, "does-not-exist.conf", false, err, sizeof(err)) == LL_ECONFIG, "a missing required file is an error");
	CHECK(settings_load(&s, "does-not-exist.conf", true, err, sizeof(err)) == LL_OK, "a missing optional file means defaults");
	settings_free(&s);
	remove("test_settings.tmp.conf");
	return TAP_DONE();
}
