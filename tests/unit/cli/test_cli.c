/* test_cli.c - cli/cli: linelead migrate, apikey and prune against a private
 * PostgreSQL, as an operator runs them: the schema applied once, a key
 * created, listed and revoked, and wrong arguments told apart from failures
 * by the exit status (2 usage, 1 failed). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "apikeys.h"
#include "cli.h"
#include "log.h"
#include "worker.h"

#include "../capture.h"
#include "../pgtemp.h"
#include "../tap.h"

static char out[8192];

#define RUN(fn, w, ...)                                                                            \
	capture(fn, w, (int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)),                    \
	        (char *[]){__VA_ARGS__}, out, sizeof(out))

static void test_migrate(struct pgtemp *pg, struct worker *w, struct settings *s)
{
	char *good = s->database_url;

	CHECK(capture(cli_migrate, w, 0, NULL, out, sizeof(out)) == 0 &&
	              strstr(out, "applied 001_schema.sql"),
	      "migrate applies the schema and says so");
	CHECK(capture(cli_migrate, w, 0, NULL, out, sizeof(out)) == 0 && !strstr(out, "applied "),
	      "migrate again applies nothing");
	s->database_url = "host=/nonexistent dbname=linelead connect_timeout=1";
	CHECK(capture(cli_migrate, w, 0, NULL, out, sizeof(out)) == 1,
	      "migrate without a database fails: exit 1");
	s->database_url = good;
	CHECK(pgtemp_scalar(pg, "SELECT count(*) FROM schema_migrations") >= 9,
	      "the migrations are recorded");
}

static void test_apikey(struct pgtemp *pg, struct worker *w)
{
	char key[128], hash[APIKEY_HASH_HEX], sql[256];

	CHECK(RUN(cli_apikey, w, "create", "--name", "night shift", "--scope", "admin") == 0 &&
	              strlen(out) > 20,
	      "apikey create prints the new key");
	snprintf(key, sizeof(key), "%.*s", (int)strcspn(out, "\n"), out);
	apikeys_hash(key, hash);
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM api_keys WHERE key_hash = '%s' AND scope = 'admin'"
	         " AND revoked_at IS NULL",
	         hash);
	CHECK(pgtemp_scalar(pg, sql) == 1, "only its hash is stored, as an admin key");
	CHECK(RUN(cli_apikey, w, "create") == 2, "create without --name is a usage error (2)");
	CHECK(RUN(cli_apikey, w, "create", "--name", "x", "--scope", "root") == 2,
	      "an unknown scope is a usage error (2)");
	CHECK(RUN(cli_apikey, w, "list") == 0 && strstr(out, "night shift"),
	      "apikey list shows it by name");
	CHECK(RUN(cli_apikey, w, "revoke", "1") == 0 && strstr(out, "revoked 1"),
	      "apikey revoke 1 revokes it");
	CHECK(pgtemp_scalar(pg, sql) == 0, "it is revoked in the database");
	CHECK(RUN(cli_apikey, w, "revoke", "1") == 1, "revoking it again: exit 1");
	CHECK(RUN(cli_apikey, w, "frobnicate") == 2, "an unknown action is a usage error (2)");
}

static void test_prune(struct worker *w)
{
	CHECK(RUN(cli_prune, w, "--days", "0") == 2, "prune --days 0 is refused (2)");
	CHECK(RUN(cli_prune, w, "--days", "30") == 0, "prune --days 30 runs");
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	struct settings s;
	struct worker w;
	struct pgtemp pg;
	char err[256];
	int rc;

	log_setup(LOG_ERROR, 2);
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && data_dir && settings_defaults(&s, err, sizeof(err)) == LL_OK,
	      "a private PostgreSQL and the settings");
	if(rc == 0 && data_dir) {
		free(s.database_url);
		s.database_url = strdup(pg.conninfo);
		free(s.data_dir);
		s.data_dir = strdup(data_dir);
		if(worker_init_store(&w, &s) == LL_OK) {
			test_migrate(&pg, &w, &s);
			test_apikey(&pg, &w);
			test_prune(&w);
			worker_free(&w);
		}
		settings_free(&s);
	}
	pgtemp_free(&pg);
	return TAP_DONE();
}
