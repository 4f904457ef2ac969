/* path.c - the local answer path (see path.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer/ask_time.h"
#include "answer/asked.h"
#include "answer/compose.h"
#include "answer/gather.h"
#include "answer/lead.h"
#include "answer/parts.h"
#include "answer/path.h"
#include "answer/retriever.h"
#include "answer/unknown.h"
#include "buf.h"
#include "text/terms.h"
#include "log.h"

#define STATES_WITHIN 3        /* how far down a ranking a better first section may come from */
#define THREAD_WITHIN 6        /* how far down the thread's own section may come from */
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

/* What a follow-up takes from the turns before: "and chicken?" asks what
 * they asked ("how hot"), "it came back" is about the code they named. */
static void inherit(struct ask *ask, const struct ask *before)
{
	/* "where does it go" asks a place of its own, never the figure before */
	if(ask->kind == ASKED_PROCEDURE && ask->figure == FIGURE_NONE &&
	   !strcasestr(ask->text, "where")) {
		ask->kind = before->kind;
		ask->figure = before->figure;
		ask->figure_inherited = ask->figure != FIGURE_NONE;
	}
	/* "how long do i wash || and how much of that is scrubbing": the same
	 * figure, a share of it */
	if(ask->figure == FIGURE_AMOUNT && before->figure != FIGURE_NONE &&
	   strcasestr(ask->text, "how much of"))
		ask->figure = before->figure;
	if(ask->ncodes == 0) {
		memcpy(ask->codes, before->codes, sizeof(ask->codes));
		ask->ncodes = before->ncodes;
	}
	/* "cooling chili || 2 hrs in and its at 90": still food being cooled */
	ask->cooling |= before->cooling;
	ask->heating |= before->heating && !ask->cooling;
	/* "register frozen || cables look fine || still frozen": what the crew
	 * found fine earlier stays ruled out (an emergency rules nothing out) */
	const struct terms *fine = &before->ruled_out;

	for(int i = 0; ask->nemergency == 0 && i < fine->n; i++)
		if(!terms_match(&ask->ruled_out, fine->term[i], NULL))
			terms_add(&ask->ruled_out, fine, i, fine->weight[i]);
	/* "walk in reading 46 || no clue when it started": the reading still stands */
	if(ask->reading == 0 && before->reading > 0) {
		ask->reading = before->reading;
		ask->subject = before->subject;
		if(ask->figure == FIGURE_NONE) {
			ask->figure = FIGURE_TEMPERATURE;
			ask->figure_inherited = true;
		}
		if(ask->kind == ASKED_PROCEDURE)
			ask->kind = ASKED_DECISION;
	}
	if(ask->elapsed == 0) {
		ask->elapsed = before->elapsed;
		ask->start = before->start;
	}
	/* "made chicken salad monday || whats the last day": the day it was
	 * made (and the day it is now) still stand */
	if(ask->made == 0 && ask->made_weekday == 0) {
		ask->made = before->made;
		ask->made_weekday = before->made_weekday;
	}
	if(ask->today == 0 && ask->today_weekday == 0) {
		ask->today = before->today;
		ask->today_weekday = before->today_weekday;
	}
}

/* ask leans on earlier text (the turns before a follow-up, the first half
 * of a two-part question): its own new words ("turkey" in "what about
 * turkey burgers") weigh double, the earlier words half. */
static void lean_on(const struct lexicon *lx, struct ask *ask, const char *earlier)
{
	struct terms prior;
	struct ask before;

	ask->followup = true;
	terms_of(earlier, &prior);
	ask_understand(lx, earlier, &before);
	inherit(ask, &before);
	/* "power went out at 9 || its 2 now": the time runs across the turns */
	if(ask->elapsed == 0) {
		char thread[1024];

		snprintf(thread, sizeof(thread), "%s %s", earlier, ask->text);
		ask->elapsed = ask_elapsed(thread, &ask->start);
	}
	if(ask->nemergency == 0 && before.nemergency > 0) {
		/* "what do i put on a burn || it stopped stinging, can i stop the water": the
		 * thread is still the emergency, its procedure still leads */
		memcpy(ask->emergency, before.emergency, sizeof(ask->emergency));
		ask->nemergency = before.nemergency;
	}
	for(int i = 0; i < ask->terms.n; i++)
		if(!terms_match(&prior, ask->terms.term[i], NULL))
			ask->terms.weight[i] *= 2;
		else
			ask->earlier |= 1u << i;
	for(int i = 0; i < prior.n; i++)
		if(!terms_match(&ask->terms, prior.term[i], NULL) && ask->terms.n < TERMS_MAX) {
			ask->earlier |= 1u << ask->terms.n;
			terms_add(&ask->terms, &prior, i, prior.weight[i] * 0.5);
		}
}

