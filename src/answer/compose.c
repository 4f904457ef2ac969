/* compose.c - the answer from ranked sections and emergency cards (see compose.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/compose.h"
#include "answer/lead.h"
#include "answer/parts.h"
#include "answer/rank.h"
#include "answer/rule.h"
#include "buf.h"

#define MAX_STEPS 14
#define MAX_WARNINGS 3
#define MAX_CITATIONS 3
#define SNIPPET_CHARS 200

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

/* ---------------------------------------------------------------- parts */

/* The section's steps, else (when it has none) its bullets; without the
 * checks of what the crew ruled out (NULL: none), when others remain, and
 * without those the answer already said word for word (said; NULL: none). */
static void add_steps(struct list *steps, const struct section *s, const char *prefix,
                      struct arena *a, const struct terms *ruled_out, const char *said)
{
	enum part_kind kind = s->nsteps > 0 ? PART_STEP : PART_BULLET;
	bool first = true, others = false;

	for(size_t i = 0; i < s->nparts && ruled_out && ruled_out->n; i++)
		others |= s->parts[i].kind == kind &&
		          !terms_match(ruled_out, s->parts[i].text, NULL);
	for(size_t i = 0; i < s->nparts; i++) {
		const char *t = s->parts[i].text;

		if(s->parts[i].kind != kind || (others && terms_match(ruled_out, t, NULL)) ||
		   (said && strstr(said, t)))
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
	/* a turn that goes on telling the thread's emergency ("maria went in to
	 * check and hasnt come out") asks more by a question of its own ("we put
	 * it out, do we still call 911") or a turn of it ("breathing but wont
	 * wake up") */
	if(q->followup && (strchr(q->text, '?') || parts_asks_within(q->text) ||
	                   strcasestr(q->text, " but ")))
		return true;
	for(int i = 0; joins[i]; i++)
		for(const char *p = strcasestr(q->text, joins[i]); p;
		    p = strcasestr(p + 1, joins[i]))
			/* ", do we ..." asks from its comma on */
			if(!q->followup ||
			   parts_asks_itself(p + (p[0] == ',' ? 2 : strlen(joins[i]))))
				return true;
	return false;
}

/* Does the sentence [text, text + len) state the figure q asks? */
static bool states_within(const char *text, size_t len, const struct ask *q)
{
	char sentence[1024];

	snprintf(sentence, sizeof(sentence), "%.*s", (int)len, text);
	return ask_states_figure(sentence, q->figure);
}

/* The sentence of text that states the figure q asks, when the first does
 * not and a later one does (a step "Wet your hands with warm water. The
 * sink must supply water at least 100°F.", to "how hot should the hand
 * sink be"); else text itself. */
static const char *figure_sentence(struct arena *a, const struct ask *q, const char *text)
{
	size_t first = lead_sentence_len(text);

	if(q->kind != ASKED_FIGURE || q->figure == FIGURE_NONE || states_within(text, first, q))
		return text;
	for(const char *p = text + first + strspn(text + first, " "); *p;) {
		size_t len = lead_sentence_len(p);

		if(states_within(p, len, q))
			return arena_strndup(a, p, len);
		p += len;
		p += strspn(p, " ");
	}
	return text;
}

/* How a card's step for after the threat begins (safety-emergency-procedures.md). */
#define CARD_SAFE_NOW "When it is safe"

/* The card's first sentence: the procedure in one line (the section's own
 * prose), else a framing of the steps. */
static const char *card_summary(struct arena *a, const struct section *c, const char *name,
                                bool over)
{
	int i = lead_first_of(c, PART_PROSE);

	/* the threat is gone ("we got robbed, hes gone"): what to do now it is safe */
	for(size_t k = 0; over && k < c->nparts; k++)
		if(c->parts[k].kind == PART_STEP &&
		   strncmp(c->parts[k].text, CARD_SAFE_NOW, strlen(CARD_SAFE_NOW)) == 0)
			return c->parts[k].text;
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
#define CARD_SHOWN_STEPS 3   /* the first card's steps the lead shows */
#define AFTERMATH 5.0    /* the first step of the emergency's manual's "After ..." section,
                          * to "once its out" */

/* Is term (a stem) one that asks a figure ("temp", "long", "max"), naming
 * nothing?  Narrower than rank_frame_word, which also drops words that
 * frame a question ("need", "safe", "step") from what a heading must hold;
 * here "safe" or "step" still names what a second part asks about. */
static bool figure_word(const char *term)
{
	static const char *const words[] = {"max", "min", "longest", "shortest", "time", "temp",
	                                    "limit", "most", "least", "long", "hot", "cold",
	                                    "much", "mani", "what", "quick", "fast", "soon", NULL};

	for(int k = 0; words[k]; k++)
		if(strncmp(term, words[k], strlen(words[k])) == 0)
			return true;
	return false;
}

/* Does t state the figure q asks, of something q names besides the figure
 * ("quat" in "Quat: 200-400 ppm"; not "temperature" alone, another food's)? */
static bool states_asked_of(const struct ask *q, const char *t)
{
	uint32_t held = terms_match(&q->terms, t, NULL) & terms_words(&q->terms);

	if(q->figure == FIGURE_NONE || !ask_states_figure(t, q->figure))
		return false;
	for(int i = 0; i < q->terms.n; i++)
		if((held & 1u << i) && !figure_word(q->terms.term[i]))
			return true;
	return false;
}

/* The best part found so far for a question's other part: its text, its
 * value and the section it is from. */
struct pick {
	const char *text;
	double v;
	const struct section *from;
};

/* The best part of s for the other part of q, better than pick's (skipping
 * the card's summary and, of the first card, the steps the lead shows, when
 * s is a card of the question card); s of another manual than the
 * emergency's when other. */
static void better_part(const struct ask *q, const struct section *s, const struct ask *card,
                        bool first_card, double own, bool other, struct pick *pick)
{
	static const char *const equipment[] = {"equipment", "appliance", "machine", NULL};
	int summary = card ? lead_first_of(s, PART_PROSE) : -1;
	/* the machine named anywhere in the question: "toaster shocked him, can we keep
	 * using it" */
	bool machine = card && terms_machine_kinds(card->text) != 0;
	/* "once its out can we cook": the first step of the manual's "After the Fire Is Out" */
	bool after = q->after && own > 0 && strncasecmp(s->heading, "After ", 6) == 0;
	size_t steps = 0;

	for(size_t i = 0; i < s->nparts; i++) {
		const char *t = s->parts[i].text;
		/* "can we keep using the toaster": the card's "Tag the equipment" */
		bool tagged = machine && lead_says_any(t, equipment);
		double v = lead_value(q, &s->parts[i]) + own + (tagged ? TAGGED : 0) +
		           (after && i == 0 ? AFTERMATH : 0);
		/* the lead shows the first card's first steps, no other card's */
		bool shown = first_card && s->parts[i].kind == PART_STEP &&
		             steps++ < CARD_SHOWN_STEPS;

		/* a part that holds none of the question's words answers nothing; one of
		 * another manual, fewer than two unless it states the figure asked
		 * ("temperature" alone, for "the fryer temp"; "rinse" alone, a dish
		 * machine's 180°F, for "how long do i rinse my eye") */
		if((int)i == summary || shown ||
		   !(tagged || (after && i == 0) || terms_match(&q->terms, t, NULL)) ||
		   (other && content_matched(q, t) < 2 && !states_asked_of(q, t)))
			continue;
		if(v > pick->v)
			*pick = (struct pick){t, v, s};
	}
}

/* The first letter of a sentence joined after another ("; discard all
 * food"): lower case, unless it begins a name or a code ("CO2", "SDS",
 * "E5"). */
static int joined_initial(const char *s)
{
	bool word = islower((unsigned char)s[1]) || (s[0] == 'A' && s[1] == ' ');

	return isupper((unsigned char)s[0]) && word ? tolower((unsigned char)s[0])
	                                            : (unsigned char)s[0];
}

#define LISTED_ITEMS 2   /* items of a list a second part's answer carries */

/* Is t only the opening of a list ("The trainee can:"), no sentence alone? */
static bool bare_intro(const char *t)
{
	size_t n = strlen(t), spaces = 0;

	for(const char *p = t; *p; p++)
		spaces += *p == ' ';
	return n > 0 && t[n - 1] == ':' && spaces < 4;
}

/* Part t of o, and when it introduces a list ("A first-aid kit usually
 * contains:"), its first LISTED_ITEMS items after it: the answer then says
 * what the list holds, not only that there is one.  NULL on no memory. */
static const char *with_its_items(struct arena *a, const struct section *o, const char *t)
{
	size_t len = strlen(t), i = 0;
	struct buf b;
	ll_result r;
	const char *out;

	while(i < o->nparts && strcmp(o->parts[i].text, t) != 0)
		i++;
	if(len == 0 || t[len - 1] != ':' || i + 1 >= o->nparts ||
	   (o->parts[i + 1].kind != PART_STEP && o->parts[i + 1].kind != PART_BULLET))
		return t;
	buf_init(&b, 512);
	r = buf_appends(&b, t);
	for(size_t k = i + 1; !r && k < o->nparts && k <= i + LISTED_ITEMS &&
	                      o->parts[k].kind == o->parts[i + 1].kind; k++) {
		const char *item = o->parts[k].text;
		size_t n = strlen(item);

		n -= n > 0 && item[n - 1] == '.';
		r = n ? buf_printf(&b, "%s%c%.*s", k == i + 1 ? " " : "; ",
		                   joined_initial(item), (int)n - 1, item + 1)
		      : LL_OK;
	}
	out = r || buf_appends(&b, ".") ? NULL : arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}


/* The words of q the cards' lead says (each card's summary, the first
 * card's first steps) into *words, and into *figure whether it states q's figure. */
static void said_by_cards(const struct compose_in *in, const struct ask *q, uint32_t *words,
                          bool *figure)
{
	for(size_t k = 0; k < in->ncards; k++) {
		const struct section *c = &in->cards[k];
		int summary = lead_first_of(c, PART_PROSE), steps = 0;

		for(size_t i = 0; i < c->nparts; i++) {
			const char *t = c->parts[i].text;

			if((int)i != summary && !(k == 0 && c->parts[i].kind == PART_STEP &&
			                          steps++ < CARD_SHOWN_STEPS))
				continue;
			*words |= terms_match(&q->terms, t, NULL);
			*figure |= q->figure != FIGURE_NONE && ask_states_figure(t, q->figure);
		}
	}
}

#define SAID_WEIGHT 0.5   /* what a word of the other part the cards' lead says weighs */

/* The other part as the cards' lead leaves it: the figure their summaries
 * and first steps state is no longer asked, and the words they say weigh
 * less ("how long under the water" beside "Cool the burn under cool
 * running water for 20 minutes"), so what is left ("an incident report")
 * picks the part. */
static void unsaid(const struct compose_in *in, struct ask *q)
{
	uint32_t said = 0;
	bool figure = false;

	said_by_cards(in, q, &said, &figure);
	if(figure)
		q->figure = FIGURE_NONE;
	for(int i = 0; i < q->terms.n; i++)
		if(said & 1u << i)
			q->terms.weight[i] *= SAID_WEIGHT;
}

/* The best answer to the question's other part: from the emergency's own
 * manual first (its other sections: "after the fire is out", "a wound on a
 * food handler's hand"), else the best other section when it holds most of
 * the question -- never another emergency's procedure, a quiz or an
 * overview. */
static const char *second_part(const struct compose_in *in, const struct section **from)
{
	struct ask left;
	const struct ask *q = in->other_ask ? in->other_ask : in->ask;
	const struct section *ranked = in->other_ask ? in->other : in->ranked;
	size_t nranked = in->other_ask ? in->nother : in->nranked;
	struct pick pick = {NULL, 0.99, NULL}; /* one of its words, at least */

	if(in->ncards && in->other_ask) {
		left = *in->other_ask;
		unsaid(in, &left);
		left.after |= in->ask->after;  /* "fire is out, ... fire the fryers back up" */
		q = &left;
	}
	for(size_t k = 0; k < in->ncards; k++)
		better_part(q, &in->cards[k], in->ask, k == 0, OWN_MANUAL, false, &pick);
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
		better_part(q, s, NULL, false, same_manual ? OWN_MANUAL : 0, !same_manual, &pick);
	}
	*from = pick.from;
	return pick.text;
}

/* The step of card c after the last one a follow-up tells as done ("did 20
 * min under cold water, now what": "After cooling, cover the burn
 * loosely ..."): the first later step that begins "After", else the next
 * one; NULL when the turn tells no step done. */
static const char *next_step_done(const struct ask *q, const struct section *c)
{
	static const char *const done[] = {"did ", "ran it", "done", "already", "now what",
	                                   "then what", "what next", "whats next", "what's next",
	                                   NULL};
	uint32_t own = terms_words(&q->terms) & ~q->earlier; /* the turn's own words */
	int last = -1;

	/* "..., can he go back on the line", "can we cook again" ask more than what next */
	if(!q->followup || q->after || q->kind == ASKED_DECISION || !lead_says_any(q->text, done))
		return NULL;
	for(size_t i = 0; i < c->nparts; i++)
		if(c->parts[i].kind == PART_STEP &&
		   __builtin_popcount(terms_match(&q->terms, c->parts[i].text, NULL) & own) >= 2)
			last = (int)i;
	if(last < 0)
		return NULL;
	for(size_t i = (size_t)last + 1; i < c->nparts; i++)
		if(c->parts[i].kind == PART_STEP && strncmp(c->parts[i].text, "After ", 6) == 0)
			return c->parts[i].text;
	return (size_t)last + 1 < c->nparts && c->parts[last + 1].kind == PART_STEP
	               ? c->parts[last + 1].text
	               : NULL;
}

/* "fires out, when can we cook again and what about the food on the line":
 * beside a step of the emergency's manual's "After ..." section (first),
 * its step on something else the part asks about ("Discard all food ...
 * exposed to the fire"), in one sentence; else first, or NULL when out of
 * memory. */
static const char *after_also(struct arena *a, const struct ask *q, const struct section *s,
                              const char *first)
{
	uint32_t unsaid = terms_words(&q->terms) & ~terms_match(&q->terms, first, NULL);
	const char *also = NULL;
	double best = 0;
	size_t n = strlen(first);

	if(strncasecmp(s->heading, "After ", 6) != 0 || n < 2 || first[n - 1] != '.')
		return first;
	for(size_t i = 0; i < s->nparts; i++) {
		double v = lead_value(q, &s->parts[i]);

		if(strcmp(s->parts[i].text, first) != 0 &&
		   (terms_match(&q->terms, s->parts[i].text, NULL) & unsaid) && v > best) {
			best = v;
			also = s->parts[i].text;
		}
	}
	if(!also)
		return first;
	return arena_printf(a, "%.*s; %c%s", (int)n - 1, first, joined_initial(also), also + 1);
}

/* The emergencies' procedures, whole and first: each card's one-line
 * summary, then the answer to the question's other part (or the first
 * card's warning); the steps are the cards' steps, in order. */
static ll_result compose_cards(struct arena *a, const struct compose_in *in, struct list *steps,
                               struct list *warnings, struct buf *text, struct answer *out)
{
	const struct ask *q = in->ask, *part = in->other_ask ? in->other_ask : q;
	const struct section *from = &in->cards[0];
	const char *more = next_step_done(q, from);
	ll_result result = LL_OK;

