/* path.c - the local answer path (see path.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "answer/asked.h"
#include "answer/compose.h"
#include "answer/path.h"
#include "answer/retriever.h"
#include "buf.h"
#include "text/terms.h"
#include "log.h"

#define PATH_MAX_SECTIONS 16   /* at most RANK_MAX_SECTIONS */
#define PATH_MAX_WORDS 24
#define ASK_TEXT_MAX 1024      /* the bytes of a question asks_within reads */
#define STATES_WITHIN 3        /* how far down a ranking a better first section may come from */

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

/* ---------------------------------------------------------------- the database */

/* A section this short with no steps of its own introduces its subsections. */
#define INTRO_MAX 600
#define STR_(x) #x
#define STR(x) STR_(x)

/* Whole sections ($1 bigint[] documents, $2 text[] their sections,
 * pairwise), with their manual's source key; a short one with its
 * subsections' text, heading first ("4.3 Full clean" says only what it
 * takes; its steps are in 4.3.1, 4.3.2, ...). */
static const struct db_stmt sections_stmt = {
	"answer_sections",
	"WITH w AS (SELECT DISTINCT d, s FROM unnest($1::bigint[], $2::text[]) AS w(d, s)),"
	" sec AS (SELECT c.document_id, c.section,"
	"                string_agg(c.body, E'\\n' ORDER BY c.ordinal) AS body,"
	"                max(c.emergency) AS emergency, min(c.ordinal) = 0 AS first"
	"           FROM w JOIN chunks c ON c.document_id = w.d AND c.section = w.s"
	"          GROUP BY c.document_id, c.section)"
	" SELECT sec.document_id, sec.section, sec.body, sec.emergency, sec.first,"
	"  (SELECT source_key FROM documents WHERE id = sec.document_id),"
	"  CASE WHEN length(sec.body) <= " STR(INTRO_MAX) " THEN"
	"   (SELECT string_agg(k.heading || E':\\n' || k.body, E'\\n' ORDER BY k.first)"
	"      FROM (SELECT regexp_replace(section, '^.* > ', '') AS heading,"
	"                   min(ordinal) AS first,"
	"                   string_agg(body, E'\\n' ORDER BY ordinal) AS body"
	"              FROM chunks WHERE document_id = sec.document_id"
	"               AND left(section, length(sec.section) + 3) = sec.section || ' > '"
	"             GROUP BY section) k) END"
	" FROM sec"};

/* The opening lines of manuals ($1 bigint[]): what machine each is for. */
static const struct db_stmt openings_stmt = {
	"answer_openings",
	"SELECT d.id, (SELECT left(string_agg(f.body, ' ' ORDER BY f.ordinal), 1500)"
	"   FROM (SELECT body, ordinal FROM chunks WHERE document_id = d.id"
	"          ORDER BY ordinal LIMIT 3) f)"
	" FROM unnest($1::bigint[]) AS d(id)"};

/* The chunks of sections named by source file ($1 text[]) and path ($2
 * text[]): where earlier questions like this one were answered. */
static const struct db_stmt remembered_stmt = {
	"answer_remembered",
	"SELECT c.id, c.document_id, c.title, c.section, c.category, c.body"
	" FROM unnest($1::text[], $2::text[]) AS w(k, s)"
	" JOIN documents d ON d.source_key = w.k"
	" JOIN chunks c ON c.document_id = d.id AND c.section = w.s"
	" ORDER BY c.document_id, c.ordinal"};

/* An emergency's procedure: the section tagged $1 of the newest document. */
static const struct db_stmt card_stmt = {
	"answer_card",
	"SELECT document_id, title, section, category, string_agg(body, E'\\n' ORDER BY ordinal)"
	" FROM chunks WHERE emergency = $1"
	"  AND document_id = (SELECT max(document_id) FROM chunks WHERE emergency = $1)"
	" GROUP BY document_id, title, section, category ORDER BY min(ordinal) LIMIT 1"};

/* The words of $1 that no manual holds, nor (unless $2 lists the word: a
 * machine's own name, never a typo) a word one typo from them. */
static const struct db_stmt unknown_stmt = {
	"answer_unknown_words",
	"SELECT x.w FROM unnest($1::text[]) AS x(w)"
	" CROSS JOIN LATERAL (SELECT (ts_lexize('english_stem', x.w))[1] AS s) st"
	" WHERE st.s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chunk_lexemes WHERE lexeme = st.s)"
	"   AND (x.w = ANY($2::text[]) OR NOT EXISTS (SELECT 1 FROM chunk_lexemes"
	"     WHERE lexeme >= left(st.s, 1)"
	"     AND lexeme < chr(ascii(st.s) + 1) AND abs(length(lexeme) - length(st.s)) <= 2"
	"     AND similarity(lexeme, st.s) >= 0.4))"};