static void understand(const struct answer_ctx *ctx, const struct question *q, const char *query,
                       struct ask *ask)
{
	ask_understand(ctx->kit->lexicon, q->text, ask);
	if(query && strcmp(query, q->text) != 0)
		lean_on(ctx->kit->lexicon, ask, query + strlen(q->text));
}

/* The maker's name and model of a title, into out: its words up to its
 * first model number ("Spudline FD-40" of "Spudline FD-40 Automatic Fry
 * Dispenser"); what follows says what the machine is ("fry", "conveyor"),
 * which a question about fries or a conveyor toaster names too.  Without
 * the model when model is false ("Spudline"). */
static void maker_of(const char *title, bool model, char *out, size_t outlen)
{
	size_t n = 0;

	for(const char *p = title; *p && n + 1 < outlen;) {
		size_t len = strcspn(p, " ");
		bool letter = false, digit = false;

		for(size_t i = 0; i < len; i++) {
			letter |= isalpha((unsigned char)p[i]) != 0;
			digit |= isdigit((unsigned char)p[i]) != 0;
		}
		if(n + len + 2 > outlen || (letter && digit && !model))
			break;
		memcpy(out + n, p, len);
		n += len;
		out[n++] = ' ';
		if(letter && digit)
			break;
		p += len;
		p += strspn(p, " ");
	}
	out[n] = '\0';
}

/* The manual the question names by brand or model: a question term of at
 * least min_weight held by the maker's name and model in the title of
 * exactly one candidate maker's manual and by nothing else among the
 * candidates ("polar swirl", "bg4"); 0 when none. */
static long long manual_named_by(const struct ask *q, const struct section *s, size_t n,
                                 double min_weight)
{
	char makers[GATHER_MAX_SECTIONS][256];

	for(size_t i = 0; i < n && i < GATHER_MAX_SECTIONS; i++)
		maker_of(s[i].title, true, makers[i], sizeof(makers[i]));
	for(int t = 0; t < q->terms.n; t++) {
		uint32_t bit = 1u << t;
		long long doc = 0;
		bool unique = true;
		char nouns[64];

		if(q->terms.weight[t] < min_weight ||
		   terms_machine_nouns(q->terms.term[t], nouns, sizeof(nouns)) > 0)
			continue;
		for(size_t i = 0; i < n && i < GATHER_MAX_SECTIONS && unique; i++)
			if((terms_match(&q->terms, makers[i], NULL) & bit) &&
			   ask_names_model(s[i].title)) {
				unique = doc == 0 || doc == s[i].document_id;
				doc = s[i].document_id;
			}
		for(size_t i = 0; i < n && unique && doc; i++)
			if(s[i].document_id != doc &&
			   (terms_match(&q->terms, s[i].body, NULL) & bit))
				unique = false;
		if(unique && doc)
			return doc;
	}
	return 0;
}

/* The one manual holding the question's error code whose title names the
 * machine the question names: "broiler says F1" is the conveyor
 * broiler's F1, not the ice machine's; 0 when none or several. */
static long long manual_of_code(const struct ask *q, const struct section *s, size_t n)
{
	uint64_t machine = q->ncodes ? q->machines : 0;
	long long doc = 0;

	for(size_t i = 0; i < n && machine; i++) {
		bool holds = false;

		for(int c = 0; c < q->ncodes && !holds; c++)
			holds = !ask_model_like(q->codes[c]) &&
			        (ask_holds_code(s[i].path, q->codes[c]) ||
			         ask_holds_code(s[i].body, q->codes[c]));
		if(!holds || !(section_machine(&s[i]) & machine))
			continue;
		if(doc && doc != s[i].document_id)
			return 0;
		doc = s[i].document_id;
	}
	return doc;
}

