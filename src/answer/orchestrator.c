/* orchestrator.c - classify, retrieve, generate, merge, store. */
#include "config.h"

#include <ctype.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/rand.h>

#include "answer/parts.h"
#include "answer/path.h"
#include "answer/retriever.h"
#include "buf.h"
#include "clock.h"
#include "text/terms.h"
#include "log.h"
#include "orchestrator.h"
#include "store.h"

#define HISTORY_TURNS 6
#define AGENTS_CONSULTED 3  /* routed, secondary, the lead section's */

void orchestrator_timestamp(char *out, size_t outlen)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
	         tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

/* "<prefix><24 hex digits>" in the arena. */
static char *random_id(struct arena *a, const char *prefix)
{
	unsigned char bytes[12];
	char hex[25];

	if(RAND_bytes(bytes, sizeof(bytes)) != 1)
		return NULL;
	for(size_t i = 0; i < sizeof(bytes); i++)
		snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
	return arena_printf(a, "%s%s", prefix, hex);
}

/* Does message hold one of words as a whole word (any case)? */
static bool has_word(const char *message, const char *const *words)
{
	for(const char *p = message; *p; p++) {
		if(p > message && isalnum((unsigned char)p[-1]))
			continue;
		for(int i = 0; words[i]; i++) {
			size_t n = strlen(words[i]);

			if(strncasecmp(p, words[i], n) == 0 && !isalnum((unsigned char)p[n]))
				return true;
		}
	}
	return false;
}

/* Is message a follow-up that leans on the turn before for its subject?
 * Few content words of its own ("and hot holding?", "what if it didn't get
 * there in time"), an opening that continues ("and", "what about", "if
 * we add mix"), or, naming no code of its own, a word pointing back ("it
 * came back again", "that one", "he still", "can we sell after"). */
static bool leans_on_history(const char *message)
{
	static const char *const openings[] = {
		"and ", "what about", "what if", "how about", "ok ", "okay ",
		"also ", "then ", "but ", "so ", "same ", "what else", "if ", "now ",
		"after that", "then what", "did that", "tried that", "done ", NULL};
	static const char *const pointing[] = {
		"it", "its", "it's", "that", "this", "those", "them", "they",
		"he", "she", "him", "her", "again", "still", "too", "instead",
		"same", "after", "now", NULL};
	struct terms t;
	char codes[1][16], nouns[64];

	for(int i = 0; openings[i]; i++)
		if(strncasecmp(message, openings[i], strlen(openings[i])) == 0)
			return true;
	if(terms_codes_of(message, codes, 1) > 0)
		return false;
	terms_of(message, &t);
	return has_word(message, pointing) ||
	       (t.n <= 3 && terms_machine_nouns(message, nouns, sizeof(nouns)) == 0);
}

/* The thread's last question told an emergency and this one tells none of
 * its own, nor a code: it goes on about it ("co2 alarm in the back room ||
 * maria went in to check and hasnt come out"). */
static bool after_emergency(const struct answer_ctx *actx, const char *message,
                            const struct turn *history, size_t n)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	char codes[1][16];

	if(lexicon_emergencies(actx->kit->lexicon, message, e, LEXICON_MAX_EMERGENCIES) > 0 ||
	   terms_codes_of(message, codes, 1) > 0)
		return false;
	for(size_t i = n; i-- > 0;)
		if(strcmp(history[i].role, "user") == 0)
			return lexicon_emergencies(actx->kit->lexicon, history[i].content, e,
			                           LEXICON_MAX_EMERGENCIES) > 0;
	return false;
}

/* The retrieval query of a follow-up (leans: the message leans on the
 * thread): the question, then the earlier questions of the thread, latest
 * first (crew words rewritten as the question's are), so "and hot
 * holding?" after "what temp for chicken" searches both; the answer path
 * weighs the question's own words above theirs.  A question that stands
 * on its own is its own query. */