static char *sql_array(struct arena *a, const char *const *v, size_t n, bool quote)
{
	struct buf b;
	char *out = NULL;
	ll_result r;

	buf_init(&b, 1 << 20);
	r = buf_appends(&b, "{");
	for(size_t i = 0; i < n && !r; i++) {
		r = buf_appends(&b, i ? "," : "");
		if(!r && quote) {
			r = buf_appends(&b, "\"");
			for(const char *p = v[i]; *p && !r; p++) {
				if(*p == '"' || *p == '\\')
					r = buf_append(&b, "\\", 1);
				if(!r)
					r = buf_append(&b, p, 1);
			}
			if(!r)
				r = buf_appends(&b, "\"");
		} else if(!r) {
			r = buf_appends(&b, v[i]);
		}
	}
	if(!r && !buf_appends(&b, "}"))
		out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

static ll_result fetch_card(const struct answer_ctx *ctx, const char *id, struct section *out,
                            bool *found)
{
	PGresult *res = NULL;
	const char *params[1] = {id};
	ll_result result = db_exec(ctx->db, &card_stmt, 1, params, &res);

	*found = false;
	if(result)
		return result;
	if(PQntuples(res) == 1) {
		memset(out, 0, sizeof(*out));
		out->document_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		out->title = arena_strdup(ctx->arena, PQgetvalue(res, 0, 1));
		out->path = arena_strdup(ctx->arena, PQgetvalue(res, 0, 2));
		out->category = arena_strdup(ctx->arena, PQgetvalue(res, 0, 3));
		out->body = arena_strdup(ctx->arena, PQgetvalue(res, 0, 4));
		out->emergency = arena_strdup(ctx->arena, id);
		out->score = 1;
		result = LL_ENOMEM;
		if(out->title && out->path && out->category && out->body && out->emergency)
			result = LL_OK;
		if(!result)
			result = section_read(ctx->arena, out);
		*found = !result;
	}
	PQclear(res);
	return result;
}

/* ---------------------------------------------------------------- sections */

static bool same_section(const struct section *s, const struct passage *p)
{
	return s->document_id == p->document_id &&
	       strcmp(s->path, p->section ? p->section : "") == 0;
}

/* The passages grouped by section, best first (at most max). */
static size_t group_passages(const struct passages *ps, struct section *out, size_t max)
{
	size_t n = 0;

	for(size_t i = 0; i < ps->count; i++) {
		const struct passage *p = &ps->items[i];
		size_t k = 0;

		while(k < n && !same_section(&out[k], p))
			k++;
		if(k < n) {
			if(p->score > out[k].retrieval)
				out[k].retrieval = p->score;
			continue;
		}
		if(n == max)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].document_id = p->document_id;
		out[n].title = p->title ? p->title : "";
		out[n].path = p->section ? p->section : "";
		out[n].category = p->category;
		out[n].body = p->body ? p->body : "";
		out[n].retrieval = p->score;
		out[n].rank = (int)n;
		n++;
	}
	return n;
}

/* The opening lines of the manuals whose title names no machine, read
 * only when a question asks about an error code on a machine it names. */
static ll_result fill_openings(const struct answer_ctx *ctx, struct section *s, size_t n)
{
	const char *docs[PATH_MAX_SECTIONS], *param;
	PGresult *res = NULL;
	size_t nd = 0;
	ll_result result;

	for(size_t i = 0; i < n; i++) {
		bool seen = false;

		for(size_t k = 0; k < i && !seen; k++)
			seen = s[k].document_id == s[i].document_id;
		if(!seen && !terms_machine_kinds(s[i].title) &&
		   !(docs[nd++] = arena_printf(ctx->arena, "%lld", s[i].document_id)))
			return LL_ENOMEM;
	}
	if(nd == 0)
		return LL_OK;
	if(!(param = sql_array(ctx->arena, docs, nd, false)))
		return LL_ENOMEM;
	result = db_exec(ctx->db, &openings_stmt, 1, &param, &res);
	for(int r = 0; !result && r < PQntuples(res); r++) {
		long long doc = strtoll(PQgetvalue(res, r, 0), NULL, 10);

		for(size_t i = 0; i < n; i++)
			if(s[i].document_id == doc && !PQgetisnull(res, r, 1) &&
			   !(s[i].opening = arena_strdup(ctx->arena, PQgetvalue(res, r, 1))))
				result = LL_ENOMEM;
	}
	PQclear(res);
	return result;
}

/* How many lines of text open with a code and a colon ("F1: Beater motor
 * overload"), as a fault table's rows do. */
static int code_lines(const char *text)
{
	int n = 0;

	for(const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t len = strcspn(p, ":\n ");
		char token[16], codes[1][16];

		if(p[len] != ':' || len == 0 || len >= sizeof(token))
			continue;
		memcpy(token, p, len);
		token[len] = '\0';
		n += terms_codes_of(token, codes, 1) == 1;
	}
	return n;
}

/* A short section with no steps of its own, over subsections that have
 * them, is read with them: a procedure asked for by its parent's name
 * gets its steps.  Not a fault table's: its codes' steps are each code's
 * own, no one procedure. */
static ll_result with_subsections(struct arena *a, struct section *s)
{
	if(!s->children || s->nsteps > 0 || strlen(s->body) > INTRO_MAX ||
	   code_lines(s->children) >= 2)
		return LL_OK;
	if(!(s->body = arena_printf(a, "%s\n%s", s->body, s->children)))
		return LL_ENOMEM;
	s->matched = false;
	return section_read(a, s);
}

/* A copy of the value at (row, col), or NULL when it is SQL NULL. */
static char *nullable(struct arena *a, const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : arena_strdup(a, PQgetvalue(res, row, col));
}

/* out's passages, then res's rows (id, document, title, section,
 * category, body) as passages the search did not score. */
static ll_result append_passages(struct arena *a, const PGresult *res, struct passages *out)
{
	size_t rows = (size_t)PQntuples(res);
	struct passage *all = arena_alloc(a, (out->count + rows + 1) * sizeof(*all));

	if(!all)
		return LL_ENOMEM;
	if(out->count)
		memcpy(all, out->items, out->count * sizeof(*all));
	for(size_t r = 0; r < rows; r++) {
		struct passage *p = &all[out->count + r];

		memset(p, 0, sizeof(*p));
		p->chunk_id = strtoll(PQgetvalue(res, (int)r, 0), NULL, 10);
		p->document_id = strtoll(PQgetvalue(res, (int)r, 1), NULL, 10);
		p->title = arena_strdup(a, PQgetvalue(res, (int)r, 2));
		p->section = arena_strdup(a, PQgetvalue(res, (int)r, 3));
		p->category = arena_strdup(a, PQgetvalue(res, (int)r, 4));
		p->body = arena_strdup(a, PQgetvalue(res, (int)r, 5));
		p->origin = "pg";
		if(!p->title || !p->section || !p->category || !p->body)
			return LL_ENOMEM;
	}
	out->items = all;
	out->count += rows;
	return LL_OK;
}

