/* compose.c - the answer from ranked sections and emergency cards (see compose.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/compose.h"
#include "answer/verdict.h"
#include "buf.h"

#define MAX_STEPS 14
#define MAX_WARNINGS 3
#define MAX_CITATIONS 3
#define SNIPPET_CHARS 200
#define LEAD_SECOND_MAX 220   /* a second lead sentence only when it is short */

struct list {
	const char **v;
	size_t n, cap;
};

static ll_result list_init(struct arena *a, struct list *l, size_t cap)
{
	l->v = arena_alloc(a, cap * sizeof(*l->v));
	l->n = 0;
	l->cap = cap;
	return l->v ? LL_OK : LL_ENOMEM;
}

static void list_add(struct list *l, const char *s)
{
	for(size_t i = 0; i < l->n; i++)
		if(strcmp(l->v[i], s) == 0)
			return;
	if(l->n < l->cap)
		l->v[l->n++] = s;
}

/* ---------------------------------------------------------------- the lead */

/* Does s hold one of words (any case)? */
static bool says_any(const char *s, const char *const *words)
{
	for(int i = 0; words[i]; i++)
		if(strcasestr(s, words[i]))
			return true;
	return false;
}

/* A rule's verdict ("must", "never", "discard"), and among them an action
 * on the food, the machine or the person. */
static const char *const verdicts[] = {"must", "never", "do not", "don't", "discard", "throw",
                                       "exclude", "can ", "may ", "only", "not allowed", "should",
                                       "safe", "required", "go home", "send", "no longer", NULL};
static const char *const actions[] = {"discard", "throw", "toss", "reject", "exclude", "send",
                                      "must not", "do not", "never", "not allowed", "may not",
                                      "cannot", NULL};

/* The cell of a troubleshooting table's row that says what to do, as the
 * row reads ("Pizza pale on top — Cause: ... — Fix: Add 15 seconds"). */
static const char *const remedies[] = {"— Fix:", "— Remedy:", "— Action:", "— Solution:",
                                       "— What to do:", "— Corrective", NULL};

/* What a manual says when the first fix fails: that it came back ("If it
 * returns"), and what to do then ("call service"). */
static const char *const recurs[] = {"again", "returns", "comes back", "came back", "persists",
                                     "second time", "still", NULL};
static const char *const next_steps[] = {"call", "service", "technician", "support", "stop using",
                                         NULL};
/* What a manual says of food whose time out of temperature is not known. */
static const char *const unknown_times[] = {"cannot tell how long", "can't tell how long",
                                            "do not know how long", "don't know how long",
                                            "unknown", "in doubt", "not marked", "no time",
                                            "without a time", NULL};

/* How well part p answers q: its share of the question's terms, and what
 * the question's kind asks of a lead. */
static double lead_value(const struct ask *q, const struct part *p)
{
	double got = 0, v;

	terms_match(&q->terms, p->text, &got);
	v = got;
	/* a figure asked, not one reported of a fix that failed ("water is 120, still AL-2") */
	if(q->figure != FIGURE_NONE && (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION) &&
	   !(q->persists && q->ncodes > 0))
		v += ask_states_figure(p->text, q->figure) ? 4 : -4;
	if(q->kind == ASKED_DECISION && got > 0 && says_any(p->text, verdicts))
		v += says_any(p->text, actions) ? 3 : 1.5; /* the verdict on what was asked about */
	for(int i = 0; i < q->ncodes; i++)
		if(!ask_model_like(q->codes[i]) && strcasestr(p->text, q->codes[i]))
			v += 5;             /* the line of the error code asked about */
	if(p->kind == PART_WARNING)
		v -= 0.5;
	if(q->kind == ASKED_FAULT && !q->persists &&
	   (strncasecmp(p->text, "Meaning", 7) == 0 || strcasestr(p->text, " means ")))
		v += 3;                 /* what a code means comes before what to do */
	if(q->persists && (says_any(p->text, recurs) || says_any(p->text, next_steps)))
		v += 4;                 /* tried that, it came back: what to do next */
	if(q->unknown_time && says_any(p->text, unknown_times))
		v += 4;                 /* nobody knows how long: the rule for an unknown time */
	if(strchr(p->text, '?'))
		v -= 3;                 /* a question is not an answer */
	return v;
}

static int best_part(const struct ask *q, const struct section *s)
{
	int best = -1;
	double best_v = 0;

	for(size_t i = 0; i < s->nparts; i++) {
		double v = lead_value(q, &s->parts[i]);

		if(q->kind == ASKED_PROCEDURE && s->parts[i].kind == PART_ROW &&
		   !says_any(s->parts[i].text, remedies))
			continue;          /* a schedule's row is no procedure; a fault's fix is */
		if(best < 0 || v > best_v + 1e-9) {
			best = (int)i;
			best_v = v;
		}
	}
	return best_v > 0 ? best : -1;
}

static int first_of(const struct section *s, enum part_kind kind)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(s->parts[i].kind == kind)
			return (int)i;
	return -1;
}

