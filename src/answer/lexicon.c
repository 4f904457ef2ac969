/* lexicon.c - the crew vocabulary and the emergencies (see lexicon.h).
 *
 * Ownership: everything a lexicon holds lives in its own arena, freed by
 * lexicon_free.  The matchers only read it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer/lexicon.h"
#include "text/terms.h"
#include "buf.h"

#define LX_WORD 24               /* longest word kept, bytes */
#define LX_PHRASE 6              /* words in a phrase */
#define LX_TEXT_WORDS 160        /* words of a question looked at */
#define LX_FILE_MAX (1 << 20)
#define LX_TYPO_MIN 7            /* shorter words match exactly: "burned" is not "burner" */

struct phrase {
	char w[LX_PHRASE][LX_WORD];  /* "*" = any one word; "ab*" = a word starting "ab" */
	unsigned char len[LX_PHRASE];
	int n;
};

struct phrases {
	struct phrase *p;
	int n;
};

/* An alternative of a trigger: every conjunct must appear. */
struct alt {
	struct phrases *conj;
	int n;
};

struct rule {
	struct emergency e;
	const char *group;           /* "" = none */
	struct alt *alts;
	int nalts;
	struct phrases mask, unless;
};

struct vocab_entry {
	struct phrase from;
	const char *to;
};

struct lexicon {
	struct arena arena;
	const char **known;          /* known-words.txt, sorted */
	size_t nknown;
	const char **filler;         /* filler-words.txt, sorted */
	size_t nfiller;
	const char **crew;           /* the vocabulary's one-word crew phrases, sorted */
	size_t ncrew;
	struct vocab_entry *vocab;
	int nvocab;
	struct rule *rules;
	int nrules;
};

/* A question's words: lower-cased copies and where they are in the text. */
struct words {
	char w[LX_TEXT_WORDS][LX_WORD];
	size_t start[LX_TEXT_WORDS], len[LX_TEXT_WORDS];
	unsigned char wlen[LX_TEXT_WORDS];   /* strlen(w[i]) */
	bool masked[LX_TEXT_WORDS];
	bool known[LX_TEXT_WORDS];   /* a word the manuals spell: matched exactly */
	int clause[LX_TEXT_WORDS];   /* which clause it is in (number_clauses) */
	int n;
};

/* ---------------------------------------------------------------- words */

static bool word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Letters and digits in a row; an apostrophe inside a word is dropped
 * ("can't" -> "cant"), a hyphen splits ("walk-in" -> "walk", "in"). */
/* Does word w start a question of its own ("and what shelf ...")? */
static bool asks_word(const char *w)
{
	static const char *const q[] = {"what", "whats", "how", "hows", "when", "where", "who",
	                                "which", "can", "do", "does", "is", "should", "why", NULL};

	for(int i = 0; q[i]; i++)
		if(strcmp(w, q[i]) == 0)
			return true;
	return false;
}

/* Numbers the clauses of a question: a new one after a question mark,
 * after "also" or "plus", and where "and", "but" or a comma brings a
 * question of its own ("how heavy can i lift by myself and what shelf do
 * the fryer oil boxes go on").  A full stop does not: "got lightheaded
 * fast. the co2 tank is down there" tells of one emergency. */
static void number_clauses(const char *text, struct words *ws)
{
	int clause = 0;

	for(int i = 0; i < ws->n; i++) {
		size_t from = i ? ws->start[i - 1] + ws->len[i - 1] : 0;
		bool stop = false, comma = false;

		for(size_t k = from; k < ws->start[i]; k++) {
			stop |= text[k] == '?';
			comma |= text[k] == ',';
		}
		if(i && (stop || (comma && asks_word(ws->w[i])) ||
		         ((strcmp(ws->w[i - 1], "and") == 0 || strcmp(ws->w[i - 1], "but") == 0) &&
		          asks_word(ws->w[i])) ||
		         strcmp(ws->w[i - 1], "also") == 0 || strcmp(ws->w[i - 1], "plus") == 0))
			clause++;
		ws->clause[i] = clause;
	}
}

