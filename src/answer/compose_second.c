/* compose_second.c - a question's other part, answered beside its first
 * (see compose_second.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/compose_second.h"
#include "answer/lead.h"
#include "answer/rank.h"
#include "buf.h"

/* Does the sentence [text, text + len) state the figure q asks? */
static bool states_within(const char *text, size_t len, const struct ask *q)
{
	char sentence[1024];

	snprintf(sentence, sizeof(sentence), "%.*s", (int)len, text);
	return ask_states_figure(sentence, q->figure);
}

const char *compose_figure_sentence(struct arena *a, const struct ask *q, const char *text)
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

const char *compose_telling_sentence(struct arena *a, const struct ask *q, const char *text)
{
	double best = 0, first = -1;
	const char *pick = NULL;
	size_t pick_len = 0;

	for(const char *p = text; *p;) {
		size_t len = lead_sentence_len(p);
		char *one = arena_strndup(a, p, len);
		double got = 0;

		if(!one)
			return text;
		terms_match(&q->terms, one, &got);
		if(first < 0)
			first = got;
		else if(got > best && got > first) {
			best = got;
			pick = p;
			pick_len = len;
		}
		p += len;
		p += strspn(p, " ");
	}
	return pick ? arena_strndup(a, pick, pick_len) : text;
}

int compose_content_matched(const struct ask *q, const char *text)
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
#define SHOWN_STEPS 3        /* the steps a section's answer shows in its lead */
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
		   (other && compose_content_matched(q, t) < 2 && !states_asked_of(q, t)))
			continue;
		if(v > pick->v)
			*pick = (struct pick){t, v, s};
	}
}

int compose_joined_initial(const char *s)
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

const char *compose_with_its_items(struct arena *a, const struct section *o, const char *t)
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
		                   compose_joined_initial(item), (int)n - 1, item + 1)
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

const char *compose_second_part(const struct compose_in *in, const struct section **from)
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

bool compose_heading_states(const struct ask *q, const char *heading)
{
	return q->figure != FIGURE_NONE && (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION) &&
	       ask_states_figure(heading, q->figure);
}

