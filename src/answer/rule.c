/* rule.c - the rule a manual states for a question (see rule.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answer/lead.h"
#include "answer/rule.h"
#include "answer/verdict.h"
#include "buf.h"

/* How many of the best-ranked sections of the best section's manual a
 * decision's rule is looked for in. */
#define RULE_SECTIONS 4

/* Is t's first sentence a rule on food reaching a temperature in time that
 * is about other food than q's: a cooling rule ("if food has not reached
 * 70°F within 2 hours ... start cooling again") when nothing is being
 * cooled, a reheating one ("if it does not reach 165°F within 2 hours") for
 * a cold reading?  rule_times: does rule t rule on the time the crew know
 * (and is no such rule)? */
static bool other_foods_rule(const struct ask *q, const char *t)
{
	char first[512];

	if(q->cooling || q->heating)
		return false;
	snprintf(first, sizeof(first), "%.*s", (int)lead_sentence_len(t), t);
	/* a cold reading is no food to heat up in time */
	return strcasestr(first, "cooling") ||
	       (q->reading && q->reading <= VERDICT_COLD_TARGET &&
	        (strcasestr(first, "reheating") ||
	         ((strcasestr(first, " reach ") || strcasestr(first, " reached ")) &&
	          strcasestr(first, " within "))));
}

static bool rule_times(const struct ask *q, const char *t)
{
	return q->elapsed && !other_foods_rule(q, t) && time_applies(q->elapsed, t);
}

/* The verdict on what the crew measured against the limit rule states: the
 * reading's temperature, else the time it has been so. */
static bool judged(const struct ask *q, const char *rule, const struct terms *subject,
                   unsigned how, char *out, size_t outlen)
{
	if(q->made)
		return verdict_of_days(q->made, q->today, rule, how, out, outlen);
	if(q->made_weekday)
		return verdict_of_weekdays(q->made_weekday, q->today_weekday, rule, how, out,
		                           outlen);
	if(q->ppm)
		return verdict_of_ppm(q->ppm, rule, how, out, outlen);
	/* "went in to cool at 3pm at 135, what time does it gotta be 41": the
	 * reading is where it started, the time is asked */
	if(q->since && q->target[0] && q->kind == ASKED_FIGURE)
		return deadline_of(q->since - 1, q->target[0], rule, out, outlen);
	/* a rule on cooling or reheating judges no reading or time of other food */
	if((q->reading || q->elapsed) && rule && other_foods_rule(q, rule))
		return false;
	/* a reading past a limit for a time the crew know: the time decides */
	if(q->reading && q->elapsed &&
	   verdict_of_time(q->elapsed, q->start, rule, how, out, outlen))
		return true;
	if(q->reading)
		return verdict_of_reading(q->reading, rule, subject, how, out, outlen);
	if(q->elapsed)
		return verdict_of_time(q->elapsed, q->start, rule, how, out, outlen);
	return deadline_of(q->since - 1, q->target[0], rule, out, outlen);
}

/* The section's own part that says what to do on this verdict: "If it
 * reads below 165°F, keep cooking and check again" after "158°F is below
 * the 165°F minimum"; NULL for none, or when the lead says it already
 * (then *in_lead is set). */
static const char *action_on(const struct section *s, const char *verdict, const char *lead,
                             bool *in_lead)
{
	static const struct {
		const char *verdict, *cue[4];
	} sides[] = {
		{" below ", {"below", "under ", "less than", NULL}},
		{" above ", {"above", "over ", "more than", NULL}},
		{" off by ", {"off by", "more than", "outside", NULL}},
		{" cooling failed ", {"not reached", "not reach", "misses", NULL}},
		{" reheating failed ", {"not reached", "not reach", "misses", NULL}},
	};

	for(size_t k = 0; k < sizeof(sides) / sizeof(sides[0]); k++) {
		if(!strstr(verdict, sides[k].verdict))
			continue;
		for(size_t i = 0; i < s->nparts; i++) {
			const char *t = section_past_notice(s->parts[i].text);
			size_t len = strcspn(t, ",;");

			if(strncmp(t, "If ", 3) != 0)
				continue;
			for(int c = 0; sides[k].cue[c]; c++) {
				if(!memmem(t, len, sides[k].cue[c], strlen(sides[k].cue[c])))
					continue;
				if(!(lead && strstr(lead, t)))
					return t;
				*in_lead = true;
			}
		}
	}
	return NULL;
}