static void words_of(const char *text, struct words *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	out->n = 0;
	while(s[i] && out->n < LX_TEXT_WORDS) {
		size_t k = 0, start;

		while(s[i] && !word_char(s[i]))
			i++;
		if(!s[i])
			break;
		start = i;
		while(s[i] && (word_char(s[i]) ||
		               ((s[i] == '\'' || s[i] == 0x92) && word_char(s[i + 1])))) {
			if(s[i] != '\'' && k + 1 < LX_WORD)
				out->w[out->n][k++] = (char)tolower(s[i]);
			i++;
		}
		out->w[out->n][k] = '\0';
		out->wlen[out->n] = (unsigned char)k;
		out->start[out->n] = start;
		out->len[out->n] = i - start;
		out->masked[out->n] = false;
		out->known[out->n] = false;
		out->n++;
	}
}

bool lexicon_word_like(const char *a, size_t la, const char *b, size_t lb)
{
	if(la == lb && memcmp(a, b, la) == 0)
		return true;
	return la >= LX_TYPO_MIN && lb >= LX_TYPO_MIN && a[0] == b[0] &&
	       terms_one_typo(a, la, b, lb);
}

static bool word_matches(const char *pattern, size_t lp, const char *word, size_t lw, bool known)
{
	if(pattern[0] != word[0] && pattern[0] != '*')
		return false;            /* every match keeps the first letter */
	if(lp == 1 && pattern[0] == '*')
		return true;
	if(lp > 1 && pattern[lp - 1] == '*')
		return lw >= lp - 1 && strncmp(word, pattern, lp - 1) == 0;
	if(known)
		return lp == lw && memcmp(pattern, word, lp) == 0;
	return lexicon_word_like(pattern, lp, word, lw);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_filler(const struct lexicon *lx, const char *word)
{
	return bsearch(&word, lx->filler, lx->nfiller, sizeof(*lx->filler), cmp_str) != NULL;
}

bool lexicon_is_filler(const struct lexicon *lx, const char *word)
{
	char stem[64];
	size_t len = strlen(word);

	if(!lx || !lx->nfiller)
		return false;
	if(is_filler(lx, word))
		return true;
	/* a filler word's plural or possessive ("tashas break", "weekends") */
	if(len < 4 || len >= sizeof(stem) || word[len - 1] != 's')
		return false;
	memcpy(stem, word, len - 1);
	stem[len - 1] = '\0';
	return is_filler(lx, stem);
}

bool lexicon_is_crew_word(const struct lexicon *lx, const char *word)
{
	return lx && bsearch(&word, lx->crew, lx->ncrew, sizeof(*lx->crew), cmp_str) != NULL;
}

/* Marks the words of ws the manuals spell: a real word is not a typo. */
static void mark_known(const struct lexicon *lx, struct words *ws)
{
	for(int i = 0; i < ws->n; i++) {
		const char *w = ws->w[i];

		ws->known[i] = lx->nknown &&
		               bsearch(&w, lx->known, lx->nknown, sizeof(*lx->known), cmp_str);
	}
}

/* Does p match ws at i (unmasked words only)? */
static bool phrase_at(const struct phrase *p, const struct words *ws, int i)
{
	if(i + p->n > ws->n)
		return false;
	for(int k = 0; k < p->n; k++)
		if(ws->masked[i + k] || !word_matches(p->w[k], p->len[k], ws->w[i + k],
		                                      ws->wlen[i + k], ws->known[i + k]))
			return false;
	return true;
}

/* The first position where any of ps matches, or -1. */
static int phrases_find(const struct phrases *ps, const struct words *ws)
{
	for(int i = 0; i < ws->n; i++)
		for(int k = 0; k < ps->n; k++)
			if(phrase_at(&ps->p[k], ws, i))
				return i;
	return -1;
}

/* ---------------------------------------------------------------- parsing */

/* One phrase from "a b*" (len bytes); false when empty or too long. */
static bool phrase_parse(const char *s, size_t len, struct phrase *p)
{
	size_t i = 0;

	p->n = 0;
	while(i < len) {
		size_t k = 0;

		while(i < len && s[i] == ' ')
			i++;
		if(i == len)
			break;
		if(p->n == LX_PHRASE)
			return false;
		while(i < len && s[i] != ' ') {
			if(k + 1 < LX_WORD)
				p->w[p->n][k++] = (char)tolower((unsigned char)s[i]);
			i++;
		}
		p->len[p->n] = (unsigned char)k;
		p->w[p->n++][k] = '\0';
	}
	return p->n > 0;
}

/* "a|b c|d*" into ps (in a); an empty field gives none. */
static bool phrases_parse(struct arena *a, const char *s, size_t len, struct phrases *ps)
{
	int n = 1;

	for(size_t i = 0; i < len; i++)
		n += s[i] == '|';
	ps->p = arena_alloc(a, (size_t)n * sizeof(*ps->p));
	ps->n = 0;
	if(!ps->p)
		return false;
	while(len > 0) {
		const char *bar = memchr(s, '|', len);
		size_t k = bar ? (size_t)(bar - s) : len;

		if(phrase_parse(s, k, &ps->p[ps->n]))
			ps->n++;
		else if(strspn(s, " ") < k)
			return false;
		s += k + (bar ? 1 : 0);
		len -= k + (bar ? 1 : 0);
	}
	return true;
}

/* "a|b & c; d" into r->alts. */
static bool triggers_parse(struct arena *a, const char *s, struct rule *r)
{
	int nalts = 1;

	for(const char *p = s; *p; p++)
		nalts += *p == ';';
	r->alts = arena_alloc(a, (size_t)nalts * sizeof(*r->alts));
	if(!r->alts)
		return false;
	r->nalts = 0;
	while(*s) {
		size_t len = strcspn(s, ";");
		struct alt *alt = &r->alts[r->nalts++];
		int nconj = 1;

		for(size_t i = 0; i < len; i++)
			nconj += s[i] == '&';
		alt->conj = arena_alloc(a, (size_t)nconj * sizeof(*alt->conj));
		alt->n = 0;
		if(!alt->conj)
			return false;
		for(size_t i = 0; i < len;) {
			size_t k = i;

			while(k < len && s[k] != '&')
				k++;
			if(!phrases_parse(a, s + i, k - i, &alt->conj[alt->n]) ||
			   alt->conj[alt->n].n == 0)
				return false;
			alt->n++;
			i = k + 1;
		}
		s += len + (s[len] == ';');
	}
	return r->nalts > 0;
}

/* The tab-separated fields of line (modified in place); returns how many. */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	while(n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if(!line)
			break;
		*line++ = '\0';
	}
	return n;
}

