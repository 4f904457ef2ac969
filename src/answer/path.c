/* path.c - the local answer path (see path.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer/asked.h"
#include "answer/compose.h"
#include "answer/gather.h"
#include "answer/parts.h"
#include "answer/path.h"
#include "answer/path_first.h"
#include "answer/path_lean.h"
#include "answer/path_manual.h"
#include "answer/path_other.h"
#include "answer/unknown.h"
#include "buf.h"
#include "text/terms.h"
#include "log.h"

/* the words a manual states a time rule in, searched with a timed decision's own */
#define TIME_RULE_WORDS "keep or discard the food hours"

/* ---------------------------------------------------------------- the kit */

ll_result answer_kit_load(const char *data_dir, struct answer_kit **out)
{
	struct answer_kit *kit = calloc(1, sizeof(*kit));
	char dir[4096], path[4200];
	struct buf w;
	ll_result result;

	*out = NULL;
	if(!kit)
		return LL_ENOMEM;
	/* the source tree's data/answers, or an install's answers/ */
	snprintf(dir, sizeof(dir), "%s/data/answers", data_dir);
	if(access(dir, R_OK) != 0)
		snprintf(dir, sizeof(dir), "%s/answers", data_dir);
	snprintf(path, sizeof(path), "%s/ranker.tsv", dir);
	buf_init(&w, 1 << 20);
	result = buf_read_file(&w, path);
	if(!result && ranker_parse(buf_str(&w), &kit->ranker) != LL_OK) {
		fprintf(stderr, "linelead: %s: malformed\n", path);
		result = LL_EINVAL;
	}
	if(!result)
		result = lexicon_load(dir, &kit->lexicon);
	if(!result) {
		/* optional: without it no section has been asked about */
		snprintf(path, sizeof(path), "%s/asked.tsv", dir);
		buf_reset(&w);
		result = buf_read_file(&w, path) == LL_ENOMEM ? LL_ENOMEM : LL_OK;
		if(!result)
			result = asked_parse(buf_str(&w), kit->lexicon, &kit->asked);
	}
	buf_free(&w);
	if(result) {
		log_error("answer_data_load_failed", "cannot load %s (ranker.tsv, vocabulary.tsv, "
		          "emergencies.tsv, known-words.txt, filler-words.txt)", dir);
		answer_kit_free(kit);
		return result;
	}
	*out = kit;
	return LL_OK;
}

void answer_kit_free(struct answer_kit *kit)
{
	if(!kit)
		return;
	lexicon_free(kit->lexicon);
	asked_free(kit->asked);
	free(kit);
}

/* ---------------------------------------------------------------- the path */

static void understand(const struct answer_ctx *ctx, const struct question *q, const char *query,
                       struct ask *ask)
{
	ask_understand(ctx->kit->lexicon, q->text, ask);
	if(query && strcmp(query, q->text) != 0)
		path_lean_on(ctx->kit->lexicon, ask, query + strlen(q->text));
}

/* A question whose cause the crew ruled out ("door seals fine but still
 * icing"): the sections headed by what they found fine go after the
 * others, in their order. */
static void ruled_out_last(const struct ask *q, struct section *s, size_t n, struct arena *a)
{
	struct section *out;
	size_t k = 0;

	if(q->ruled_out.n == 0 || n < 2 ||
	   !(out = arena_alloc(a, n * sizeof(*out))))
		return;
	for(int pass = 0; pass < 2; pass++)
		for(size_t i = 0; i < n; i++)
			if((terms_match(&q->ruled_out, s[i].heading, NULL) != 0) == (pass == 1))
				out[k++] = s[i];
	memcpy(s, out, n * sizeof(*out));
}

/* Drops the sections that are one of the cards. */
static size_t without_cards(struct section *s, size_t n, const struct section *cards, size_t ncards)
{
	size_t k = 0;

	for(size_t i = 0; i < n; i++) {
		bool card = false;

		for(size_t c = 0; c < ncards && !card; c++)
			card = s[i].document_id == cards[c].document_id &&
			       strcmp(s[i].path, cards[c].path) == 0;
		if(!card)
			s[k++] = s[i];
	}
	return k;
}

/* The retriever corrected the question's spelling ("hambrger temprature"):
 * the corrected words are the terms, the kind and codes as understood. */
static void respelled(struct ask *ask, const char *fixed)
{
	struct terms t;

	terms_of(fixed, &t);
	for(int i = 0; i < t.n; i++)
		if(t.exact[i] && !t.code[i])
			t.weight[i] = 0.3;
	ask->terms = t;
}

/* The candidate sections of passages, read whole and ranked for ask;
 * *feat (may be NULL) gets their feature vectors. */
static ll_result rank_for(const struct answer_ctx *ctx, const struct ask *ask, enum agent_id agent,
                          const struct passages *passages, struct section **out, size_t *n,
                          double **feat)
{
	struct section *s = arena_alloc(ctx->arena, GATHER_MAX_SECTIONS * sizeof(*s));
	size_t fsize = (GATHER_MAX_SECTIONS + 1) * RANK_FEATURES * sizeof(double);
	double *f = feat ? arena_alloc(ctx->arena, fsize) : NULL;
	struct passages all;
	ll_result result;

	*out = s;
	*n = 0;
	if(!s || (feat && !f))
		return LL_ENOMEM;
	if(feat)
		*feat = f;
	result = gather_remembered(ctx, ask, passages, &all);
	if(!result)
		result = gather_sections(ctx, &all, s, n);
	if(!result)
		rank_sections(&ctx->kit->ranker, ctx->kit->asked, ask, agent, s, *n, f);
	return result;
}

