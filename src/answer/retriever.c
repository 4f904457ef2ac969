/* retriever.c - full-text and code retrieval: three tiers, one statement. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text/terms.h"
#include "log.h"
#include "ragie.h"
#include "retriever.h"
#include "settings.h"
#include "answer/context.h"

#define MAX_WORDS 8
#define MAX_CODES 3
#define RETRIEVER_CANDIDATES 48

/* One tier of the search.  TSQUERY is the tier's tsquery, a sub-select so
 * that it is parsed once (as an expression of a parameter it would be parsed
 * again for every row ranked); $2 text[] of normalised codes (linelead_codes
 * form, may be empty), $3 text[] of the agent's categories (first = its own).
 * m: the candidates (M_FIRST below).  fts: their rank (ts_rank_cd flag 32:
 * rank / (rank + 1); a word in the section heading weighs as much as one in
 * the title); the best 48 go on.
 * trg: chunks whose indexed codes hold one the question names, 0.9 when
 * their heading names one (the section that defines the code), up to 1.0
 * as it names more of them, 0.8 else: "NS-12A says E9" finds the NS-12A's
 * E9 section first, not the other manuals' E9 and every NS-12A section (its
 * title names the model) in the order they were stored; among as many
 * manuals with the code, the 32 that hold most of the question's other
 * words ("E1 on the hot dog steamer"), not the first stored.
 * s: the score weighs them 0.6 / 0.4 when the question names a code, plus
 * 0.1 (0.05) for the agent's first (other) categories; the best 40 go on.
 * Only those 40 are read whole, one index lookup each (OFFSET 0 keeps the
 * planner from joining them to the whole table instead). */
#define TIER_SQL(TSQUERY) \
	"WITH m AS (" M_FIRST(TSQUERY) ")," \
	" fts AS (SELECT id, category," \
	"   ts_rank_cd('{0.1, 0.2, 1.0, 1.0}', tsv, " TSQUERY ", 32) AS r" \
	"   FROM m ORDER BY r DESC LIMIT 48)," \
	" trg AS (" \
	"  SELECT id, category, CASE WHEN heading_codes && $2::text[] THEN 0.9 + 0.1 *" \
	"    (SELECT count(DISTINCT h) FROM unnest(heading_codes) h WHERE h = ANY ($2::text[]))" \
	"    / cardinality($2::text[]) ELSE 0.8 END AS t" \
	"   FROM chunks WHERE cardinality($2::text[]) > 0 AND codes && $2::text[]" \
	"   ORDER BY t DESC, ts_rank_cd('{0.1, 0.2, 1.0, 1.0}', tsv, " ANY_TSQUERY ") DESC, id" \
	"   LIMIT 32)," \
	" u AS (SELECT id, category, max(r) AS r, max(t) AS t FROM (" \
	"   SELECT id, category, r, NULL::numeric AS t FROM fts" \
	"   UNION ALL SELECT id, category, NULL, t FROM trg) x GROUP BY id, category)," \
	" s AS (SELECT id, least(1.0," \
	"          CASE WHEN cardinality($2::text[]) > 0" \
	"               THEN 0.6 * coalesce(r, 0) + 0.4 * coalesce(t, 0)" \
	"               ELSE coalesce(r, 0) END" \
	"          + CASE WHEN category = ($3::text[])[1] THEN 0.1" \
	"                 WHEN category = ANY ($3::text[]) THEN 0.05 ELSE 0 END) AS score" \
	"   FROM u ORDER BY score DESC, id LIMIT 40)" \
	" SELECT c.id, c.document_id, c.title, c.section, c.category, c.body, s.score FROM s" \
	"  CROSS JOIN LATERAL (SELECT id, document_id, title, section, category, body FROM chunks" \
	"   WHERE chunks.id = s.id OFFSET 0) c"