/* The machine a maker's manual is for, as its title names it: past the
 * maker and model, before the first dash, colon or comma ("Quillon HDS-24
 * Hot Dog and Bun Steamer Cabinet — Installation ..." -> "Hot Dog and Bun
 * Steamer Cabinet"). */
static void machine_named(const char *title, char *out, size_t outlen)
{
	static const char *const dashes[] = {" - ", "\xe2\x80\x94", NULL}; /* "—" */
	char maker[256];
	const char *p = title;
	size_t len;

	maker_of(title, true, maker, sizeof(maker));
	p += strlen(maker) <= strlen(title) ? strlen(maker) : 0;
	len = strcspn(p, ":,(");
	for(int k = 0; dashes[k]; k++) {
		const char *d = strstr(p, dashes[k]);

		if(d && (size_t)(d - p) < len)
			len = (size_t)(d - p);
	}
	if(len >= outlen)
		len = outlen - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/* Whether the question asks about an error code (not a model number). */
static bool asks_error_code(const struct ask *q)
{
	for(int c = 0; c < q->ncodes; c++)
		if(!ask_model_like(q->codes[c]))
			return true;
	return false;
}

/* The maker's manual for the machine the question names in its own words:
 * the one whose machine (machine_named) holds the most of the question's
 * terms, two at least, more than any other candidate maker's manual
 * ("tortilla warmer" is the conveyor tortilla warmer, not the tortilla
 * press or a holding cabinet); 0 when none. */
static long long manual_of_machine(const struct ask *q, const struct section *s, size_t n)
{
	long long doc = 0;
	int most = 1;
	bool tie = false;

	for(size_t i = 0; i < n; i++) {
		char machine[256];
		int held;

		if(s[i].document_id == doc || !ask_names_model(s[i].title))
			continue;
		machine_named(s[i].title, machine, sizeof(machine));
		held = __builtin_popcount(terms_match(&q->terms, machine, NULL) &
		                          terms_words(&q->terms));
		if(held == most && doc)
			tie = true;
		if(held > most) {
			most = held;
			doc = s[i].document_id;
			tie = false;
		}
	}
	return tie ? 0 : doc;
}

/* The manual the question names, else the one an earlier turn of a
 * follow-up named ("frostline F1" then "it's back again today"), else the
 * one whose title names the machine of the error code asked about. */
static long long named_manual(const struct ask *q, const struct section *s, size_t n)
{
	long long doc = manual_named_by(q, s, n, 1);

	if(!doc && q->followup)
		doc = manual_named_by(q, s, n, 0.5);
	if(!doc && asks_error_code(q))
		doc = manual_of_machine(q, s, n);
	return doc ? doc : manual_of_code(q, s, n);
}

/* A machine the question names (a follow-up naming none: its thread,
 * query): only the manuals made for it, or for no machine at all, answer
 * it.  With an error code ("fryer showing E03") strictly: the grill's E03,
 * or a manual that never says what machine it is for, would be another
 * machine's steps -- else the admission that no
 * manual has the code.  Without one ("how do i shut down the broiler"),
 * when some candidate's manual is for that machine, a maker's manual for
 * another machine is dropped and the store's own manuals stay. */
static size_t without_other_machines(const struct ask *q, const char *query, struct section *s,
                                     size_t n)
{
	bool error_code = asks_error_code(q), made_for = false;
	uint64_t machine = q->machines;
	size_t k = 0;

	/* "walk in freezer reads 12 || how long do i wait": the thread's machine */
	if(!machine && q->followup && query)
		machine = terms_machine_kinds(query);

	for(size_t i = 0; i < n && machine; i++)
		made_for |= (section_machine(&s[i]) & machine) != 0;
	if(!machine || (!error_code && !made_for))
		return n;
	for(size_t i = 0; i < n; i++)
		if((section_machine(&s[i]) & machine) ||
		   (!error_code && !ask_names_model(s[i].title)))
			s[k++] = s[i];
	return k;
}

/* Keeps only the named manual's sections (a question naming a model is
 * answered from that model's manual, never another machine's). */
static size_t only_manual(struct section *s, size_t n, long long doc)
{
	size_t k = 0;

	for(size_t i = 0; i < n; i++)
		if(s[i].document_id == doc)
			s[k++] = s[i];
	return k;
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

/* Moves s[i] to the front, the sections before it one down. */
static void bring_first(struct section *s, size_t i)
{
	struct section moved = s[i];

	memmove(&s[1], &s[0], i * sizeof(*s));
	s[0] = moved;
}

static bool same_place(const struct section *a, const struct section *b)
{
	return a->document_id == b->document_id && strcmp(a->path, b->path) == 0;
}

/* A copy of the candidates ranked for ask alone (the caller's ranking
 * stays as it is). */
static struct section *ranked_for(const struct answer_ctx *ctx, const struct question *q,
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

/* The candidates for one part of a two-part question: the question's own
 * (from, n), then those a search for that part's words alone finds ("how
 * long can sliced tomatoes stay in the walk-in? also bleach got in my
 * eye": the whole question's search finds the eye wash and the warm
 * walk-in, not the date marking).  *out gets their number; on a failed
 * search, the question's own. */
static const struct section *part_candidates(const struct answer_ctx *ctx,
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
	for(size_t i = 0; i < n && i < STATES_WITHIN; i++)
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
	pool = part_candidates(ctx, q, first.text, ranked, in->nranked, &npool);
	if(!(mine = ranked_for(ctx, q, &first, pool, npool)))
		return;
	{
		int k = part_answer(&first, mine, npool);

		if(k < 0 || same_place(&mine[k], &in->other[0]))
			return;
		mine += k;
	}
	for(size_t i = 1; i < in->nranked; i++)
		if(same_place(&ranked[i], &mine[0])) {
			bring_first(ranked, i);
			return;
		}
	/* found by the first part's own search: it takes the last place, then the first */
	ranked[in->nranked - 1] = mine[0];
	bring_first(ranked, in->nranked - 1);
}

/* The other part of the question, ranked on its own: its words alone pick
 * the section that answers it -- an emergency question's clauses that
 * name no emergency, or a two-part question's second question (leaning on
 * the first: "what temp for the walk in, and the freezer?").  named: the
 * title of the manual the question names, or NULL; its maker is searched
 * with the part ("rw2 says E05, whats the service number": Brackley's
 * service line). */
static void rank_other(const struct answer_ctx *ctx, const struct question *q,
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
		lean_on(ctx->kit->lexicon, other, first);
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
		maker_of(named, false, maker, sizeof(maker));
		if(!(text = arena_printf(ctx->arena, "%s %s", text, maker)))
			return;
	}
	pool = part_candidates(ctx, q, text, in->ranked, in->nranked, &npool);
	if(!(in->other = ranked_for(ctx, q, other, pool, npool)))
		return;
	in->other_ask = other;
	in->nother = npool;
	if(first)
		first_part_first(ctx, q, in, first_len);
}


/* Of the next few sections after the best, the first that can answer q
 * (can) and holds at least half as much of the question comes first.  The
 * rules below differ only in when they look and what can answer. */
static void first_that_can(const struct ask *q, struct section *s, size_t n,
                           bool (*can)(const struct ask *, const struct section *))
{
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(can(q, &s[i]) && s[i].coverage >= s[0].coverage * 0.5) {
			bring_first(s, i);
			return;
		}
}

/* Neither an overview, a quiz nor an emergency card: a section that answers. */
static bool no_overview(const struct ask *q, const struct section *s)
{
	(void)q;
	return s->kind != SECTION_OVERVIEW && s->kind != SECTION_QUIZ && !s->emergency;
}

static bool states_asked(const struct ask *q, const struct section *s)
{
	return section_states(s, q->figure);
}

/* A figure question is answered by a section that states a figure of that
 * kind: when the best one does not and one of the next few does, that one
 * comes first (a lead without the figure asked is no answer). */
static void states_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE && n >= 2 &&
	   !section_states(&s[0], q->figure))
		first_that_can(q, s, n, states_asked);
}

