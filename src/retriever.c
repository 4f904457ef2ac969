/* retriever.c - full-text + trigram retrieval in one statement per tier. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "composer.h"
#include "log.h"
#include "ragie.h"
#include "retriever.h"
#include "worker.h"

#define MAX_WORDS 8
#define MAX_CODES 3
#define MIN_FOUND 3

/* $1 the tsquery text, $2 text[] of ILIKE patterns for codes (may be empty),
 * $3 text[] of the agent's categories (first = its own).
 * fts: the best 48 full-text matches, rank normalised to [0,1) by
 * ts_rank_cd's flag 32 (rank / (rank + 1)); trg: chunks naming a code, 1.0
 * in the heading, 0.8 in the body.  The final score weighs them 0.6 / 0.4
 * when the question names a code, plus 0.1 (0.05) for the agent's first
 * (other) categories. */
#define RETRIEVE_SQL(TSQUERY) \
	"WITH fts AS (" \
	"  SELECT id, ts_rank_cd(tsv, " TSQUERY ", 32) AS r FROM chunks" \
	"   WHERE tsv @@ " TSQUERY " ORDER BY r DESC LIMIT 48)," \
	" trg AS (" \
	"  SELECT id, CASE WHEN heading ILIKE ANY ($2::text[]) THEN 1.0 ELSE 0.8 END AS t FROM chunks" \
	"   WHERE cardinality($2::text[]) > 0" \
	"     AND (heading ILIKE ANY ($2::text[]) OR body ILIKE ANY ($2::text[])) LIMIT 48)," \
	" u AS (SELECT id FROM fts UNION SELECT id FROM trg)" \
	" SELECT c.id, c.document_id, c.title, c.section, c.category, c.body, s.score" \
	"  FROM (SELECT u.id, least(1.0," \
	"          CASE WHEN cardinality($2::text[]) > 0" \
	"               THEN 0.6 * coalesce(f.r, 0) + 0.4 * coalesce(t.t, 0)" \
	"               ELSE coalesce(f.r, 0) END" \
	"          + CASE WHEN ch.category = ($3::text[])[1] THEN 0.1" \
	"                 WHEN ch.category = ANY ($3::text[]) THEN 0.05 ELSE 0 END) AS score" \
	"          FROM u JOIN chunks ch ON ch.id = u.id" \
	"          LEFT JOIN fts f ON f.id = u.id LEFT JOIN trg t ON t.id = u.id" \
	"         ORDER BY score DESC, u.id LIMIT 8) s" \
	"  JOIN chunks c ON c.id = s.id ORDER BY s.score DESC, c.id"

static const struct db_stmt retrieve_web = {
	"retriever_web", RETRIEVE_SQL("websearch_to_tsquery('english', $1)")};
static const struct db_stmt retrieve_tsq = {
	"retriever_tsq", RETRIEVE_SQL("to_tsquery('english', $1)")};

/* The question's content words, lower-case [a-z0-9] only (safe inside a
 * to_tsquery expression), stop words and one-letter words dropped. */
static int query_words(const char *q, char words[MAX_WORDS][32])
{
	int n = 0;

	while(*q && n < MAX_WORDS) {
		char w[32];
		size_t len = 0;
		bool dup = false;

		while(*q && !isalnum((unsigned char)*q))
			q++;
		while(*q && isalnum((unsigned char)*q)) {
			if(len < sizeof(w) - 1)
				w[len++] = (char)tolower((unsigned char)*q);
			q++;
		}
		w[len] = '\0';
		if(len < 2 || composer_is_stopword(w, len))
			continue;
		for(int i = 0; i < n && !dup; i++)
			dup = strcmp(words[i], w) == 0;
		if(!dup)
			memcpy(words[n++], w, len + 1);
	}
	return n;
}

/* The PostgreSQL array literal of ILIKE patterns for the codes in q:
 * {"%E03%","%E3%"}; codes hold only [A-Z0-9-], so no quoting is needed. */
static void code_patterns(const char *q, char *out, size_t outlen)
{
	char codes[MAX_CODES][16];
	int n = composer_codes_of(q, codes, MAX_CODES);
	size_t used = 0;

	used += (size_t)snprintf(out, outlen, "{");
	for(int i = 0; i < n && used < outlen; i++) {
		char alt[16];
		const char *digits = codes[i];

		used += (size_t)snprintf(out + used, outlen - used, "%s\"%%%s%%\"", i ? "," : "", codes[i]);
		/* E3 <-> E03 <-> E-3: also the form with (without) a zero */
		while(*digits && !isdigit((unsigned char)*digits))
			digits++;
		if(used < outlen && (size_t)(digits - codes[i]) <= 2 && *digits && strlen(digits) == 1) {
			snprintf(alt, sizeof(alt), "%.*s0%s", (int)(digits - codes[i]), codes[i], digits);
			used += (size_t)snprintf(out + used, outlen - used, ",\"%%%s%%\"", alt);
		}
	}
	if(used < outlen)
		snprintf(out + used, outlen - used, "}");
}

static void categories_literal(enum agent_id agent, char *out, size_t outlen)
{
	const struct agent *a = agent_get(agent);
	size_t used = (size_t)snprintf(out, outlen, "{");

	for(int i = 0; a->categories[i] && used < outlen; i++)
		used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : "", a->categories[i]);
	if(used < outlen)
		snprintf(out + used, outlen - used, "}");
}