/* Each section's whole body and its emergency tag, in one round trip. */
static ll_result fill_sections(const struct answer_ctx *ctx, struct section *s, size_t n)
{
	const char *docs[PATH_MAX_SECTIONS], *paths[PATH_MAX_SECTIONS], *params[2];
	PGresult *res = NULL;
	ll_result result;

	for(size_t i = 0; i < n; i++) {
		docs[i] = arena_printf(ctx->arena, "%lld", s[i].document_id);
		paths[i] = s[i].path;
		if(!docs[i])
			return LL_ENOMEM;
	}
	params[0] = sql_array(ctx->arena, docs, n, false);
	params[1] = sql_array(ctx->arena, paths, n, true);
	if(!params[0] || !params[1])
		return LL_ENOMEM;
	result = db_exec(ctx->db, &sections_stmt, 2, params, &res);
	for(int r = 0; !result && r < PQntuples(res); r++) {
		long long doc = strtoll(PQgetvalue(res, r, 0), NULL, 10);

		for(size_t i = 0; i < n; i++) {
			if(s[i].document_id != doc || strcmp(s[i].path, PQgetvalue(res, r, 1)) != 0)
				continue;
			s[i].body = arena_strdup(ctx->arena, PQgetvalue(res, r, 2));
			s[i].emergency = nullable(ctx->arena, res, r, 3);
			s[i].first = PQgetvalue(res, r, 4)[0] == 't';
			s[i].source = arena_strdup(ctx->arena, PQgetvalue(res, r, 5));
			s[i].children = nullable(ctx->arena, res, r, 6);
			if(!s[i].body)
				result = LL_ENOMEM;
		}
	}
	PQclear(res);
	for(size_t i = 0; i < n && !result; i++)
		result = section_read(ctx->arena, &s[i]);
	for(size_t i = 0; i < n && !result; i++)
		result = with_subsections(ctx->arena, &s[i]);
	return result;
}

/* The sections of passages (at most PATH_MAX_SECTIONS, into s), read
 * whole; *n gets their number. */
static ll_result sections_of(const struct answer_ctx *ctx, const struct passages *ps,
                             struct section *s, size_t *n)
{
	*n = group_passages(ps, s, PATH_MAX_SECTIONS);
	return *n ? fill_sections(ctx, s, *n) : LL_OK;
}

/* ---------------------------------------------------------------- unknown names */

struct qword {
	char w[PATH_MAX_WORDS][32];
	bool noun[PATH_MAX_WORDS], code[PATH_MAX_WORDS];
	int n;
};

/* A letter or digit; a byte of a UTF-8 letter too, so "mañana" stays one
 * word ("ana" is no word of it). */