/* The candidates ranked: the first 100 chunks the GIN index yields for the
 * tier's query, and the first 100 of those that hold the question's rarest
 * word (kw's first).  Ranking every match (ts_rank_cd reads each one's
 * tsvector) made the cost grow with the table; this bounds it.  The price:
 * for a very broad query over a large table the 100 are not the 100 best
 * matches -- but the chunks with the telling word are among them ("clean
 * cycle ... nisafe": the pairs of "clean" and "cycle" in every manual filled
 * the first 100).  (Per-word candidate lists, LIMIT 40 each in a LATERAL
 * join, found the same answers here but the planner scanned sequentially
 * for rare words: 24 ms p50 at 100k chunks.) */
#define M_FIRST(TSQUERY) \
	"(SELECT id, tsv, category FROM chunks WHERE tsv @@ " TSQUERY " LIMIT 100)" \
	" UNION (SELECT id, tsv, category FROM chunks WHERE tsv @@ " TSQUERY \
	"  AND tsv @@ (SELECT w[1]::tsquery FROM kw) LIMIT 100)"

#define STR_(x) #x
#define STR(x) STR_(x)
#define MIN_FOUND 6
#define PASSING(SCORE) SCORE " >= " STR(RETRIEVER_THRESHOLD)

/* The question's words for the looser tiers, as quoted lexemes ($4: the
 * content words, space-separated, stemmed here as chunks.tsv is): those no
 * chunk holds are left out, and a word more than COMMON_CHUNKS chunks hold
 * (sql/005_lexeme_counts.sql) is kept only among the KEEP_RAREST rarest.  A
 * GIN index answers an OR by reading every word's posting list whole, so
 * this bounds the looser tiers' cost by the rare words, which are also the
 * telling ones; at a store's size no word is that common. */
#define COMMON_CHUNKS 2000
#define KEEP_RAREST 3
#define KEYWORDS_SQL \
	"SELECT coalesce(array_agg(quote_literal(lx) ORDER BY n, lx), '{}') AS w," \
	" coalesce(min(n), 0) AS rarest FROM (" \
	"  SELECT lx, n, row_number() OVER (ORDER BY n, lx) AS r FROM (" \
	"    SELECT lx, (SELECT chunks FROM chunk_lexemes WHERE lexeme = lx) AS n" \
	"      FROM unnest(tsvector_to_array(to_tsvector('english', $4))) AS lx) y" \
	"   WHERE n > 0) x" \
	" WHERE r <= " STR(KEEP_RAREST) " OR n <= " STR(COMMON_CHUNKS)
/* t2's tsquery: any two of the words, or, when even the rarest is common, the
 * rarest and any other (GIN then walks the rarest word's list and skips
 * through the others'); t3's: any one of the words. */
#define PAIRS_TSQUERY \
	"(SELECT CASE WHEN rarest > " STR(COMMON_CHUNKS) \
	"  THEN w[1] || ' & (' || array_to_string(w[2:], ' | ') || ')'" \
	"  ELSE (SELECT string_agg(a || ' & ' || b, ' | ')" \
	"        FROM unnest(w) WITH ORDINALITY AS x(a, i)," \
	"        unnest(w) WITH ORDINALITY AS y(b, j) WHERE i < j) END::tsquery FROM kw)"
#define ANY_TSQUERY "(SELECT array_to_string(w, ' | ')::tsquery FROM kw)"

/* The three tiers in one round trip, each looser one run only while the
 * tighter ones found fewer than MIN_FOUND passages scoring at least
 * RETRIEVER_THRESHOLD: t1 every word of $1 (the question without websearch
 * syntax: plain_words), t2 any two of the words kw keeps, t3 any one of them, their scores
 * weighed 1, 0.9 and 0.75.  A gate is a condition on no row, so PostgreSQL
 * checks it once and does not run a tier it closes.  Rows come tier by
 * tier, best first within a tier; a chunk found by two tiers comes twice
 * (the caller keeps the first). */
/* t0: one of the KEEP_RAREST rarest words (the rarest such) names one
 * manual in its title and no other manual says it ("opening steps for the
 * chillbrook", "korvald cutter flashing E8", where E8 is rarer): that
 * manual's best TITLE_FOUND chunks for the question's words come first,
 * whatever the common words or the code find (the pairs of "opening" and
 * "steps" filled t2 with other manuals; every manual's E8 filled t1).  Only
 * a word at most TITLE_CHUNKS chunks hold: a brand, not a machine every
 * manual speaks of ("fry"). */
