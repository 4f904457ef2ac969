/* path_first.c - which section leads: the rules that bring one that can
 * answer first (see path_first.h). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "answer/lead.h"
#include "answer/path_first.h"
#include "answer/rank.h"
#include "text/terms.h"

#define THREAD_WITHIN 6        /* how far down the thread's own section may come from */

void path_bring_first(struct section *s, size_t i)
{
	struct section moved = s[i];

	memmove(&s[1], &s[0], i * sizeof(*s));
	s[0] = moved;
}

/* Of the next few sections after the best, the first that can answer q
 * (can) and holds at least half as much of the question comes first.  The
 * rules below differ only in when they look and what can answer. */
static void first_that_can(const struct ask *q, struct section *s, size_t n,
                           bool (*can)(const struct ask *, const struct section *))
{
	for(size_t i = 1; i < n && i < PATH_STATES_WITHIN; i++)
		if(can(q, &s[i]) && s[i].coverage >= s[0].coverage * 0.5) {
			path_bring_first(s, i);
			return;
		}
}

/* Neither an overview, a quiz nor an emergency card: a section that answers. */
static bool no_overview(const struct ask *q, const struct section *s)
{
	(void)q;
	return s->kind != SECTION_OVERVIEW && s->kind != SECTION_QUIZ && !s->emergency;
}

/* Does q ask what comes first ("first thing", "where do i start")? */
static bool asks_first(const struct ask *q)
{
	static const char *const cues[] = {"first thing", "first step", "first off", "do first",
	                                   "where do i start", "where do we start", "start with",
	                                   "begin with", NULL};

	for(int i = 0; cues[i]; i++)
		if(strcasestr(q->text, cues[i]))
			return true;
	return false;
}

void path_first_in_manual(const struct ask *q, struct section *s, size_t n)
{
	size_t best = 0;

	if(!asks_first(q) || q->followup)
		return;
	for(size_t i = 1; i < n && i < PATH_STATES_WITHIN; i++)
		if(s[i].document_id == s[0].document_id && no_overview(q, &s[i]) &&
		   s[i].coverage >= s[0].coverage * 0.5 && s[i].ordinal < s[best].ordinal)
			best = i;
	if(best)
		path_bring_first(s, best);
}

static bool states_asked(const struct ask *q, const struct section *s)
{
	return section_states(s, q->figure);
}

void path_states_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE && n >= 2 &&
	   !section_states(&s[0], q->figure))
		first_that_can(q, s, n, states_asked);
}

/* Does s's heading name one of the error codes q names (not a model)? */
static bool heading_names_code(const struct ask *q, const struct section *s)
{
	for(int i = 0; i < q->ncodes; i++)
		if(!ask_model_like(q->codes[i]) && ask_holds_code(s->path, q->codes[i]))
			return true;
	return false;
}

void path_code_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_FAULT || q->ncodes == 0 || q->followup || n < 2 ||
	   heading_names_code(q, &s[0]))
		return;
	for(size_t i = 1; i < n && i < PATH_STATES_WITHIN; i++)
		if(s[i].document_id == s[0].document_id && heading_names_code(q, &s[i])) {
			path_bring_first(s, i);
			return;
		}
}

/* What answers a procedure or a figure asked in place of a fault's
 * section: steps of its own, or a sentence stating the figure. */
static bool answers_instead(const struct ask *q, const struct section *s)
{
	if(s->kind == SECTION_FAULT || !no_overview(q, s))
		return false;
	return q->kind == ASKED_PROCEDURE ? s->nsteps >= 2 : section_states(s, q->figure);
}

void path_fault_not_first(const struct ask *q, struct section *s, size_t n)
{
	bool figure = q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE;

	if((q->kind == ASKED_PROCEDURE || figure) && q->ncodes == 0 && n >= 2 &&
	   s[0].kind == SECTION_FAULT && rank_share(&q->terms, s[0].in_heading) < 0.5)
		first_that_can(q, s, n, answers_instead);
}