static bool qword_char(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Is *p part of a word: a letter, digit or hyphen, or an apostrophe inside
 * it ("isn't" is "isnt", as the lexicon reads it)? */
static bool in_word(const char *p)
{
	return *p && (qword_char(*p) || *p == '-' || (*p == '\'' && isalpha((unsigned char)p[1])));
}

static void qwords_of(const char *text, struct qword *q)
{
	const char *p = text;

	q->n = 0;
	while(*p && q->n < PATH_MAX_WORDS) {
		size_t k = 0;
		char codes[1][16], nouns[64];

		while(*p && !qword_char(*p))
			p++;
		for(; in_word(p) && k + 1 < sizeof(q->w[0]); p++)
			if(*p != '\'')
				q->w[q->n][k++] = (char)tolower((unsigned char)*p);
		while(in_word(p))
			p++;
		if(k == 0)
			continue;
		q->w[q->n][k] = '\0';
		q->code[q->n] = terms_codes_of(q->w[q->n], codes, 1) > 0;
		q->noun[q->n] = terms_machine_nouns(q->w[q->n], nouns, sizeof(nouns)) > 0;
		if(q->n > 0 && !q->noun[q->n] && !q->noun[q->n - 1]) {
			/* a two-word machine ("ice machine") marks both words */
			char pair[80];

			snprintf(pair, sizeof(pair), "%s %s", q->w[q->n - 1], q->w[q->n]);
			if(terms_machine_nouns(pair, nouns, sizeof(nouns)) > 0)
				q->noun[q->n - 1] = q->noun[q->n] = true;
		}
		q->n++;
	}
}

/* The machine the question names: its first run of machine words. */
static ll_result machine_named(const struct qword *q, struct buf *b)
{
	int i = 0;
	ll_result result = LL_OK;

	while(i < q->n && !q->noun[i])
		i++;
	for(int k = 0; i < q->n && q->noun[i] && k < 3 && !result; i++, k++)
		result = buf_printf(b, " %s", q->w[i]);
	return result;
}

/* Does the unknown name already say the machine ("Rotisserie")? */
static bool names_machine_word(const struct qword *q, const char *name)
{
	for(int i = 0; i < q->n; i++)
		if(q->noun[i] && strcasestr(name, q->w[i]))
			return true;
	return false;
}

/* A token mixing letters and digits ("e2s", "km660") or a long number
 * ("1814"): a model as crew type it. */
static bool model_ish(const char *w)
{
	size_t digits = strspn(w, "0123456789"), n = strlen(w);
	bool letter = false, digit = false;

	for(const char *p = w; *p; p++) {
		letter |= isalpha((unsigned char)*p) != 0;
		digit |= isdigit((unsigned char)*p) != 0;
	}
	return (letter && digit) || (digits == n && n >= 3);
}

/* A word that may say what the question is about when no manual holds it:
 * not a machine (unknown_name says those), a code, a number, a stop word
 * or filler ("guy", "tmrw"). */
static bool topic_word(const struct lexicon *lx, const struct qword *q, int i)
{
	const char *w = q->w[i];
	size_t len = strlen(w);

	return len >= 3 && !q->code[i] && !q->noun[i] &&
	       strspn(w, "abcdefghijklmnopqrstuvwxyz") == len && !terms_is_stopword(w, len) &&
	       !lexicon_is_filler(lx, w);
}

/* A word that may be a brand: a topic word right before a machine noun or
 * a model number, or right after a model number ("said" is filler, never a
 * brand). */
static bool brand_slot(const struct lexicon *lx, const struct qword *q, int i)
{
	if(!topic_word(lx, q, i))
		return false;
	return (i + 1 < q->n && (q->noun[i + 1] || q->code[i + 1] || model_ish(q->w[i + 1]))) ||
	       (i + 2 < q->n && q->noun[i + 2] && !q->code[i + 1]) ||
	       (i > 0 && q->code[i - 1] && ask_model_like(q->w[i - 1]));
}

/* The kinds of machine s's manual is for: its title's, else its opening
 * lines' ("ThermaBath RB-24" is a water-bath rethermalizer). */
static uint64_t machine_of(const struct section *s)
{
	uint64_t kinds = terms_machine_kinds(s->title);

	return kinds || !s->opening ? kinds : terms_machine_kinds(s->opening);
}

/* Whether question holds word (len bytes) as a whole word, any case,
 * hyphens skipped in both ("sx2" holds "SX-2"). */
static bool holds_word(const char *question, const char *word, size_t len)
{
	for(const char *p = question; *p; p++) {
		const char *q = p;
		size_t i = 0;

		if(p > question && isalnum((unsigned char)p[-1]))
			continue;
		while(*q && i < len) {
			if(*q == '-' || word[i] == '-') {
				q += *q == '-';
				i += word[i] == '-';
				continue;
			}
			if(tolower((unsigned char)*q) != tolower((unsigned char)word[i]))
				break;
			q++;
			i++;
		}
		if(i == len && !isalnum((unsigned char)*q))
			return true;
	}
	return false;
}

/* Does the question name the manual of s: a model its title names ("sx2
 * ... F3": the SX-2's manual) or its brand, the title's first word when
 * that is no machine ("vantera")? */
static bool manual_named(const struct section *s, const char *question)
{
	char titled[8][16];
	const char *title = s->title ? s->title : "";
	int nt = terms_codes_of(title, titled, 8);
	size_t first = strspn(title, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
	char brand[32];

	for(int j = 0; j < nt; j++)
		if(ask_model_like(titled[j]) && holds_word(question, titled[j], strlen(titled[j])))
			return true;
	if(first < 4 || first >= sizeof(brand))
		return false;
	memcpy(brand, title, first);
	brand[first] = '\0';
	return terms_machine_kinds(brand) == 0 && holds_word(question, brand, first);
}

static bool code_uncovered(const char *code, const struct section *s, size_t n,
                           const char *question)
{
	/* a model names its own machine */
	uint64_t machine = ask_model_like(code) ? 0 : terms_machine_kinds(question);

	for(size_t i = 0; i < n; i++) {
		/* another machine's code is no answer: "ice machine F8" is not the broiler's F8 */
		if(machine && !(machine_of(&s[i]) & machine) && !manual_named(&s[i], question))
			continue;
		/* a code only the heading names ("## E9: Load cell fault") counts */
		if(ask_holds_code(s[i].body, code) || ask_holds_code(s[i].title, code) ||
		   ask_holds_code(s[i].path, code))
			return false;
	}
	return true;
}

/* A machine noun the question names ("rotisserie", "sous vide"). */
static bool machine_word(const struct qword *q, int i)
{
	return q->noun[i] && strlen(q->w[i]) >= 3 && !q->code[i];
}

/* Which words of q no manual holds, nor a word one typo from them (a
 * machine's own name is never taken for a typo): unknown[i] for word i.
 * One query for the brand, machine and topic words alike. */
static ll_result words_unknown(const struct answer_ctx *ctx, const struct qword *q,
                               bool unknown[PATH_MAX_WORDS])
{
	const char *cand[PATH_MAX_WORDS], *machines[PATH_MAX_WORDS], *params[2];
	size_t nc = 0, nm = 0;
	PGresult *res = NULL;
	ll_result result;

	memset(unknown, 0, PATH_MAX_WORDS * sizeof(*unknown));
	for(int i = 0; i < q->n; i++)
		if(topic_word(ctx->kit->lexicon, q, i))
			cand[nc++] = q->w[i];
		else if(machine_word(q, i))
			cand[nc++] = machines[nm++] = q->w[i];
	if(nc == 0)
		return LL_OK;
	params[0] = sql_array(ctx->arena, cand, nc, true);
	params[1] = sql_array(ctx->arena, machines, nm, true);
	if(!params[0] || !params[1])
		return LL_ENOMEM;
	result = db_exec(ctx->db, &unknown_stmt, 2, params, &res);
	for(int r = 0; !result && r < PQntuples(res); r++)
		for(int i = 0; i < q->n; i++)
			unknown[i] |= strcmp(q->w[i], PQgetvalue(res, r, 0)) == 0;
	PQclear(res);
	return result;
}

/* "Hoshizaki KM-660 ice machine": the brand words (beside a machine) and
 * machines no manual mentions, and the codes no manual covers, with the
 * machine named; NULL when the question names none. */
static ll_result unknown_name(const struct answer_ctx *ctx, const struct ask *q,
                              const struct qword *w, const bool unknown[PATH_MAX_WORDS],
                              const struct section *s, size_t n, const char **out,
                              bool *only_codes)
{
	struct buf b;
	ll_result result = LL_OK;

	*out = NULL;
	buf_init(&b, 4096);
	for(int i = 0; i < w->n && !result; i++)
		if(unknown[i] && (brand_slot(ctx->kit->lexicon, w, i) || machine_word(w, i)))
			result = buf_printf(&b, "%s%c%s", b.len ? " " : "",
			                    toupper((unsigned char)w->w[i][0]), w->w[i] + 1);
	*only_codes = b.len == 0;
	for(int i = 0; i < q->ncodes && !result; i++) {
		if(!code_uncovered(q->codes[i], s, n, q->text))
			continue;
		*only_codes &= !ask_model_like(q->codes[i]);
		result = buf_printf(&b, "%s%s", b.len ? " " : "", q->codes[i]);
	}
	if(*only_codes && b.len) {
		/* an error code no manual lists: the machine is said as asked */
		*out = arena_strdup(ctx->arena, buf_str(&b));
		buf_free(&b);
		return *out ? LL_OK : LL_ENOMEM;
	}
	if(!result && b.len && !names_machine_word(w, buf_str(&b)))
		result = machine_named(w, &b);
	if(!result && b.len && !(*out = arena_strdup(ctx->arena, buf_str(&b))))
		result = LL_ENOMEM;
	buf_free(&b);
	return result;
}

/* "do we take ebt": the topic words no manual holds ("ebt"); NULL when
 * there are none, or when the question names a code the manuals cover (it
 * is about that code). */
static ll_result unknown_topic(const struct answer_ctx *ctx, const struct ask *q,
                               const struct qword *w, const bool unknown[PATH_MAX_WORDS],
                               const char **out)
{
	struct buf b;
	ll_result result = LL_OK;

	*out = NULL;
	if(q->ncodes > 0)
		return LL_OK;
	buf_init(&b, 4096);
	for(int i = 0; i < w->n && !result; i++)
		if(unknown[i] && topic_word(ctx->kit->lexicon, w, i))
			result = buf_printf(&b, "%s%s", b.len ? " " : "", w->w[i]);
	if(!result && b.len && !(*out = arena_strdup(ctx->arena, buf_str(&b))))
		result = LL_ENOMEM;
	buf_free(&b);
	return result;
}

/* What the question names that no manual covers: a brand, machine or code
 * (in->unknown), else a topic (in->topic). */
static ll_result unknowns(const struct answer_ctx *ctx, const struct ask *q,
                          const struct section *s, size_t n, struct compose_in *in)
{
	struct qword w;
	bool unknown[PATH_MAX_WORDS];
	ll_result result;

	qwords_of(q->text, &w);
	result = words_unknown(ctx, &w, unknown);
	if(!result)
		result = unknown_name(ctx, q, &w, unknown, s, n, &in->unknown,
		                      &in->unknown_is_code);
	if(!result && !in->unknown)
		result = unknown_topic(ctx, q, &w, unknown, &in->topic);
	return result;
}

/* ---------------------------------------------------------------- the path */

/* What a follow-up takes from the turns before: "and chicken?" asks what
 * they asked ("how hot"), "it came back" is about the code they named. */
static void inherit(struct ask *ask, const struct ask *before)
{
	if(ask->kind == ASKED_PROCEDURE && ask->figure == FIGURE_NONE) {
		ask->kind = before->kind;
		ask->figure = before->figure;
	}
	if(ask->ncodes == 0) {
		memcpy(ask->codes, before->codes, sizeof(ask->codes));
		ask->ncodes = before->ncodes;
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
	if(ask->nemergency == 0 && before.nemergency > 0) {
		/* "what do i put on a burn || it stopped stinging, can i stop the water": the
		 * thread is still the emergency, its procedure still leads */
		memcpy(ask->emergency, before.emergency, sizeof(ask->emergency));
		ask->nemergency = before.nemergency;
	}
	for(int i = 0; i < ask->terms.n; i++)
		if(!terms_match(&prior, ask->terms.term[i], NULL))
			ask->terms.weight[i] *= 2;
	for(int i = 0; i < prior.n && ask->terms.n < TERMS_MAX; i++) {
		struct terms *t = &ask->terms;

		if(terms_match(t, prior.term[i], NULL))
			continue;
		memcpy(t->term[t->n], prior.term[i], sizeof(t->term[0]));
		t->weight[t->n] = prior.weight[i] * 0.5;
		t->exact[t->n] = prior.exact[i];
		t->code[t->n] = prior.code[i];
		t->len[t->n] = prior.len[i];
		t->n++;
	}
}

static void understand(const struct answer_ctx *ctx, const struct question *q, const char *query,
                       struct ask *ask)
{
	ask_understand(ctx->kit->lexicon, q->text, ask);
	if(query && strcmp(query, q->text) != 0)
		lean_on(ctx->kit->lexicon, ask, query + strlen(q->text));
}

/* A maker's manual: its title names a model number ("... BG-4 ..."). */
static bool model_manual(const char *title)
{
	char codes[4][16];
	int n = terms_codes_of(title, codes, 4);

	for(int i = 0; i < n; i++)
		if(ask_model_like(codes[i]))
			return true;
	return false;
}

/* The manual the question names by brand or model: a question term of at
 * least min_weight held by the title of exactly one candidate maker's
 * manual and by nothing else among the candidates ("polar swirl", "bg4");
 * 0 when none. */
static long long manual_named_by(const struct ask *q, const struct section *s, size_t n,
                                 double min_weight)
{
	for(int t = 0; t < q->terms.n; t++) {
		uint32_t bit = 1u << t;
		long long doc = 0;
		bool unique = true;
		char nouns[64];

		if(q->terms.weight[t] < min_weight ||
		   terms_machine_nouns(q->terms.term[t], nouns, sizeof(nouns)) > 0)
			continue;
		for(size_t i = 0; i < n && unique; i++)
			if((terms_match(&q->terms, s[i].title, NULL) & bit) &&
			   model_manual(s[i].title)) {
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
	uint64_t machine = q->ncodes ? terms_machine_kinds(q->text) : 0;
	long long doc = 0;

	for(size_t i = 0; i < n && machine; i++) {
		bool holds = false;

		for(int c = 0; c < q->ncodes && !holds; c++)
			holds = !ask_model_like(q->codes[c]) &&
			        (ask_holds_code(s[i].path, q->codes[c]) ||
			         ask_holds_code(s[i].body, q->codes[c]));
		if(!holds || !(machine_of(&s[i]) & machine))
			continue;
		if(doc && doc != s[i].document_id)
			return 0;
		doc = s[i].document_id;
	}
	return doc;
}

/* The manual the question names, else the one an earlier turn of a
 * follow-up named ("frostline F1" then "it's back again today"), else the
 * one whose title names the machine of the error code asked about. */
static long long named_manual(const struct ask *q, const struct section *s, size_t n)
{
	long long doc = manual_named_by(q, s, n, 1);

	if(!doc && q->followup)
		doc = manual_named_by(q, s, n, 0.5);
	return doc ? doc : manual_of_code(q, s, n);
}

/* A machine the question names: only the manuals made for it, or for no
 * machine at all, answer it.  With an error code ("fryer showing E03")
 * strictly: the grill's E03, or a manual that never says what machine it
 * is for, would be another machine's steps -- else the admission that no
 * manual has the code.  Without one ("how do i shut down the broiler"),
 * when some candidate's manual is for that machine, a maker's manual for
 * another machine is dropped and the store's own manuals stay. */
static size_t without_other_machines(const struct ask *q, struct section *s, size_t n)
{
	bool error_code = false, made_for = false;
	uint64_t machine = terms_machine_kinds(q->text);
	size_t k = 0;

	for(int c = 0; c < q->ncodes; c++)
		error_code |= !ask_model_like(q->codes[c]);
	for(size_t i = 0; i < n && machine; i++)
		made_for |= (machine_of(&s[i]) & machine) != 0;
	if(!machine || (!error_code && !made_for))
		return n;
	for(size_t i = 0; i < n; i++)
		if((machine_of(&s[i]) & machine) || (!error_code && !model_manual(s[i].title)))
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

#define REMEMBERED_SHARE 0.4   /* how much of a question an earlier one must hold */

/* The retriever's passages, then those of the sections where earlier
 * questions holding most of this one were answered ("nuggets probe at 158,
 * good enough?" is remembered by the poultry section, which a search for
 * its words can miss), in ctx->arena; the retriever's alone when none. */
static ll_result with_remembered(const struct answer_ctx *ctx, const struct ask *ask,
                                 const struct passages *in, struct passages *out)
{
	const char *keys[ASKED_NEAREST_MAX], *src[ASKED_NEAREST_MAX], *paths[ASKED_NEAREST_MAX];
	const char *params[2];
	size_t n = asked_nearest(ctx->kit->asked, &ask->terms, ask->text, REMEMBERED_SHARE, keys,
	                         ASKED_NEAREST_MAX);
	PGresult *res = NULL;
	ll_result result;

	*out = *in;
	for(size_t i = 0; i < n; i++) {
		const char *sep = strchr(keys[i], '\x1f');

		src[i] = arena_strndup(ctx->arena, keys[i], (size_t)(sep - keys[i]));
		paths[i] = sep + 1;
		if(!src[i])
			return LL_ENOMEM;
	}
	if(n == 0)
		return LL_OK;
	params[0] = sql_array(ctx->arena, src, n, true);
	params[1] = sql_array(ctx->arena, paths, n, true);
	if(!params[0] || !params[1])
		return LL_ENOMEM;
	result = db_exec(ctx->db, &remembered_stmt, 2, params, &res);
	if(!result)
		result = append_passages(ctx->arena, res, out);
	PQclear(res);
	return result;
}

/* The candidate sections of passages, read whole and ranked for ask;
 * *feat (may be NULL) gets their feature vectors. */
static ll_result rank_for(const struct answer_ctx *ctx, const struct ask *ask, enum agent_id agent,
                          const struct passages *passages, struct section **out, size_t *n,
                          double **feat)
{
	struct section *s = arena_alloc(ctx->arena, PATH_MAX_SECTIONS * sizeof(*s));
	size_t fsize = (PATH_MAX_SECTIONS + 1) * RANK_FEATURES * sizeof(double);
	double *f = feat ? arena_alloc(ctx->arena, fsize) : NULL;
	struct passages all;
	ll_result result;

	*out = s;
	*n = 0;
	if(!s || (feat && !f))
		return LL_ENOMEM;
	if(feat)
		*feat = f;
	result = with_remembered(ctx, ask, passages, &all);
	if(!result)
		result = sections_of(ctx, &all, s, n);
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

/* The question without its emergency: the clauses ("fryer caught fire, its
 * out now. when can we reopen it") that name none, joined; NULL when every
 * clause is about the emergency. */
static const char *other_clauses(const struct answer_ctx *ctx, const char *text)
{
	static const char *const joins[] = {", ", ". ", "? ", "! ", "; ", " & ", " + ", " and ",
	                                    " also ", " but ", " then ", NULL};
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	struct buf b;
	const char *p = text, *out = NULL;

	buf_init(&b, 4096);
	while(*p) {
		size_t len = strlen(p);
		char *clause;

		for(int i = 0; joins[i]; i++) {
			const char *hit = strstr(p, joins[i]);

			if(hit && (size_t)(hit - p) < len)
				len = (size_t)(hit - p) + strlen(joins[i]);
		}
		clause = arena_strndup(ctx->arena, p, len);
		if(clause &&
		   lexicon_emergencies(ctx->kit->lexicon, clause, e, LEXICON_MAX_EMERGENCIES) ==
		           0 &&
		   buf_appends(&b, clause) != LL_OK)
			break;
		p += len;
	}
	if(b.len)
		out = arena_strdup(ctx->arena, buf_str(&b));
	buf_free(&b);
	return out;
}

/* Does [text, text + len) ask something: a question word among its words
 * ("shell eggs off the truck how cold do they gotta be"), not after one
 * that says it is not known ("idk how long")? */
static bool asks_within(const char *text, size_t len)
{
	static const char *const cues[] = {" how ", " what ", " whats ", " when ", " which ",
	                                   " where ", NULL};
	static const char *const unknown[] = {" idk", " know", " sure", " idea", " tell",
	                                      " remember", NULL};
	char t[ASK_TEXT_MAX];  /* a question's words past this are not read for a cue */
	bool asks = false;

	snprintf(t, sizeof(t), " %.*s ", (int)len, text);
	for(int i = 0; cues[i] && !asks; i++)
		for(const char *p = strstr(t, cues[i]); p && !asks; p = strstr(p + 1, cues[i])) {
			const char *w = p;

			while(w > t && w[-1] != ' ')
				w--;
			asks = true;
			for(int k = 0; unknown[k]; k++)
				if(w > t && strncasecmp(w - 1, unknown[k], strlen(unknown[k])) == 0)
					asks = false;
		}
	return asks;
}

/* The last clause of text when it asks a question of its own in the middle
 * of its words and what comes before it asks another ("shell eggs off the
 * truck how cold, and hot food from the commissary how hot"): the join
 * before it, *second the clause; NULL for none. */
static const char *asked_last(const char *text, const char **second)
{
	static const char *const joins[] = {", and ", " and ", ", ", "? ", "; ", " also ", NULL};

	for(int i = 0; joins[i]; i++) {
		const char *p = NULL;

		for(const char *hit = strstr(text, joins[i]); hit; hit = strstr(hit + 1, joins[i]))
			p = hit;
		if(!p || p == text)
			continue;
		const char *rest = p + strlen(joins[i]);

		if(!strpbrk(rest, ",?;") && !asks_within(rest, strcspn(rest, " ")) &&
		   asks_within(rest, strlen(rest)) &&
		   asks_within(text, (size_t)(p - text))) {
			*second = rest;
			return p;
		}
	}
	return NULL;
}

/* The second question of a two-part one ("walk in was at 50 all night,
 * what do i toss and who do i call"): the text after the last join that
 * starts a question of its own ("who do i call"), *first_len the length of
 * what comes before it, setting included; NULL for a question asked once. */
static const char *second_question(const char *text, size_t *first_len)
{
	static const char *const joins[] = {", ", "? ", ". ", "; ", " & ", " + ", " and ", " also ",
	                                    NULL};
	static const char *const starts[] = {"how ", "what ", "when ", "who ", "where ", "can ",
	                                     "should ", "do ", "does ", "is ", "are ", "will ",
	                                     "toss", "throw", "whats ", "what's ", "wats ", "wat ",
	                                     "hows ", "how's ", "whens ", "wheres ", "where's ",
	                                     "which ", "any ", NULL};

	const char *last = NULL, *second = NULL;

	for(int i = 0; joins[i]; i++)
		for(const char *p = strstr(text, joins[i]); p; p = strstr(p + 1, joins[i])) {
			const char *rest = p + strlen(joins[i]);

			for(int k = 0; starts[k]; k++)
				if(strncasecmp(rest, starts[k], strlen(starts[k])) == 0 &&
				   p > text && p > last) {
					last = p;
					second = rest;
				}
		}
	if(!last)
		last = asked_last(text, &second);
	if(last)
		*first_len = (size_t)(last - text);
	return second;
}

/* The second half of a figure asked of two things ("whats hot hold temp
 * and cold hold temp"): the few words after the last " and ", which lean
 * on the first half for what is asked; NULL when there are more than
 * TAIL_WORDS of them. */
#define TAIL_WORDS 4
static const char *parallel_tail(const char *text, size_t *first_len)
{
	const char *p = NULL, *hit = text;
	int words = 1;

	while((hit = strstr(hit, " and ")))
		p = hit++;
	if(!p || p == text)
		return NULL;
	for(const char *c = p + 5; *c; c++)
		words += *c == ' ' && c[1] && c[1] != ' ';
	if(words > TAIL_WORDS)
		return NULL;
	*first_len = (size_t)(p - text);
	return p + 5;
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
	pool = arena_alloc(ctx->arena, (n + PATH_MAX_SECTIONS) * sizeof(*pool));
	more = arena_alloc(ctx->arena, PATH_MAX_SECTIONS * sizeof(*more));
	if(!pool || !more || retriever_search(ctx, part, q->agent, &found, &degraded) != LL_OK)
		return from;
	memcpy(pool, from, n * sizeof(*pool));
	if(sections_of(ctx, &found, more, &nmore) != LL_OK)
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

/* Is text a question of its own ("how do i check my thermometer"), not
 * the setting of the one after it ("walk in is at 44")? */
static bool asks_itself(const char *text)
{
	static const char *const starts[] = {"how ", "what", "when ", "who ", "where ", "can ",
	                                     "should ", "do ", "does ", "is ", "are ", "will ",
	                                     "which ", NULL};

	for(int k = 0; starts[k]; k++)
		if(strncasecmp(text, starts[k], strlen(starts[k])) == 0)
			return true;
	return text[0] && text[strlen(text) - 1] == '?';
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

	/* a first part that asks mid-clause counts when the second does too */
	if(!text || !among_first(&ranked[0], in->other, in->nother) ||
	   !(asks_itself(text) || asked_last(q->text, &second) == q->text + first_len))
		return;
	ask_understand(ctx->kit->lexicon, text, &first);
	pool = part_candidates(ctx, q, first.text, ranked, in->nranked, &npool);
	if(!(mine = ranked_for(ctx, q, &first, pool, npool)))
		return;
	{
		size_t k = 0;

		/* its best section that can answer: no quiz, overview or emergency */
		while(k + 1 < npool && k < 2 &&
		      (mine[k].kind == SECTION_QUIZ || mine[k].kind == SECTION_OVERVIEW ||
		       mine[k].emergency))
			k++;
		if(same_place(&mine[k], &in->other[0]) ||
		   mine[k].coverage < COMPOSE_SECOND_COVERAGE || mine[k].kind == SECTION_QUIZ ||
		   mine[k].kind == SECTION_OVERVIEW || mine[k].emergency)
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

/* Does text name a food ("the fries", "the lettuce he was cutting")?  An
 * emergency's manual speaks of it as "food" ("discard food exposed to the
 * fire"). */
static bool names_food(const char *text)
{
	static const char *const foods[] = {"fries", "nugget", "bun", "lettuce", "tomato",
	                                    "chicken", "patties", "patty", "burger", "meat", "beef",
	                                    "rice", "chili", "cheese", "sauce", "salad", "egg",
	                                    "sandwich", "bread", "produce", "onion", "bacon", NULL};

	for(int i = 0; foods[i]; i++)
		if(strcasestr(text, foods[i]))
			return true;
	return false;
}

static bool has_content(const char *text)
{
	struct terms t;

	terms_of(text, &t);
	return terms_words(&t) != 0;
}

/* The other part of the question, ranked on its own: its words alone pick
 * the section that answers it -- an emergency question's clauses that
 * name no emergency, or a two-part question's second question (leaning on
 * the first: "what temp for the walk in, and the freezer?"). */
static void rank_other(const struct answer_ctx *ctx, const struct question *q,
                       struct compose_in *in, struct ask *other)
{
	size_t first_len = 0, npool;
	const char *text =
	        in->ncards ? other_clauses(ctx, q->text) : second_question(q->text, &first_len);
	const char *first;
	const struct section *pool;

	if(!text && !in->ncards && in->ask->kind == ASKED_FIGURE)
		text = parallel_tail(q->text, &first_len);
	first = first_len ? arena_strndup(ctx->arena, q->text, first_len) : NULL;
	if(!text || !in->nranked || (first && !has_content(text)))
		return;     /* "..., is that ok?" asks nothing of its own: the question is one */
	if(in->ncards && names_food(text) && !(text = arena_printf(ctx->arena, "%s food", text)))
		return; /* "the fries in the basket" after a fire: what the manual says of food */
	ask_understand(ctx->kit->lexicon, text, other);
	if(first)
		lean_on(ctx->kit->lexicon, other, first);
	pool = part_candidates(ctx, q, other->text, in->ranked, in->nranked, &npool);
	if(!(in->other = ranked_for(ctx, q, other, pool, npool)))
		return;
	in->other_ask = other;
	in->nother = npool;
	if(first)
		first_part_first(ctx, q, in, first_len);
}

static ll_result load_cards(const struct answer_ctx *ctx, const struct ask *ask,
                            struct section *cards, size_t *ncards)
{
	ll_result result = LL_OK;

	*ncards = 0;
	for(int i = 0; i < ask->nemergency && !result; i++) {
		bool found;

		result = fetch_card(ctx, ask->emergency[i]->id, &cards[*ncards], &found);
		if(!result && found)
			(*ncards)++;
		else if(!result)
			log_warn("emergency_untagged",
			         "no manual tags the procedure for emergency %s",
			         ask->emergency[i]->id);
	}
	return result;
}


static bool section_states(const struct section *s, enum figure f)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(ask_states_figure(s->parts[i].text, f))
			return true;
	return ask_states_figure(s->heading, f);
}

/* A figure question is answered by a section that states a figure of that
 * kind: when the best one does not and one of the next few does, that one
 * comes first (a lead without the figure asked is no answer). */
static void states_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_FIGURE || q->figure == FIGURE_NONE || n < 2 ||
	   section_states(&s[0], q->figure))
		return;
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(section_states(&s[i], q->figure) && s[i].coverage >= s[0].coverage * 0.5) {
			bring_first(s, i);
			return;
		}
}

/* A procedure asked ("how do i clean the deflector") is not answered by an
 * error code's row: when the best section is one and the question names no
 * code, the first of the next few sections with steps of its own comes
 * first. */
static void steps_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_PROCEDURE || q->ncodes > 0 || n < 2 || s[0].kind != SECTION_FAULT)
		return;
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(s[i].kind != SECTION_FAULT && s[i].nsteps >= 2 &&
		   s[i].coverage >= s[0].coverage * 0.5) {
			bring_first(s, i);
			return;
		}
}

/* An overview or a quiz never leads an answer to anything but "what is X":
 * when the best section is one, the first of the next few that is neither
 * comes first. */
static void answers_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind == ASKED_DEFINITION || n < 2 ||
	   (s[0].kind != SECTION_OVERVIEW && s[0].kind != SECTION_QUIZ))
		return;
	for(size_t i = 1; i < n && i < STATES_WITHIN; i++)
		if(s[i].kind != SECTION_OVERVIEW && s[i].kind != SECTION_QUIZ && !s[i].emergency &&
		   s[i].coverage >= s[0].coverage * 0.5) {
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

ll_result answer_local(const struct answer_ctx *ctx, const struct question *q, const char *query,
                       const struct passages *passages, struct answer *out,
                       struct passages *sources, bool *emergency)
{
	struct section cards[LEXICON_MAX_EMERGENCIES], *s = NULL;
	struct compose_in in;
	struct ask ask, other;
	size_t n = 0;
	ll_result result;

	memset(&in, 0, sizeof(in));
	understand(ctx, q, query, &ask);
	if(passages->query)
		respelled(&ask, passages->query);
	result = load_cards(ctx, &ask, cards, &in.ncards);
	if(!result)
		result = rank_for(ctx, &ask, q->agent, passages, &s, &n, NULL);
	if(!result && n && terms_machine_kinds(ask.text))
		result = fill_openings(ctx, s, n);
	if(!result && n) {
		long long doc = named_manual(&ask, s, n);

		n = doc ? only_manual(s, n, doc) : without_other_machines(&ask, s, n);
	}
	if(!result && !in.ncards && ask.nemergency == 0)
		result = unknowns(ctx, &ask, s, n, &in);
	if(result)
		return result;
	in.ask = &ask;
	in.cards = cards;
	in.ranked = s;
	in.nranked = without_cards(s, n, cards, in.ncards);
	answers_first(&ask, s, in.nranked);
	states_first(&ask, s, in.nranked);
	steps_first(&ask, s, in.nranked);
	rank_other(ctx, q, &in, &other);
	if(emergency)
		*emergency = ask.nemergency > 0;
	result = sources ? as_sources(ctx->arena, &in, sources) : LL_OK;
	return result ? result : compose_answer(ctx->arena, &in, out);
}