#define TITLE_CHUNKS 80
#define TITLE_FOUND 3
#define FOUND_IN_T1 "(SELECT count(*) FROM t1 WHERE " PASSING("score") ")"
#define FOUND_IN_T1_T2 \
	"(SELECT count(*) FROM (SELECT id FROM t1 WHERE " PASSING("score") \
	"  UNION SELECT id FROM t2 WHERE " PASSING("score") ") f)"
#define RETRIEVE_SQL \
	"WITH kw AS MATERIALIZED (" KEYWORDS_SQL ")," \
	" t1 AS MATERIALIZED (" TIER_SQL("(SELECT websearch_to_tsquery('english', $1))") ")," \
	" t2 AS MATERIALIZED (SELECT id, document_id, title, section, category, body," \
	"   score * 0.9 AS score" \
	"   FROM (" TIER_SQL(PAIRS_TSQUERY) ") x" \
	"  WHERE " FOUND_IN_T1 " < " STR(MIN_FOUND) " AND (SELECT cardinality(w) FROM kw) >= 2)," \
	" t3 AS (SELECT id, document_id, title, section, category, body, score * 0.75 AS score" \
	"   FROM (" TIER_SQL(ANY_TSQUERY) ") x" \
	"  WHERE " FOUND_IN_T1_T2 " < " STR(MIN_FOUND) \
	"  AND (SELECT cardinality(w) FROM kw) >= 1)," \
	" t0w AS (SELECT x.q::tsquery AS q FROM kw, unnest(w[1:" STR(KEEP_RAREST) "])" \
	"   WITH ORDINALITY AS x(q, i)" \
	"  WHERE cardinality(w) >= 2" \
	"   AND (SELECT chunks FROM chunk_lexemes WHERE lexeme = trim(both '''' FROM x.q))" \
	"       <= " STR(TITLE_CHUNKS) \
	"   AND (SELECT count(DISTINCT document_id) FROM chunks WHERE tsv @@ x.q::tsquery) = 1" \
	"   AND EXISTS (SELECT 1 FROM chunks WHERE tsv @@ x.q::tsquery" \
	"               AND to_tsvector('english', title) @@ x.q::tsquery)" \
	"  ORDER BY i LIMIT 1)," \
	" t0 AS (SELECT c.id, c.document_id, c.title, c.section, c.category, c.body," \
	"   " STR(RETRIEVER_THRESHOLD) " + 0.0 AS score FROM chunks c, t0w" \
	"  WHERE c.tsv @@ t0w.q AND to_tsvector('english', c.title) @@ t0w.q" \
	"  ORDER BY ts_rank_cd(c.tsv, " ANY_TSQUERY ") DESC, c.id LIMIT " STR(TITLE_FOUND) ")" \
	" SELECT * FROM (SELECT 0 AS tier, * FROM t0 UNION ALL SELECT 1, * FROM t1" \
	"                UNION ALL SELECT 2, * FROM t2 UNION ALL SELECT 3, * FROM t3) r" \
	" WHERE " PASSING("score") " ORDER BY tier, score DESC, id"

static const struct db_stmt retrieve = {"retriever_search", RETRIEVE_SQL};

/* The spelling fallback ($1 text[]: the question's words): each word of
 * five letters or more whose stem no chunk holds, and the lexeme of the
 * knowledge base most like it (pg_trgm similarity at least 0.4, same first
 * letter, a letter longer or shorter at most, the commoner on a tie),
 * kept when it is one typo from the word's stem (terms_one_typo, in
 * respell): "chiken" -> chicken, "burgr" -> burger; a word the knowledge
 * base lacks stays as it is: a brand ("Solvane"), or "ranch", which is not
 * "rancid" (similar by trigrams, two typos apart).
 * chunk_lexemes is read by its primary key: one lookup per word, and for a
 * word it lacks, a range of lexemes sharing the first letter. */