/* The limit a verdict holds a reading to ("41°F" of "No, 44°F is above
 * the 41°F limit") into out; false for none. */
static bool limit_of(const char *verdict, char *out, size_t len)
{
	const char *p = strstr(verdict, " the ");
	size_t n;

	if(!p)
		return false;
	p += 5;
	n = strspn(p, "0123456789");
	if(n == 0 || strncmp(p + n, "\xc2\xb0" "F", 3) != 0 || n + 4 > len)
		return false;
	snprintf(out, len, "%.*s", (int)n + 3, p);
	return true;
}

/* What to do on verdict: the ruling section's own part, else one of
 * another of its manual's first few ranked sections ("If a freezer reads
 * above 0°F, tell the manager ... recheck within 30 minutes" of the log's
 * section, for the freezer's rule), else one of another generic manual's
 * first few on the same limit. */
static const char *action_of_manual(const struct section *ruling, const struct section *ranked,
                                    size_t nranked, const char *verdict, const char *lead,
                                    bool *in_lead)
{
	const char *act = action_on(ruling, verdict, lead, in_lead);
	char limit[32];

	for(size_t k = 0; !act && !*in_lead && k < nranked && k < RULE_SECTIONS; k++)
		if(&ranked[k] != ruling && ranked[k].document_id == ruling->document_id &&
		   ranked[k].kind != SECTION_QUIZ)
			act = action_on(&ranked[k], verdict, lead, in_lead);
	/* else another generic manual's, on the same limit ("If a cooler reads
	 * above 41°F (5°C), ... tell the manager", for the cold holding rule) */
	for(size_t k = 0; !act && !*in_lead && limit_of(verdict, limit, sizeof(limit)) &&
	                  k < nranked && k < RULE_SECTIONS; k++)
		if(ranked[k].document_id != ruling->document_id && ranked[k].kind != SECTION_QUIZ &&
		   !ask_names_model(ranked[k].title) &&
		   (act = action_on(&ranked[k], verdict, lead, in_lead)) && !strstr(act, limit))
			act = NULL;
	return act;
}

/* The verdict, then the first sentence of what the section says to do on
 * it: one sentence, so that a second part's answer comes within two. */
static ll_result say_verdict(const char *act, const char *verdict, struct buf *text)
{
	if(!act)
		return buf_printf(text, "%s ", verdict);
	return buf_printf(text, "%s %c%.*s ", verdict, tolower((unsigned char)act[0]),
	                  (int)lead_sentence_len(act) - 1, act + 1);
}

/* Does a part of o judge q -- any part when any, else one naming the
 * subject read -- into verdict? */
static bool judged_by_part(const struct ask *q, const struct section *o,
                           const struct terms *subject, bool any, unsigned how, char *verdict,
                           size_t len)
{
	for(size_t i = 0; i < o->nparts; i++)
		if((any || terms_match(subject, o->parts[i].text, NULL)) &&
		   judged(q, o->parts[i].text, subject, how, verdict, len))
			return true;
	return false;
}

/* Food cooling or reheating, read some time after it started: the rule it
 * must reach in time, in the heading or a part of the first ranked section
 * that states one ("From 135°F to 70°F within 2 hours", "If the food does
 * not reach 165°F within 2 hours"); the best section may be how to cool,
 * the rule another of the manual's. */
