/* rank.c - section features and the learned linear model (see rank.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "answer/rank.h"

static const char *const names[RANK_FEATURES] = {"bias", "retrieval", "first", "heading", "title",
                                                 "body", "all_terms", "code_heading", "code_body",
                                                 "code_missing", "figure_stated", "figure_missing",
                                                 "steps_wanted", "fault_section", "quiz",
                                                 "overview", "faq", "category", "emergency",
                                                 "heading_rare", "body_rare", "heading_precision",
                                                 "specs_wanted", "subject_heading",
                                                 "subject_missing", "part_best", "part_figure",
                                                 "heading_figure", "asked", "table",
                                                 "table_for_steps", "steps_for_figure", "schedule",
                                                 "schedule_for_steps", "thread", "thread_none",
                                                 "other_machine", "maker_unnamed"};

const char *rank_feature_name(enum rank_feature f)
{
	return f < RANK_FEATURES ? names[f] : "?";
}

static int feature_named(const char *s, size_t len)
{
	for(int i = 0; i < RANK_FEATURES; i++)
		if(strlen(names[i]) == len && strncmp(names[i], s, len) == 0)
			return i;
	return -1;
}

ll_result ranker_parse(const char *text, struct ranker *out)
{
	memset(out, 0, sizeof(*out));
	while(*text) {
		size_t len = strcspn(text, "\n"), name = strcspn(text, "\t\n");
		int f;
		char *end;

		if(len > 0 && text[0] != '#') {
			if(name == len || (f = feature_named(text, name)) < 0)
				return LL_EINVAL;
			out->w[f] = strtod(text + name + 1, &end);
			if(end == text + name + 1 || (end < text + len && *end != '\r'))
				return LL_EINVAL;
		}
		text += len + (text[len] == '\n');
	}
	return LL_OK;
}

double rank_share(const struct terms *t, uint32_t held)
{
	double total = 0, got = 0;

	for(int i = 0; i < t->n; i++) {
		total += t->weight[i];
		if((held >> i) & 1)
			got += t->weight[i];
	}
	return total > 0 ? got / total : 0;
}

/* Which of the question's terms the heading, title and body hold: read
 * once per section, as tokenizing a body is most of the ranking's cost. */
static void match_once(const struct ask *q, struct section *s)
{
	if(s->matched)
		return;
	s->in_heading = terms_match(&q->terms, s->heading, NULL);
	s->in_title = terms_match(&q->terms, s->title, NULL);
	s->in_body = terms_match(&q->terms, s->body, NULL);
	s->matched = true;
}

static void code_features(const struct ask *q, const struct section *s, double *f)
{
	for(int i = 0; i < q->ncodes; i++) {
		if(ask_holds_code(s->path, q->codes[i]))
			f[F_CODE_HEADING] = 1;
		else if(ask_holds_code(s->body, q->codes[i]) ||
		        ask_holds_code(s->title, q->codes[i]))
			f[F_CODE_BODY] = 1;
		else
			f[F_CODE_MISSING] = 1;
	}
}

static bool states_figure(const struct section *s, enum figure fig)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(ask_states_figure(s->parts[i].text, fig))
			return true;
	return false;
}

static uint32_t held_by(const struct section *s)
{
	return s->in_heading | s->in_title | s->in_body;
}

uint32_t rank_held(const struct ask *q, const struct section *s)
{
	if(s->matched)
		return held_by(s);
	return terms_match(&q->terms, s->heading, NULL) | terms_match(&q->terms, s->title, NULL) |
	       terms_match(&q->terms, s->body, NULL);
}

void rank_rarity(const struct ask *q, struct section *s, size_t n, double *idf)
{
	int df[TERMS_MAX] = {0};

	for(size_t i = 0; i < n; i++) {
		uint32_t held;

		match_once(q, &s[i]);
		held = held_by(&s[i]);

		for(int t = 0; t < q->terms.n; t++)
			df[t] += (held >> t) & 1;
	}
	/* a word no candidate holds (slang, a typo, a filler) tells nothing here */
	for(int t = 0; t < q->terms.n; t++)
		idf[t] = df[t] ? log(1.0 + (double)n / (1.0 + df[t])) * q->terms.weight[t] : 0;
}

/* The share of the terms in among's rarity (idf) that held holds. */
static double rare_share_of(const struct ask *q, const double *idf, uint32_t among,
                            uint32_t held)
{
	double total = 0, got = 0;

	for(int t = 0; t < q->terms.n; t++) {
		if(!((among >> t) & 1))
			continue;
		total += idf[t];
		if((held >> t) & 1)
			got += idf[t];
	}
	return total > 0 ? got / total : 0;
}