#define SPELL_SQL \
	"SELECT x.w, c.lexeme, st.s FROM unnest($1::text[]) AS x(w)" \
	" CROSS JOIN LATERAL (SELECT (ts_lexize('english_stem', x.w))[1] AS s) st" \
	" CROSS JOIN LATERAL (SELECT lexeme FROM chunk_lexemes" \
	"   WHERE lexeme >= left(st.s, 1) AND lexeme < chr(ascii(st.s) + 1)" \
	"     AND abs(length(lexeme) - length(st.s)) <= 1 AND similarity(lexeme, st.s) >= 0.4" \
	"   ORDER BY similarity(lexeme, st.s) DESC, chunks DESC, lexeme LIMIT 1) c" \
	" WHERE length(x.w) >= 5 AND x.w ~ '^[a-z]+$' AND st.s IS NOT NULL" \
	"   AND NOT EXISTS (SELECT 1 FROM chunk_lexemes WHERE lexeme = st.s)"

static const struct db_stmt spell = {"retriever_spell", SPELL_SQL};

/* Adds w (len bytes) to words unless it is there, a stop word or one letter. */
static int add_word(char words[MAX_WORDS][32], int n, const char *w, size_t len)
{
	if(len < 2 || len > 31 || n >= MAX_WORDS || terms_is_stopword(w, len))
		return n;
	for(int i = 0; i < n; i++)
		if(strncmp(words[i], w, len) == 0 && words[i][len] == '\0')
			return n;
	memcpy(words[n], w, len);
	words[n][len] = '\0';
	return n + 1;
}

/* The question's content words, lower-case [a-z0-9] only, stop words and
 * one-letter words dropped.  A compound of stop words ("no-show") is one
 * word, hyphen kept (to_tsvector reads it as chunks.tsv holds it); other
 * compounds ("walk-in") give their parts, which already find it. */
static int query_words(const char *q, char words[MAX_WORDS][32])
{
	int n = 0;

	while(*q && n < MAX_WORDS) {
		char w[32];
		size_t len = 0, part = 0;
		int before = n;
		bool hyphen = false;

		while(*q && !isalnum((unsigned char)*q))
			q++;
		for(;; q++) {
			if(*q && isalnum((unsigned char)*q)) {
				if(len < sizeof(w) - 1)
					w[len++] = (char)tolower((unsigned char)*q);
				continue;
			}
			n = add_word(words, n, w + part, len - part);
			if(*q == '-' && len > 0 && len < sizeof(w) - 1 &&
			   isalpha((unsigned char)w[len - 1]) &&
			   isalpha((unsigned char)q[1])) {
				w[len++] = '-';
				part = len;
				hyphen = true;
				continue;
			}
			break;
		}
		if(hyphen && n == before)
			n = add_word(words, n, w, len);
	}
	return n;
}

/* The PostgreSQL array literal of the codes in q, normalised as
 * linelead_codes() does in sql/003_codes.sql: upper case, no hyphen, no
 * leading zeros ("e-03" -> E3, "BG-4" -> BG4).  Codes hold only [A-Z0-9],
 * so no quoting is needed. */
static void code_array(const char *q, char *out, size_t outlen)
{
	char codes[MAX_CODES][16];
	int n = terms_codes_of(q, codes, MAX_CODES);
	size_t used = (size_t)snprintf(out, outlen, "{");

	for(int i = 0; i < n && used + 20 < outlen; i++) {
		char norm[16];

		terms_code_normalise(codes[i], norm, sizeof(norm));
		used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : "", norm);
	}
	if(used < outlen)
		snprintf(out + used, outlen - used, "}");
}

static void categories_literal(enum agent_id agent, char *out, size_t outlen)
{
	const struct agent *a = agent_get(agent);
	size_t used = (size_t)snprintf(out, outlen, "{");

	for(int i = 0; a->categories[i] && used < outlen; i++)
		used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : "",
		                         a->categories[i]);
	if(used < outlen)
		snprintf(out + used, outlen - used, "}");
}

/* Runs the search; the passages in the order the statement gives them,
 * each chunk once. */
static ll_result run_search(const struct answer_ctx *ctx, const char *const params[4],
                            struct passages *out)
{
	PGresult *res = NULL;
	ll_result result = db_exec(ctx->db, &retrieve, 4, params, &res);
	int rows;