/* Does s's heading name one of the error codes q names (not a model)? */
static bool heading_names_code(const struct ask *q, const struct section *s)
{
	for(int i = 0; i < q->ncodes; i++)
		if(!ask_model_like(q->codes[i]) && ask_holds_code(s->path, q->codes[i]))
			return true;
	return false;
}

/* A code asked ("korvald threw E3 in the middle of onions") is answered by
 * its own section: when the best section only mentions it (a step that
 * says "the display shows E3"), the next few sections' first of the same
 * manual whose heading names it comes first. */
static void code_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_FAULT || q->ncodes == 0 || q->followup || n < 2 ||
	   heading_names_code(q, &s[0]))
		return;
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(s[i].document_id == s[0].document_id && heading_names_code(q, &s[i])) {
			bring_first(s, i);
			return;
		}
}

/* What answers a procedure or a figure asked in place of a fault's
 * section: steps of its own, or a sentence stating the figure. */
static bool answers_instead(const struct ask *q, const struct section *s)
{
	if(s->kind == SECTION_FAULT || !no_overview(q, s))
		return false;
	return q->kind == ASKED_PROCEDURE ? s->nsteps >= 2 : section_states(s, q->figure);
}

/* A procedure or a figure asked ("how do i clean the deflector", "what temp
 * should the waffle maker be on") is not answered by an error code's row
 * ("E4: grid above 480°F"): when the best section is a fault's and the
 * question names no code, the first of the next few sections that answers
 * instead comes first -- unless the question is most of that fault's
 * heading, a symptom told in the manual's words ("hot dogs all dried out"). */
