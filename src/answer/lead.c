/* lead.c - the lead of an answer: the part of a section that answers (see lead.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "answer/lead.h"
#include "answer/parts.h"
#include "text/terms.h"

#define LEAD_SECOND_MAX 220   /* a second lead sentence only when it is short */
/* what stating the figure asked adds to a part's value; less when a follow-up
 * asks it only because the turn before did ("its a digital one" after a
 * reading: its own word outweighs) */
#define LEAD_FIGURE 4.0
#define LEAD_INHERITED_FIGURE 1.0

bool lead_says_any(const char *s, const char *const *words)
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
const char *const lead_actions[] = {"discard", "throw", "toss", "reject", "exclude", "send",
                                    "must not", "do not", "never", "not allowed", "may not",
                                    "cannot", NULL};

/* The cell of a troubleshooting table's row that says what to do, as the
 * row reads ("Pizza pale on top — Cause: ... — Fix: Add 15 seconds"). */
static const char *const remedies[] = {"— Fix:", "— Remedy:", "— Action:", "— Solution:",
                                       "— What to do:", "— Corrective", NULL};

/* What a manual says when the first fix fails: that it came back ("If it
 * returns"), and what to do then ("call service"). */
const char *const lead_recurs[] = {"again", "returns", "comes back", "came back", "persists",
                                   "second time", "still", NULL};
static const char *const next_steps[] = {"call", "service", "technician", "support", "stop using",
                                         NULL};
/* What a manual says of food whose time out of temperature is not known. */
const char *const lead_unknown_times[] = {"cannot tell how long", "can't tell how long",
                                          "do not know how long", "don't know how long",
                                          "unknown", "in doubt", "not marked", "no time",
                                          "without a time", NULL};

double lead_value(const struct ask *q, const struct part *p)
{
	double got = 0, v;

	terms_match(&q->terms, p->text, &got);
	v = got;
	/* a figure asked, not one reported of a fix that failed ("water is 120, still AL-2") */
	if(q->figure != FIGURE_NONE && (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION) &&
	   !(q->persists && q->ncodes > 0))
		v += (ask_states_figure(p->text, q->figure) ? 1 : -1) *
		     (q->figure_inherited ? LEAD_INHERITED_FIGURE : LEAD_FIGURE);
	/* the verdict on what was asked about */
	if(q->kind == ASKED_DECISION && got > 0 && lead_says_any(p->text, verdicts))
		v += lead_says_any(p->text, lead_actions) ? 3 : 1.5;
	for(int i = 0; i < q->ncodes; i++)
		if(!ask_model_like(q->codes[i]) && strcasestr(p->text, q->codes[i]))
			v += 5;             /* the line of the error code asked about */
	if(p->kind == PART_WARNING)
		v -= 0.5;
	if(q->kind == ASKED_FAULT && !q->persists &&
	   (strncasecmp(p->text, "Meaning", 7) == 0 || strcasestr(p->text, " means ")))
		v += 3;                 /* what a code means comes before what to do */
	/* tried that, it came back: what the manual says to do then, above a
	 * step that only names whom to call */
	if(q->persists)
		v += (lead_says_any(p->text, lead_recurs) ? 4 : 0) +
		     (lead_says_any(p->text, next_steps) ? 2 : 0);
	if(q->unknown_time && lead_says_any(p->text, lead_unknown_times))
		v += 4;                 /* nobody knows how long: the rule for an unknown time */
	if(strchr(p->text, '?'))
		v -= 3;                 /* a question is not an answer */
	return v;
}

int lead_best_part(const struct ask *q, const struct section *s)
{
	int best = -1;
	double best_v = 0;

	for(size_t i = 0; i < s->nparts; i++) {
		double v = lead_value(q, &s->parts[i]);

		if(q->kind == ASKED_PROCEDURE && s->parts[i].kind == PART_ROW &&
		   !lead_says_any(s->parts[i].text, remedies))
			continue;          /* a schedule's row is no procedure; a fault's fix is */
		if(best < 0 || v > best_v + 1e-9) {
			best = (int)i;
			best_v = v;
		}
	}
	return best_v > 0 ? best : -1;
}