static const struct section *timed_verdict(const struct ask *q, const struct section *ranked,
                                           size_t nranked, unsigned how, char *verdict,
                                           size_t len)
{
	for(size_t k = 0; k < nranked; k++)
		for(size_t i = 0; i <= ranked[k].nparts; i++) {
			const char *t = i == 0 ? ranked[k].heading : ranked[k].parts[i - 1].text;
			int r = q->reading, e = q->elapsed;

			if(verdict_of_reaching(q->cooling, r, e, t, how, verdict, len))
				return &ranked[k];
		}
	return NULL;
}

/* The verdict on q from the best section s (ranked[0]) into verdict: the
 * lead, else the section's heading or parts, else its manual's next best;
 * *ruling is the section whose rule it is when not s (a timed rule's). */
static bool find_verdict(const struct ask *q, const struct section *ranked, size_t nranked,
                         const char *lead, unsigned how, char *verdict, size_t len,
                         const struct section **ruling)
{
	const struct section *s = &ranked[0];
	const struct terms *subject = q->subject.n ? &q->subject : &q->terms;

	const struct section *timed = q->cooling || q->heating
	                              ? timed_verdict(q, ranked, nranked, how, verdict, len)
	                              : NULL;

	*ruling = timed ? timed : s;
	if(timed)
		return true;
	/* a lead about something else ("the utensil surface must reach 160°F"
	 * when the rinse gauge was read) yields to the part that names it
	 * ("the final rinse to reach 180°F") */
	if(q->reading && lead && !terms_match(subject, lead, NULL) &&
	   judged_by_part(q, s, subject, false, how, verdict, len))
		return true;
	if(judged(q, lead, subject, how, verdict, len) ||
	   judged(q, s->heading, subject, how, verdict, len))
		return true;
	/* the lead tells what to do ("write each rejected item ..."): the rule is in
	 * another of the section's parts ("received at 41°F or below") */
	for(int pass = 0; pass < 3; pass++)
		for(size_t k = 0; k < nranked && k < (pass == 2 ? RULE_SECTIONS : 1); k++) {
			const struct section *o = &ranked[k];

			if(o->document_id != s->document_id || (pass == 2 && k == 0))
				continue;
			if(judged_by_part(q, o, subject, pass == 1, how, verdict, len))
				return true;
		}
	return false;
}

/* The verdict on other, a second question of q's (by when the next
 * temperature), after verdict (outlen bytes): "...; 41°F by 5:00 ..." */
static void and_then(const struct ask *other, const struct section *ranked, size_t nranked,
                     const char *lead, unsigned how, char *verdict, size_t outlen)
{
	char second[VERDICT_MAX];
	const struct section *unused;
	size_t len = strlen(verdict);

	len -= len >= strlen(VERDICT_END) ? strlen(VERDICT_END) : len;
	if(find_verdict(other, ranked, nranked, lead, how, second, sizeof(second), &unused))
		snprintf(verdict + len, outlen - len, "; %s", second);
}

ll_result rule_reading_verdict(const struct ask *q, const struct section *ranked, size_t nranked,
                               const char *lead, struct buf *text, bool *lead_acts)
{
	bool unused = false;

	unsigned how = (q->kind == ASKED_DECISION ? VERDICT_DECIDE : 0) |
	               (q->unknown_time ? VERDICT_UNKNOWN_TIME : 0);
	char verdict[2 * VERDICT_MAX];
	const struct section *ruling;

	if((q->kind != ASKED_DECISION && q->kind != ASKED_FIGURE) ||
	   (q->reading == 0 && (q->elapsed == 0 || q->kind != ASKED_DECISION) && q->since == 0 &&
	    q->made == 0 && q->made_weekday == 0 && (q->ppm == 0 || q->kind != ASKED_DECISION)))
		return LL_OK;
	if(!find_verdict(q, ranked, nranked, lead, how, verdict, VERDICT_MAX, &ruling) ||
	   /* a hold time run out: the temperature read is no yes, whatever it meets */
	   (strncmp(verdict, "Yes", 3) == 0 && q->time_up))
		return LL_OK;
	/* "at 1:00 it reads 68, when does it need to hit 41": the verdict on
	 * the reading, then by when */
	if(q->since && q->target[0] && q->reading && q->elapsed) {
		struct ask other = *q;

		other.reading = other.elapsed = 0;
		other.cooling = other.heating = false;
		other.kind = ASKED_FIGURE;
		and_then(&other, ranked, nranked, lead, 0, verdict, sizeof(verdict));
	}
	/* when it must reach two temperatures, by when for each */
	if(q->since && q->target[1]) {
		struct ask other = *q;

		other.target[0] = q->target[1];
		and_then(&other, ranked, nranked, lead, how, verdict, sizeof(verdict));
	}
	return say_verdict(action_of_manual(ruling, ranked, nranked, verdict, lead,
	                                    lead_acts ? lead_acts : &unused),
	                   verdict, text);
}

