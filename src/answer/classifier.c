/* classifier.c - naive Bayes question router; see classifier.h for the model. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"
#include "classifier_words.h"
#include "strtab.h"

#define MAX_TRAIN_BYTES (8u << 20) /* a training file larger than this is a mistake */

#define ALPHA 0.3                  /* additive smoothing of feature counts */
#define SAFETY_MARGIN 0.10         /* safety wins when within this of the best */
#define SECONDARY_NATS 1.0         /* a topic token this much more another agent's: consult it */
#define SECONDARY_SAFETY_MIN 0.30  /* a safety secondary takes the lead: it must be probable */

/* The bytes of s the classifier reads: at most CLASSIFIER_MAX_INPUT. */
static size_t input_len(const char *s)
{
	size_t n = strlen(s);

	return n > CLASSIFIER_MAX_INPUT ? CLASSIFIER_MAX_INPUT : n;
}

struct classifier {
	struct strtab lex;      /* normalized word -> synonym index, join, concept */
	struct strtab vocab;    /* feature -> feature id (entry index) */
	double *logp;           /* [feature][agent] log P(feature | agent) */
	double logprior[AGENT_COUNT];
	long oov;               /* feature id of __oov__, or -1 */
	double temperature;
};

/* ---- training ---- */

struct trainer {
	uint32_t (*count)[AGENT_COUNT]; /* [feature][agent] questions containing it */
	uint32_t *df;                   /* questions containing the feature */
	uint8_t *fkind;
	size_t fcap;
	int *doc_label;
	uint32_t *doc_start;            /* into doc_feats */
	size_t ndocs, dcap;
	uint32_t *doc_feats;            /* feature ids, per question, deduplicated */
	size_t nfeats_all, fa_cap;
	uint32_t total[AGENT_COUNT];    /* sum of counts per agent */
	uint32_t ndocs_agent[AGENT_COUNT];
};

static void trainer_free(struct trainer *t)
{
	free(t->count);
	free(t->df);
	free(t->fkind);
	free(t->doc_label);
	free(t->doc_start);
	free(t->doc_feats);
}

struct train_ctx {
	struct classifier *c;
	struct trainer *t;
	int label;
};

/* Count one feature of the question being trained (once per question). */
static ll_result train_feature(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                               uint16_t slen)
{
	ll_result result = LL_OK;
	struct train_ctx *tc = ctx;
	struct trainer *t = tc->t;
	long id;
	(void)start;
	(void)slen;
	result = strtab_put(&tc->c->vocab, s, len, 0, &id);
	if(result)
		goto out;
	if((size_t)id >= t->fcap) {
		size_t old = t->fcap, ncap = old ? old * 2 : 1024;
		void *p1 = realloc(t->count, ncap * sizeof(*t->count));
		if(p1)
			t->count = p1;
		void *p2 = realloc(t->df, ncap * sizeof(*t->df));
		if(p2)
			t->df = p2;
		void *p3 = realloc(t->fkind, ncap);
		if(p3)
			t->fkind = p3;
		if(!p1 || !p2 || !p3) {
			result = LL_ENOMEM;
			goto out;
		}
		memset(t->count + old, 0, (ncap - old) * sizeof(*t->count));
		memset(t->df + old, 0, (ncap - old) * sizeof(*t->df));
		t->fcap = ncap;
	}
	for(size_t j = t->doc_start[t->ndocs]; j < t->nfeats_all; j++)
		if(t->doc_feats[j] == (uint32_t)id)
			goto out;
	result = strtab_reserve(&t->doc_feats, &t->fa_cap, t->nfeats_all + 1,
	                        sizeof(*t->doc_feats));
	if(result)
		goto out;
	t->doc_feats[t->nfeats_all++] = (uint32_t)id;
	t->count[id][tc->label]++;
	t->df[id]++;
	t->fkind[id] = (uint8_t)kind;
	t->total[tc->label]++;
out:
	return result;
}