	if(result)
		goto out;
	rows = PQntuples(res);
	if(rows == 0)
		goto out;
	out->items = arena_alloc(ctx->arena, (size_t)rows * sizeof(*out->items));
	if(!out->items) {
		result = LL_ENOMEM;
		goto out;
	}
	/* columns: tier, id, document_id, title, section, category, body, score */
	for(int i = 0; i < rows; i++) {
		long long id = strtoll(PQgetvalue(res, i, 1), NULL, 10);
		struct passage *p;
		bool seen = false;

		for(size_t k = 0; k < out->count && !seen; k++)
			seen = out->items[k].chunk_id == id;
		if(seen)
			continue;
		p = &out->items[out->count++];
		p->chunk_id = id;
		p->document_id = strtoll(PQgetvalue(res, i, 2), NULL, 10);
		p->title = arena_strdup(ctx->arena, PQgetvalue(res, i, 3));
		p->section = arena_strdup(ctx->arena, PQgetvalue(res, i, 4));
		p->category = arena_strdup(ctx->arena, PQgetvalue(res, i, 5));
		p->body = arena_strdup(ctx->arena, PQgetvalue(res, i, 6));
		p->score = strtod(PQgetvalue(res, i, 7), NULL);
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

/* Reorders the candidates by how much of the question each one holds: every
 * question term weighs by its rarity among the candidates (a term all of
 * them hold, such as the model number of the manual they come from, tells
 * them apart least), a term in the section heading or title counts twice.
 * ts_rank_cd alone favours a long passage repeating one common
 * word over the section whose heading is the question's topic, so this
 * weighs 0.75 against ts_rank_cd's 0.25 ("hot" in every "Hot Holding"
 * heading must not bury the one section headed "Burgers"). */
static void rerank(const struct terms *t, struct passages *out)
{
	uint32_t body[RETRIEVER_CANDIDATES], head[RETRIEVER_CANDIDATES];
	double idf[TERMS_MAX], total = 0;
	size_t n = out->count < RETRIEVER_CANDIDATES ? out->count : RETRIEVER_CANDIDATES;

	if(t->n == 0 || n < 2)
		return;
	for(size_t k = 0; k < n; k++) {
		const struct passage *p = &out->items[k];

		body[k] = terms_match(t, p->body, NULL);
		head[k] = terms_match(t, p->section, NULL) | terms_match(t, p->title, NULL);
	}
	for(int i = 0; i < t->n; i++) {
		size_t df = 0;

		for(size_t k = 0; k < n; k++)
			df += ((body[k] | head[k]) >> i) & 1u;
		idf[i] = df ? t->weight[i] * log(1.0 + (double)n / (double)df) : 0;
		total += idf[i];
	}
	if(total <= 0)
		return;
	for(size_t k = 0; k < n; k++) {
		double lex = 0;

		for(int i = 0; i < t->n; i++)
			if((head[k] >> i) & 1u)
				lex += 2.0 * idf[i];
			else if((body[k] >> i) & 1u)
				lex += idf[i];
		lex /= 2.0 * total;
		out->items[k].score = 0.25 * out->items[k].score + 0.75 * lex;
	}
	out->count = n;
	qsort(out->items, out->count, sizeof(*out->items), passage_cmp);
}

/* Whether a word of the question (five letters or more, not a code or a
 * number) is in none of the passages found: a typo, or a word the
 * knowledge base lacks -- the spelling fallback tells which. */
static bool word_missing(const struct terms *t, const struct passages *found)
{
	uint32_t held = 0, want = 0;
	size_t n = found->count < RETRIEVER_LIMIT ? found->count : RETRIEVER_LIMIT;

	for(int i = 0; i < t->n; i++)
		if(!t->exact[i] && t->len[i] >= 5 && !strchr(t->term[i], '-'))
			want |= 1u << i;
	for(size_t k = 0; k < n && (held & want) != want; k++) {
		const struct passage *p = &found->items[k];

		held |= terms_match(t, p->body, NULL) | terms_match(t, p->section, NULL) |
		        terms_match(t, p->title, NULL);
	}
	return (held & want) != want;
}

static bool one_typo_of(const char *stem, const char *lexeme)
{
	return terms_one_typo(stem, strlen(stem), lexeme, strlen(lexeme));
}

/* The query with each misspelt word replaced by the knowledge base's
 * lexeme for it (SPELL_SQL), in ctx->arena; *fixed NULL when no word needed
 * it. */
static ll_result respell(const struct answer_ctx *ctx, const char *query,
                         char words[MAX_WORDS][32], int n,
                         const char **fixed)
{
	char array[MAX_WORDS * 34 + 3];
	const char *params[1] = {array};
	PGresult *res = NULL;
	struct buf b;
	size_t used = (size_t)snprintf(array, sizeof(array), "{");
	int rows;
	ll_result result;

	*fixed = NULL;
	buf_init(&b, 1024);
	for(int i = 0; i < n; i++)       /* [a-z0-9-] only: no quoting needed */
		used += (size_t)snprintf(array + used, sizeof(array) - used, "%s%s", i ? "," : "",
		                         words[i]);
	snprintf(array + used, sizeof(array) - used, "}");
	result = db_exec(ctx->db, &spell, 1, params, &res);
	if(result || (rows = PQntuples(res)) == 0)
		goto out;
	/* the words of the query, each corrected one replaced */
	for(const char *q = query; *q && !result;) {
		size_t len = 0;
		const char *with = NULL;

		while(isalnum((unsigned char)q[len]))
			len++;
		for(int r = 0; r < rows && len && !with; r++) {
			const char *typo = PQgetvalue(res, r, 0);

			if(strlen(typo) == len && strncasecmp(q, typo, len) == 0 &&
			   one_typo_of(PQgetvalue(res, r, 2), PQgetvalue(res, r, 1)))
				with = PQgetvalue(res, r, 1);
		}
		if(with)
			result = buf_appends(&b, with);
		else
			result = buf_printf(&b, "%.*s", (int)(len ? len : 1), q);
		q += len ? len : 1;
	}
	if(!result && !(*fixed = arena_strdup(ctx->arena, buf_str(&b))))
		result = LL_ENOMEM;
out:
	PQclear(res);
	buf_free(&b);
	return result;
}

/* One search: the statement, then the rerank by t, the query's terms. */
/* query without what websearch_to_tsquery reads as syntax: crew's "reheat
 * or trash" is no OR, "-4" no NOT, a quote no phrase. */
static void plain_words(const char *query, char *out, size_t outlen)
{
	size_t n = 0;

	for(const char *p = query; *p && n + 1 < outlen; p++) {
		bool word_start = p == query || !isalnum((unsigned char)p[-1]);

		if(word_start && strncasecmp(p, "or", 2) == 0 && !isalnum((unsigned char)p[2])) {
			p++;
			continue;
		}
		out[n++] = *p == '"' || (*p == '-' && word_start) ? ' ' : *p;
	}
	out[n] = '\0';
}

static ll_result search_once(const struct answer_ctx *ctx, const char *query, const struct terms *t,
                             char words[MAX_WORDS][32], int n, const char *categories,
                             struct passages *out)
{
	char patterns[256], any[MAX_WORDS * 32];
	size_t used = 0, len = strlen(query) + 1;
	char *plain = arena_alloc(ctx->arena, len);
	const char *params[4] = {plain, patterns, categories, any};
	ll_result result;

	if(!plain)
		return LL_ENOMEM;
	plain_words(query, plain, len);
	any[0] = '\0';
	for(int i = 0; i < n; i++)
		used += (size_t)snprintf(any + used, sizeof(any) - used, "%s%s", i ? " " : "",
		                         words[i]);
	code_array(query, patterns, sizeof(patterns));
	out->items = NULL;
	out->count = 0;
	result = run_search(ctx, params, out);
	if(!result && out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), passage_cmp);
	if(!result)
		rerank(t, out);
	return result;
}

/* The search; when a word of the question (five letters or more) is in
 * none of the passages found, the spelling fallback, and the search again
 * with the corrected words if it changed any ("chiken tendrs temp").  The
 * common path costs one statement, as before; the fallback failing leaves
 * the first search's passages standing. */
static ll_result retrieve_pg(const struct answer_ctx *ctx, const char *query, enum agent_id agent,
                             struct passages *out)
{
	char words[MAX_WORDS][32], categories[128];
	int n = query_words(query, words);
	struct terms t;          /* the query's, for the rerank and the typo check */
	const char *fixed = NULL;
	ll_result result;

