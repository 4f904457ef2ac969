/* unknown.c - the names a question asks about that no manual covers (see unknown.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "answer/compose.h"
#include "answer/gather.h"
#include "answer/unknown.h"
#include "buf.h"
#include "text/terms.h"

#define UNKNOWN_MAX_WORDS 24    /* the words of a question read for a name */
#define BRAND_TYPO_MIN 5        /* a shorter brand is matched exactly, never as a typo */

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

struct qword {
	char w[UNKNOWN_MAX_WORDS][32];
	bool noun[UNKNOWN_MAX_WORDS], code[UNKNOWN_MAX_WORDS];
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
	while(*p && q->n < UNKNOWN_MAX_WORDS) {
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

/* A word that asks how much of a figure ("how quick"), never its subject. */
static bool asks_how(const char *w)
{
	static const char *const words[] = {"quick", "quickly", "fast", "faster", "soon", "long",
	                                    "often", "much", "many", NULL};

	for(int i = 0; words[i]; i++)
		if(strcmp(w, words[i]) == 0)
			return true;
	return false;
}

/* A word that may say what the question is about when no manual holds it:
 * not a machine (unknown_name says those), a code, a number, a stop word,
 * filler ("guy", "tmrw"), a word asking how much ("quick") or a crew word
 * the vocabulary translates ("ranch": the manuals' "dressing" rules). */
static bool topic_word(const struct lexicon *lx, const struct qword *q, int i)
{
	const char *w = q->w[i];
	size_t len = strlen(w);

	return len >= 3 && !q->code[i] && !q->noun[i] &&
	       strspn(w, "abcdefghijklmnopqrstuvwxyz") == len && !terms_is_stopword(w, len) &&
	       !lexicon_is_filler(lx, w) && !asks_how(w) && !lexicon_is_crew_word(lx, w);
}

#define BRAND_BEFORE_CODE 3   /* how many words before a code its machine's name may be */

/* Is word i the first of the question that is neither a stop word nor
 * filler, and does a code follow it within BRAND_BEFORE_CODE words ("our
 * frymaster is showing e-41")? */
static bool names_what_shows_code(const struct lexicon *lx, const struct qword *q, int i)
{
	for(int k = 0; k < i; k++)
		if(topic_word(lx, q, k) || q->code[k] || q->noun[k])
			return false;
	for(int k = i + 1; k < q->n && k <= i + BRAND_BEFORE_CODE; k++)
		if(q->code[k])
			return true;
	return false;
}

/* A word that may be a brand: a topic word right before a machine noun or
 * a model number, the first topic word when a code follows, or right
 * after a model number ("said" is filler, never a brand). */
static bool brand_slot(const struct lexicon *lx, const struct qword *q, int i)
{
	if(!topic_word(lx, q, i))
		return false;
	return (i + 1 < q->n && (q->noun[i + 1] || q->code[i + 1] || model_ish(q->w[i + 1]))) ||
	       (i + 2 < q->n && q->noun[i + 2] && !q->code[i + 1]) ||
	       names_what_shows_code(lx, q, i) ||
	       (i > 0 && q->code[i - 1] && ask_model_like(q->w[i - 1]));
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
		if(machine && !(section_machine(&s[i]) & machine) && !manual_named(&s[i], question))
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
 * machine's own name is never taken for a typo, nor a short brand: "bunn
 * brewer" is no "bun"): unknown[i] for word i.
 * One query for the brand, machine and topic words alike. */
static ll_result words_unknown(const struct answer_ctx *ctx, const struct qword *q,
                               bool unknown[UNKNOWN_MAX_WORDS])
{
	const char *cand[UNKNOWN_MAX_WORDS], *machines[UNKNOWN_MAX_WORDS], *params[2];
	size_t nc = 0, nm = 0;
	PGresult *res = NULL;
	ll_result result;

	memset(unknown, 0, UNKNOWN_MAX_WORDS * sizeof(*unknown));
	for(int i = 0; i < q->n; i++)
		if(brand_slot(ctx->kit->lexicon, q, i) && strlen(q->w[i]) < BRAND_TYPO_MIN)
			cand[nc++] = machines[nm++] = q->w[i];
		else if(topic_word(ctx->kit->lexicon, q, i))
			cand[nc++] = q->w[i];
		else if(machine_word(q, i))
			cand[nc++] = machines[nm++] = q->w[i];
	if(nc == 0)
		return LL_OK;
	params[0] = gather_array(ctx->arena, cand, nc, true);
	params[1] = gather_array(ctx->arena, machines, nm, true);
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
                              const struct qword *w, const bool unknown[UNKNOWN_MAX_WORDS],
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
                               const struct qword *w, const bool unknown[UNKNOWN_MAX_WORDS],
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

ll_result unknown_names(const struct answer_ctx *ctx, const struct ask *q,
                        const struct section *s, size_t n, struct compose_in *in)
{
	struct qword w;
	bool unknown[UNKNOWN_MAX_WORDS];
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