static ll_result train_question(struct classifier *c, struct trainer *t, const char *q, int label,
                                struct word *w)
{
	ll_result result = LL_OK;
	struct train_ctx tc = {c, t, label};
	int cue;
	/* both arrays grow together: same need, same capacity */
	size_t dcap = t->dcap;
	result = strtab_reserve(&t->doc_label, &dcap, t->ndocs + 2, sizeof(*t->doc_label));
	if(!result) {
		dcap = t->dcap;
		result = strtab_reserve(&t->doc_start, &dcap, t->ndocs + 2, sizeof(*t->doc_start));
	}
	if(result)
		goto out;
	t->dcap = dcap;
	t->doc_label[t->ndocs] = label;
	t->doc_start[t->ndocs] = (uint32_t)t->nfeats_all;
	result = classifier_words_features(&c->lex, q, input_len(q), w, train_feature, &tc, &cue);
	if(result)
		goto out;
	t->ndocs_agent[label]++;
	t->ndocs++;
	t->doc_start[t->ndocs] = (uint32_t)t->nfeats_all;
out:
	return result;
}

static void softmax(const double *raw, double temperature, double *p)
{
	double m = -INFINITY, sum = 0;
	for(int a = 0; a < AGENT_COUNT; a++)
		if(raw[a] / temperature > m)
			m = raw[a] / temperature;
	for(int a = 0; a < AGENT_COUNT; a++) {
		p[a] = exp(raw[a] / temperature - m);
		sum += p[a];
	}
	for(int a = 0; a < AGENT_COUNT; a++)
		p[a] /= sum;
}

/* The temperature T minimising the negative log-likelihood of the true
 * labels under softmax(raw / T).  The loss is convex in b = 1/T (a
 * log-sum-exp of functions linear in b), so a few Newton steps on b find
 * it: the gradient is sum(E_p[raw] - raw_true), the Hessian sum(Var_p[raw]). */
static double fit_temperature(const double *raw, const int *label, size_t ndocs)
{
	double b = 1.0;
	for(int it = 0; it < 20; it++) {
		double g = 0, h = 0;
		for(size_t d = 0; d < ndocs; d++) {
			const double *r = raw + d * AGENT_COUNT;
			double p[AGENT_COUNT], mean = 0, sq = 0;
			softmax(r, 1 / b, p);
			for(int a = 0; a < AGENT_COUNT; a++) {
				mean += p[a] * r[a];
				sq += p[a] * r[a] * r[a];
			}
			g += mean - r[label[d]];
			h += sq - mean * mean;
		}
		if(h <= 1e-12)
			break;
		double nb = b - g / h;
		if(nb < 0.5 * b)
			nb = 0.5 * b; /* stay positive, move at most by half */
		if(nb > 2 * b)
			nb = 2 * b;
		if(fabs(nb - b) < 1e-6 * b) {
			b = nb;
			break;
		}
		b = nb;
	}
	if(b < 0.02)
		b = 0.02;
	if(b > 5)
		b = 5;
	return 1 / b;
}

/* Turn counts into log-probabilities, add __oov__, fit the temperature. */
/* Leave-one-out scores of every training question (ndocs x AGENT_COUNT
 * into loo): its own counts removed (only its own agent's terms change). */
static void leave_one_out(const struct classifier *c, const struct trainer *t,
                          const double *denom, double *loo)
{
	long oov = c->oov;

	for(size_t d = 0; d < t->ndocs; d++) {
		int y = t->doc_label[d];
		uint32_t len = t->doc_start[d + 1] - t->doc_start[d];
		double *r = loo + d * AGENT_COUNT;
		uint32_t noov = 0, nknown = 0;
		for(int a = 0; a < AGENT_COUNT; a++)
			r[a] = c->logprior[a];
		for(size_t j = t->doc_start[d]; j < t->doc_start[d + 1]; j++) {
			uint32_t id = t->doc_feats[j];
			if(t->df[id] == 1) {
				noov += t->fkind[id] == F_UNI;
				continue; /* unknown without this question */
			}
			nknown++;
			for(int a = 0; a < AGENT_COUNT; a++)
				if(a != y)
					r[a] += c->logp[id * AGENT_COUNT + a];
			r[y] += log(t->count[id][y] - 1 + ALPHA);
		}
		r[y] -= nknown * log(denom[y] - len);
		for(int a = 0; a < AGENT_COUNT; a++)
			r[a] += noov * c->logp[oov * AGENT_COUNT + a];
	}
}