/* Does text name one of the question's codes? */
static bool names_code_of(const struct ask *q, const char *text)
{
	char codes[8][16];
	int n = terms_codes_of(text, codes, 8);

	for(int i = 0; i < q->ncodes; i++)
		for(int k = 0; k < n; k++)
			if(ask_same_code(codes[k], q->codes[i]))
				return true;
	return false;
}

int compose_lead(const struct ask *q, const struct section *s)
{
	/* a code's own section is read in order: what it means, then the first
	 * check -- unless a follow-up asks about one part of it ("it came back") */
	if(q->kind == ASKED_FAULT && !q->followup && !q->persists && names_code_of(q, s->heading) &&
	   s->nparts > 0)
		return s->parts[0].kind == PART_STEP ? best_part(q, s) : 0;
	bool pointed = q->ncodes > 0 || q->followup ||
	               (q->figure != FIGURE_NONE &&
	                (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION)) ||
	               q->kind == ASKED_DECISION;
	int best;

	if(pointed && (best = best_part(q, s)) >= 0)
		return best;
	if((best = first_of(s, PART_PROSE)) >= 0)
		return best;
	return best_part(q, s);
}

/* The prose sentence that introduces the list part i belongs to, when it
 * gives a verdict on the whole list ("Reject frozen product with:"); or -1. */
static int list_intro(const struct section *s, int i)
{
	int k = i;

	if(s->parts[i].kind != PART_BULLET && s->parts[i].kind != PART_STEP)
		return -1;
	while(k > 0 && s->parts[k - 1].kind == s->parts[i].kind)
		k--;
	if(k == 0 || s->parts[k - 1].kind != PART_PROSE)
		return -1;
	const char *t = s->parts[k - 1].text;
	size_t n = strlen(t);

	return n > 0 && t[n - 1] == ':' && says_any(t, actions) ? k - 1 : -1;
}

/* Does a sentence point back at the one before it ("To keep the food
 * there, ...", "This means ...")?  Its words are read with that one. */
static bool points_back(const char *t)
{
	static const char *const starts[] = {"This ", "That ", "These ", "Those ", "It ", "They ",
	                                     "Then ", "Otherwise", "However", "So ", NULL};
	size_t clause = strcspn(t, ",.:;");

	for(int i = 0; starts[i]; i++)
		if(strncmp(t, starts[i], strlen(starts[i])) == 0)
			return true;
	return clause >= 6 && clause < 60 && strncmp(t + clause - 6, " there", 6) == 0 &&
	       t[clause] == ',';
}

/* The lead and, when it is prose and short, the sentence after it; the
 * sentence before it when the lead points back at it. */
static ll_result lead_text(struct arena *a, const struct ask *q, const struct section *s,
                           const char **out)
{
	int i = compose_lead(q, s), intro;
	const struct part *next;

	*out = NULL;
	if(i < 0)
		return LL_OK;
	*out = s->parts[i].text;
	if(i > 0 && s->parts[i].kind == PART_PROSE && s->parts[i - 1].kind == PART_PROSE &&
	   points_back(s->parts[i].text)) {
		*out = arena_printf(a, "%s %s", s->parts[i - 1].text, s->parts[i].text);
		return *out ? LL_OK : LL_ENOMEM;
	}
	if(q->kind == ASKED_DECISION && (intro = list_intro(s, i)) >= 0)
		*out = arena_printf(a, "%s %s", s->parts[intro].text,
		                    s->parts[i].text); /* "Reject ...:" */
	next = (size_t)i + 1 < s->nparts ? &s->parts[i + 1] : NULL;
	if(s->parts[i].kind == PART_PROSE && next && next->kind == PART_PROSE &&
	   strlen(next->text) <= LEAD_SECOND_MAX && q->kind != ASKED_FIGURE)
		*out = arena_printf(a, "%s %s", s->parts[i].text, next->text);
	return *out ? LL_OK : LL_ENOMEM;
}

/* ---------------------------------------------------------------- parts */

/* The section's steps, else (when it has none) its bullets. */
static void add_steps(struct list *steps, const struct section *s, const char *prefix,
                      struct arena *a)
{
	enum part_kind kind = s->nsteps > 0 ? PART_STEP : PART_BULLET;
	bool first = true;

	for(size_t i = 0; i < s->nparts; i++) {
		const char *t = s->parts[i].text;

		if(s->parts[i].kind != kind)
			continue;
		if(first && prefix)
			t = arena_printf(a, "%s: %s", prefix, t);
		first = false;
		if(t)
			list_add(steps, t);
	}
}

/* A fault section that says what to do in sentences, not a list: its
 * sentences after the lead are the steps ("Check the pump intake. ..."). */
static void add_prose_steps(struct list *steps, const struct section *s, const char *lead)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(s->parts[i].kind == PART_PROSE && !(lead && strstr(lead, s->parts[i].text)))
			list_add(steps, s->parts[i].text);
}

static void add_warnings(struct list *warnings, const struct section *s)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(s->parts[i].kind == PART_WARNING)
			list_add(warnings, s->parts[i].text);
}