static ll_result run_tier(struct worker *w, const struct db_stmt *stmt, const char *tsquery,
                          const char *patterns, const char *categories, double factor,
                          struct passages *out)
{
	const char *params[3] = {tsquery, patterns, categories};
	PGresult *res = NULL;
	ll_result result = db_exec(&w->db, stmt, 3, params, &res);
	int rows;

	if(result)
		goto out;
	rows = PQntuples(res);
	if(rows == 0)
		goto out;
	{
		/* appended to what earlier tiers found */
		struct passage *items = arena_alloc(&w->arena, (out->count + (size_t)rows) * sizeof(*items));

		if(!items) {
			result = LL_ENOMEM;
			goto out;
		}
		if(out->count)
			memcpy(items, out->items, out->count * sizeof(*items));
		out->items = items;
	}
	for(int i = 0; i < rows; i++) {
		double score = strtod(PQgetvalue(res, i, 6), NULL) * factor;
		long long id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		struct passage *p;
		bool seen = false;

		for(size_t k = 0; k < out->count && !seen; k++)
			seen = out->items[k].chunk_id == id;
		if(seen || score < RETRIEVER_THRESHOLD)
			continue;
		p = &out->items[out->count++];
		p->chunk_id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		p->document_id = strtoll(PQgetvalue(res, i, 1), NULL, 10);
		p->title = arena_strdup(&w->arena, PQgetvalue(res, i, 2));
		p->section = arena_strdup(&w->arena, PQgetvalue(res, i, 3));
		p->category = arena_strdup(&w->arena, PQgetvalue(res, i, 4));
		p->body = arena_strdup(&w->arena, PQgetvalue(res, i, 5));
		p->score = score;
		p->origin = "pg";
		if(!p->title || !p->section || !p->category || !p->body) {
			result = LL_ENOMEM;
			goto out;
		}
	}
out:
	PQclear(res);
	return result;
}

static int passage_cmp(const void *x, const void *y)
{
	const struct passage *a = x, *b = y;

	if(a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return a->chunk_id < b->chunk_id ? -1 : a->chunk_id > b->chunk_id;
}

static ll_result retrieve_pg(struct worker *w, const char *query, enum agent_id agent,
                             struct passages *out)
{
	char words[MAX_WORDS][32], patterns[256], categories[128];
	int n = query_words(query, words);
	struct buf tsq;
	ll_result result;

	buf_init(&tsq, 4096);
	code_patterns(query, patterns, sizeof(patterns));
	categories_literal(agent, categories, sizeof(categories));
	/* tier 1: every word (websearch syntax: quotes, or, -word); the looser
	 * tiers add to it while fewer than MIN_FOUND passages were found */
	result = run_tier(w, &retrieve_web, query, patterns, categories, 1.0, out);
	if(result || out->count >= MIN_FOUND || n < 2)
		goto tier3;
	/* tier 2: any two of the words */
	for(int i = 0; i < n && !result; i++)
		for(int k = i + 1; k < n && !result; k++)
			result = buf_printf(&tsq, "%s(%s & %s)", tsq.len ? " | " : "", words[i], words[k]);
	if(!result)
		result = run_tier(w, &retrieve_tsq, buf_str(&tsq), patterns, categories, 0.9, out);
tier3:
	/* tier 3: any one word */
	if(!result && out->count < MIN_FOUND && n > 0) {
		buf_reset(&tsq);
		for(int i = 0; i < n && !result; i++)
			result = buf_printf(&tsq, "%s%s", i ? " | " : "", words[i]);
		if(!result)
			result = run_tier(w, &retrieve_tsq, buf_str(&tsq), patterns, categories, 0.75, out);
	}
	buf_free(&tsq);
	if(!result && out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), passage_cmp);
	if(out->count > RETRIEVER_LIMIT)
		out->count = RETRIEVER_LIMIT;
	return result;
}

/* Ragie's passages after the built-in ones, best first, without going over
 * RETRIEVER_LIMIT. */
static ll_result merge(struct worker *w, struct passages *pg, const struct passages *ragie)
{
	size_t n = pg->count + ragie->count, k = 0;
	struct passage *items;

	if(ragie->count == 0)
		return LL_OK;
	items = arena_alloc(&w->arena, n * sizeof(*items));
	if(!items)
		return LL_ENOMEM;
	for(size_t i = 0, j = 0; k < n && k < RETRIEVER_LIMIT;) {
		bool take_pg = i < pg->count && (j >= ragie->count || pg->items[i].score >= ragie->items[j].score);

		if(i >= pg->count && j >= ragie->count)
			break;
		items[k++] = take_pg ? pg->items[i++] : ragie->items[j++];
	}
	pg->items = items;
	pg->count = k;
	return LL_OK;
}

ll_result retriever_search(struct worker *w, const char *query, enum agent_id agent,
                           double budget_s, struct passages *out, bool *degraded)
{
	const struct settings *s = w->settings;
	struct passages ragie = {0};
	ll_result result = LL_OK;

	out->items = NULL;
	out->count = 0;
	if(s->retrieval != RETRIEVAL_PG) {
		ll_result r = ragie_retrieve(s, &w->arena, query, RETRIEVER_LIMIT, budget_s, &ragie);

		if(r) {
			log_warn("ragie_failed", "Ragie retrieval failed (%d): using PostgreSQL", (int)r);
			*degraded = true;
			ragie.count = 0;
		}
		if(s->retrieval == RETRIEVAL_RAGIE && !r && ragie.count > 0) {
			*out = ragie;
			goto out;
		}
	}
	result = retrieve_pg(w, query, agent, out);
	if(!result)
		result = merge(w, out, &ragie);
out:
	return result;
}