int lead_first_of(const struct section *s, enum part_kind kind)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(s->parts[i].kind == kind)
			return (int)i;
	return -1;
}

bool lead_names_code(const struct ask *q, const char *text)
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
	if(q->kind == ASKED_FAULT && !q->followup && !q->persists &&
	   lead_names_code(q, s->heading) && s->nparts > 0)
		return s->parts[0].kind == PART_STEP ? lead_best_part(q, s) : 0;
	bool pointed = q->ncodes > 0 || q->followup || q->persists ||
	               (q->figure != FIGURE_NONE &&
	                (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION)) ||
	               q->kind == ASKED_DECISION ||
	               (q->kind == ASKED_FAULT && s->nrows > 0); /* the symptom's row of a table */
	int best;

	if(pointed && (best = lead_best_part(q, s)) >= 0)
		return best;
	if((best = lead_first_of(s, PART_PROSE)) >= 0)
		return best;
	return lead_best_part(q, s);
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

	return n > 0 && t[n - 1] == ':' && lead_says_any(t, lead_actions) ? k - 1 : -1;
}

/* A decision asked of a food whose lead introduces a list ("If you find
 * droppings ..., act the same shift:"): the list's item that says what
 * becomes of the food ("Throw away any food that pests may have touched"),
 * the verdict the crew member asked for; or -1. */
static int list_verdict(const struct ask *q, const struct section *s, int i)
{
	static const char *const fates[] = {"discard", "throw", "toss", "reject", NULL};
	const char *t = s->parts[i].text;
	size_t n = strlen(t);

	if(q->kind != ASKED_DECISION || s->parts[i].kind != PART_PROSE || n == 0 ||
	   t[n - 1] != ':' || lead_says_any(t, fates) || !parts_names_food(q->text))
		return -1;
	for(size_t k = (size_t)i + 1; k < s->nparts && (s->parts[k].kind == PART_STEP ||
	                                                 s->parts[k].kind == PART_BULLET); k++)
		if(lead_says_any(s->parts[k].text, fates) && strcasestr(s->parts[k].text, "food"))
			return (int)k;
	return -1;
}

size_t lead_sentence_len(const char *text)
{
	for(size_t i = 0; text[i]; i++)
		if((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ' &&
		   isupper((unsigned char)text[i + 2]))
			return i + 1;
	return strlen(text);
}

bool lead_points_back(const char *t)
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

ll_result lead_text(struct arena *a, const struct ask *q, const struct section *s,
                    const char **out)
{
	int i = compose_lead(q, s), intro;
	const struct part *next;

	*out = NULL;
	if(i < 0)
		return LL_OK;
	*out = s->parts[i].text;
	if(i > 0 && s->parts[i].kind == PART_PROSE && s->parts[i - 1].kind == PART_PROSE &&
	   lead_points_back(s->parts[i].text)) {
		*out = arena_printf(a, "%s %s", s->parts[i - 1].text, s->parts[i].text);
		return *out ? LL_OK : LL_ENOMEM;
	}
	if(q->kind == ASKED_DECISION && (intro = list_intro(s, i)) >= 0)
		*out = arena_printf(a, "%s %s", s->parts[intro].text,
		                    s->parts[i].text); /* "Reject ...:" */
	else if((intro = list_verdict(q, s, i)) >= 0)
		*out = arena_printf(a, "%s %s", s->parts[i].text, s->parts[intro].text);
	next = (size_t)i + 1 < s->nparts ? &s->parts[i + 1] : NULL;
	if(s->parts[i].kind == PART_PROSE && next && next->kind == PART_PROSE &&
	   strlen(next->text) <= LEAD_SECOND_MAX && q->kind != ASKED_FIGURE)
		*out = arena_printf(a, "%s %s", s->parts[i].text, next->text);
	return *out ? LL_OK : LL_ENOMEM;
}