/* How well sentence t of a manual rules on q: its share of the question,
 * and for food whose time out is not known, the rule that says so. */
static double rule_value(const struct ask *q, const char *t)
{
	double got = 0;

	terms_match(&q->terms, t, &got);
	return got + (q->unknown_time && lead_says_any(t, lead_unknown_times) ? 4 : 0) +
	       (rule_times(q, t) ? 4 : 0);
}

const char *rule_of_manual(const struct ask *q, const struct section *ranked, size_t nranked,
                           const char *lead)
{
	const char *best = NULL;
	/* then only an unknown time's rule */
	bool orders = lead && lead_says_any(lead, lead_actions);
	double best_v;

	/* a lead that orders something still yields to the rule on the time
	 * the crew know ("warm for less than 4 hours: it may be kept") */
	if(q->kind != ASKED_DECISION || q->ncodes || !lead ||
	   (orders && !(q->unknown_time && !lead_says_any(lead, lead_unknown_times)) &&
	    !(q->elapsed && !rule_times(q, lead))))
		return NULL;
	best_v = rule_value(q, lead);
	/* past the first few sections only a rule on how long what they read
	 * has been so */
	for(size_t i = 0; i < nranked && (i < RULE_SECTIONS || (q->elapsed && q->reading)); i++) {
		const struct section *s = &ranked[i];

		/* another document's only by its rule on the time the crew know, and
		 * never a maker's manual's (a holding well's 2 hours is no cooler's) */
		bool own = s->document_id == ranked[0].document_id;

		if(s->kind == SECTION_QUIZ || (!own && (!q->elapsed || ask_names_model(s->title))))
			continue;
		for(size_t k = 0; k < s->nparts; k++) {
			const char *t = s->parts[k].text;
			bool timed = rule_times(q, t);

			if((!own || i >= RULE_SECTIONS) && !timed)
				continue;
			double v;

			if(strchr(t, '?') || strstr(lead, t) ||
			   !(lead_says_any(t, lead_actions) || timed) ||
			   (orders && !lead_says_any(t, lead_unknown_times) && !timed))
				continue;
			if((v = rule_value(q, t)) > best_v + 1e-9) {
				best = t;
				best_v = v;
			}
		}
	}
	return best;
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

bool rule_states_asked(const struct ask *q, const struct section *s, size_t nranked,
                       bool other_part)
{
	const char *unit = q->figure == FIGURE_TIME ? unit_asked(q) : NULL;

	if(q->kind != ASKED_FIGURE || q->figure == FIGURE_NONE ||
	   (q->figure == FIGURE_TIME && !unit) || q->figure == FIGURE_FREQUENCY ||
	   q->ncodes > 0 || other_part || nranked == 0)
		return true;
	if(part_states(q, unit, s[0].heading))
		return true;
	for(size_t i = 0; i < s[0].nparts; i++)
		if(part_states(q, unit, s[0].parts[i].text))
			return true;
	return false;
}
