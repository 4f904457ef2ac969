/* compose.c - the answer from ranked sections and emergency cards (see compose.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/compose.h"
#include "answer/compose_second.h"
#include "answer/lead.h"
#include "answer/parts.h"
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
	return arena_printf(a, "%.*s; %c%s", (int)n - 1, first, compose_joined_initial(also),
	                    also + 1);
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

	if(!more && asks_more(q) && (more = compose_second_part(in, &from)) &&
	   !(more = after_also(a, part, from,
	                       compose_figure_sentence(a, part,
	                                               compose_telling_sentence(a, part, more)))))
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
	if(!result && more && !(more = compose_with_its_items(a, from, more)))
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
	if(!compose_heading_states(q, heading))
		return false;
	if(!(lead && ask_states_figure(lead, q->figure) && compose_same_figure(lead, heading)))
		return true;
	return asks_time_too(q) && ask_states_figure(heading, FIGURE_TIME) &&
	       !says_all_numbers(lead, heading);
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
		result = compose_two_part_lead(a, in, judged, &lead, &second);
	if(!result && !second && lead_names_code(in->ask, s->heading))
		result = compose_second_code_lead(a, in, &lead, &second);
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
	            compose_content_matched(in->ask, in->ranked[0].body) >= 2;
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