static double rare_share(const struct ask *q, const double *idf, uint32_t held)
{
	return rare_share_of(q, idf, 0xffffffffu, held);
}

/* A follow-up is still about what the turns before were about ("closer
 * no-showed || called him twice, what next"): how much of theirs s holds. */
static void thread_features(const struct ask *q, const double *idf, uint32_t held, double *f)
{
	if(!q->followup || !q->earlier)
		return;
	f[F_THREAD] = rare_share_of(q, idf, q->earlier, held);
	f[F_THREAD_NONE] = !(held & q->earlier);
}

bool rank_frame_word(const char *t)
{
	static const char *const words[] = {"temperatur", "temp", "minimum", "maximum", "time",
	                                    "long", "hot", "cold", "warm", "mani", "much", "often",
	                                    "need", "good", "safe", "right", "best", "step",
	                                    "check", "make", "happen", "fast", "quick", "wrong",
	                                    "work", "start", "degre", NULL};

	if(strcmp(t, "min") == 0 || strcmp(t, "max") == 0)
		return true;
	for(int i = 0; words[i]; i++)
		if(strncmp(t, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

/* Does held hold a term of q that names what it asks about ("cold brew",
 * not "cold")? */
static bool names_subject(const struct ask *q, uint32_t held)
{
	for(int i = 0; i < q->terms.n; i++)
		if((held & 1u << i) && !rank_frame_word(q->terms.term[i]))
			return true;
	return false;
}

bool rank_maker_unnamed(const struct ask *q, const struct section *s)
{
	return s->title && ask_names_model(s->title) && !names_subject(q, s->in_title);
}

/* Does the question name a kind of machine ("reach in freezer") and the
 * heading only others ("Walk-In Cooler and Reach-In Cooler Settings")? */
static bool other_machine(const struct ask *q, const char *heading)
{
	uint64_t named = q->machines ? terms_machine_kinds(heading) : 0;

	return named && !(q->machines & named);
}

/* The question's subject: its most telling term that is not a frame word
 * (-1 when none). */
static int subject_term(const struct ask *q, const double *idf)
{
	int best = -1;

	for(int t = 0; t < q->terms.n; t++)
		if(q->terms.weight[t] >= 1 && !rank_frame_word(q->terms.term[t]) &&
		   (best < 0 || idf[t] > idf[best] + 1e-9))
			best = t;
	return best;
}

/* Share of the heading's content words found in the question. */
static double heading_precision(const struct ask *q, const char *heading)
{
	struct terms h;
	int got = 0;

	terms_of(heading, &h);
	for(int i = 0; i < h.n; i++)
		got += terms_match(&q->terms, h.term[i], NULL) != 0;
	return h.n ? (double)got / h.n : 0;
}

/* The part holding most of the question, and whether it states the figure asked. */
static void best_part(const struct ask *q, const struct section *s, const double *idf, double *f)
{
	for(size_t i = 0; i < s->nparts; i++) {
		/* a part is read under its heading ("8.1 Hot dogs splitting" over its fix) */
		uint32_t held = s->in_heading | terms_match(&q->terms, s->parts[i].text, NULL);
		double v = rare_share(q, idf, held);

		if(v > f[F_PART_BEST]) {
			f[F_PART_BEST] = v;
			f[F_PART_FIGURE] = q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE &&
			                   ask_states_figure(s->parts[i].text, q->figure);
		}
	}
}

void rank_features(const struct ask *q, const struct section *s, enum agent_id agent,
                   const double *idf, const struct asked_set *asked, double f[RANK_FEATURES])
{
	uint32_t all = q->terms.n >= 32 ? 0xffffffffu : (1u << q->terms.n) - 1;
	uint32_t held;

	memset(f, 0, RANK_FEATURES * sizeof(*f));
	f[F_BIAS] = 1;
	f[F_RETRIEVAL] = s->retrieval;
	f[F_FIRST] = s->rank == 0;
	f[F_HEADING] = rank_share(&q->terms, s->in_heading);
	f[F_TITLE] = rank_share(&q->terms, s->in_title);
	f[F_BODY] = rank_share(&q->terms, s->in_body);
	held = held_by(s);
	f[F_HEADING_RARE] = rare_share(q, idf, s->in_heading);
	f[F_BODY_RARE] = rare_share(q, idf, held);
	f[F_HEADING_PRECISION] = heading_precision(q, s->heading);
	f[F_SPECS_WANTED] = q->kind == ASKED_FIGURE && s->kind == SECTION_SPECS &&
	                    names_subject(q, s->in_title);
	f[F_OTHER_MACHINE] = other_machine(q, s->heading);
	f[F_MAKER_UNNAMED] = rank_maker_unnamed(q, s);
	best_part(q, s, idf, f);
	f[F_HEADING_FIGURE] = q->kind == ASKED_FIGURE && q->figure != FIGURE_NONE &&
	                      ask_states_figure(s->heading, q->figure);
	/* a manual no one asked about yet: its best sentence stands in for the memory it lacks,
	 * or the remembered manuals would always outrank it */
	f[F_ASKED] = !s->source                    ? 0
	             : asked_knows(asked, s->source) ? asked_match(asked, s->source, s->path,
	                                                           &q->terms, idf, q->text)
	                                           : f[F_PART_BEST];
	f[F_TABLE] = s->nparts ? (double)s->nrows / (double)s->nparts : 0;
	f[F_TABLE_FOR_STEPS] = q->kind == ASKED_PROCEDURE ? f[F_TABLE] : 0;
	f[F_STEPS_FOR_FIGURE] = q->kind == ASKED_FIGURE && s->kind == SECTION_STEPS;
	f[F_SCHEDULE] = s->kind == SECTION_SCHEDULE;
	f[F_SCHEDULE_FOR_STEPS] =
	        f[F_SCHEDULE] && (q->kind == ASKED_PROCEDURE || q->kind == ASKED_FAULT);
	{
		int subject = subject_term(q, idf);
		uint32_t bit = subject >= 0 ? 1u << subject : 0;

		f[F_SUBJECT_HEADING] = bit && (s->in_heading & bit);
		f[F_SUBJECT_MISSING] = bit && !(held & bit);
	}
	f[F_ALL_TERMS] = q->terms.n > 0 && (held & all) == all;
	code_features(q, s, f);
	thread_features(q, idf, held, f);
	if(q->figure != FIGURE_NONE && (q->kind == ASKED_FIGURE || q->kind == ASKED_DECISION)) {
		bool stated = states_figure(s, q->figure);

		f[F_FIGURE_STATED] = stated;
		f[F_FIGURE_MISSING] = !stated;
	}
	f[F_STEPS_WANTED] =
	        (q->kind == ASKED_PROCEDURE || q->kind == ASKED_FAULT) && s->nsteps >= 2;
	f[F_FAULT_SECTION] = q->kind == ASKED_FAULT && s->kind == SECTION_FAULT;
	f[F_QUIZ] = s->kind == SECTION_QUIZ;
	f[F_OVERVIEW] = s->kind == SECTION_OVERVIEW;
	f[F_FAQ] = s->kind == SECTION_FAQ;
	f[F_CATEGORY] = s->category && agent_get(agent)->categories[0] &&
	                strcmp(s->category, agent_get(agent)->categories[0]) == 0;
	f[F_EMERGENCY] = s->emergency != NULL;
}

double rank_score(const struct ranker *r, const double f[RANK_FEATURES])
{
	double z = 0;

	for(int i = 0; i < RANK_FEATURES; i++)
		z += r->w[i] * f[i];
	return 1.0 / (1.0 + exp(-z));
}

void rank_sections(const struct ranker *r, const struct asked_set *asked, const struct ask *q,
                   enum agent_id agent, struct section *s, size_t n, double *feat)
{
	double f[RANK_MAX_SECTIONS][RANK_FEATURES], idf[TERMS_MAX];
	struct section sorted[RANK_MAX_SECTIONS];
	size_t order[RANK_MAX_SECTIONS];

	if(n > RANK_MAX_SECTIONS)
		n = RANK_MAX_SECTIONS;
	rank_rarity(q, s, n, idf);
	for(size_t i = 0; i < n; i++) {
		rank_features(q, &s[i], agent, idf, asked, f[i]);
		s[i].score = rank_score(r, f[i]);
		s[i].coverage = f[i][F_BODY_RARE];
		order[i] = i;
	}
	/* best first; ties keep the retriever's order (insertion sort: n is small) */
	for(size_t i = 1; i < n; i++)
		for(size_t k = i; k > 0 && s[order[k]].score > s[order[k - 1]].score; k--) {
			size_t t = order[k];

			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for(size_t i = 0; i < n; i++) {
		sorted[i] = s[order[i]];
		if(feat)
			memcpy(feat + i * RANK_FEATURES, f[order[i]], sizeof(f[0]));
	}
	memcpy(s, sorted, n * sizeof(*s));
}