static const char *snippet(struct arena *a, const struct section *s)
{
	size_t n = strlen(s->body);

	if(n <= SNIPPET_CHARS)
		return s->body;
	while(n > SNIPPET_CHARS || ((unsigned char)s->body[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s\xE2\x80\xA6", (int)n, s->body);
}

static void add_citation(struct arena *a, struct answer *out, const struct section *s)
{
	struct citation *c;

	for(size_t i = 0; i < out->ncitations; i++)
		if(out->citations[i].document_id == s->document_id &&
		   strcmp(out->citations[i].section, s->path) == 0)
			return;
	if(out->ncitations == MAX_CITATIONS + LEXICON_MAX_EMERGENCIES)
		return;
	c = &out->citations[out->ncitations++];
	c->document_id = s->document_id;
	c->title = s->title;
	c->section = s->path;
	c->snippet = snippet(a, s);
	c->score = s->score;
	c->category = s->category;
}

/* ---------------------------------------------------------------- the ways */

/* Does the question ask something besides the emergency: a verdict, a
 * figure, or a second clause ("... and when can we reopen")? */
static bool asks_more(const struct ask *q)
{
	static const char *const joins[] = {" and ", " also ", " then ", " but ", "? ", " & ",
	                                    " + ", ", can ", ", how ", ", when ", ", what ",
	                                    ", do ", ", is ", ", should ", NULL};

	if(q->kind == ASKED_DECISION || q->kind == ASKED_FIGURE)
		return true;
	for(int i = 0; joins[i]; i++)
		if(strcasestr(q->text, joins[i]))
			return true;
	return false;
}

/* The card's first sentence: the procedure in one line (the section's own
 * prose), else a framing of the steps. */
static const char *card_summary(struct arena *a, const struct section *c, const char *name)
{
	int i = first_of(c, PART_PROSE);

	if(i >= 0)
		return c->parts[i].text;
	return arena_printf(a, "%s: do these steps now, in order.", name);
}

/* How many of q's words (codes included, bare numbers not) text holds;
 * 2 when q has fewer than two and text holds them all. */
static int content_matched(const struct ask *q, const char *text)
{
	uint32_t words = terms_words(&q->terms);
	int n = __builtin_popcount(terms_match(&q->terms, text, NULL) & words);
	int all = __builtin_popcount(words);

	return all < 2 && n == all ? 2 : n;
}

#define OWN_MANUAL 2.0   /* what a part of the emergency's own manual is worth over another's */
#define SECOND_WITHIN 3  /* how far down the other part's ranking its section may come from */
#define TAGGED 3.0       /* the card's word on the machine, to "can we keep using it" */

/* The best part of s for the other part of q, better than *best_v
 * (skipping the card's summary and the steps the lead already shows, when
 * s is the card of the question card); s ranked lower than the best
 * section for it when lower. */
static void better_part(const struct ask *q, const struct section *s, const struct ask *card,
                        double own, bool lower, const char **best, double *best_v,
                        const struct section **from)
{
	static const char *const equipment[] = {"equipment", "appliance", "machine", NULL};
	int summary = card ? first_of(s, PART_PROSE) : -1;
	/* the machine named anywhere in the question: "toaster shocked him, can we keep
	 * using it" */
	bool machine = card && terms_machine_kinds(card->text) != 0;

	for(size_t i = 0; i < s->nparts; i++) {
		const char *t = s->parts[i].text;
		/* "can we keep using the toaster": the card's "Tag the equipment" */
		bool tagged = machine && says_any(t, equipment);
		double v = lead_value(q, &s->parts[i]) + own + (tagged ? TAGGED : 0);

		bool shown = card && s->parts[i].kind == PART_STEP && i < 3 + (size_t)summary + 1;

		/* a part that holds none of the question's words answers nothing; one of
		 * a section ranked lower than the best, fewer than two ("temperature"
		 * alone, for "the fryer temp") */
		if((int)i == summary || shown || !(tagged || terms_match(&q->terms, t, NULL)) ||
		   (lower && content_matched(q, t) < 2))
			continue;
		if(v > *best_v) {
			*best = t;
			*best_v = v;
			*from = s;
		}
	}
}

/* The best answer to the question's other part: from the emergency's own
 * manual first (its other sections: "after the fire is out", "a wound on a
 * food handler's hand"), else the best other section when it holds most of
 * the question -- never another emergency's procedure, a quiz or an
 * overview. */
static const char *second_part(const struct compose_in *in, const struct section **from)
{
	const struct ask *q = in->other_ask ? in->other_ask : in->ask;
	const struct section *ranked = in->other_ask ? in->other : in->ranked;
	size_t nranked = in->other_ask ? in->nother : in->nranked;
	const char *best = NULL;
	double best_v = 0.99;     /* one of its words, at least */

	*from = NULL;
	for(size_t k = 0; k < in->ncards; k++)
		better_part(q, &in->cards[k], in->ask, OWN_MANUAL, false, &best, &best_v, from);
	for(size_t i = 0, others = 0; i < nranked; i++) {
		const struct section *s = &ranked[i];
		bool same_manual = in->ncards && s->document_id == in->cards[0].document_id;

		bool overview = s->kind == SECTION_OVERVIEW && !same_manual;

		if(s->emergency || s->kind == SECTION_QUIZ ||
		   /* "robbed ... can we keep serving": no machine's error code answers it */
		   (s->kind == SECTION_FAULT && q->ncodes == 0 && q->kind != ASKED_FAULT))
			continue;
		/* "gas smell, should we keep cooking": a yes or no beside an emergency is the
		 * emergency's own manual's to answer, never another's ("keep cooking") */
		if(!same_manual && q->kind == ASKED_DECISION)
			continue;
		/* of other manuals, only the best that can answer, among the first few; an
		 * overview only beside it, by a sentence holding two of the part's words
		 * ("each good for up to 7 days: ... sliced cheese") */
		if(!same_manual && ((!overview && others++ > 0) || i >= SECOND_WITHIN ||
		                    s->coverage < COMPOSE_SECOND_COVERAGE))
			continue;
		/* the emergency's own manual speaks first of what follows it ("after the fire is
		 * out") */
		better_part(q, s, NULL, same_manual ? OWN_MANUAL : 0,
		            !same_manual && (i > 0 || overview), &best, &best_v, from);
	}
	return best;
}

/* The emergencies' procedures, whole and first: each card's one-line
 * summary, then the answer to the question's other part (or the first
 * card's warning); the steps are the cards' steps, in order. */
static ll_result compose_cards(struct arena *a, const struct compose_in *in, struct list *steps,
                               struct list *warnings, struct buf *text, struct answer *out)
{
	const struct ask *q = in->ask;
	const struct section *from = NULL;
	const char *more = asks_more(q) ? second_part(in, &from) : NULL;
	ll_result result = LL_OK;

	for(size_t i = 0; i < in->ncards && !result; i++) {
		const struct section *c = &in->cards[i];
		const char *name = q->emergency[i < (size_t)q->nemergency ? i : 0]->name;
		const char *summary = card_summary(a, c, name);

		result = summary ? buf_printf(text, "%s%s", i ? " " : "", summary) : LL_ENOMEM;
		add_steps(steps, c, i > 0 ? name : NULL, a);
		add_warnings(warnings, c);
		add_citation(a, out, c);
	}
	if(!result && more) {
		result = buf_printf(text, " %s", more);
		add_citation(a, out, from);
	}
	else if(!result && in->cards[0].nwarnings)
		result = buf_printf(text, " %s",
		                    in->cards[0].parts[first_of(&in->cards[0], PART_WARNING)].text);
	out->escalate = true;
	out->confidence = 0.95;
	return result;
}

/* "I don't have the manual for X", then a generic section of that class. */
static ll_result compose_unknown(struct arena *a, const struct compose_in *in, struct list *steps,
                                 struct list *warnings, struct buf *text, struct answer *out)
{
	const struct section *g = NULL;
	char codes[1][16];
	ll_result result;

	if(in->unknown_is_code)
		result = buf_printf(text, "I don't have the code %s in any of this store's "
		                    "manuals, so I can't say what it means on this machine.",
		                    in->unknown);
	else
		result = buf_printf(text, "I don't have the manual for the %s in this store's "
		                    "manuals, so I can't give its model-specific steps or codes.",
		                    in->unknown);
	/* a generic manual's section (no model in its title), a fault one first */
	for(int pass = 0; pass < 2 && !g; pass++)
		for(size_t i = 0; i < in->nranked && !g; i++)
			if(in->ranked[i].coverage >= COMPOSE_MIN_COVERAGE &&
			   terms_codes_of(in->ranked[i].title, codes, 1) == 0 &&
			   in->ranked[i].category &&
			   strcmp(in->ranked[i].category, "equipment") == 0 &&
			   (pass == 1 || in->ranked[i].kind == SECTION_FAULT))
				g = &in->ranked[i];
	if(!result && g) {
		result = buf_printf(text,
		                    " General steps for this kind of equipment (%s):", g->heading);
		add_steps(steps, g, NULL, a);
		add_warnings(warnings, g);
		add_citation(a, out, g);
	}
	if(!result)
		result = buf_appends(text, " If it still does not work, call the manufacturer's "
		                     "service line or your service company, and tell your "
		                     "manager.");
	out->service_call_recommended = true;
	out->confidence = 0.3;
	return result;
}

/* Is text the first of the steps the answer will show? */
static bool steps_begin_with(const struct section *s, const char *text)
{
	enum part_kind kind = s->nsteps > 0 ? PART_STEP : PART_BULLET;
	int i = first_of(s, kind);

	return i >= 0 && strcmp(s->parts[i].text, text) == 0;
}

/* Does the heading state the figure a figure or decision question asks
 * ("How to Wash Hands: 20 Seconds in All")?  Then it is the answer's summary. */
static bool heading_states(const struct ask *q, const char *heading)
{
	return q->figure != FIGURE_NONE && (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION) &&
	       ask_states_figure(heading, q->figure);
}

/* Do a and b share their first number ("20 seconds", "20 Seconds")? */
static bool same_figure(const char *a, const char *b)
{
	const char *da = strpbrk(a, "0123456789"), *db = strpbrk(b, "0123456789");

	return da && db && strtol(da, NULL, 10) == strtol(db, NULL, 10);
}

/* The length of text's first sentence: up to ". " (or "!", "?") before a
 * capital, so "Food Code 3-501.17" stays whole. */
static size_t first_sentence(const char *text)
{
	for(size_t i = 0; text[i]; i++)
		if((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ' &&
		   isupper((unsigned char)text[i + 2]))
			return i + 1;
	return strlen(text);
}

/* The section that answers a two-part question's other part: the first of
 * the few best ranked for it that is not s itself ("hot hold temp and cold
 * hold temp": the hot holding section ranks first for both), nor an
 * emergency, a quiz or an overview, and holds enough of it (nearly all,
 * from another manual); NULL for none. */
static const struct section *other_section(const struct compose_in *in, const struct section *s)
{
	for(size_t k = 0; k < in->nother && k < 3; k++) {
		const struct section *o = &in->other[k];
		bool same_doc = o->document_id == s->document_id;

		if((same_doc && strcmp(o->path, s->path) == 0) || o->kind == SECTION_QUIZ ||
		   o->kind == SECTION_OVERVIEW)
			continue;
		if(o->emergency || o->coverage < COMPOSE_SECOND_COVERAGE ||
		   (!same_doc && o->coverage < 0.8))
			return NULL;
		return o;
	}
	return NULL;
}

/* Does part say something of q's own that lead does not: one of its words
 * ("cold" in "and cold hold temp", where the hot holding lead says "hold"
 * and "temp" too), or the figure it asks ("and how long") that the lead
 * does not state? */
static bool adds_to(const struct ask *q, const char *part, const char *lead)
{
	struct terms own;

	terms_of(q->text, &own);
	if(terms_match(&own, part, NULL) & ~(lead ? terms_match(&own, lead, NULL) : 0) &
	   terms_words(&own))
		return true;
	return q->figure != FIGURE_NONE && ask_states_figure(part, q->figure) &&
	       !(lead && ask_states_figure(lead, q->figure));
}

/* The part of s itself that answers the question's other part, when s is
 * also the best section for it ("how hot and how long do i reheat chili":
 * the reheating section states both) and the lead does not already say
 * it; -1 for none. */
static int own_part(const struct compose_in *in, const struct section *s, const char *lead)
{
	const struct section *o = in->nother ? &in->other[0] : NULL;
	int i;

	if(!o || o->document_id != s->document_id || strcmp(o->path, s->path) != 0 ||
	   (i = best_part(in->other_ask, s)) < 0 || (lead && strstr(lead, s->parts[i].text)))
		return -1;
	return adds_to(in->other_ask, s->parts[i].text, lead) ? i : -1;
}

/* The first sentence of lead, with the one after it when that one points
 * back at it, joined ("Cold TCS food must stay at 41°F or below; to keep
 * the food there, most stores set the walk-in ... 34-38°F"): a two-part
 * question's first answer in one sentence, the other part's after it. */
static const char *first_answer(struct arena *a, const char *lead)
{
	size_t first = first_sentence(lead);
	const char *rest = lead + first;

	while(*rest == ' ')
		rest++;
	if(first < 2 || lead[first - 1] != '.' || !*rest || !points_back(rest))
		return arena_strndup(a, lead, first);
	return arena_printf(a, "%.*s; %c%.*s", (int)first - 1, lead, tolower((unsigned char)*rest),
	                    (int)first_sentence(rest) - 1, rest + 1);
}

/* A question asked twice over ("..., what do i toss and who do i call"):
 * when the lead's own section says more of its second question, that
 * sentence follows the lead; else when another section of the same manual
 * answers it (or one of another manual holds nearly all of it), that
 * section's lead follows the first sentence of this one's. */
static ll_result two_part_lead(struct arena *a, const struct compose_in *in, const char **lead,
                               const struct section **used)
{
	const struct section *s = &in->ranked[0];
	const struct section *o = in->other_ask ? other_section(in, s) : NULL;
	int i = -1;

	if(in->other_ask && !in->ncards && (i = own_part(in, s, *lead)) >= 0)
		o = s;
	else if(in->ncards || !o || (i = compose_lead(in->other_ask, o)) < 0)
		return LL_OK;
	const char *one = *lead ? first_answer(a, *lead) : s->heading; /* steps only: heading */
	size_t first = one ? strlen(one) : 0;
	bool colon = first > 0 && one[first - 1] == ':'; /* "ice water:" frames steps */
	const char *two = one ? arena_printf(a, "%.*s%s %s", (int)(first - colon), one,
	                                     colon || !*lead ? "." : "", o->parts[i].text)
	                      : NULL;

	if(!two)
		return LL_ENOMEM;
	*lead = two;
	if(o != s)
		*used = o;
	return LL_OK;
}

/* The fix was tried and the code came back: the lead's sentence that says
 * what to do then ("If it trips again, call Service.") comes first, the
 * rest after it. */
static const char *escalation_first(struct arena *a, const char *lead)
{
	for(const char *p = lead; *p; p++) {
		if(!(p > lead + 1 && p[-1] == ' ' && (p[-2] == '.' || p[-2] == ';') &&
		     isupper((unsigned char)*p)))
			continue;
		size_t len = first_sentence(p);

		for(int i = 0; recurs[i]; i++)
			if(len > 0 && strncasecmp(p, "If ", 3) == 0 &&
			   memmem(p, len, recurs[i], strlen(recurs[i])))
				return arena_printf(a, "%.*s %.*s", (int)len, p,
				                    (int)(p - lead - 1), lead);
	}
	return lead;
}

/* How many of the best-ranked sections of the best section's manual a
 * decision's rule is looked for in. */
#define RULE_SECTIONS 4

/* The verdict on what the crew measured against the limit rule states: the
 * reading's temperature, else the time it has been so. */
static bool judged(const struct ask *q, const char *rule, const struct terms *subject,
                   unsigned how, char *out, size_t outlen)
{
	/* a reading past a limit for a time the crew know: the time decides */
	if(q->reading && q->elapsed && verdict_of_time(q->elapsed, rule, how, out, outlen))
		return true;
	if(q->reading)
		return verdict_of_reading(q->reading, rule, subject, how, out, outlen);
	if(q->elapsed)
		return verdict_of_time(q->elapsed, rule, how, out, outlen);
	return deadline_of(q->since - 1, rule, out, outlen);
}

/* A decision on a reading ("nuggets probed at 160, good to send?") or a
 * time ("been out 5 hrs, still ok?"): held against the limit the lead
 * (else the heading, else the first of the section's parts that names the
 * subject, else any; else a part that names it in another of the manual's
 * best sections: "received at 41°F or below" when the best is how to
 * reject) states, first. */
static ll_result reading_verdict(const struct compose_in *in, const char *lead,
                                 struct buf *text)
{
	const struct ask *q = in->ask;
	const struct section *s = &in->ranked[0];
	const struct terms *subject = q->subject.n ? &q->subject : &q->terms;
	unsigned how = (q->kind == ASKED_DECISION ? VERDICT_DECIDE : 0) |
	               (q->unknown_time ? VERDICT_UNKNOWN_TIME : 0);
	char verdict[160];

	if((q->kind != ASKED_DECISION && q->kind != ASKED_FIGURE) ||
	   (q->reading == 0 && (q->elapsed == 0 || q->kind != ASKED_DECISION) && q->since == 0))
		return LL_OK;
	if(judged(q, lead, subject, how, verdict, sizeof(verdict)) ||
	   judged(q, s->heading, subject, how, verdict, sizeof(verdict)))
		return buf_printf(text, "%s ", verdict);
	/* the lead tells what to do ("write each rejected item ..."): the rule is in
	 * another of the section's parts ("received at 41°F or below") */
	for(int pass = 0; pass < 3; pass++)
		for(size_t k = 0; k < in->nranked && k < (pass == 2 ? RULE_SECTIONS : 1); k++) {
			const struct section *o = &in->ranked[k];

			if(o->document_id != s->document_id || (pass == 2 && k == 0))
				continue;
			for(size_t i = 0; i < o->nparts; i++)
				if((pass == 1 || terms_match(subject, o->parts[i].text, NULL)) &&
				   judged(q, o->parts[i].text, subject, how, verdict,
				          sizeof(verdict)))
					return buf_printf(text, "%s ", verdict);
		}
	return LL_OK;
}

/* How well sentence t of a manual rules on q: its share of the question,
 * and for food whose time out is not known, the rule that says so. */
static double rule_value(const struct ask *q, const char *t)
{
	double got = 0;

	terms_match(&q->terms, t, &got);
	return got + (q->unknown_time && says_any(t, unknown_times) ? 4 : 0) +
	       (q->elapsed && time_applies(q->elapsed, t) ? 4 : 0);
}

/* A decision's rule, stated elsewhere in the best section's manual
 * ("Counter thawing at room temperature is never allowed" in the
 * introduction, when the best section is the walk-in's steps; "If you
 * cannot tell how long it has been below 135°F, throw it away" when nobody
 * knows how long): the part of that manual's best sections that forbids or
 * orders something about what was asked, when it rules better than a lead
 * that orders nothing, or than one silent on the unknown time; else NULL. */
static const char *manual_rule(const struct compose_in *in, const char *lead)
{
	const struct ask *q = in->ask;
	const char *best = NULL;
	bool orders = lead && says_any(lead, actions);   /* then only an unknown time's rule */
	double best_v;

	/* a lead that orders something still yields to the rule on the time
	 * the crew know ("warm for less than 4 hours: it may be kept") */
	if(q->kind != ASKED_DECISION || q->ncodes || !lead ||
	   (orders && !(q->unknown_time && !says_any(lead, unknown_times)) &&
	    !(q->elapsed && !time_applies(q->elapsed, lead))))
		return NULL;
	best_v = rule_value(q, lead);
	for(size_t i = 0; i < in->nranked && i < RULE_SECTIONS; i++) {
		const struct section *s = &in->ranked[i];

		if(s->document_id != in->ranked[0].document_id || s->kind == SECTION_QUIZ)
			continue;
		for(size_t k = 0; k < s->nparts; k++) {
			const char *t = s->parts[k].text;
			bool timed = q->elapsed && time_applies(q->elapsed, t);
			double v;

			if(strchr(t, '?') || strstr(lead, t) || !(says_any(t, actions) || timed) ||
			   (orders && !says_any(t, unknown_times) && !timed))
				continue;
			if((v = rule_value(q, t)) > best_v + 1e-9) {
				best = t;
				best_v = v;
			}
		}
	}
	return best;
}

static ll_result compose_section(struct arena *a, const struct compose_in *in, struct list *steps,
                                 struct list *warnings, struct buf *text, struct answer *out)
{
	const struct section *s = &in->ranked[0], *second = NULL;
	const char *lead, *rule = NULL;
	ll_result result = lead_text(a, in->ask, s, &lead);

	/* the rule that decides goes first, and the verdict is held against it */
	if(!result && lead && (rule = manual_rule(in, lead)) &&
	   !(lead = arena_printf(a, "%.*s %s", (int)first_sentence(rule), rule, lead)))
		result = LL_ENOMEM;
	if(!result && in->ask->kind == ASKED_DECISION)
		result = reading_verdict(in, lead, text); /* "No, 150°F is below" first */
	if(!result && names_code_of(in->ask, s->heading) && !(lead && names_code_of(in->ask, lead)))
		result = buf_printf(text, "%s. ", s->heading); /* "E03: Platen over-temperature." */
	else if(!result && heading_states(in->ask, s->heading) &&
	        !(lead && ask_states_figure(lead, in->ask->figure) &&
	          same_figure(lead, s->heading)))
		result = buf_printf(text, "%s. ",
		                    s->heading); /* "Hot Holding: 135°F (57°C) or Above." */
	if(lead && steps_begin_with(s, lead))
		lead = NULL;          /* the steps say it first: the heading frames them */
	if(!result)
		result = two_part_lead(a, in, &lead, &second);
	if(!result && lead && in->ask->persists && !(lead = escalation_first(a, lead)))
		result = LL_ENOMEM;
	if(!result && in->ask->kind == ASKED_FIGURE)
		result = reading_verdict(in, lead, text); /* after the code's name */
	if(!result)
		result = buf_appends(text, lead ? lead : s->heading);
	if(!result && s->nsteps + s->nbullets > 0 && !lead)
		result = buf_appends(text, ":");
	add_steps(steps, s, NULL, a);
	if(steps->n == 0 && in->ask->kind == ASKED_FAULT && s->kind == SECTION_FAULT)
		add_prose_steps(steps, s, lead);
	add_warnings(warnings, s);
	for(size_t i = 0; i < in->nranked && out->ncitations < MAX_CITATIONS; i++)
		if(i == 0 || in->ranked[i].score >= COMPOSE_MIN_SCORE)
			add_citation(a, out, &in->ranked[i]);
	if(second)
		add_citation(a, out, second);
	out->confidence = s->score;
	out->service_call_recommended =
	        in->ask->kind == ASKED_FAULT && strcasestr(s->body, "service") != NULL;
	return result;
}

/* Do the manuals cover the question: does any candidate hold enough of it? */
static bool covered(const struct section *s, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(s[i].coverage >= COMPOSE_MIN_COVERAGE)
			return true;
	return false;
}

/* Does text count what q asks about ("9 major food allergens" for "how
 * many allergens"): a number, then one of the question's words? */
static bool counts_asked(const struct ask *q, const char *text)
{
	for(const char *p = text; *p; p++) {
		const char *w = p;
		char word[32];
		size_t n = 0;

		if(!isdigit((unsigned char)*p) || (p > text && isalnum((unsigned char)p[-1])))
			continue;
		while(isdigit((unsigned char)*w))
			w++;
		while(*w == ' ')
			w++;
		while(isalpha((unsigned char)w[n]) && n + 1 < sizeof(word)) {
			word[n] = w[n];
			n++;
		}
		word[n] = '\0';
		if(n > 0 &&
		   (terms_match(&q->terms, word, NULL) ||
		    (terms_match(&q->terms, w + n, NULL) && strncmp(word, "major", 5) == 0)))
			return true;
	}
	return false;
}

/* The unit "how many days|hours|minutes|weeks" asks a time in ("day"), or
 * NULL: "how long" takes any. */
static const char *unit_asked(const struct ask *q)
{
	static const char *const units[][2] = {
		{"how many days", "day"}, {"how many hours", "hour"}, {"how many hrs", "hour"},
		{"how many minutes", "min"}, {"how many mins", "min"}, {"how many weeks", "week"}};

	for(size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if(strcasestr(q->text, units[i][0]))
			return units[i][1];
	return NULL;
}

/* Does text state a number of unit ("7 days", "7-day", "4 hours")? */
static bool states_unit(const char *text, const char *unit)
{
	for(const char *p = text; (p = strcasestr(p, unit)); p++) {
		const char *b = p;

		while(b > text && (b[-1] == ' ' || b[-1] == '-'))
			b--;
		if(b > text && isdigit((unsigned char)b[-1]))
			return true;
	}
	return false;
}

/* Does text state the figure q asks for (in unit, when it asks one)? */
static bool part_states(const struct ask *q, const char *unit, const char *text)
{
	if(unit)
		return states_unit(text, unit);
	return ask_states_figure(text, q->figure) ||
	       (q->figure == FIGURE_AMOUNT && counts_asked(q, text));
}

/* A figure question is answered only by a section stating a figure of
 * that kind (states_first put the one that does first): "how many lbs of
 * shortening does a vat hold" is not answered by the fryer's service calls.
 * Times and frequencies are left out, their cues ("when do i") also framing
 * questions that are not after a figure -- but not "how many days": that
 * section states days ("how many days can raw ground beef stay in the
 * walk in" is not answered by its cooking temperature). */
static bool states_asked(const struct compose_in *in)
{
	const struct ask *q = in->ask;
	const struct section *s = in->ranked;
	const char *unit = q->figure == FIGURE_TIME ? unit_asked(q) : NULL;

	if(q->kind != ASKED_FIGURE || q->figure == FIGURE_NONE ||
	   (q->figure == FIGURE_TIME && !unit) || q->figure == FIGURE_FREQUENCY ||
	   q->ncodes > 0 || in->other_ask || in->nranked == 0)
		return true;
	if(part_states(q, unit, s[0].heading))
		return true;
	for(size_t i = 0; i < s[0].nparts; i++)
		if(part_states(q, unit, s[0].parts[i].text))
			return true;
	return false;
}

/* An emergency whose procedure no manual tags (the knowledge base is not
 * loaded): never "couldn't find" -- the one safe generic instruction, then
 * the best section when there is one. */
static ll_result compose_untagged(struct arena *a, const struct compose_in *in, struct list *steps,
                                  struct list *warnings, struct buf *text, struct answer *out)
{
	ll_result result =
	        buf_printf(text,
	                   "Emergency: %s. Get everyone away from the danger and call 911 "
	                   "now if anyone is hurt or at risk; then tell your manager.",
	                   in->ask->emergency[0]->name);

	if(!result && covered(in->ranked, in->nranked)) {
		result = buf_appends(text, "\n\n");
		if(!result)
			result = compose_section(a, in, steps, warnings, text, out);
	}
	out->escalate = true;
	out->confidence = 0.5;
	return result;
}

/* "I don't have anything on "ebt" in this store's manuals", then the
 * nearest section only when it holds two of the question's words (in the
 * same sentence: the admission does not push its lead out of the first
 * two). */
static ll_result compose_topic(struct arena *a, const struct compose_in *in, struct list *steps,
                               struct list *warnings, struct buf *text, struct answer *out)
{
	bool near = covered(in->ranked, in->nranked) &&
	            content_matched(in->ask, in->ranked[0].body) >= 2;
	ll_result result =
	        buf_printf(text, "I don't have anything on \"%s\" in this store's manuals%s",
	                   in->topic, near ? "; the nearest I have: " : ".");

	if(!result && near) {
		result = compose_section(a, in, steps, warnings, text, out);
		out->confidence = 0.3;
		return result;
	}
	out->confidence = 0.1;
	return result ? result : buf_appends(text, " Ask your shift manager.");
}

static ll_result compose_not_found(struct buf *text, struct answer *out)
{
	out->confidence = 0.1;
	return buf_appends(text, "I couldn't find this in the store's manuals. Ask your shift "
	                   "manager, and if it is about food safety, keep the food out of use "
	                   "until you know.");
}

ll_result compose_answer(struct arena *a, const struct compose_in *in, struct answer *out)
{
	struct list steps, warnings;
	struct buf text;
	bool found = covered(in->ranked, in->nranked) && states_asked(in);
	ll_result result;

	memset(out, 0, sizeof(*out));
	buf_init(&text, 64 * 1024);
	out->citations =
	        arena_alloc(a, (MAX_CITATIONS + LEXICON_MAX_EMERGENCIES) * sizeof(*out->citations));
	result = out->citations ? list_init(a, &steps, MAX_STEPS * 3) : LL_ENOMEM;
	if(!result)
		result = list_init(a, &warnings, MAX_WARNINGS * 3);
	if(result)
		goto out;
	if(in->ncards)
		result = compose_cards(a, in, &steps, &warnings, &text, out);
	else if(in->ask->nemergency)
		result = compose_untagged(a, in, &steps, &warnings, &text, out);
	else if(in->unknown)
		result = compose_unknown(a, in, &steps, &warnings, &text, out);
	else if(in->topic)
		result = compose_topic(a, in, &steps, &warnings, &text, out);
	else if(found)
		result = compose_section(a, in, &steps, &warnings, &text, out);
	else
		result = compose_not_found(&text, out);
	if(result)
		goto out;
	out->response = arena_strdup(a, buf_str(&text));
	out->steps = steps.v;
	out->nsteps = steps.n;
	out->warnings = warnings.v;
	out->nwarnings = warnings.n < MAX_WARNINGS ? warnings.n : MAX_WARNINGS;
	out->model = "local";
	result = out->response ? LL_OK : LL_ENOMEM;
out:
	buf_free(&text);
	return result;
}