void path_answers_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->kind != ASKED_DEFINITION && n >= 2 &&
	   (s[0].kind == SECTION_OVERVIEW || s[0].kind == SECTION_QUIZ))
		first_that_can(q, s, n, no_overview);
}

static bool keeps_thread(const struct ask *q, const struct section *s)
{
	return (rank_held(q, s) & q->earlier) && !rank_maker_unnamed(q, s);
}

void path_thread_first(const struct ask *q, struct section *s, size_t n)
{
	if(q->followup && q->earlier && n >= 2 && !(rank_held(q, &s[0]) & q->earlier))
		first_that_can(q, s, n, keeps_thread);
}

void path_thread_machine_first(const struct ask *q, const char *query, struct section *s,
                               size_t n)
{
	uint64_t machine = q->followup && !q->machines && query ? terms_machine_kinds(query) : 0;

	if(!machine || n < 2 || (section_machine(&s[0]) & machine))
		return;
	for(size_t i = 1; i < n && i < PATH_STATES_WITHIN; i++)
		if((section_machine(&s[i]) & machine) && no_overview(q, &s[i]) &&
		   s[i].coverage >= s[0].coverage * PATH_THREAD_MACHINE_SHARE) {
			path_bring_first(s, i);
			return;
		}
}

/* The answer the thread gave last, or NULL. */
static const char *last_answer(const struct question *q)
{
	for(size_t i = q->nhistory; i-- > 0;)
		if(strcmp(q->history[i].role, "assistant") == 0)
			return q->history[i].content;
	return NULL;
}

#define SAID_CHARS 80  /* how much of a lead an earlier answer must hold word for word */

/* Would s lead with what the thread's last answer (its text, the steps
 * aside) already said? */
static bool said_before(struct arena *a, const struct ask *q, const struct section *s,
                        const char *said)
{
	const char *lead = NULL;

	if(lead_text(a, q, s, &lead) || !lead)
		return false;
	return memmem(said, strlen(said), lead, strnlen(lead, SAID_CHARS)) != NULL;
}

/* Does s say what to do when its fix fails ("If E6 returns, call
 * service"), or when what the crew found now happens ("If the reading is
 * low, ..." after "refilled it, still low")? */
static bool says_what_then(const struct section *s, const char *told)
{
	struct terms own;

	if(lead_says_any(s->body, lead_recurs))
		return true;
	terms_of(told, &own);
	for(size_t i = 0; i < s->nparts; i++)
		if(strncasecmp(s->parts[i].text, "If ", 3) == 0 &&
		   terms_match(&own, s->parts[i].text, NULL))
			return true;
	return false;
}

void path_next_when_persists(struct arena *a, const struct question *qn, const struct ask *q,
                             struct section *s, size_t n)
{
	const char *said;

	if(!q->followup || !q->persists || n < 2 || !(said = last_answer(qn)) ||
	   says_what_then(&s[0], qn->text) || !said_before(a, q, &s[0], said))
		return;
	for(size_t i = 1; i < n && i < PATH_STATES_WITHIN; i++)
		if(no_overview(q, &s[i]) && !said_before(a, q, &s[i], said)) {
			path_bring_first(s, i);
			return;
		}
}

void path_reading_in_thread(struct arena *a, const struct question *qn, const struct ask *q,
                            struct section *s, size_t n)
{
	const char *said;

	if(!q->followup || q->reading <= 0 || q->figure == FIGURE_NONE || n < 2 ||
	   !(said = last_answer(qn)) || said_before(a, q, &s[0], said))
		return;
	for(size_t i = 1; i < n && i < THREAD_WITHIN; i++)
		if(said_before(a, q, &s[i], said) && section_states(&s[i], q->figure) &&
		   !rank_maker_unnamed(q, &s[i])) {
			path_bring_first(s, i);
			return;
		}
}
