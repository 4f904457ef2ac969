/* gather.c - sections read whole from PostgreSQL (see gather.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answer/asked.h"
#include "answer/gather.h"
#include "buf.h"
#include "log.h"
#include "text/terms.h"

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
	"                max(c.emergency) AS emergency, min(c.ordinal) = 0 AS first,"
	"                min(c.ordinal) AS ordinal"
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
	"             GROUP BY section) k) END,"
	"  sec.ordinal"
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

char *gather_array(struct arena *a, const char *const *v, size_t n, bool quote)
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

/* The procedure tagged for emergency id, read into *out as a card; *found
 * is false when no manual tags one. */
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

ll_result gather_cards(const struct answer_ctx *ctx, const struct ask *ask,
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

ll_result gather_openings(const struct answer_ctx *ctx, struct section *s, size_t n)
{
	const char *docs[GATHER_MAX_SECTIONS], *param;
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
	if(!(param = gather_array(ctx->arena, docs, nd, false)))
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
	const char *docs[GATHER_MAX_SECTIONS], *paths[GATHER_MAX_SECTIONS], *params[2];
	PGresult *res = NULL;
	ll_result result;

	for(size_t i = 0; i < n; i++) {
		docs[i] = arena_printf(ctx->arena, "%lld", s[i].document_id);
		paths[i] = s[i].path;
		if(!docs[i])
			return LL_ENOMEM;
	}
	params[0] = gather_array(ctx->arena, docs, n, false);
	params[1] = gather_array(ctx->arena, paths, n, true);
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
			s[i].ordinal = (int)strtol(PQgetvalue(res, r, 7), NULL, 10);
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

ll_result gather_sections(const struct answer_ctx *ctx, const struct passages *ps,
                          struct section *s, size_t *n)
{
	*n = group_passages(ps, s, GATHER_MAX_SECTIONS);
	return *n ? fill_sections(ctx, s, *n) : LL_OK;
}

#define REMEMBERED_SHARE 0.4   /* how much of a question an earlier one must hold */

ll_result gather_remembered(const struct answer_ctx *ctx, const struct ask *ask,
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
	params[0] = gather_array(ctx->arena, src, n, true);
	params[1] = gather_array(ctx->arena, paths, n, true);
	if(!params[0] || !params[1])
		return LL_ENOMEM;
	result = db_exec(ctx->db, &remembered_stmt, 2, params, &res);
	if(!result)
		result = append_passages(ctx->arena, res, out);
	PQclear(res);
	return result;
}

