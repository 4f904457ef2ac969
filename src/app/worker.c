/* worker.c - what a worker process builds once and reuses for every request
 * (the CLI builds it too): the database connection, the classifier, the
 * answer path's data, the LLM client, the arena. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "classifier.h"
#include "clock.h"
#include "llm.h"
#include "log.h"
#include "worker.h"
#include "answer/path.h"

bool worker_orphaned(const struct worker *w)
{
	return w->master && getppid() != w->master;
}

ll_result worker_init_store(struct worker *w, const struct settings *settings)
{
	ll_result result;

	memset(w, 0, sizeof(*w));
	w->settings = settings;
	w->started = clock_wall();
	arena_init(&w->arena, 64 * 1024);
	result = db_init(&w->db, settings->database_url);
	if(result)
		worker_free(w);
	return result;
}

ll_result worker_init(struct worker *w, const struct settings *settings,
                      struct scoreboard *sb, struct scoreboard_slot *slot)
{
	char path[4096];
	ll_result result;

	result = worker_init_store(w, settings);
	if(result)
		return result;
	w->scoreboard = sb;
	w->slot = slot;
	snprintf(path, sizeof(path), "%s/data/routing/train.tsv", settings->data_dir);
	if(access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/routing/train.tsv", settings->data_dir);
	result = classifier_load(path, &w->classifier);
	if(result) {
		log_error("classifier_load_failed", "cannot load %s", path);
		goto out;
	}
	result = answer_kit_load(settings->data_dir, &w->answers);
	if(result)
		goto out;
	if(settings_llm_enabled(settings)) {
		result = llm_create(settings, sb, &w->llm);
		if(result)
			goto out;
	}
out:
	if(result)
		worker_free(w);
	return result;
}

void worker_free(struct worker *w)
{
	if(w->classifier)
		classifier_free(w->classifier);
	w->classifier = NULL;
	answer_kit_free(w->answers);
	w->answers = NULL;
	if(w->llm)
		llm_free(w->llm);
	w->llm = NULL;
	db_close(&w->db);
	arena_free(&w->arena);
}

void worker_answer_ctx(struct worker *w, struct answer_ctx *out)
{
	memset(out, 0, sizeof(*out));
	out->db = &w->db;
	out->arena = &w->arena;
	out->kit = w->answers;
	out->settings = w->settings;
	out->classifier = w->classifier;
	out->llm = w->llm;
	out->scoreboard = w->scoreboard;
}
