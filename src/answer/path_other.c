/* path_other.c - a question's other part, ranked on its own (see
 * path_other.h). */
#include "config.h"

#include <string.h>

#include "answer/gather.h"
#include "answer/parts.h"
#include "answer/path_first.h"
#include "answer/path_lean.h"
#include "answer/path_manual.h"
#include "answer/path_other.h"
#include "answer/rank.h"
#include "answer/retriever.h"

static bool same_place(const struct section *a, const struct section *b)
{
	return a->document_id == b->document_id && strcmp(a->path, b->path) == 0;
}

struct section *path_ranked_for(const struct answer_ctx *ctx, const struct question *q,
                                const struct ask *ask, const struct section *from, size_t n)
{
	struct section *s = arena_alloc(ctx->arena, n * sizeof(*s));

	if(!s)
		return NULL;
	memcpy(s, from, n * sizeof(*s));
	for(size_t i = 0; i < n; i++)
		s[i].matched = false;
	rank_sections(&ctx->kit->ranker, ctx->kit->asked, ask, q->agent, s, n, NULL);
	return s;
}

const struct section *path_part_candidates(const struct answer_ctx *ctx,
                                           const struct question *q, const char *part,
                                           const struct section *from, size_t n, size_t *out)
{
	struct passages found = {0};
	struct section *pool, *more;
	size_t nmore = 0;
	bool degraded = false;

	*out = n;
	pool = arena_alloc(ctx->arena, (n + GATHER_MAX_SECTIONS) * sizeof(*pool));
	more = arena_alloc(ctx->arena, GATHER_MAX_SECTIONS * sizeof(*more));
	if(!pool || !more || retriever_search(ctx, part, q->agent, &found, &degraded) != LL_OK)
		return from;
	memcpy(pool, from, n * sizeof(*pool));
	if(gather_sections(ctx, &found, more, &nmore) != LL_OK)
		return from;
	for(size_t i = 0; i < nmore && *out < RANK_MAX_SECTIONS; i++) {
		size_t k = 0;

		while(k < *out && !same_place(&pool[k], &more[i]))
			k++;
		if(k == *out && !more[i].emergency)
			pool[(*out)++] = more[i];
	}
	return pool;
}

/* Is s one of the first few of ranked (n of them)? */
static bool among_first(const struct section *s, const struct section *ranked, size_t n)
{
	for(size_t i = 0; i < n && i < PATH_STATES_WITHIN; i++)
		if(same_place(s, &ranked[i]))
			return true;
	return false;
}


static bool can_lead(const struct section *s)
{
	return s->kind != SECTION_QUIZ && s->kind != SECTION_OVERVIEW && !s->emergency;
}

/* Which of the sections ranked for a part (n of them) answers it: its best
 * that can lead (no quiz, overview or emergency); -1 when that one holds
 * too little of the part. */
static int part_answer(const struct ask *part, const struct section *mine, size_t n)
{
	size_t k = 0;
	bool figure = part->kind == ASKED_FIGURE && part->figure != FIGURE_NONE;

	while(k + 1 < n && k < 2 && !can_lead(&mine[k]))
		k++;
	/* a figure asked, stated by it, needs less of the part's words */
	if(!can_lead(&mine[k]) ||
	   mine[k].coverage < (figure && section_states(&mine[k], part->figure)
	                               ? COMPOSE_FIGURE_COVERAGE
	                               : COMPOSE_SECOND_COVERAGE))
		return -1;
	return (int)k;
}

/* A two-part question whose whole reads as its second part alone ("how do
 * i check my thermometer, and what should chicken read" ranks the chicken
 * first): the first part's own best section goes first, so the lead
 * answers both in the order asked. */
static void first_part_first(const struct answer_ctx *ctx, const struct question *q,
                             struct compose_in *in, size_t first_len)
{
	struct section *ranked = (struct section *)in->ranked, *mine;
	const char *text = arena_strndup(ctx->arena, q->text, first_len);
	const struct section *pool;
	const char *second;
	size_t npool;
	struct ask first;

