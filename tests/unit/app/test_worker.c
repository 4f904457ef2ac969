/* test_worker.c - app/worker against a private, migrated PostgreSQL: the
 * store-only worker connects lazily, the full one trains its classifier and
 * answers a question with its own resources (and stores the exchange),
 * a data directory without the routing data fails cleanly, an LLM client is
 * made only when one is configured, and a worker whose master is gone knows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answer/classifier.h"
#include "answer/orchestrator.h"
#include "answer/path.h"
#include "log.h"
#include "store.h"
#include "worker.h"

#include "../pgtemp.h"
#include "../tap.h"

static void set_str(char **field, const char *value)
{
	free(*field);
	*field = strdup(value);
}

static void test_store_only(const struct settings *s)
{
	struct worker w;
	long long counts[5] = {-1};

	CHECK(worker_init_store(&w, s) == LL_OK && !w.db.conn && !w.classifier,
	      "the store-only worker (the CLI's migrate, apikey, stats) connects lazily");
	CHECK(store_stats(&w.db, counts) == LL_OK && counts[0] == 0 && w.db.conn,
	      "its first query connects to database_url");
	worker_free(&w);
}

static void test_answers(const struct settings *s)
{
	struct chat_request in = {.message =
	                                  "the fryer oil is smoking and there is a burning smell",
	                          .priority = PRIORITY_NORMAL};
	struct chat_result out;
	struct answer_ctx actx;
	struct worker w;
	long long size = -1;

	if(worker_init(&w, s, NULL, NULL) != LL_OK) {
		CHECK(0, "worker_init with the shipped data");
		return;
	}
	CHECK(w.classifier && w.answers && !w.llm && w.master == 0,
	      "a full worker has a classifier and the answer data, no LLM when none is set");
	worker_answer_ctx(&w, &actx);
	CHECK(actx.db == &w.db && actx.arena == &w.arena && actx.classifier == w.classifier &&
	              actx.kit == w.answers && actx.deadline == 0 && !actx.trace,
	      "its answer context lends its own resources, with no deadline");
	CHECK(orchestrator_answer(&actx, &in, NULL, NULL, &out) == LL_OK && out.stored &&
	              out.answer.response && *out.answer.response && out.agent == AGENT_SAFETY,
	      "it answers a question (agent %s) and stores the exchange", agent_name(out.agent));
	CHECK(store_conversation_size(&w.db, out.conversation_ref, &size) == LL_OK && size == 2,
	      "the conversation holds the question and the answer (%lld)", size);
	worker_free(&w);
}

static void test_failures(struct settings *s)
{
	struct worker w;
	char *keep = strdup(s->data_dir);

	set_str(&s->data_dir, "/nonexistent");
	CHECK(worker_init(&w, s, NULL, NULL) != LL_OK && !w.classifier && !w.db.conn,
	      "without the routing data a worker does not start (and frees what it had)");
	set_str(&s->data_dir, keep);
	set_str(&s->llm_base_url, "http://127.0.0.1:9/v1");
	set_str(&s->llm_model, "test-model");
	CHECK(worker_init(&w, s, NULL, NULL) == LL_OK && w.llm, "an LLM configured: a client");
	worker_free(&w);
	set_str(&s->llm_base_url, "");
	free(keep);
}

static void test_orphaned(void)
{
	struct worker w = {.master = 0};
	int status = -1;
	pid_t pid;

	CHECK(!worker_orphaned(&w), "the CLI (no master) is never orphaned");
	w.master = getpid();
	pid = fork();
	if(pid == 0) {
		/* the child's parent is its master */
		bool alive = !worker_orphaned(&w);

		w.master = getpid(); /* a master that is not its parent: re-parented */
		_exit(alive && worker_orphaned(&w) ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a worker forked by its master is not orphaned; one whose parent is not it is");
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	struct settings s;
	struct pgtemp pg;
	char err[256];
	int rc;

	log_setup(LOG_ERROR, 2);
	test_orphaned();
	rc = pgtemp_start(&pg);
	if(rc == PGTEMP_SKIP) {
		printf("1..0 # SKIP initdb is not installed\n");
		return 77;
	}
	CHECK(rc == 0 && pgtemp_migrate(&pg) == 0 && data_dir &&
	              settings_defaults(&s, err, sizeof(err)) == LL_OK,
	      "a private, migrated PostgreSQL and the default settings");
	if(rc == 0 && data_dir) {
		set_str(&s.database_url, pg.conninfo);
		set_str(&s.data_dir, data_dir);
		test_store_only(&s);
		test_answers(&s);
		test_failures(&s);
		settings_free(&s);
	}
	pgtemp_free(&pg);
	return TAP_DONE();
}