	categories_literal(agent, categories, sizeof(categories));
	terms_of(query, &t);
	result = search_once(ctx, query, &t, words, n, categories, out);
	if(!result && word_missing(&t, out) && respell(ctx, query, words, n, &fixed) != LL_OK) {
		log_warn("respell_failed", "spelling fallback failed: %s", ctx->db->last_error);
		fixed = NULL;
	}
	if(!result && fixed) {
		struct passages again = {0};

		n = query_words(fixed, words);
		terms_of(fixed, &t);
		if(search_once(ctx, fixed, &t, words, n, categories, &again) != LL_OK)
			log_warn("respell_failed", "search with the corrected words failed: %s",
			         ctx->db->last_error);
		else if(again.count) {
			*out = again;
			out->query = fixed;      /* the answer path reads the words as corrected */
		}
	}
	if(out->count > RETRIEVER_LIMIT)
		out->count = RETRIEVER_LIMIT;
	return result;
}

/* Ragie's passages after the built-in ones, best first, without going over
 * RETRIEVER_LIMIT. */
static ll_result merge(const struct answer_ctx *ctx, struct passages *pg,
                       const struct passages *ragie)
{
	size_t n = pg->count + ragie->count, k = 0;
	struct passage *items;

	if(ragie->count == 0)
		return LL_OK;
	items = arena_alloc(ctx->arena, n * sizeof(*items));
	if(!items)
		return LL_ENOMEM;
	for(size_t i = 0, j = 0; k < n && k < RETRIEVER_LIMIT;) {
		bool take_pg = i < pg->count &&
		               (j >= ragie->count || pg->items[i].score >= ragie->items[j].score);

		if(i >= pg->count && j >= ragie->count)
			break;
		items[k++] = take_pg ? pg->items[i++] : ragie->items[j++];
	}
	pg->items = items;
	pg->count = k;
	return LL_OK;
}

ll_result retriever_search(const struct answer_ctx *ctx, const char *query, enum agent_id agent,
                           struct passages *out, bool *degraded)
{
	const struct settings *s = ctx->settings;
	struct passages ragie = {0};
	double budget_s = answer_time_left(ctx, RETRIEVER_BUDGET_S);
	ll_result result = LL_OK;