/* With LINELEAD_CLASSIFIER_DEBUG set: the leave-one-out accuracy. */
static void report_loo(const struct classifier *c, const struct trainer *t, const double *loo)
{
	size_t right = 0;

	if(!getenv("LINELEAD_CLASSIFIER_DEBUG"))
		return;
	for(size_t d = 0; d < t->ndocs; d++) {
		const double *r = loo + d * AGENT_COUNT;
		int best = 0;
		for(int a = 1; a < AGENT_COUNT; a++)
			if(r[a] > r[best])
				best = a;
		right += best == t->doc_label[d];
	}
	fprintf(stderr, "classifier: %zu questions, %zu features, T=%.3f, loo accuracy %.1f%%\n",
	        t->ndocs, c->vocab.n, c->temperature, 100.0 * (double)right / (double)t->ndocs);
}

static ll_result train_finish(struct classifier *c, struct trainer *t)
{
	ll_result result = LL_OK;
	double *loo = NULL;
	long oov;
	/* __oov__: words seen in one question only would be unknown had that
	 * question been left out; their rate per agent is the oov rate. */
	uint32_t oov_count[AGENT_COUNT] = {0};
	for(size_t d = 0; d < t->ndocs; d++)
		for(size_t j = t->doc_start[d]; j < t->doc_start[d + 1]; j++) {
			uint32_t id = t->doc_feats[j];
			if(t->fkind[id] == F_UNI && t->df[id] == 1)
				oov_count[t->doc_label[d]]++;
		}
	result = strtab_put(&c->vocab, "__oov__", 7, 0, &oov);
	if(result)
		goto out;
	c->oov = oov;
	size_t nfeat = c->vocab.n;
	c->logp = malloc(nfeat * AGENT_COUNT * sizeof(*c->logp));
	if(!c->logp) {
		result = LL_ENOMEM;
		goto out;
	}
	double denom[AGENT_COUNT];
	for(int a = 0; a < AGENT_COUNT; a++) {
		denom[a] = t->total[a] + oov_count[a] + ALPHA * (double)nfeat;
		/* uniform prior: the mix of the training file is not the mix of questions */
		c->logprior[a] = t->ndocs_agent[a] ? -log((double)AGENT_COUNT) : -1e9;
	}
	for(size_t id = 0; id < nfeat; id++)
		for(int a = 0; a < AGENT_COUNT; a++) {
			double n = (long)id == oov ? oov_count[a] : t->count[id][a];
			c->logp[id * AGENT_COUNT + a] = log((n + ALPHA) / denom[a]);
		}
	loo = malloc(t->ndocs * AGENT_COUNT * sizeof(*loo));
	if(!loo) {
		result = LL_ENOMEM;
		goto out;
	}
	leave_one_out(c, t, denom, loo);
	c->temperature = fit_temperature(loo, t->doc_label, t->ndocs);
	report_loo(c, t, loo);
out:
	free(loo);
	return result;
}

void classifier_free(struct classifier *c)
{
	if(!c)
		return;
	strtab_free(&c->lex);
	strtab_free(&c->vocab);
	free(c->logp);
	free(c);
}

