/* path_manual.c - which manual a question names, and the candidates it
 * leaves (see path_manual.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "answer/gather.h"
#include "answer/path_manual.h"
#include "text/terms.h"

void path_maker_of(const char *title, bool model, char *out, size_t outlen)
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
		path_maker_of(s[i].title, true, makers[i], sizeof(makers[i]));
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

	path_maker_of(title, true, maker, sizeof(maker));
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

long long path_named_manual(const struct ask *q, const struct section *s, size_t n)
{
	long long doc = manual_named_by(q, s, n, 1);

	if(!doc && q->followup)
		doc = manual_named_by(q, s, n, 0.5);
	if(!doc && asks_error_code(q))
		doc = manual_of_machine(q, s, n);
	return doc ? doc : manual_of_code(q, s, n);
}

size_t path_without_other_machines(const struct ask *q, const char *query, struct section *s,
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

size_t path_only_manual(struct section *s, size_t n, long long doc)
{
	size_t k = 0;

	for(size_t i = 0; i < n; i++)
		if(s[i].document_id == doc)
			s[k++] = s[i];
	return k;
}