static void fault_not_first(const struct ask *q, struct section *s, size_t n)
{
	bool figure = q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE;

	if((q->kind == ASKED_PROCEDURE || figure) && q->ncodes == 0 && n >= 2 &&
	   s[0].kind == SECTION_FAULT && rank_share(&q->terms, s[0].in_heading) < 0.5)
		first_that_can(q, s, n, answers_instead);
}

/* An overview or a quiz never leads an answer to anything but "what is X":
 * when the best section is one, the first of the next few that is neither
 * comes first. */
static void answers_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_DEFINITION && n >= 2 &&
	   (s[0].kind == SECTION_OVERVIEW || s[0].kind == SECTION_QUIZ))
		first_that_can(q, s, n, no_overview);
}

static bool keeps_thread(const struct ask *q, const struct section *s)
{
	return (rank_held(q, s) & q->earlier) && !rank_maker_unnamed(q, s);
}

/* A follow-up is asked of the thread ("closer no-showed tonight || called
 * him twice no answer, what next"): when the best section holds none of
 * the earlier turns' words ("D7: Customer not found or no answer"), the
 * first of the next few that holds some comes first -- never one of a
 * maker's manual the thread never named. */
static void thread_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->followup && q->earlier && n >= 2 && !(rank_held(q, &s[0]) & q->earlier))
		first_that_can(q, s, n, keeps_thread);
}

/* The answer the thread gave last, or NULL. */
static const char *last_answer(const struct question *q)
{
	for(size_t i = q->nhistory; i-- > 0;)
		if(strcmp(q->history[i].role, "assistant") == 0)
			return q->history[i].content;
	return NULL;
}

#define SAID_CHARS 80  /* how much of a lead an earlier answer must hold word for word */

/* Would s lead with what the thread's last answer (its text, the steps
 * aside) already said? */
static bool said_before(struct arena *a, const struct ask *q, const struct section *s,
                        const char *said)
{
	const char *lead = NULL;

	if(lead_text(a, q, s, &lead) || !lead)
		return false;
	return memmem(said, strlen(said), lead, strnlen(lead, SAID_CHARS)) != NULL;
}

/* Does s say what to do when its fix fails ("If E6 returns, call
 * service"), or when what the crew found now happens ("If the reading is
 * low, ..." after "refilled it, still low")? */
