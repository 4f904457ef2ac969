/* cli_rank.c - linelead rank-features: the ranker's training data.
 *
 * For each question of a labelled file (question<TAB>...; the rest is the
 * trainer's; a follow-up is "earlier turn || question"), the question goes
 * the answer path's way -- crew words rewritten, classified, retrieved,
 * grouped into sections -- and every candidate section is printed with its
 * feature vector:
 *
 *     <line number> TAB <document id> TAB <section path> TAB <f0> ... <fN>
 *
 * scripts/train_ranker.py labels the rows and fits data/answers/ranker.tsv.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/parts.h"
#include "answer/path.h"
#include "classifier.h"
#include "cli.h"
#include "orchestrator.h"
#include "retriever.h"
#include "worker.h"

/* A follow-up's query, "first turn || follow-up" as the labelled files
 * write it: the last turn, then the earlier ones latest first, each with
 * crew words rewritten; *text gets the last turn.  NULL when out of memory. */
static const char *thread_query(struct worker *w, char *line, const char **text)
{
	const char *turns[ORCHESTRATOR_FOLLOWUP_TURNS + 1], *query;
	int n = 0;

	for(char *p = line, *bar; p && n <= ORCHESTRATOR_FOLLOWUP_TURNS; p = bar) {
		if((bar = strstr(p, " || "))) {
			*bar = '\0';
			bar += 4;
		}
		turns[n++] = p;
	}
	query = *text = lexicon_rewrite(w->answers->lexicon, &w->arena, turns[n - 1]);
	for(int i = n - 1; i-- > 0 && query;) {
		const char *earlier = lexicon_rewrite(w->answers->lexicon, &w->arena, turns[i]);

		if(earlier)
			earlier = parts_food_replaced(&w->arena, earlier, *text);

		query = earlier ? arena_printf(&w->arena, "%s %s", query, earlier) : NULL;
	}
	return query;
}

static ll_result rank_one(struct worker *w, int lineno, char *question)
{
	struct answer_ctx ctx;
	const char *text, *query = thread_query(w, question, &text);
	struct classification c;
	struct question q = {0};
	struct passages found = {0};
	struct section *s;
	double *feat;
	size_t n;
	bool degraded = false;
	ll_result result;

	if(!query)
		return LL_ENOMEM;
	worker_answer_ctx(w, &ctx);
	classifier_classify(w->classifier, query, &c);
	q.text = text;
	q.agent = c.agent;
	q.secondary = AGENT_NONE;
	result = retriever_search(&ctx, query, c.agent, &found, &degraded);
	if(!result)
		result = answer_rank(&ctx, &q, query, &found, &s, &n, &feat);
	for(size_t i = 0; i < n && !result; i++) {
		printf("%d\t%lld\t%s", lineno, s[i].document_id, s[i].path);
		for(int f = 0; f < RANK_FEATURES; f++)
			printf("\t%.4f", feat[i * RANK_FEATURES + f]);
		printf("\n");
	}
	return result;
}

int cli_rank_features(struct worker *w, int argc, char **argv)
{
	char line[4096];
	int lineno = 0;
	FILE *fp;

	if(argc != 1) {
		fprintf(stderr, "usage: linelead rank-features LABELLED.tsv\n");
		return 2;
	}
	fp = fopen(argv[0], "r");
	if(!fp) {
		perror(argv[0]);
		return 1;
	}
	printf("# line\tdocument\tsection");
	for(int f = 0; f < RANK_FEATURES; f++)
		printf("\t%s", rank_feature_name((enum rank_feature)f));
	printf("\n");
	while(fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\t\r\n")] = '\0';
		lineno++;
		if(!line[0] || line[0] == '#')
			continue;
		arena_reset(&w->arena);
		if(rank_one(w, lineno, line) != LL_OK) {
			fprintf(stderr, "linelead rank-features: line %d failed\n", lineno);
			fclose(fp);
			return 1;
		}
	}
	fclose(fp);
	return 0;
}

/* linelead vocab "question": what the answer path reads -- the question
 * with crew words rewritten, its kind, and the emergencies it names. */
int cli_vocab(struct worker *w, int argc, char **argv)
{
	const char *text;
	struct ask ask;

	if(argc != 1) {
		fprintf(stderr, "usage: linelead vocab \"question\"\n");
		return 2;
	}
	text = lexicon_rewrite(w->answers->lexicon, &w->arena, argv[0]);
	if(!text)
		return 1;
	ask_understand(w->answers->lexicon, text, &ask);
	printf("text: %s\nasks: %s\n", text, ask_kind_name(ask.kind));
	if(ask.figure != FIGURE_NONE)
		printf("figure: %s\n", ask_figure_name(ask.figure));
	for(int i = 0; i < ask.nemergency; i++)
		printf("emergency: %s (%s)\n", ask.emergency[i]->id, ask.emergency[i]->name);
	if(ask.reading)
		printf("reading: %d\n", ask.reading);
	if(ask.elapsed)
		printf("elapsed: %d min\n", ask.elapsed);
	if(ask.since)
		printf("since: %d:%02d\n", (ask.since - 1) / 60 ? (ask.since - 1) / 60 : 12,
		       (ask.since - 1) % 60);
	for(int i = 0; i < 2 && ask.target[i]; i++)
		printf("to reach: %d\n", ask.target[i]);
	if(ask.cooling || ask.heating || ask.unknown_time)
		printf("about: %s%s%s\n", ask.cooling ? "cooling " : "",
		       ask.heating ? "heating " : "", ask.unknown_time ? "unknown time" : "");
	return 0;
}