static const char *followup_query(const struct answer_ctx *actx, const char *message,
                                  const struct turn *history, size_t n, bool leans)
{
	const char *query = message;
	int taken = 0;

	if(n == 0 || !leans)
		return message;
	for(size_t i = n; i-- > 0 && taken < ORCHESTRATOR_FOLLOWUP_TURNS && query;) {
		const char *earlier;

		if(strcmp(history[i].role, "user") != 0)
			continue;
		earlier = lexicon_rewrite(actx->kit->lexicon, actx->arena, history[i].content);
		if(earlier)
			earlier = parts_food_replaced(actx->arena, earlier, message);
		if(earlier)
			earlier = parts_machine_replaced(actx->arena, earlier, message);
		query = earlier ? arena_printf(actx->arena, "%s %s", query, earlier) : NULL;
		taken++;
	}
	return query;
}

/* first's response, followed by the sentences of second's that it does
 * not already hold. */
static ll_result merge_sentences(struct arena *a, struct answer *first, const struct answer *second)
{
	struct buf b;
	const char *p = second->response;
	ll_result r = LL_OK;

	buf_init(&b, 16384);
	while(*p && !r) {
		const char *end = p;
		char *sentence;

		while(*end && !((*end == '.' || *end == '!' || *end == '?') &&
		                 (end[1] == ' ' || !end[1])))
			end++;
		if(*end)
			end++;
		sentence = arena_strndup(a, p, (size_t)(end - p));
		if(!sentence)
			r = LL_ENOMEM;
		else if(!strstr(first->response, sentence))
			r = buf_printf(&b, "%s%s", b.len ? " " : "", sentence);
		p = end;
		while(*p == ' ')
			p++;
	}
	if(!r && b.len)
		first->response = arena_printf(a, "%s\n\n%s", first->response, buf_str(&b));
	buf_free(&b);
	return r;
}

/* The warnings of both, first's first, each once. */
static ll_result merge_warnings(struct arena *a, struct answer *first, const struct answer *second)
{
	size_t nw = first->nwarnings + second->nwarnings, k = 0;
	const char **warnings = arena_alloc(a, (nw ? nw : 1) * sizeof(*warnings));

	if(!warnings)
		return LL_ENOMEM;
	for(size_t i = 0; i < first->nwarnings; i++)
		warnings[k++] = first->warnings[i];
	for(size_t i = 0; i < second->nwarnings; i++) {
		bool dup = false;

		for(size_t j = 0; j < k && !dup; j++)
			dup = strcmp(warnings[j], second->warnings[i]) == 0;
		if(!dup)
			warnings[k++] = second->warnings[i];
	}
	first->warnings = warnings;
	first->nwarnings = k;
	return LL_OK;
}

/* The citations of both, first's first, each section once. */
static ll_result merge_citations(struct arena *a, struct answer *first, const struct answer *second)
{
	size_t nc = first->ncitations + second->ncitations, k = 0;
	struct citation *citations = arena_alloc(a, (nc ? nc : 1) * sizeof(*citations));

	if(!citations)
		return LL_ENOMEM;
	for(size_t i = 0; i < first->ncitations; i++)
		citations[k++] = first->citations[i];
	for(size_t i = 0; i < second->ncitations; i++) {
		bool dup = false;

		for(size_t j = 0; j < k && !dup; j++)
			dup = citations[j].document_id == second->citations[i].document_id &&
			      strcmp(citations[j].section, second->citations[i].section) == 0;
		if(!dup)
			citations[k++] = second->citations[i];
	}
	first->citations = citations;
	first->ncitations = k;
	return LL_OK;
}

/* Safety's answer first, then the other agent's: warnings of both, steps
 * of the first (else the second's), citations of both. */