ll_result classifier_load_buffer(const char *tsv, size_t len, struct classifier **out)
{
	ll_result result = LL_OK;
	struct trainer t;
	struct word *w = NULL;
	char *line = NULL;
	struct classifier *c = calloc(1, sizeof(*c));
	memset(&t, 0, sizeof(t));
	*out = NULL;
	w = malloc(MAX_WORDS * sizeof(*w));
	line = malloc(CLASSIFIER_MAX_INPUT + 1);
	if(!c || !w || !line) {
		result = LL_ENOMEM;
		goto out;
	}
	c->oov = -1;
	result = classifier_words_build(&c->lex);
	if(result)
		goto out;
	size_t pos = 0;
	int first = 1;
	while(pos < len) {
		const char *s = tsv + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		if(n && s[n - 1] == '\r')
			n--;
		if(!n || s[0] == '#')
			continue;
		const char *tab = memchr(s, '\t', n);
		if(!tab) {
			result = LL_ECONFIG;
			goto out;
		}
		size_t qlen = (size_t)(tab - s);
		size_t alen = n - qlen - 1;
		char agent[32];
		if(alen >= sizeof(agent)) {
			result = LL_ECONFIG;
			goto out;
		}
		memcpy(agent, tab + 1, alen);
		agent[alen] = '\0';
		if(first && !strcmp(agent, "agent")) {
			first = 0;
			continue; /* header */
		}
		first = 0;
		enum agent_id a = agent_from_name(agent);
		if(a == AGENT_NONE) {
			result = LL_ECONFIG;
			goto out;
		}
		if(qlen > CLASSIFIER_MAX_INPUT)
			qlen = CLASSIFIER_MAX_INPUT;
		memcpy(line, s, qlen);
		line[qlen] = '\0';
		result = train_question(c, &t, line, a, w);
		if(result)
			goto out;
	}
	if(!t.ndocs) {
		result = LL_ECONFIG;
		goto out;
	}
	result = train_finish(c, &t);
	if(result)
		goto out;
	*out = c;
	c = NULL;
out:
	trainer_free(&t);
	classifier_free(c);
	free(w);
	free(line);
	return result;
}

ll_result classifier_load(const char *train_tsv_path, struct classifier **out)
{
	ll_result result = LL_OK;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = fopen(train_tsv_path, "rb");
	*out = NULL;
	if(!fp) {
		result = LL_EIO;
		goto out;
	}
	buf = malloc(MAX_TRAIN_BYTES + 1);
	if(!buf) {
		result = LL_ENOMEM;
		goto out;
	}
	len = fread(buf, 1, MAX_TRAIN_BYTES + 1, fp);
	if(ferror(fp)) {
		result = LL_EIO;
		goto out;
	}
	if(len > MAX_TRAIN_BYTES) {
		result = LL_ETOOLARGE;
		goto out;
	}
	result = classifier_load_buffer(buf, len, out);
out:
	if(fp)
		fclose(fp);
	free(buf);
	return result;
}

/* ---- classification ---- */

static const char *urgency_for(enum agent_id agent, int cue)
{
	static const char *const names[] = {"low", "normal", "high", "critical"};
	int level = agent == AGENT_GENERAL || agent == AGENT_TRAINING ? 0 : 1;
	if(cue > level)
		level = cue;
	/* critical is for a danger to people (safety); teaching about fire or
	 * joking about smoke is no emergency at all */
	if(agent != AGENT_SAFETY && level > 2)
		level = 2;
	if(agent == AGENT_TRAINING && level > 1)
		level = 1;
	if(agent == AGENT_GENERAL)
		level = 0;
	return names[level];
}

struct evidence {
	long id;
	int kind; /* enum fkind */
	uint16_t start, slen;
};

struct classify_ctx {
	const struct classifier *c;
	struct evidence ev[MAX_QFEATS];
	size_t nev, noov;
	const char *text;
	struct classification *out;
};

/* An unknown word kept for the caller: only a real word (five letters or more). */
static void keep_unknown(struct classify_ctx *cc, uint16_t start, uint16_t slen)
{
	struct classification *out = cc->out;
	char *w;

	if(slen < 5 || slen >= sizeof(out->unknown[0]) || out->nunknown >= CLASSIFIER_UNKNOWN)
		return;
	w = out->unknown[out->nunknown];
	for(uint16_t i = 0; i < slen; i++) {
		if(!isalpha((unsigned char)cc->text[start + i]))
			return;
		w[i] = (char)tolower((unsigned char)cc->text[start + i]);
	}
	w[slen] = '\0';
	out->nunknown++;
}