	if(!text || !among_first(&ranked[0], in->other, in->nother))
		return;
	ask_understand(ctx->kit->lexicon, text, &first);
	/* a first part that asks mid-clause counts when the second does too */
	/* a reading reported ("walk in says 45") asks what to do, unless the
	 * other part asks it of the reading ("..., do we take it"); a matter
	 * told before "also" is asked about */
	if(!(parts_asks_itself(text) || parts_asks_within(text) ||
	     (first.kind == ASKED_FIGURE && first.figure != FIGURE_NONE && !first.reading &&
	      !first.elapsed && !first.since) ||
	     (first.reading > 0 && !parts_refers_back(in->other_ask->text)) ||
	     parts_asked_last(q->text, &second) == q->text + first_len ||
	     parts_told_also(q->text, &second) == q->text + first_len))
		return;
	pool = path_part_candidates(ctx, q, first.text, ranked, in->nranked, &npool);
	if(!(mine = path_ranked_for(ctx, q, &first, pool, npool)))
		return;
	{
		int k = part_answer(&first, mine, npool);

		if(k < 0 || same_place(&mine[k], &in->other[0]))
			return;
		mine += k;
	}
	for(size_t i = 1; i < in->nranked; i++)
		if(same_place(&ranked[i], &mine[0])) {
			path_bring_first(ranked, i);
			return;
		}
	/* found by the first part's own search: it takes the last place, then the first */
	ranked[in->nranked - 1] = mine[0];
	path_bring_first(ranked, in->nranked - 1);
}

void path_rank_other(const struct answer_ctx *ctx, const struct question *q,
                     struct compose_in *in, struct ask *other, const char *named)
{
	char maker[256];
	size_t first_len = 0, npool;
	const char *text = in->ncards ? parts_other_clauses(ctx->kit->lexicon, ctx->arena, q->text)
	                              : parts_second(q->text, &first_len);
	const char *first;
	const struct section *pool;

	if(!text && !in->ncards && in->ask->kind == ASKED_FIGURE)
		text = parts_parallel_tail(q->text, &first_len);
	first = first_len ? arena_strndup(ctx->arena, q->text, first_len) : NULL;
	if(first && !(first = parts_food_replaced(ctx->arena, first, text)))
		return;
	if(!text || !in->nranked)
		return;
	ask_understand(ctx->kit->lexicon, text, other);
	/* "..., is that ok?" asks nothing of its own: the question is one; "...
	 * how do i do it and how fast" asks a figure of the first part's subject */
	if(first && !parts_has_content(text) &&
	   (other->kind != ASKED_FIGURE || other->figure == FIGURE_NONE ||
	    other->figure == in->ask->figure))
		return;
	/* "the fries in the basket" after a fire: what the manual says of food */
	if(in->ncards && parts_names_food(text)) {
		if(!(text = arena_printf(ctx->arena, "%s food", text)))
			return;
		ask_understand(ctx->kit->lexicon, text, other);
	}
	if(first) {
		path_lean_on(ctx->kit->lexicon, other, first);
		if(!in->ask->followup) /* the first part is no earlier turn of a thread */
			other->earlier = 0;
	}
	/* a part of a figure alone ("how quick") is searched with what it asks of */
	text = other->text;
	if(first && !parts_has_content(other->text) &&
	   !((first = parts_manner_blanked(ctx->arena, first)) &&
	     (text = arena_printf(ctx->arena, "%s %s", first, other->text))))
		return;
	if(named) { /* without its model: a model would make it a code search */
		path_maker_of(named, false, maker, sizeof(maker));
		if(!(text = arena_printf(ctx->arena, "%s %s", text, maker)))
			return;
	}
	pool = path_part_candidates(ctx, q, text, in->ranked, in->nranked, &npool);
	if(!(in->other = path_ranked_for(ctx, q, other, pool, npool)))
		return;
	in->other_ask = other;
	in->nother = npool;
	if(first)
		first_part_first(ctx, q, in, first_len);
}