ll_result answer_rank(const struct answer_ctx *ctx, const struct question *q, const char *query,
                      const struct passages *passages, struct section **out, size_t *n,
                      double **feat)
{
	struct ask ask;

	understand(ctx, q, query, &ask);
	if(passages->query)
		respelled(&ask, passages->query);
	return rank_for(ctx, &ask, q->agent, passages, out, n, feat);
}

/* The cards, then the ranked sections, as passages (for the LLM). */
static ll_result as_sources(struct arena *a, const struct compose_in *in, struct passages *out)
{
	size_t n = in->ncards + in->nranked;

	out->count = 0;
	out->items = arena_alloc(a, (n ? n : 1) * sizeof(*out->items));
	if(!out->items)
		return LL_ENOMEM;
	for(size_t i = 0; i < n; i++) {
		const struct section *s =
		        i < in->ncards ? &in->cards[i] : &in->ranked[i - in->ncards];
		struct passage *p = &out->items[out->count++];

		memset(p, 0, sizeof(*p));
		p->document_id = s->document_id;
		p->title = s->title;
		p->section = s->path;
		p->category = s->category;
		p->body = s->body;
		p->score = s->score;
		p->origin = "pg";
	}
	return LL_OK;
}

/* A reading held against how long it has been so ("walk in at 47, last log
 * said 38 at 6am, its 1pm"), food not being cooled or reheated: the
 * manual's time rule ("Keep or Discard: The 4-Hour Rule") may share no
 * word with the crew's, so a search for the rule's own words (theirs would
 * outweigh them: "reach in ... log") joins its candidates
 * (path_part_candidates), and all are ranked again. */
static void with_time_rules(const struct answer_ctx *ctx, const struct question *q,
                            const struct ask *ask, struct section **s, size_t *n)
{
	const struct section *pool;
	struct section *ranked;
	size_t npool;

	if(ask->kind != ASKED_DECISION || !ask->reading || !ask->elapsed || ask->cooling ||
	   ask->heating || ask->nemergency || *n == 0)
		return;
	pool = path_part_candidates(ctx, q, TIME_RULE_WORDS, *s, *n, &npool);
	if(npool > *n && (ranked = path_ranked_for(ctx, q, ask, pool, npool))) {
		*s = ranked;
		*n = npool;
	}
}

/* A two-part question asks first what its first part asks ("how long to
 * warm up, and whats the default platen temp" asks a time first; "how do
 * i ... and how long" steps): the second is asked of the other part
 * (path_rank_other). */
static void first_figure(const struct answer_ctx *ctx, const struct question *q, struct ask *ask)
{
	size_t first_len = 0;
	struct ask first;
	const char *text;

	if(ask->kind != ASKED_FIGURE || !parts_second(q->text, &first_len) || first_len == 0 ||
	   !(text = arena_strndup(ctx->arena, q->text, first_len)))
		return;
	ask_understand(ctx->kit->lexicon, text, &first);
	if(first.kind == ASKED_FIGURE && first.figure != FIGURE_NONE)
		ask->figure = first.figure;
	/* "how do i cool the soup and how fast": steps first, the figure second */
	if(first.kind == ASKED_PROCEDURE && ask_wants_steps(text)) {
		ask->kind = ASKED_PROCEDURE;
		ask->figure = FIGURE_NONE;
	}
}

ll_result answer_local(const struct answer_ctx *ctx, const struct question *q, const char *query,
                       const struct passages *passages, struct answer *out,
                       struct passages *sources, bool *emergency)
{
	struct section cards[LEXICON_MAX_EMERGENCIES], *s = NULL;
	struct compose_in in;
	struct ask ask, other;
	const char *named = NULL;
	size_t n = 0;
	ll_result result;

	memset(&in, 0, sizeof(in));
	understand(ctx, q, query, &ask);
	if(passages->query)
		respelled(&ask, passages->query);
	first_figure(ctx, q, &ask);
	result = gather_cards(ctx, &ask, cards, &in.ncards);
	if(!result)
		result = rank_for(ctx, &ask, q->agent, passages, &s, &n, NULL);
	if(!result)
		with_time_rules(ctx, q, &ask, &s, &n);
	if(!result && n && ask.machines)
		result = gather_openings(ctx, s, n);
	if(!result && n) {
		long long doc = path_named_manual(&ask, s, n);

		n = doc ? path_only_manual(s, n, doc)
		        : path_without_other_machines(&ask, query, s, n);
		named = doc && n ? s[0].title : NULL;
	}
	if(!result && !in.ncards && ask.nemergency == 0)
		result = unknown_names(ctx, &ask, s, n, &in);
	if(result)
		return result;
	in.ask = &ask;
	in.cards = cards;
	in.ranked = s;
	in.nranked = without_cards(s, n, cards, in.ncards);
	path_answers_first(&ask, s, in.nranked);
	path_first_in_manual(&ask, s, in.nranked);
	path_thread_first(&ask, s, in.nranked);
	path_thread_machine_first(&ask, query, s, in.nranked);
	path_states_first(&ask, s, in.nranked);
	path_fault_not_first(&ask, s, in.nranked);
	path_code_first(&ask, s, in.nranked);
	path_next_when_persists(ctx->arena, q, &ask, s, in.nranked);
	path_reading_in_thread(ctx->arena, q, &ask, s, in.nranked);
	/* last: what the crew found fine is never first, whatever brought it there */
	ruled_out_last(&ask, s, in.nranked, ctx->arena);
	path_rank_other(ctx, q, &in, &other, named);
	if(emergency)
		*emergency = ask.nemergency > 0;
	result = sources ? as_sources(ctx->arena, &in, sources) : LL_OK;
	return result ? result : compose_answer(ctx->arena, &in, out);
}