	if(!more && asks_more(q) && (more = second_part(in, &from)) &&
	   !(more = after_also(a, part, from, figure_sentence(a, part, more))))
		result = LL_ENOMEM;

	for(size_t i = 0; i < in->ncards && !result; i++) {
		const struct section *c = &in->cards[i];
		const char *name = q->emergency[i < (size_t)q->nemergency ? i : 0]->name;
		const char *summary = card_summary(a, c, name, q->over);

		result = summary ? buf_printf(text, "%s%s", i ? " " : "", summary) : LL_ENOMEM;
		add_steps(steps, c, i > 0 ? name : NULL, a, NULL, NULL);
		add_warnings(warnings, c);
		add_citation(a, out, c);
	}
	if(!result && more && !(more = with_its_items(a, from, more)))
		result = LL_ENOMEM;
	if(!result && more) {
		result = buf_printf(text, " %s", more);
		add_citation(a, out, from);
	}
	else if(!result && in->cards[0].nwarnings)
		result = buf_printf(text, " %s",
		                    in->cards[0].parts[lead_first_of(&in->cards[0],
		                                                     PART_WARNING)].text);
	out->escalate = true;
	out->confidence = 0.95;
	return result;
}

/* "I don't have the manual for X", then a generic section of that class. */
static ll_result compose_unknown(struct arena *a, const struct compose_in *in, struct list *steps,
                                 struct list *warnings, struct buf *text, struct answer *out)
{
	const struct section *g = NULL;
	uint64_t machine = terms_machine_kinds(in->ask->text);
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
	/* a generic manual's section (no model in its title), a fault one first,
	 * for the kind of machine the question names: none named ("merrychef
	 * e2s"), no other machine's steps */
	for(int pass = 0; pass < 2 && !g; pass++)
		for(size_t i = 0; i < in->nranked && !g; i++)
			if(in->ranked[i].coverage >= COMPOSE_MIN_COVERAGE &&
			   (section_machine(&in->ranked[i]) & machine) &&
			   terms_codes_of(in->ranked[i].title, codes, 1) == 0 &&
			   in->ranked[i].category &&
			   strcmp(in->ranked[i].category, "equipment") == 0 &&
			   (pass == 1 || in->ranked[i].kind == SECTION_FAULT))
				g = &in->ranked[i];
	if(!result && g) {
		result = buf_printf(text,
		                    " General steps for this kind of equipment (%s):", g->heading);
		add_steps(steps, g, NULL, a, NULL, NULL);
		add_warnings(warnings, g);
		add_citation(a, out, g);
	}
	if(!result && g)
		result = buf_appends(text, " If it still does not work, call the manufacturer's "
		                     "service line or your service company, and tell your "
		                     "manager.");
	else if(!result)
		result = buf_appends(text, " Call the manufacturer's service line or your service "
		                     "company, and tell your manager.");
	out->service_call_recommended = true;
	out->confidence = 0.3;
	return result;
}

/* Is text the first of the steps the answer will show? */
static bool steps_begin_with(const struct section *s, const char *text)
{
	enum part_kind kind = s->nsteps > 0 ? PART_STEP : PART_BULLET;
	int i = lead_first_of(s, kind);

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

/* Does text say every number heading does ("Reheat to 165°F for 15 Seconds
 * Within 2 Hours": a lead without the "2" leaves out the time)? */
static bool says_all_numbers(const char *text, const char *heading)
{
	for(const char *p = heading; (p = strpbrk(p, "0123456789")) != NULL;) {
		char *end;
		long v = strtol(p, &end, 10);
		bool said = false;

		for(const char *t = text; !said && (t = strpbrk(t, "0123456789")) != NULL;) {
			char *tend;

			said = strtol(t, &tend, 10) == v;
			t = tend + (tend == t);
		}
		if(!said)
			return false;
		p = end;
	}
	return true;
}

/* Does a question that asks another figure ask a time as well ("what
 * temp and how long do i have")? */
static bool asks_time_too(const struct ask *q)
{
	static const char *const cues[] = {"how long", "how fast", "how quick", "how much time",
	                                   NULL};

	for(int i = 0; q->figure != FIGURE_TIME && cues[i]; i++)
		if(strcasestr(q->text, cues[i]))
			return true;
	return false;
}

/* Does the heading state what q asks better than lead does: the figure
 * asked, which the lead does not state, or a time asked too, which only
 * the heading states? */
static bool heading_leads(const struct ask *q, const char *heading, const char *lead)
{
	if(!heading_states(q, heading))
		return false;
	if(!(lead && ask_states_figure(lead, q->figure) && same_figure(lead, heading)))
		return true;
	return asks_time_too(q) && ask_states_figure(heading, FIGURE_TIME) &&
	       !says_all_numbers(lead, heading);
}

/* Does s hold every word of q's own that names what it asks about, not
 * how ("how often we check the kit": "kit")? */
static bool holds_subject(const struct ask *q, const struct section *s)
{
	uint32_t held = rank_held(q, s);

	for(int i = 0; i < q->terms.n; i++)
		if(q->terms.weight[i] >= 1 && !(held & 1u << i) &&
		   !rank_frame_word(q->terms.term[i]))
			return false;
	return true;
}

/* The words of q's own (terms_words): leaning on the first part, only the
 * part's own are (lean_on doubles them): "hold" in "and cold hold temp" is
 * the first part's too. */
static uint32_t own_words(const struct ask *q)
{
	uint32_t own = terms_words(&q->terms);

	if(q->followup)
		for(int i = 0; i < q->terms.n; i++)
			if(q->terms.weight[i] <= 1.0)
				own &= ~(1u << i);
	return own;
}

/* Whether q's own words, if any, only ask a figure ("whats the max time",
 * "how quick"), of nothing named: the first part's subject is what it asks
 * about. */
static bool asks_only_figure(const struct ask *q)
{
	uint32_t own = own_words(q);

	if(q->figure == FIGURE_NONE)
		return false;
	for(int i = 0; i < q->terms.n; i++)
		if((own & 1u << i) && !figure_word(q->terms.term[i]))
			return false;
	return true;
}

/* The section that answers a two-part question's other part: the first of
 * the few best ranked for it that is not s itself ("hot hold temp and cold
 * hold temp": the hot holding section ranks first for both), nor a quiz,
 * an overview, another maker's manual or an emergency, and holds enough of
 * it (nearly all, from another manual, unless it is the best of those for
 * a figure asked, states it and holds what the part asks about); NULL for
 * none. */
static const struct section *other_section(const struct compose_in *in, const struct section *s)
{
	bool first = true; /* the best for the part that is not s */

	for(size_t k = 0; k < in->nother && k < 3; k++) {
		const struct section *o = &in->other[k];
		bool same_doc = o->document_id == s->document_id;
		const struct ask *q = in->other_ask;
		bool figure;

		/* never another maker's manual: its figures are another machine's */
		if((same_doc && strcmp(o->path, s->path) == 0) ||
		   (!same_doc && ask_names_model(o->title)) || o->kind == SECTION_QUIZ ||
		   o->kind == SECTION_OVERVIEW)
			continue;
		/* "..., and how quick": the figure of the same manual, whatever else it holds */
		figure = first && (o->coverage >= COMPOSE_FIGURE_COVERAGE ||
		                   (same_doc && asks_only_figure(q))) &&
		         q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE &&
		         section_states(o, q->figure) && holds_subject(q, o);
		first = false;
		if(o->emergency || (!figure && o->coverage < COMPOSE_SECOND_COVERAGE) ||
		   (!same_doc && !figure && o->coverage < COMPOSE_OTHER_COVERAGE))
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
	uint32_t own = own_words(q);

	if(terms_match(&q->terms, part, NULL) & ~(lead ? terms_match(&q->terms, lead, NULL) : 0) &
	   own)
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
	/* "what temp water and whats the max time": only a figure of its own,
	 * asked of what the first part asks about */
	bool figure_only = o && asks_only_figure(in->other_ask);
	int i;

	if(!o || (!figure_only && (o->document_id != s->document_id || strcmp(o->path, s->path))) ||
	   (i = lead_best_part(in->other_ask, s)) < 0 || (lead && strstr(lead, s->parts[i].text)))
		return -1;
	return adds_to(in->other_ask, s->parts[i].text, lead) ? i : -1;
}

/* The first sentence of lead, with the one after it when that one points
 * back at it, joined ("Cold TCS food must stay at 41°F or below; to keep
 * the food there, most stores set the walk-in ... 34-38°F"): a two-part
 * question's first answer in one sentence, the other part's after it. When a figure
 * is asked and a later sentence, not the first, states it, that one. */
static const char *first_answer(struct arena *a, const struct ask *q, const char *lead)
{
	size_t first = lead_sentence_len(lead);
	const char *rest = lead + first;
	/* a figure asked: the sentence stating it ("CAUTION: Never lift ... Get
	 * help ... for anything heavier than about 50 lb": the second) */
	const char *stating = figure_sentence(a, q, lead);

	if(stating != lead)
		return stating;
	while(*rest == ' ')
		rest++;
	if(first < 2 || lead[first - 1] != '.' || !*rest || !lead_points_back(rest))
		return arena_strndup(a, lead, first);
	return arena_printf(a, "%.*s; %c%.*s", (int)first - 1, lead, joined_initial(rest),
	                    (int)lead_sentence_len(rest) - 1, rest + 1);
}

/* The part of o that says more of what q asks than part i, the one
 * compose_lead chose (a section's opening sentence is often only its
 * frame: "Every container needs a label." before what the label says). */
static int fuller_part(const struct ask *q, const struct section *o, int i)
{
	int best = lead_best_part(q, o);

	return best >= 0 && lead_value(q, &o->parts[best]) >=
	                            lead_value(q, &o->parts[i]) + COMPOSE_BETTER_PART
	               ? best
	               : i;
}

/* The part of o stating the figure its heading states ("How to Wash Hands:
 * 20 Seconds in All": "The whole handwash takes at least 20 seconds") when
 * part i states another ("scrub ... 10 to 15 seconds"); else i. */
static int heading_figure_part(const struct ask *q, const struct section *o, int i)
{
	if(!heading_states(q, o->heading) || same_figure(o->parts[i].text, o->heading))
		return i;
	for(size_t k = 0; k < o->nparts; k++)
		if(ask_states_figure(o->parts[k].text, q->figure) &&
		   same_figure(o->parts[k].text, o->heading))
			return (int)k;
	return i;
}

/* A question asked twice over ("..., what do i toss and who do i call"):
 * when the lead's own section says more of its second question, that
 * sentence follows the lead; else when another section of the same manual
 * answers it (or one of another manual holds nearly all of it), that
 * section's lead follows the first sentence of this one's. */
static ll_result two_part_lead(struct arena *a, const struct compose_in *in, bool judged,
                               const char **lead, const struct section **used)
{
	const struct section *s = &in->ranked[0];
	const struct section *o = in->other_ask ? other_section(in, s) : NULL;
	int i = -1;

	if(in->other_ask && !in->ncards && (i = own_part(in, s, *lead)) >= 0)
		o = s;
	else if(in->ncards || !o || (i = compose_lead(in->other_ask, o)) < 0)
		return LL_OK;
	else
		i = heading_figure_part(in->other_ask, o, fuller_part(in->other_ask, o, i));
	/* steps only: the heading */
	const char *one = *lead ? first_answer(a, in->ask, *lead) : s->heading;

	if(one && bare_intro(one) && !(one = with_its_items(a, s, one)))
		return LL_ENOMEM;
	size_t first = one ? strlen(one) : 0;
	bool colon = first > 0 && one[first - 1] == ':'; /* "ice water:" frames steps */
	const char *said =
	        with_its_items(a, o, figure_sentence(a, in->other_ask, o->parts[i].text));
	size_t same = said && one ? lead_sentence_len(said) : 0;

	/* the figure the other part asks, said already ("... warm water at least
	 * 100°F" before "... must supply water at least 100°F") */
	if(one && said && o != s && in->other_ask->figure != FIGURE_NONE &&
	   !in->other_ask->figure_inherited && ask_states_figure(one, in->other_ask->figure) &&
	   same_figure(one, said))
		return LL_OK;
	/* the first answer's sentence is not said twice: what follows it, if any */
	if(same && memmem(one, first, said, same)) {
		said += same;
		said += strspn(said, " ");
		if(!*said)
			return LL_OK;
	}
	/* a verdict said the first part's rule: the second part's answer next */
	const char *two = judged && *lead ? said
	                : one && said ? arena_printf(a, "%.*s%s %s", (int)(first - colon), one,
	                                             colon || !*lead ? "." : "", said)
	                : NULL;

	if(!two)
		return LL_ENOMEM;
	*lead = two;
	if(o != s)
		*used = o;
	return LL_OK;
}

/* The section of a second code the question names ("what do E1 and E7
 * mean"): in s's manual, its heading naming an asked code s's does not. */
static const struct section *other_code(const struct compose_in *in, const struct section *s)
{
	for(int c = 0; c < in->ask->ncodes; c++) {
		const char *code = in->ask->codes[c];

		if(ask_model_like(code) || ask_holds_code(s->heading, code))
			continue;
		for(size_t i = 1; i < in->nranked; i++)
			if(in->ranked[i].document_id == s->document_id &&
			   ask_holds_code(in->ranked[i].heading, code))
				return &in->ranked[i];
	}
	return NULL;
}

/* Two codes asked: the first code's answer in one sentence, the second's
 * after it ("E1: Low water. E7: Door open more than 2 minutes — Close the
 * door."). */
static ll_result second_code_lead(struct arena *a, const struct compose_in *in,
                                  const char **lead, const struct section **used)
{
	const struct section *o = other_code(in, &in->ranked[0]);
	const char *its = NULL, *name, *what;
	size_t named;
	int step = o ? lead_first_of(o, PART_STEP) : -1;
	ll_result result;

	if(!o || !*lead)
		return LL_OK;
	if((result = lead_text(a, in->ask, o, &its)) != LL_OK)
		return result;
	/* the code's row names it ("E7: Door open ..."); else its heading does */
	name = its && lead_names_code(in->ask, its) ? its : o->heading;
	what = name != its ? its : step >= 0 ? o->parts[step].text : NULL;
	named = lead_sentence_len(name);
	if(what && named && name[named - 1] == '.')
		named--; /* "E7: Door open — Close the door." */
	*lead = arena_printf(a, "%.*s %.*s%s%.*s", (int)lead_sentence_len(*lead), *lead, (int)named,
	                     name, what ? " \xe2\x80\x94 " : "",
	                     what ? (int)lead_sentence_len(what) : 0, what ? what : "");
	*used = o;
	return *lead ? LL_OK : LL_ENOMEM;
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
		size_t len = lead_sentence_len(p);

		for(int i = 0; lead_recurs[i]; i++)
			if(len > 0 && strncasecmp(p, "If ", 3) == 0 &&
			   memmem(p, len, lead_recurs[i], strlen(lead_recurs[i])))
				return arena_printf(a, "%.*s %.*s", (int)len, p,
				                    (int)(p - lead - 1), lead);
	}
	return lead;
}

static ll_result compose_section(struct arena *a, const struct compose_in *in, struct list *steps,
                                 struct list *warnings, struct buf *text, struct answer *out)
{
	const struct section *s = &in->ranked[0], *second = NULL;
	const char *lead, *rule = NULL;
	bool steps_say, judged, lead_acts = false;
	size_t before = text->len;
	ll_result result = lead_text(a, in->ask, s, &lead);

	/* the rule that decides goes first, and the verdict is held against it */
	if(!result && lead && (rule = rule_of_manual(in->ask, in->ranked, in->nranked, lead)) &&
	   !(lead = arena_printf(a, "%.*s %s", (int)lead_sentence_len(rule), rule, lead)))
		result = LL_ENOMEM;
	/* "No, 150°F is below" first */
	if(!result && in->ask->kind == ASKED_DECISION)
		result = rule_reading_verdict(in->ask, in->ranked, in->nranked, lead, text,
		                              &lead_acts);
	/* a verdict was written, and the lead holds no action on it ("If it
	 * reads below ..."): a second part's answer may take the lead's place */
	judged = text->len > before && !lead_acts;
	steps_say = lead && steps_begin_with(s, lead);
	/* "E03: Platen over-temperature — Press STOP ...": one sentence, so that a
	 * second part's answer still comes within the first two */
	if(!result && lead_names_code(in->ask, s->heading) &&
	   !(lead && lead_names_code(in->ask, lead)))
		result = buf_printf(text, "%s%s", s->heading,
		                    lead && !steps_say ? " \xe2\x80\x94 " : ". ");
	else if(!result && text->len == before && heading_leads(in->ask, s->heading, lead))
		/* "Hot Holding: 135°F (57°C) or Above."; one sentence with the lead
		 * when a second part's answer is to come within the first two */
		result = buf_printf(text, "%s%s", s->heading,
		                    in->other_ask && lead && !steps_say ? " \xe2\x80\x94 " : ". ");
	if(steps_say)
		lead = NULL;          /* the steps say it first: the heading frames them */
	if(!result)
		result = two_part_lead(a, in, judged, &lead, &second);
	if(!result && !second && lead_names_code(in->ask, s->heading))
		result = second_code_lead(a, in, &lead, &second);
	if(!result && lead && in->ask->persists && !(lead = escalation_first(a, lead)))
		result = LL_ENOMEM;
	/* after the code's name */
	if(!result && in->ask->kind == ASKED_FIGURE)
		result = rule_reading_verdict(in->ask, in->ranked, in->nranked, lead, text, NULL);
	if(!result)
		result = buf_appends(text, lead ? lead : s->heading);
	if(!result && s->nsteps + s->nbullets > 0 && !lead)
		result = buf_appends(text, ":");
	add_steps(steps, s, NULL, a, &in->ask->ruled_out, result ? NULL : buf_str(text));
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
	bool found = covered(in->ranked, in->nranked) &&
	             rule_states_asked(in->ask, in->ranked, in->nranked, in->other_ask != NULL);
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