static bool vocab_line(struct lexicon *lx, char *line)
{
	char *f[3];
	struct vocab_entry *e = &lx->vocab[lx->nvocab];

	if(fields(line, f, 3) != 2 || !phrase_parse(f[0], strlen(f[0]), &e->from) || !f[1][0])
		return false;
	e->to = arena_strdup(&lx->arena, f[1]);
	if(!e->to)
		return false;
	if(e->from.n == 1)
		lx->crew[lx->ncrew++] = e->from.w[0];
	lx->nvocab++;
	return true;
}

static bool emergency_line(struct lexicon *lx, char *line)
{
	char *f[7];
	struct rule *r = &lx->rules[lx->nrules];
	int n = fields(line, f, 7);

	if(n < 4 || n > 6 || !f[0][0] || !f[2][0])
		return false;
	for(int k = n; k < 6; k++)
		f[k] = (char *)"";
	r->e.id = arena_strdup(&lx->arena, f[0]);
	r->group = arena_strdup(&lx->arena, f[1]);
	r->e.name = arena_strdup(&lx->arena, f[2]);
	if(!r->e.id || !r->group || !r->e.name || !triggers_parse(&lx->arena, f[3], r) ||
	   !phrases_parse(&lx->arena, f[4], strlen(f[4]), &r->mask) ||
	   !phrases_parse(&lx->arena, f[5], strlen(f[5]), &r->unless))
		return false;
	lx->nrules++;
	return true;
}

/* Every non-comment line of text through one_line; false at the first bad
 * one (reported on stderr as name:line). */