static ll_result merge_answers(struct arena *a, struct answer *first, const struct answer *second)
{
	ll_result r;

	if(second->confidence < 0.4 && !second->nsteps)
		return LL_OK;                 /* the second agent found nothing: say nothing */
	if(first->confidence < 0.4) {
		/* the first found nothing sure: the surer of the two stands alone */
		bool escalate = first->escalate;

		if(second->confidence > first->confidence)
			*first = *second;
		first->escalate |= escalate;
		return LL_OK;
	}
	r = merge_sentences(a, first, second);
	if(!r && !first->response)
		r = LL_ENOMEM;
	if(!r)
		r = merge_warnings(a, first, second);
	if(!r)
		r = merge_citations(a, first, second);
	if(r)
		return r;
	if(!first->nsteps) {
		first->steps = second->steps;
		first->nsteps = second->nsteps;
	}
	first->escalate |= second->escalate;
	first->service_call_recommended |= second->service_call_recommended;
	first->degraded |= second->degraded;
	first->incomplete |= second->incomplete;
	return LL_OK;
}

/* Rounded doubles print as 0.734, not 0.73399999999999999. */
static struct json_object *jdouble(double v, int decimals)
{
	char text[32];

	snprintf(text, sizeof(text), "%.*f", decimals, v);
	return json_object_new_double_s(v, text);
}

static struct json_object *strings_json(const char *const *items, size_t n)
{
	struct json_object *arr = json_object_new_array();

	for(size_t i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_string(items[i]));
	return arr;
}

static struct json_object *citations_json(const struct answer *a)
{
	struct json_object *arr = json_object_new_array();

