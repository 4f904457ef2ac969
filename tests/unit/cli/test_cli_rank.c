/* test_cli_rank.c - cli/cli_rank: linelead rank-features, the ranker's
 * training rows (make train-ranker reads them), and linelead vocab, the
 * question as the answer path reads it; against a private PostgreSQL with
 * one manual loaded. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answer/rank.h"
#include "cli.h"
#include "log.h"
#include "worker.h"

#include "../capture.h"
#include "../pgtemp.h"
#include "../tap.h"

static char out[65536];

#define RUN(fn, w, ...)                                                                            \
	capture(fn, w, (int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)),                    \
	        (char *[]){__VA_ARGS__}, out, sizeof(out))

/* The number of tab-separated fields of the first line that starts with
 * prefix, or 0. */
static int fields_of(const char *prefix)
{
	const char *line = out;
	int n = 0;

	while(line && strncmp(line, prefix, strlen(prefix)) != 0) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	for(; line && *line && *line != '\n'; line++)
		n += *line == '\t';
	return line ? n + 1 : 0;
}

static void test_rank(struct worker *w, const char *dir)
{
	char labelled[256];
	FILE *f;

	snprintf(labelled, sizeof(labelled), "%s/labelled.tsv", dir);
	f = fopen(labelled, "w");
	if(f) {
		fputs("# question<TAB>the trainer's columns\n"
		      "the ice machine makes no ice\tequipment-ice-machine.md\tLow Ice\n"
		      "\n"
		      "how do I descale the ice machine\tequipment-ice-machine.md\tDescaling\n",
		      f);
		fclose(f);
	}
	CHECK(RUN(cli_rank_features, w, labelled) == 0 && strncmp(out, "# line\tdocument", 15) == 0,
	      "rank-features prints its header");
	CHECK(fields_of("# line") == 3 + RANK_FEATURES, "naming %d features", RANK_FEATURES);
	CHECK(fields_of("2\t1\t") == 3 + RANK_FEATURES && fields_of("4\t1\t") == 3 + RANK_FEATURES,
	      "each question (by its line number) has candidate sections of document 1, with"
	      " every feature");
	CHECK(fields_of("1\t") == 0 && fields_of("3\t") == 0,
	      "comments and blank lines are skipped");
	CHECK(RUN(cli_rank_features, w, "/nonexistent.tsv") == 1, "a missing file: exit 1");
	CHECK(capture(cli_rank_features, w, 0, NULL, out, sizeof(out)) == 2, "no file: exit 2");
}

static void test_vocab(struct worker *w)
{
	CHECK(RUN(cli_vocab, w, "how do I clean the ice machine") == 0 && strstr(out, "text: ") &&
	              strstr(out, "asks: "),
	      "vocab shows the question as read and what it asks");
	CHECK(RUN(cli_vocab, w, "the fryer is on fire and the grease is burning") == 0 &&
	              strstr(out, "emergency: "),
	      "and names the emergency a question describes");
	CHECK(capture(cli_vocab, w, 0, NULL, out, sizeof(out)) == 2, "no question: exit 2");
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	struct settings s;
	struct worker w;
	struct pgtemp pg;
	char err[256], manual[512];
	int rc;

	log_setup(LOG_ERROR, 2);
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0 && data_dir &&
	              settings_defaults(&s, err, sizeof(err)) == LL_OK,
	      "a private, migrated PostgreSQL and the settings");
	if(rc == 0 && data_dir) {
		free(s.database_url);
		s.database_url = strdup(pg.conninfo);
		free(s.data_dir);
		s.data_dir = strdup(data_dir);
		snprintf(manual, sizeof(manual), "%s/kb/equipment-ice-machine.md", data_dir);
		if(worker_init(&w, &s, NULL, NULL) == LL_OK) {
			CHECK(RUN(cli_ingest, &w, manual) == 0, "a manual is loaded");
			test_rank(&w, pg.dir);
			test_vocab(&w);
			worker_free(&w);
		}
		settings_free(&s);
	}
	pgtemp_free(&pg);
	return TAP_DONE();
}