static bool parse_lines(struct lexicon *lx, const char *text, const char *name,
                        bool (*one_line)(struct lexicon *, char *))
{
	int lineno = 0;

	while(*text) {
		size_t len = strcspn(text, "\n");
		char *line = arena_strndup(&lx->arena, text, len);

		lineno++;
		if(!line)
			return false;
		if(len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if(line[0] && line[0] != '#' && !one_line(lx, line)) {
			fprintf(stderr, "linelead: %s:%d: malformed line\n", name, lineno);
			return false;
		}
		text += len + (text[len] == '\n');
	}
	return true;
}

static int count_lines(const char *s)
{
	int n = 1;

	for(; *s; s++)
		n += *s == '\n';
	return n;
}

static bool known_line(struct lexicon *lx, char *line)
{
	lx->known[lx->nknown++] = line;
	return true;
}

/* A line of filler words, separated by spaces, all lower-case. */
static bool filler_line(struct lexicon *lx, char *line)
{
	char *w = line;

	while(*w) {
		size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyz");
		char end = w[n];

		if(end != '\0' && end != ' ' && end != '\t')
			return false;
		if(n > 0)
			lx->filler[lx->nfiller++] = w;
		w[n] = '\0';
		w += n + (end != '\0');
	}
	return true;
}

/* Room for every word of text: at most one per two characters. */
static size_t count_words(const char *s)
{
	return strlen(s) / 2 + 1;
}

ll_result lexicon_parse(const char *vocabulary, const char *emergencies, const char *known,
                        const char *filler, struct lexicon **out)
{
	struct lexicon *lx = calloc(1, sizeof(*lx));

	*out = NULL;
	if(!lx)
		return LL_ENOMEM;
	arena_init(&lx->arena, 64 * 1024);
	lx->vocab = arena_alloc(&lx->arena, (size_t)count_lines(vocabulary) * sizeof(*lx->vocab));
	lx->crew = arena_alloc(&lx->arena, (size_t)count_lines(vocabulary) * sizeof(*lx->crew));
	lx->rules = arena_alloc(&lx->arena, (size_t)count_lines(emergencies) * sizeof(*lx->rules));
	lx->known = arena_alloc(&lx->arena,
	                        (size_t)count_lines(known ? known : "") * sizeof(*lx->known));
	lx->filler =
	        arena_alloc(&lx->arena, count_words(filler ? filler : "") * sizeof(*lx->filler));
	if(!lx->vocab || !lx->crew || !lx->rules || !lx->known || !lx->filler ||
	   !parse_lines(lx, vocabulary, "vocabulary.tsv", vocab_line) ||
	   !parse_lines(lx, emergencies, "emergencies.tsv", emergency_line) ||
	   !parse_lines(lx, known ? known : "", "known-words.txt", known_line) ||
	   !parse_lines(lx, filler ? filler : "", "filler-words.txt", filler_line)) {
		lexicon_free(lx);
		return LL_EINVAL;
	}
	qsort(lx->known, lx->nknown, sizeof(*lx->known), cmp_str);
	qsort(lx->filler, lx->nfiller, sizeof(*lx->filler), cmp_str);
	qsort(lx->crew, lx->ncrew, sizeof(*lx->crew), cmp_str);
	*out = lx;
	return LL_OK;
}

/* dir/name into b; a missing file is said on stderr. */
static ll_result read_whole(const char *dir, const char *name, struct buf *b)
{
	char path[4096];
	ll_result result;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	result = buf_read_file(b, path);
	if(result == LL_ENOTFOUND)
		fprintf(stderr, "linelead: cannot open %s\n", path);
	return result;
}

ll_result lexicon_load(const char *dir, struct lexicon **out)
{
	struct buf v, e, k, f;
	ll_result result;

	*out = NULL;
	buf_init(&v, LX_FILE_MAX);
	buf_init(&e, LX_FILE_MAX);
	buf_init(&k, LX_FILE_MAX);
	buf_init(&f, LX_FILE_MAX);
	result = read_whole(dir, "vocabulary.tsv", &v);
	if(!result)
		result = read_whole(dir, "emergencies.tsv", &e);
	if(!result)
		result = read_whole(dir, "known-words.txt", &k);
	if(!result)
		result = read_whole(dir, "filler-words.txt", &f);
	if(!result)
		result = lexicon_parse(buf_str(&v), buf_str(&e), buf_str(&k), buf_str(&f), out);
	buf_free(&v);
	buf_free(&e);
	buf_free(&k);
	buf_free(&f);
	return result;
}

void lexicon_free(struct lexicon *lx)
{
	if(!lx)
		return;
	arena_free(&lx->arena);
	free(lx);
}

/* ---------------------------------------------------------------- rewrite */

/* The longest vocabulary entry matching at word i, or NULL. */
static const struct vocab_entry *vocab_at(const struct lexicon *lx, const struct words *ws, int i)
{
	const struct vocab_entry *best = NULL;

	for(int k = 0; k < lx->nvocab; k++) {
		const struct vocab_entry *e = &lx->vocab[k];

		if((!best || e->from.n > best->from.n) && phrase_at(&e->from, ws, i))
			best = e;
	}
	return best;
}

/* How many words of the text at word i already read as the entry's manual
 * phrase (all of them, else 0): those are left whole, none of their words
 * rewritten again ("chicken patty" stays, though "patty" alone is a burger's). */
static int already(const struct words *ws, int i, const char *to)
{
	struct words t;

	words_of(to, &t);
	if(i + t.n > ws->n)
		return 0;
	for(int k = 0; k < t.n; k++)
		if(strcmp(t.w[k], ws->w[i + k]) != 0)
			return 0;
	return t.n;
}

/* An error code typed with a space ("e 03", "h 4", "F 12"): a lone letter
 * that is no English word, one space, then one to three digits that no
 * unit follows ("f 4 hours" is a time).  Its length in the text, or 0. */
static size_t spaced_code_at(const struct words *ws, const char *text, int i)
{
	static const char *const units[] = {"hour", "hr", "min", "sec", "day", "week", "degree",
	                                    "f", "lb", "oz", "inch", "in", "ft", "gal", "qt", "am",
	                                    "pm", "ppm", NULL};
	const char *w = ws->w[i];

	if(i + 1 >= ws->n || ws->len[i] != 1 || !isalpha((unsigned char)w[0]) ||
	   strchr("aio", w[0]) || ws->start[i + 1] != ws->start[i] + 2 ||
	   text[ws->start[i] + 1] != ' ' || ws->len[i + 1] > 3 ||
	   strspn(ws->w[i + 1], "0123456789") != ws->len[i + 1])
		return 0;
	for(int k = 0; i + 2 < ws->n && units[k]; k++)
		if(strncmp(ws->w[i + 2], units[k], strlen(units[k])) == 0)
			return 0;
	return 2 + ws->len[i + 1];
}

/* Does rewritten lose an emergency text names? */
static bool hides_emergency(const struct lexicon *lx, const char *text, const char *rewritten)
{
	const struct emergency *said[LEXICON_MAX_EMERGENCIES], *kept[LEXICON_MAX_EMERGENCIES];
	int nsaid = lexicon_emergencies(lx, text, said, LEXICON_MAX_EMERGENCIES);
	int nkept = nsaid ? lexicon_emergencies(lx, rewritten, kept, LEXICON_MAX_EMERGENCIES) : 0;

	for(int i = 0; i < nsaid; i++) {
		bool found = false;

		for(int k = 0; k < nkept && !found; k++)
			found = kept[k] == said[i];
		if(!found)
			return true;
	}
	return false;
}

const char *lexicon_rewrite(const struct lexicon *lx, struct arena *a, const char *text)
{
	struct words *ws = arena_alloc(a, sizeof(*ws));
	struct buf b;
	size_t copied = 0;
	const char *result = text;

	if(!ws)
		return NULL;
	if(!lx)
		return text;
	words_of(text, ws);
	mark_known(lx, ws);
	buf_init(&b, 64 * 1024);
	for(int i = 0; i < ws->n;) {
		const struct vocab_entry *e = vocab_at(lx, ws, i);
		size_t code = e ? 0 : spaced_code_at(ws, text, i);
		int last, same = 0;

		if(code) {   /* "e 03" -> "E03" */
			if(buf_append(&b, text + copied, ws->start[i] - copied) ||
			   buf_printf(&b, "%c%s", toupper((unsigned char)ws->w[i][0]),
			              ws->w[i + 1]))
				goto out;
			copied = ws->start[i] + code;
			i += 2;
			continue;
		}
		if(!e || (same = already(ws, i, e->to)) > 0) {
			i += e ? same : 1;
			continue;
		}
		last = i + e->from.n - 1;
		if(buf_append(&b, text + copied, ws->start[i] - copied) || buf_appends(&b, e->to))
			goto out;
		copied = ws->start[last] + ws->len[last];
		i = last + 1;
	}
	if(copied == 0) {
		result = text;
		goto out;
	}
	result = buf_appends(&b, text + copied) ? NULL : arena_strdup(a, buf_str(&b));
	/* a rewrite never hides an emergency the crew's own words name ("fire
	 * up in the hood" is no "start up"): then both are read */
	if(result && hides_emergency(lx, text, result))
		result = arena_printf(a, "%s / %s", result, text);
out:
	buf_free(&b);
	return result;
}

/* ---------------------------------------------------------------- emergencies */

#define LEXICON_NEAR 6   /* how many words apart a trigger's conjuncts in two clauses may be */

/* The first word where one of ps matches ws near word at (in its clause,
 * or within LEXICON_NEAR words of it), or -1. */
static int phrases_near(const struct phrases *ps, const struct words *ws, int at)
{
	for(int i = 0; i < ws->n; i++)
		if(ws->clause[i] == ws->clause[at] || abs(i - at) <= LEXICON_NEAR)
			for(int k = 0; k < ps->n; k++)
				if(phrase_at(&ps->p[k], ws, i))
					return i;
	return -1;
}

/* Where the conjuncts of alternative t all match ws near each other (in
 * the clause of a place where the first one matches, or within
 * LEXICON_NEAR words of it: "burned my hand on the fryer", not "how heavy
 * can i lift by myself and what shelf do the fryer oil boxes go on"), the
 * first word any of them matches there; -1 when they do not. */
static int alt_position(const struct alt *t, const struct words *ws)
{
	for(int i = 0; t->n > 0 && i < ws->n; i++) {
		int first = -1;

		for(int k = 0; k < t->conj[0].n && first < 0; k++)
			first = phrase_at(&t->conj[0].p[k], ws, i) ? i : -1;
		for(int c = 1; c < t->n && first >= 0; c++) {
			int at = phrases_near(&t->conj[c], ws, i);

			first = at < 0 ? -1 : at < first ? at : first;
		}
		if(first >= 0)
			return first;
	}
	return -1;
}

/* Where rule r first matches ws (-1: it does not).  ws->masked is set by
 * the rule's mask and cleared again. */
static int rule_position(const struct rule *r, struct words *ws)
{
	int best = -1;

	for(int i = 0; i < ws->n; i++)
		for(int k = 0; k < r->mask.n; k++)
			if(phrase_at(&r->mask.p[k], ws, i))
				for(int j = 0; j < r->mask.p[k].n; j++)
					ws->masked[i + j] = true;
	if(phrases_find(&r->unless, ws) >= 0)
		goto out;
	for(int a = 0; a < r->nalts; a++) {
		int first = alt_position(&r->alts[a], ws);

		if(first >= 0 && (best < 0 || first < best))
			best = first;
	}
out:
	for(int i = 0; i < ws->n; i++)
		ws->masked[i] = false;
	return best;
}

int lexicon_emergencies(const struct lexicon *lx, const char *text,
                        const struct emergency **out, int max)
{
	struct words ws;
	int pos[LEXICON_MAX_EMERGENCIES], n = 0;

	if(!lx || max <= 0)
		return 0;
	if(max > LEXICON_MAX_EMERGENCIES)
		max = LEXICON_MAX_EMERGENCIES;
	words_of(text, &ws);
	number_clauses(text, &ws);
	mark_known(lx, &ws);
	for(int k = 0; k < lx->nrules && n < max; k++) {
		const struct rule *r = &lx->rules[k];
		bool taken = false;
		int at, i;

		for(int j = 0; j < k && r->group[0] && !taken; j++)
			for(i = 0; i < n && !taken; i++)
				taken = out[i] == &lx->rules[j].e &&
				        strcmp(lx->rules[j].group, r->group) == 0;
		if(taken || (at = rule_position(r, &ws)) < 0)
			continue;
		for(i = n; i > 0 && pos[i - 1] > at; i--) {
			pos[i] = pos[i - 1];
			out[i] = out[i - 1];
		}
		pos[i] = at;
		out[i] = &r->e;
		n++;
	}
	return n;
}