static bool says_what_then(const struct section *s, const char *told)
{
	struct terms own;

	if(lead_says_any(s->body, lead_recurs))
		return true;
	terms_of(told, &own);
	for(size_t i = 0; i < s->nparts; i++)
		if(strncasecmp(s->parts[i].text, "If ", 3) == 0 &&
		   terms_match(&own, s->parts[i].text, NULL))
			return true;
	return false;
}

/* "did that, still watery": the crew did what the last answer said and the
 * fault stayed.  When the best section is the one that answer led with and
 * it says nothing of what to do then, the first of the next few that the
 * thread has not been told comes first (the next check, the call for
 * service), not the same steps again. */
static void next_when_persists(struct arena *a, const struct question *qn, const struct ask *q,
                               struct section *s, size_t n)
{
	const char *said;

	if(!q->followup || !q->persists || n < 2 || !(said = last_answer(qn)) ||
	   says_what_then(&s[0], qn->text) || !said_before(a, q, &s[0], said))
		return;
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(no_overview(q, &s[i]) && !said_before(a, q, &s[i], said)) {
			bring_first(s, i);
			return;
		}
}

/* "temp for chicken strips? || and if its 160 can i pull em": a reading
 * told after the thread's answer is held against that answer's rule.  When
 * the best section is not the one the last answer led with, and one of the
 * few after it is, states the figure read and is no manual of a maker the
 * thread never named, it comes first. */
static void reading_in_thread(struct arena *a, const struct question *qn, const struct ask *q,
                              struct section *s, size_t n)
{
	const char *said;

	if(!q->followup || q->reading <= 0 || q->figure == FIGURE_NONE || n < 2 ||
	   !(said = last_answer(qn)) || said_before(a, q, &s[0], said))
		return;
	for(size_t i = 1; i < n && i < THREAD_WITHIN; i++)
		if(said_before(a, q, &s[i], said) && section_states(&s[i], q->figure) &&
		   !rank_maker_unnamed(q, &s[i])) {
			bring_first(s, i);
			return;
		}
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
 * (part_candidates), and all are ranked again. */
static void with_time_rules(const struct answer_ctx *ctx, const struct question *q,
                            const struct ask *ask, struct section **s, size_t *n)
{
	const struct section *pool;
	struct section *ranked;
	size_t npool;

	if(ask->kind != ASKED_DECISION || !ask->reading || !ask->elapsed || ask->cooling ||
	   ask->heating || ask->nemergency || *n == 0)
		return;
	pool = part_candidates(ctx, q, TIME_RULE_WORDS, *s, *n, &npool);
	if(npool > *n && (ranked = ranked_for(ctx, q, ask, pool, npool))) {
		*s = ranked;
		*n = npool;
	}
}

/* A two-part question asks first what its first part asks ("how long to
 * warm up, and whats the default platen temp" asks a time first; "how do
 * i ... and how long" steps): the second is asked of the other part
 * (rank_other). */
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
		long long doc = named_manual(&ask, s, n);

		n = doc ? only_manual(s, n, doc) : without_other_machines(&ask, query, s, n);
		named = doc && n ? s[0].title : NULL;
		ruled_out_last(&ask, s, n, ctx->arena);
	}
	if(!result && !in.ncards && ask.nemergency == 0)
		result = unknown_names(ctx, &ask, s, n, &in);
	if(result)
		return result;
	in.ask = &ask;
	in.cards = cards;
	in.ranked = s;
	in.nranked = without_cards(s, n, cards, in.ncards);
	answers_first(&ask, s, in.nranked);
	thread_first(&ask, s, in.nranked);
	states_first(&ask, s, in.nranked);
	fault_not_first(&ask, s, in.nranked);
	code_first(&ask, s, in.nranked);
	next_when_persists(ctx->arena, q, &ask, s, in.nranked);
	reading_in_thread(ctx->arena, q, &ask, s, in.nranked);
	rank_other(ctx, q, &in, &other, named);
	if(emergency)
		*emergency = ask.nemergency > 0;
	result = sources ? as_sources(ctx->arena, &in, sources) : LL_OK;
	return result ? result : compose_answer(ctx->arena, &in, out);
}