/* Look one feature up; unknown words count as __oov__. */
static ll_result classify_feature(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                                  uint16_t slen)
{
	struct classify_ctx *cc = ctx;
	long id = strtab_find(&cc->c->vocab, s, len);
	if(id < 0) {
		cc->noov += kind == F_UNI;
		if(kind == F_UNI || kind == F_NAME)
			keep_unknown(cc, start, slen);
		return LL_OK;
	}
	for(size_t j = 0; j < cc->nev; j++)
		if(cc->ev[j].id == id)
			return LL_OK;
	if(cc->nev < MAX_QFEATS) {
		cc->ev[cc->nev].id = id;
		cc->ev[cc->nev].kind = kind;
		cc->ev[cc->nev].start = start;
		cc->ev[cc->nev].slen = slen;
		cc->nev++;
	}
	return LL_OK;
}

/* The agents' scores from the evidence: naive Bayes log odds, softened
 * by the temperature; a message the model knows nothing of leans general. */
static void score_agents(const struct classifier *c, const struct classify_ctx *cc, double *scores)
{
	double raw[AGENT_COUNT];

	if(!cc->nev) {
		/* nothing the model knows: a greeting, noise or an empty message */
		for(int a = 0; a < AGENT_COUNT; a++)
			scores[a] = a == AGENT_GENERAL ? 0.4 : 0.6 / (AGENT_COUNT - 1);
		return;
	}
	for(int a = 0; a < AGENT_COUNT; a++) {
		raw[a] = c->logprior[a] + (double)cc->noov * c->logp[c->oov * AGENT_COUNT + a];
		for(size_t i = 0; i < cc->nev; i++)
			raw[a] += c->logp[cc->ev[i].id * AGENT_COUNT + a];
	}
	softmax(raw, c->temperature, scores);
}

