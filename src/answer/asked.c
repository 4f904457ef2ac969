/* asked.c - the questions asked before, per section (see asked.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/asked.h"
#include "arena.h"

struct entry {
	const char *key;             /* "source\x1fpath" */
	const char *text;            /* the question, crew words rewritten */
	struct terms terms;
};

struct asked_set {
	struct arena arena;
	struct entry *e;             /* sorted by key */
	size_t n;
};

static int by_key(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->key, ((const struct entry *)y)->key);
}

/* One "source<TAB>path<TAB>question" line into *e; false when malformed. */
static bool entry_parse(struct asked_set *a, const struct lexicon *lx, char *line, struct entry *e)
{
	char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;

	if(!t1 || !t2 || strchr(t2 + 1, '\t'))
		return false;
	*t1 = '\x1f';
	*t2 = '\0';
	e->key = line;
	e->text = lexicon_rewrite(lx, &a->arena, t2 + 1);
	if(!e->text)
		return false;
	terms_of(e->text, &e->terms);
	return true;
}

ll_result asked_parse(const char *text, const struct lexicon *lx, struct asked_set **out)
{
	struct asked_set *a = calloc(1, sizeof(*a));
	size_t lines = 1;

	*out = NULL;
	if(!a)
		return LL_ENOMEM;
	arena_init(&a->arena, 256 * 1024);
	for(const char *p = text ? text : ""; *p; p++)
		lines += *p == '\n';
	a->e = arena_alloc(&a->arena, lines * sizeof(*a->e));
	while(a->e && text && *text) {
		size_t len = strcspn(text, "\n");
		char *line = arena_strndup(&a->arena, text, len);

		if(!line)
			break;
		if(len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if(line[0] && line[0] != '#' && entry_parse(a, lx, line, &a->e[a->n]))
			a->n++;
		text += len + (text[len] == '\n');
	}
	if(!a->e || (text && *text)) {
		asked_free(a);
		return LL_ENOMEM;
	}
	qsort(a->e, a->n, sizeof(*a->e), by_key);
	*out = a;
	return LL_OK;
}

void asked_free(struct asked_set *a)
{
	if(!a)
		return;
	arena_free(&a->arena);
	free(a);
}

/* The share of q's idf weight whose terms the stored question holds. */
static double held_share(const struct terms *q, const double *idf, const struct terms *s)
{
	double total = 0, got = 0;

	for(int i = 0; i < q->n; i++) {
		total += idf[i];
		for(int k = 0; k < s->n; k++)
			if(q->len[i] == s->len[k] &&
			   memcmp(q->term[i], s->term[k], q->len[i]) == 0) {
				got += idf[i];
				break;
			}
	}
	return total > 0 ? got / total : 0;
}

double asked_match(const struct asked_set *a, const char *source, const char *path,
                   const struct terms *q, const double *idf, const char *text)
{
	size_t lo = 0, hi, sl = strlen(source), pl = strlen(path);
	char key[1024];
	double best = 0;

	if(!a || !a->n || sl + pl + 2 > sizeof(key))
		return 0;
	memcpy(key, source, sl);
	key[sl] = '\x1f';
	memcpy(key + sl + 1, path, pl + 1);
	hi = a->n;
	while(lo < hi) {                 /* the first entry not below key */
		size_t mid = (lo + hi) / 2;

		if(strcmp(a->e[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for(size_t i = lo; i < a->n && strcmp(a->e[i].key, key) == 0; i++) {
		double v;

		if(text && strcasecmp(a->e[i].text, text) == 0)
			continue;
		v = held_share(q, idf, &a->e[i].terms);
		if(v > best)
			best = v;
	}
	return best;
}

bool asked_knows(const struct asked_set *a, const char *source)
{
	size_t lo = 0, hi = a ? a->n : 0, sl = strlen(source);

	while(lo < hi) {                 /* the first entry not below source */
		size_t mid = (lo + hi) / 2;

		if(strncmp(a->e[mid].key, source, sl) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return a && lo < a->n && strncmp(a->e[lo].key, source, sl) == 0 &&
	       a->e[lo].key[sl] == '\x1f';
}

size_t asked_nearest(const struct asked_set *a, const struct terms *q, const char *text,
                     double min_share, const char **keys, size_t max)
{
	double best[ASKED_NEAREST_MAX];
	size_t n = 0;

	for(size_t i = 0; a && i < a->n; i++) {
		double v;
		size_t k = 0;

		if(text && strcasecmp(a->e[i].text, text) == 0)
			continue;   /* a question is not its own neighbour */
		if((v = held_share(q, q->weight, &a->e[i].terms)) < min_share)
			continue;
		while(k < n && strcmp(keys[k], a->e[i].key) != 0)
			k++;
		if(k < n) {
			best[k] = v > best[k] ? v : best[k];
			continue;
		}
		if(n < max && n < ASKED_NEAREST_MAX) {
			keys[n] = a->e[i].key;
			best[n++] = v;
		}
		else {          /* full: it replaces the weakest when it holds more */
			size_t low = 0;

			for(size_t j = 1; j < n; j++)
				low = best[j] < best[low] ? j : low;
			if(n && v > best[low]) {
				keys[low] = a->e[i].key;
				best[low] = v;
			}
		}
	}
	return n;
}