	for(size_t i = 0; i < a->ncitations; i++) {
		const struct citation *c = &a->citations[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "document_id", json_object_new_int64(c->document_id));
		json_object_object_add(o, "title", json_object_new_string(c->title));
		json_object_object_add(o, "section", json_object_new_string(c->section));
		json_object_object_add(o, "snippet", json_object_new_string(c->snippet));
		json_object_object_add(o, "score", jdouble(c->score, 3));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* The agents whose sections the answer drew on, the leading one first:
 * the routed agent, its secondary, and the agent whose manual the lead
 * section comes from ("what temp should the freezer be", routed to
 * equipment, is answered from a safety manual). */
static int agents_consulted(const struct chat_result *r, const char *names[AGENTS_CONSULTED])
{
	enum agent_id lead = r->answer.ncitations && r->answer.citations[0].category
	                             ? agent_from_name(r->answer.citations[0].category)
	                             : AGENT_NONE;
	int n = 0;

	names[n++] = agent_name(r->agent);
	if(r->secondary != AGENT_NONE)
		names[n++] = agent_name(r->secondary);
	if(lead != AGENT_NONE && lead != AGENT_GENERAL && lead != r->agent && lead != r->secondary)
		names[n++] = agent_name(lead);
	return n;
}

/* An answer the crew sees must be one the conversation keeps: a failure
 * here fails the request (503), so a 200 always means stored. */
static ll_result store_result(const struct answer_ctx *actx, const struct chat_request *in,
                              struct chat_result *r)
{
	ll_result result;
	struct json_object *cit = citations_json(&r->answer);
	struct json_object *warn = strings_json(r->answer.warnings, r->answer.nwarnings);
	struct json_object *steps = strings_json(r->answer.steps, r->answer.nsteps);
	const char *names[AGENTS_CONSULTED];
	int n = agents_consulted(r, names);
	char consulted[64];
	struct store_idempotency idem;
	struct json_object *body = NULL;
	struct store_exchange x = {
		.conversation_ref = r->conversation_ref,
		.request_id = r->request_id,
		.question = in->message,
		.priority = in->priority,
		.agent = agent_name(r->agent),
		.route_confidence = r->classification.confidence,
		.agents_consulted = consulted,
		.answer = &r->answer,
		.citations_json = json_object_to_json_string_ext(cit, JSON_C_TO_STRING_PLAIN),
		.warnings_json = json_object_to_json_string_ext(warn, JSON_C_TO_STRING_PLAIN),
		.steps_json = json_object_to_json_string_ext(steps, JSON_C_TO_STRING_PLAIN),
		.processing_ms = r->processing_time * 1000.0,
	};

	snprintf(consulted, sizeof(consulted), "{%s%s%s%s%s}", names[0], n > 1 ? "," : "",
	         n > 1 ? names[1] : "", n > 2 ? "," : "", n > 2 ? names[2] : "");
	if(in->idem) {
		/* what a retry with the same key gets: this answer, as sent */
		idem = *in->idem;
		body = orchestrator_result_json(r);
		idem.response = json_object_to_json_string_ext(
			body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		idem.status = 200;
		idem.request_id = r->request_id;
	}
	result = store_exchange(actx->db, &x, in->idem ? &idem : NULL);
	if(result == LL_OK)
		r->stored = true;
	else if(result != LL_ECONFLICT && result != LL_ENOTFOUND)
		log_error("store_failed", "the exchange could not be stored: %s",
		          actx->db->last_error);
	if(body)
		json_object_put(body);
	json_object_put(cit);
	json_object_put(warn);
	json_object_put(steps);
	return result;
}

/* A question the classifier could not place ("how do i reseason the waffle
 * grids") that names words only an uploaded manual's headings hold goes to
 * the agent of that manual's category, not to small talk. */
static void manual_words_agent(const struct answer_ctx *actx, struct chat_result *out)
{
	char words[CLASSIFIER_UNKNOWN * 33] = "";
	const char *category = NULL;
	enum agent_id agent;
	size_t used = 0;

	if(out->agent != AGENT_GENERAL || out->classification.nunknown == 0)
		return;
	for(int i = 0; i < out->classification.nunknown; i++)
		used += (size_t)snprintf(words + used, sizeof(words) - used, "%s%s", i ? " " : "",
		                         out->classification.unknown[i]);
	if(retriever_words_category(actx, words, &category) || !category)
		return;
	agent = agent_from_name(category);
	if(agent != AGENT_NONE && agent != AGENT_GENERAL)
		out->agent = agent;
}

/* The agents that answer: the classifier's (or the request's override),
 * safety first whenever an emergency is named.  LL_EVALIDATION for an
 * unknown override. */
static ll_result choose_agents(const struct answer_ctx *actx, const struct chat_request *in,
                               const char *text,
                               struct chat_result *out, bool *emergency)
{
	const struct emergency *emergencies[LEXICON_MAX_EMERGENCIES];

	classifier_classify(actx->classifier, text, &out->classification);
	out->agent = out->classification.agent;
	out->secondary = out->classification.secondary;
	if(in->agent) {
		out->agent = agent_from_name(in->agent);
		out->secondary = AGENT_NONE;
		if(out->agent == AGENT_NONE)
			return LL_EVALIDATION;
	}
	if(!in->agent)
		manual_words_agent(actx, out);
	*emergency = lexicon_emergencies(actx->kit->lexicon, text, emergencies,
	                                 LEXICON_MAX_EMERGENCIES) > 0;
	if(*emergency && !in->agent && out->agent != AGENT_SAFETY) {
		/* life safety first: the emergency's procedure leads, the rest after */
		out->secondary = out->agent;
		out->agent = AGENT_SAFETY;
	}
	if(out->secondary == out->agent || out->secondary == AGENT_GENERAL ||
	   out->agent == AGENT_GENERAL)
		out->secondary = AGENT_NONE;
	return LL_OK;
}

/* A follow-up without a topic word of its own ("what about the upper
 * plate?") stays with the agent of the conversation; one that leans on the
 * thread ("and if i freeze half does the clock stop" after the sliced ham)
 * is the thread's agent's first, its own agent's second. */
static void keep_thread_agent(const struct turn *history, size_t nhistory, bool leans,
                              struct chat_result *out)
{
	enum agent_id own = out->agent;

	if(!nhistory ||
	   (!leans && out->agent != AGENT_GENERAL && out->classification.confidence >= 0.5))
		return;
	for(size_t i = nhistory; i-- > 0;) {
		enum agent_id prev = history[i].agent ? agent_from_name(history[i].agent)
		                                      : AGENT_NONE;

		if(strcmp(history[i].role, "assistant") != 0 || prev == AGENT_NONE ||
		   prev == AGENT_GENERAL)
			continue;
		out->agent = prev;
		out->secondary = leans && own != prev && own != AGENT_GENERAL ? own : AGENT_NONE;
		return;
	}
}

/* A fresh *out with the exchange's ids: the request's, the conversation's
 * (new ones when the client gave none) and the conversation as stored. */
static ll_result name_exchange(const struct answer_ctx *actx, const struct chat_request *in,
                               struct chat_result *out)
{
	memset(out, 0, sizeof(*out));
	out->secondary = AGENT_NONE;
	out->request_id = in->request_id ? in->request_id : random_id(actx->arena, "cli-");
	out->conversation_id = in->conversation_id ? in->conversation_id
	                                           : random_id(actx->arena, "conv_");
	if(out->conversation_id)
		out->conversation_ref = store_conversation_ref(actx->arena, in->owner,
		                                               out->conversation_id);
	return out->request_id && out->conversation_ref ? LL_OK : LL_ENOMEM;
}

/* q answered by out->agent, then by out->secondary when there is one and
 * the first answer does not already hold it (an emergency's does), the
 * two merged into out->answer. */
static ll_result answer_agents(const struct answer_ctx *actx, struct question *q, const char *query,
                               bool emergency, generator_token_fn on_token, void *ctx,
                               struct chat_result *out, bool *degraded)
{
	enum agent_id order[2] = {out->agent, out->secondary};
	struct answer second;
	ll_result result;

	q->agent = order[0];
	q->secondary = order[1];
	result = generator_answer(actx, q, query, on_token, ctx, &out->answer, degraded);
	if(result || order[1] == AGENT_NONE || out->answer.incomplete || emergency)
		return result;
	q->agent = order[1];
	q->secondary = order[0];
	if(on_token && on_token(ctx, "\n\n", 2) != 0)
		out->answer.incomplete = true;
	result = generator_answer(actx, q, query, out->answer.incomplete ? NULL : on_token, ctx,
	                          &second, degraded);
	if(!result)
		result = merge_answers(actx->arena, &out->answer, &second);
	return result;
}

ll_result orchestrator_answer(const struct answer_ctx *actx, const struct chat_request *in,
                              generator_token_fn on_token, void *ctx, struct chat_result *out)
{
	double t0 = clock_mono();
	struct turn *history = NULL;
	size_t nhistory = 0;
	struct question q;
	const char *query, *text;
	bool degraded = false, emergency, leans;
	ll_result result;

	result = name_exchange(actx, in, out);
	if(result)
		goto out;
	answer_stage(actx, "classifying");
	/* the crew's words as the manuals say them, for every step after */
	text = lexicon_rewrite(actx->kit->lexicon, actx->arena, in->message);
	if(!text) {
		result = LL_ENOMEM;
		goto out;
	}
	result = choose_agents(actx, in, text, out, &emergency);
	if(result)
		goto out;
	if(in->conversation_id) {
		answer_stage(actx, "history");
		result = store_history(actx->db, actx->arena, out->conversation_ref, HISTORY_TURNS,
		                       &history, &nhistory);
		if(result)
			goto out;
	}
	leans = leans_on_history(text) || after_emergency(actx, text, history, nhistory);
	if(!in->agent && !emergency)
		keep_thread_agent(history, nhistory, leans, out);
	/* the agent is settled: a stream shows it now, before retrieval and
	 * generation (on_token's "no text" call, see orchestrator.h) */
	if(on_token && on_token(ctx, NULL, 0)) {
		log_info("client_gone", "the client left before the answer");
	}
	query = followup_query(actx, text, history, nhistory, leans);
	if(!query) {
		result = LL_ENOMEM;
		goto out;
	}
	memset(&q, 0, sizeof(q));
	q.text = text;
	q.conversation_id = out->conversation_id;
	q.priority = in->priority;
	q.history = history;
	q.nhistory = nhistory;
	result = answer_agents(actx, &q, query, emergency, on_token, ctx, out, &degraded);
	if(result)
		goto out;
	out->answer.degraded |= degraded;
	orchestrator_timestamp(out->timestamp, sizeof(out->timestamp));
	/* the time to make the answer, as stored with it: the answer object an
	 * Idempotency-Key keeps is then the very one sent now */
	out->processing_time = clock_mono() - t0;
	answer_stage(actx, "storing");
	if(actx->trace) {
		actx->trace->agent = agent_name(out->agent);
		actx->trace->degraded = out->answer.degraded;
		actx->trace->cached = out->answer.cached;
	}
	result = store_result(actx, in, out);
out:
	return result;
}

struct json_object *orchestrator_result_json(const struct chat_result *r)
{
	struct json_object *o = json_object_new_object(), *agents = json_object_new_array();
	const char *names[AGENTS_CONSULTED];
	int n = agents_consulted(r, names);

	for(int i = 0; i < n; i++)
		json_object_array_add(agents, json_object_new_string(names[i]));
	json_object_object_add(o, "response",
	                       json_object_new_string(r->answer.response ? r->answer.response
	                                                                 : ""));
	json_object_object_add(o, "conversation_id", json_object_new_string(r->conversation_id));
	json_object_object_add(o, "agent_used", json_object_new_string(agent_name(r->agent)));
	json_object_object_add(o, "agents_consulted", agents);
	json_object_object_add(o, "confidence", jdouble(r->answer.confidence, 3));
	json_object_object_add(o, "safety_warnings",
	                       strings_json(r->answer.warnings, r->answer.nwarnings));
	json_object_object_add(o, "steps", strings_json(r->answer.steps, r->answer.nsteps));
	json_object_object_add(o, "citations", citations_json(&r->answer));
	json_object_object_add(o, "service_call_recommended",
	                       json_object_new_boolean(r->answer.service_call_recommended));
	json_object_object_add(o, "escalate", json_object_new_boolean(r->answer.escalate));
	json_object_object_add(o, "degraded", json_object_new_boolean(r->answer.degraded));
	json_object_object_add(o, "cached", json_object_new_boolean(r->answer.cached));
	json_object_object_add(o, "model",
	                       json_object_new_string(r->answer.model ? r->answer.model : "local"));
	json_object_object_add(o, "timestamp", json_object_new_string(r->timestamp));
	json_object_object_add(o, "processing_time", jdouble(r->processing_time, 6));
	json_object_object_add(o, "request_id", json_object_new_string(r->request_id));
	return o;
}

struct json_object *orchestrator_classification_json(const struct classification *c)
{
	struct json_object *o = json_object_new_object(), *scores = json_object_new_object();
	struct json_object *keywords = json_object_new_array();

	for(int i = 0; i < AGENT_COUNT; i++)
		json_object_object_add(scores, agent_name((enum agent_id)i),
		                       jdouble(c->scores[i], 4));
	for(int i = 0; i < c->nkeywords; i++)
		json_object_array_add(keywords, json_object_new_string(c->keywords[i]));
	json_object_object_add(o, "agent", json_object_new_string(agent_name(c->agent)));
	json_object_object_add(o, "confidence", jdouble(c->confidence, 4));
	json_object_object_add(o, "runner_up", json_object_new_string(agent_name(c->runner_up)));
	json_object_object_add(o, "secondary_agent", c->secondary == AGENT_NONE ? NULL :
	                       json_object_new_string(agent_name(c->secondary)));
	json_object_object_add(o, "scores", scores);
	json_object_object_add(o, "keywords", keywords);
	json_object_object_add(o, "urgency",
	                       json_object_new_string(c->urgency ? c->urgency : "normal"));
	json_object_object_add(o, "reasoning", json_object_new_string(c->reasoning));
	return o;
}
