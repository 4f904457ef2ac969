/* main_cli.c - linelead: the command-line tool (same library as the pool). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cli.h"
#include "log.h"
#include "settings.h"
#include "worker.h"

#define DEFAULT_CONFIG SYSCONFDIR "/linelead/linelead.conf"

/* What a command needs built before it runs: the database alone, or the
 * answer path too (the classifier is trained from data_dir at start-up). */
enum needs { NEEDS_STORE, NEEDS_ANSWERS };

static const struct {
	const char *name;
	int (*run)(struct worker *w, int argc, char **argv);
	enum needs needs;
	const char *help;
} commands[] = {
	{"migrate", cli_migrate, NEEDS_STORE, "apply pending database migrations"},
	{"ingest", cli_ingest, NEEDS_STORE,
	 "[--category C] [--title T] [--source S] FILE...  load manuals"},
	{"ask", cli_ask, NEEDS_ANSWERS,
	 "[--json] [--agent A] [--priority P] \"question\"  answer in-process"},
	{"apikey", cli_apikey, NEEDS_STORE,
	 "create --name NAME [--scope chat|admin] | list | revoke ID"},
	{"stats", cli_stats, NEEDS_STORE, "print document, conversation and request counts"},
	{"vocab", cli_vocab, NEEDS_ANSWERS,
	 "\"question\"  the question as the answer path reads it"},
	{"rank-features", cli_rank_features, NEEDS_ANSWERS,
	 "LABELLED.tsv  the ranker's features (make train-ranker)"},
	{"prune", cli_prune, NEEDS_STORE,
	 "[--days N]  delete request_log rows past retention_days"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: linelead [-c FILE] COMMAND [ARGS]\n\ncommands:\n");
	for(size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
}

int main(int argc, char **argv)
{
	const char *config = NULL;
	struct settings s;
	struct worker w;
	char err[512];
	int i = 1, status;
	ll_result result;

	if(i + 1 < argc && strcmp(argv[i], "-c") == 0) {
		config = argv[i + 1];
		i += 2;
	}
	if(i >= argc || strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
		usage(i >= argc ? stderr : stdout);
		return i >= argc ? 2 : 0;
	}
	if(strcmp(argv[i], "--version") == 0) {
		printf("linelead %s\n", VERSION);
		return 0;
	}
	for(size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++) {
		if(strcmp(argv[i], commands[c].name) != 0)
			continue;
		if(settings_load(&s, config ? config : DEFAULT_CONFIG, config == NULL, err,
		                 sizeof(err)) != LL_OK) {
			fprintf(stderr, "linelead: %s\n", err);
			return 1;
		}
		curl_global_init(CURL_GLOBAL_DEFAULT);
		log_setup(s.log_level > LOG_WARN ? (enum log_level)s.log_level : LOG_WARN, 2);
		result = commands[c].needs == NEEDS_ANSWERS ? worker_init(&w, &s, NULL, NULL)
		                                            : worker_init_store(&w, &s);
		if(result != LL_OK) {
			fprintf(stderr, "linelead: cannot initialise (is data_dir %s right?)\n",
			        s.data_dir);
			settings_free(&s);
			return 1;
		}
		status = commands[c].run(&w, argc - i - 1, argv + i + 1);
		worker_free(&w);
		settings_free(&s);
		return status;
	}
	fprintf(stderr, "linelead: unknown command \"%s\"\n", argv[i]);
	usage(stderr);
	return 2;
}