	out->items = NULL;
	out->count = 0;
	if(s->retrieval != RETRIEVAL_PG) {
		ll_result r = ragie_retrieve(s, ctx->arena, query, RETRIEVER_LIMIT, budget_s,
		                             &ragie);

		if(r) {
			log_warn("ragie_failed", "Ragie retrieval failed (%d): using PostgreSQL",
			         (int)r);
			*degraded = true;
			ragie.count = 0;
		}
		if(s->retrieval == RETRIEVAL_RAGIE && !r && ragie.count > 0) {
			*out = ragie;
			goto out;
		}
	}
	result = retrieve_pg(ctx, query, agent, out);
	if(!result)
		result = merge(ctx, out, &ragie);
out:
	return result;
}

ll_result retriever_words_category(const struct answer_ctx *ctx, const char *words,
                                   const char **category)
{
	static const struct db_stmt stmt = {
		"retriever_words_category",
		"SELECT category FROM chunks WHERE to_tsvector('english', heading) @@"
		" replace(plainto_tsquery('english', $1)::text, '&', '|')::tsquery"
		" AND category IS NOT NULL"
		" GROUP BY category ORDER BY count(*) DESC, category LIMIT 1"};
	const char *params[1] = {words};
	PGresult *res = NULL;
	ll_result result = db_exec(ctx->db, &stmt, 1, params, &res);

	*category = NULL;
	if(!result && PQntuples(res) == 1 &&
	   !(*category = arena_strdup(ctx->arena, PQgetvalue(res, 0, 0))))
		result = LL_ENOMEM;
	PQclear(res);
	return result;
}