/* The best agent and the runner-up; safety wins within SAFETY_MARGIN. */
static void rank_agents(const double *scores, enum agent_id *best, enum agent_id *second)
{
	int order[AGENT_COUNT];

	for(int a = 0; a < AGENT_COUNT; a++)
		order[a] = a;
	for(int i = 1; i < AGENT_COUNT; i++) /* stable: ties keep agent order */
		for(int j = i; j > 0 && scores[order[j]] > scores[order[j - 1]]; j--) {
			int tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	*best = (enum agent_id)order[0];
	*second = (enum agent_id)order[1];
	if(*best != AGENT_SAFETY && scores[AGENT_SAFETY] >= scores[*best] - SAFETY_MARGIN) {
		*second = *best;
		*best = AGENT_SAFETY;
	}
}

/* Two things at once: a topic token (a concept such as __c_machine__ or
 * __c_fire__, an error code, a temperature) that the training data ties
 * to another agent by SECONDARY_NATS more than to the chosen one names
 * that agent as secondary.  Topic tokens, not all words, because a sum
 * over every weak word would call any muddled question "two things".  A
 * safety secondary takes the lead, so it must also be probable on its
 * own; *best and *second follow it. */
static void secondary_agent(const struct classifier *c, const struct classify_ctx *cc,
                            struct classification *out,
                            enum agent_id *best, enum agent_id *second)
{
	enum agent_id other = AGENT_NONE;
	double other_nats = SECONDARY_NATS;

	for(size_t i = 0; i < cc->nev && *best != AGENT_GENERAL; i++) {
		const double *lp = c->logp + cc->ev[i].id * AGENT_COUNT;

		if(cc->ev[i].kind != F_DERIVED)
			continue;
		for(int a = 0; a < AGENT_GENERAL; a++)
			if(a != (int)*best && lp[a] - lp[*best] >= other_nats) {
				other_nats = lp[a] - lp[*best];
				other = (enum agent_id)a;
			}
	}
	if(other == AGENT_SAFETY && out->scores[AGENT_SAFETY] < SECONDARY_SAFETY_MIN)
		other = AGENT_NONE;
	out->secondary = other;
	if(other == AGENT_SAFETY) {
		out->secondary = *best;
		*second = *best;
		*best = AGENT_SAFETY;
	}
}

/* The keywords: the input words behind the strongest evidence for best
 * over second, each span once (a word already inside a kept phrase is
 * skipped), at most two words each. */
static void pick_keywords(const struct classifier *c, const struct classify_ctx *cc,
                          const char *text,
                          enum agent_id best, enum agent_id second, struct classification *out)
{
	double strength[MAX_QFEATS];

	for(size_t i = 0; i < cc->nev; i++) {
		const double *lp = c->logp + cc->ev[i].id * AGENT_COUNT;

		strength[i] = lp[best] - lp[second];   /* log-likelihood ratio */
	}
	while(out->nkeywords < 8) {
		size_t pick = cc->nev;
		char kw[32];

		for(size_t i = 0; i < cc->nev; i++)
			if(strength[i] > 0.05 && (pick == cc->nev || strength[i] > strength[pick]))
				pick = i;
		if(pick == cc->nev)
			break;
		strength[pick] = -INFINITY;
		size_t sl = classifier_keyword_copy(kw, sizeof(kw), text + cc->ev[pick].start,
		                                    cc->ev[pick].slen);
		/* a pair of words far apart ("cooler is at 50f") reads as noise */
		const char *sp = strchr(kw, ' ');
		int dup = !sl || (sp && strchr(sp + 1, ' '));
		for(int j = 0; j < out->nkeywords && !dup; j++)
			dup = strstr(out->keywords[j], kw) != NULL;
		if(!dup)
			memcpy(out->keywords[out->nkeywords++], kw, sl + 1);
	}
}

/* One sentence saying why: the agent and its first three keywords. */
static void write_reasoning(struct classification *out)
{
	const char *name = agent_name(out->agent);
	char list[160];
	size_t used = 0;

	if(!out->nkeywords) {
		snprintf(out->reasoning, sizeof(out->reasoning),
		         "No restaurant words decided it, so it is treated as a %s question.",
		         name);
		return;
	}
	list[0] = '\0';
	for(int k = 0; k < out->nkeywords && k < 3; k++) {
		int r = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
		                 k ? (k + 1 == out->nkeywords || k == 2 ? " and " : ", ") : "",
		                 out->keywords[k]);
		if(r < 0 || (size_t)r >= sizeof(list) - used)
			break;
		used += (size_t)r;
	}
	if(out->secondary != AGENT_NONE)
		snprintf(out->reasoning, sizeof(out->reasoning),
		         "Routed to %s because of %s; %s is consulted too.",
		         name, list, agent_name(out->secondary));
	else
		snprintf(out->reasoning, sizeof(out->reasoning), "Routed to %s because of %s.",
		         name, list);
}

void classifier_classify(const struct classifier *c, const char *text, struct classification *out)
{
	struct word w[MAX_WORDS];
	struct classify_ctx cc;
	enum agent_id best, second;
	int cue = 0;

	memset(out, 0, sizeof(*out));
	if(!text)
		text = "";
	cc.c = c;
	cc.nev = cc.noov = 0;
	cc.text = text;
	cc.out = out;
	/* cannot fail: classify_feature never does */
	(void)classifier_words_features(&c->lex, text, input_len(text), w, classify_feature, &cc,
	                                &cue);
	score_agents(c, &cc, out->scores);
	rank_agents(out->scores, &best, &second);
	secondary_agent(c, &cc, out, &best, &second);
	out->agent = best;
	out->runner_up = second;
	out->confidence = out->scores[best];
	pick_keywords(c, &cc, text, best, second, out);
	out->urgency = urgency_for(out->agent, cue);
	write_reasoning(out);
}