bool compose_same_figure(const char *a, const char *b)
{
	const char *da = strpbrk(a, "0123456789"), *db = strpbrk(b, "0123456789");

	return da && db && strtol(da, NULL, 10) == strtol(db, NULL, 10);
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
/* Is o from an equipment manual for a machine other than the ones the
 * question names?  (A safety manual's rule spans machines: "the cold rail"
 * beside the holding cabinet.) */
static bool other_machine(const struct compose_in *in, const struct section *o)
{
	uint64_t named = in->ask->machines, made_for = section_machine(o);

	return o->category && strcmp(o->category, "equipment") == 0 && named && made_for &&
	       !(named & made_for);
}

static const struct section *other_section(const struct compose_in *in, const struct section *s)
{
	bool first = true; /* the best for the part that is not s */

	for(size_t k = 0; k < in->nother && k < 3; k++) {
		const struct section *o = &in->other[k];
		bool same_doc = o->document_id == s->document_id;
		const struct ask *q = in->other_ask;
		bool figure;

		/* never another maker's manual, nor one for another machine than the
		 * question names: its figures and its service calls are another
		 * machine's ("walk in is at 50 ..., who do i call": not the dish
		 * machine's "Call service when the final rinse ...") */
		if((same_doc && strcmp(o->path, s->path) == 0) ||
		   (!same_doc && (ask_names_model(o->title) || other_machine(in, o))) ||
		   o->kind == SECTION_QUIZ || o->kind == SECTION_OVERVIEW)
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

/* Is part i of s one of the steps the answer shows in its lead (the first
 * SHOWN_STEPS)? */
static bool shown_step(const struct section *s, int i)
{
	int k = 0;

	if(s->parts[i].kind != PART_STEP)
		return false;
	for(int j = 0; j < i; j++)
		k += s->parts[j].kind == PART_STEP;
	return k < SHOWN_STEPS;
}

/* How many of q's own words text holds. */
static int own_held(const struct ask *q, const char *text)
{
	return __builtin_popcount(terms_match(&q->terms, text, NULL) & own_words(q));
}

/* No other section answers the other part: the part of s that does, when
 * the lead does not show it ("how do i boil out the fryer and does it have
 * to be dry first": its sixth step, "Dry the vat ..."); -1 for none. */
static int late_part(const struct compose_in *in, const struct section *s, const char *lead)
{
	int i = lead_best_part(in->other_ask, s);

	if(i < 0 || (lead && strstr(lead, s->parts[i].text)) || shown_step(s, i))
		return -1;
	return adds_to(in->other_ask, s->parts[i].text, lead) ? i : -1;
}

/* The lead opens a list ("Store food in this order, top to bottom:") and
 * an item further down answers the first part better than the opening
 * does ("Poultry: ... on the bottom shelf", to "what goes on the bottom
 * shelf and where does the fish go"): that item, unless it is the other
 * part's answer (taken); -1 for none. */
static int answering_item(const struct compose_in *in, const struct section *s, const char *one,
                          int taken)
{
	size_t n = strlen(one);
	int intro = -1, best = -1;
	double best_v;

	for(size_t k = 0; k < s->nparts && intro < 0; k++)
		if(strncmp(s->parts[k].text, one, n > 1 ? n - 1 : n) == 0 &&
		   s->parts[k].text[strlen(s->parts[k].text) - 1] == ':')
			intro = (int)k;
	if(intro < 0)
		return -1;
	best_v = lead_value(in->ask, &s->parts[intro]);
	for(int k = intro + 1; k < (int)s->nparts && (s->parts[k].kind == PART_STEP ||
	                                               s->parts[k].kind == PART_BULLET); k++) {
		double v = k == taken || shown_step(s, k) ? 0 : lead_value(in->ask, &s->parts[k]);

		if(v > best_v + 1e-9) {
			best = k;
			best_v = v;
		}
	}
	return best;
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
	const char *stating = compose_figure_sentence(a, q, lead);

	if(stating != lead)
		return stating;
	while(*rest == ' ')
		rest++;
	if(first < 2 || lead[first - 1] != '.' || !*rest || !lead_points_back(rest))
		return arena_strndup(a, lead, first);
	return arena_printf(a, "%.*s; %c%.*s", (int)first - 1, lead, compose_joined_initial(rest),
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
	if(!compose_heading_states(q, o->heading) ||
	   compose_same_figure(o->parts[i].text, o->heading))
		return i;
	for(size_t k = 0; k < o->nparts; k++)
		if(ask_states_figure(o->parts[k].text, q->figure) &&
		   compose_same_figure(o->parts[k].text, o->heading))
			return (int)k;
	return i;
}

ll_result compose_two_part_lead(struct arena *a, const struct compose_in *in, bool judged,
                                const char **lead, const struct section **used)
{
	const struct section *s = &in->ranked[0];
	const struct section *o = in->other_ask ? other_section(in, s) : NULL;
	int i = -1;

	if(in->other_ask && !in->ncards &&
	   ((i = own_part(in, s, *lead)) >= 0 || (!o && (i = late_part(in, s, *lead)) >= 0)))
		o = s;
	else if(in->ncards || !o || (i = compose_lead(in->other_ask, o)) < 0)
		return LL_OK;
	else
		i = heading_figure_part(in->other_ask, o, fuller_part(in->other_ask, o, i));
	/* the first section's own later step says more of the other part than
	 * the other section's answer does */
	if(o != s) {
		int k = late_part(in, s, *lead);

		if(k >= 0 && own_held(in->other_ask, s->parts[k].text) >
		                     own_held(in->other_ask, o->parts[i].text)) {
			o = s;
			i = k;
		}
	}
	/* steps only: the heading */
	const char *one = *lead ? first_answer(a, in->ask, *lead) : s->heading;
	int item;

	if(one && bare_intro(one) && !(one = compose_with_its_items(a, s, one)))
		return LL_ENOMEM;
	if(one && (item = answering_item(in, s, one, o == s ? i : -1)) >= 0 &&
	   !(one = arena_printf(a, "%s %s", one, s->parts[item].text)))
		return LL_ENOMEM;
	size_t first = one ? strlen(one) : 0;
	bool colon = first > 0 && one[first - 1] == ':'; /* "ice water:" frames steps */
	const char *said = compose_with_its_items(
	        a, o, compose_figure_sentence(a, in->other_ask, o->parts[i].text));
	size_t same = said && one ? lead_sentence_len(said) : 0;

	/* the figure the other part asks, said already ("... warm water at least
	 * 100°F" before "... must supply water at least 100°F") */
	if(one && said && o != s && in->other_ask->figure != FIGURE_NONE &&
	   !in->other_ask->figure_inherited && ask_states_figure(one, in->other_ask->figure) &&
	   compose_same_figure(one, said))
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

ll_result compose_second_code_lead(struct arena *a, const struct compose_in *in,
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
