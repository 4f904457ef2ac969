/* cli.c - migrate and apikey subcommands. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apikeys.h"
#include "cli.h"
#include "migrate.h"
#include "store.h"
#include "worker.h"

int cli_migrate(struct worker *w, int argc, char **argv)
{
	char dir[4096];
	struct db admin;
	const char *url = w->settings->admin_database_url[0] ? w->settings->admin_database_url
	                                                      : w->settings->database_url;
	int applied = 0;
	ll_result result;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/sql", w->settings->data_dir);
	result = db_init(&admin, url);
	if(!result)
		result = db_connect(&admin);
	if(result) {
		fprintf(stderr, "linelead migrate: cannot connect to the database: %s\n",
		        admin.last_error);
		db_close(&admin);
		return 1;
	}
	result = migrate_run(&admin, dir, stdout, &applied);
	db_close(&admin);
	return result ? 1 : 0;
}

int cli_apikey(struct worker *w, int argc, char **argv)
{
	const char *name = NULL, *scope_arg = "chat";
	char key[APIKEY_LEN + 1];
	long long id = 0;
	enum scope scope;
	ll_result result;

	if(argc < 1) {
		fprintf(stderr, "usage: linelead apikey create --name NAME [--scope chat|admin]"
		        " | list | revoke ID|PREFIX\n");
		return 2;
	}
	if(strcmp(argv[0], "list") == 0)
		return apikeys_list(&w->db, stdout) ? 1 : 0;
	if(strcmp(argv[0], "revoke") == 0) {
		if(argc != 2) {
			fprintf(stderr, "usage: linelead apikey revoke ID|PREFIX\n");
			return 2;
		}
		result = apikeys_revoke(&w->db, argv[1]);
		if(result == LL_ENOTFOUND) {
			fprintf(stderr, "linelead apikey revoke: no active key %s\n", argv[1]);
			return 1;
		}
		if(result) {
			fprintf(stderr, "linelead apikey revoke: database error\n");
			return 1;
		}
		printf("revoked %s\n", argv[1]);
		return 0;
	}
	if(strcmp(argv[0], "create") != 0) {
		fprintf(stderr, "linelead apikey: unknown action \"%s\"\n", argv[0]);
		return 2;
	}
	for(int i = 1; i < argc; i++) {
		if(strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if(strcmp(argv[i], "--scope") == 0 && i + 1 < argc)
			scope_arg = argv[++i];
		else {
			fprintf(stderr, "linelead apikey create: unexpected \"%s\"\n", argv[i]);
			return 2;
		}
	}
	scope = scope_parse(scope_arg);
	if(!name || !name[0] || strlen(name) > 100 || scope == SCOPE_NONE) {
		fprintf(stderr, "usage: linelead apikey create --name NAME [--scope chat|admin]\n");
		return 2;
	}
	result = apikeys_create(&w->db, name, scope, key, sizeof(key), &id);
	if(result) {
		fprintf(stderr, "linelead apikey create: database error: %s\n", w->db.last_error);
		return 1;
	}
	fprintf(stderr, "Created %s key %lld (%s). Store it now; it is not shown again.\n",
	        scope_name(scope), id, name);
	printf("%s\n", key);
	return 0;
}

int cli_prune(struct worker *w, int argc, char **argv)
{
	int days = w->settings->retention_days;
	long long deleted = 0;
	char *end;

	if(argc == 2 && strcmp(argv[0], "--days") == 0) {
		days = (int)strtol(argv[1], &end, 10);
		if(*end || days < 1 || days > 3650) {
			fprintf(stderr, "linelead prune: --days must be 1..3650\n");
			return 2;
		}
	} else if(argc != 0) {
		fprintf(stderr, "usage: linelead prune [--days N]\n");
		return 2;
	}
	/* Unbounded here: the operator asked for all of it. */
	if(store_prune(&w->db, days, 1000000, &deleted) != LL_OK) {
		fprintf(stderr, "linelead prune: database error: %s\n", w->db.last_error);
		return 1;
	}
	printf("pruned %lld request_log rows older than %d days\n", deleted, days);
	return 0;
}
