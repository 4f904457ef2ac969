/* generator.c - the answer for one agent.
 *
 * The order of preference: the answer cache (a repeated question, no
 * history in play, the knowledge base unchanged), then the LLM when one is
 * configured and its circuit breaker lets us call, else the local answer
 * path (answer/path.h).  The local answer is made first in every case (a
 * few ms): its emergency procedures and ranked sections are the passages
 * the model reads, it is the fallback of every LLM failure (then degraded
 * = true), and it gives the LLM answer its confidence and the warnings the
 * sections hold.  An emergency's answer is the local one: a procedure is
 * never paraphrased by a model.
 *
 * The LLM is asked for a JSON object (llm_answer_format) and streamed: the
 * decoded characters of its "answer" field go to on_token as they arrive
 * (llm_field_stream), the whole object is validated at the end, an invalid
 * one gets one corrective retry that says what was wrong.  Citations come
 * only from the passages the model cited; ids it invented are dropped.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agents.h"
#include "answer/path.h"
#include "buf.h"
#include "cache.h"
#include "text/terms.h"
#include "generator.h"
#include "llm.h"
#include "llm_field.h"
#include "llm_reply.h"
#include "log.h"
#include "retriever.h"
#include "scoreboard.h"
#include "settings.h"

#define GEN_PASSAGES_MAX 8          /* passages shown to the model */
#define GEN_PASSAGE_CHARS 1800      /* of each passage's body */
#define GEN_TURN_CHARS 1200         /* of each earlier turn */
#define GEN_PROMPT_MAX (96 * 1024)  /* the user message, passages included */
#define GEN_SNIPPET_CHARS 200
#define GEN_BUDGET_RESERVE_S 0.4    /* kept back for the fallback and storing */
#define GEN_INVALID_MAX 120         /* what was wrong with a reply, told to the model */

/* Sends text to on_token in sentence-sized pieces; stops when it asks to. */
static bool generator_emit(const char *text, generator_token_fn on_token, void *ctx)
{
	const char *p = text;

	while(*p) {
		const char *end = p;

		while(*end && !((*end == '.' || *end == '!' || *end == '?' || *end == ':') &&
		                 end[1] == ' '))
			end++;
		if(*end)
			end += 2;    /* the punctuation and the space go with the sentence */
		if(on_token(ctx, p, (size_t)(end - p)) != 0)
			return false;
		p = end;
	}
	return true;
}

/* The length of at most max bytes of s, not cutting a UTF-8 character. */
static size_t utf8_prefix(const char *s, size_t max)
{
	size_t n = strlen(s);

	if(n <= max)
		return n;
	while(max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* ---- the request to the model ------------------------------------------- */

static ll_result gen_append_clipped(struct buf *b, const char *s, size_t max)
{
	size_t n = utf8_prefix(s ? s : "", max);
	ll_result result = buf_append(b, s ? s : "", n);

	if(!result && n < strlen(s ? s : ""))
		result = buf_appends(b, " [...]");
	return result;
}

/* The user message: the passages with their ids, then the question. */
static ll_result gen_user_message(const struct question *q, const struct passages *p, struct buf *b)
{
	size_t n = p->count < GEN_PASSAGES_MAX ? p->count : GEN_PASSAGES_MAX;
	ll_result result = LL_OK;
	char id[16];

	if(n == 0)
		result = buf_appends(b, "Passages: none were found in the store's manuals for this "
		                        "question.\n\n");
	else
		result = buf_appends(b, "Passages from the store's manuals (cite them by id):\n\n");
	for(size_t i = 0; i < n && !result; i++) {
		const struct passage *ps = &p->items[i];

		llm_passage_id(i, id, sizeof(id));
		result = buf_printf(b, "[%s] %s%s%s\n", id, ps->title ? ps->title : "",
		                    ps->section && ps->section[0] ? " - " : "",
		                    ps->section ? ps->section : "");
		if(!result)
			result = gen_append_clipped(b, ps->body, GEN_PASSAGE_CHARS);
		if(!result)
			result = buf_appends(b, "\n\n");
	}
	if(!result && q->priority >= PRIORITY_HIGH)
		result = buf_printf(b, "Priority: %s.\n", priority_name(q->priority));
	if(!result)
		result = buf_appends(b, "Question: ");
	if(!result)
		result = buf_appends(b, q->text);
	return result;
}

/* The system prompt of the agent plus the shape of the reply. */
static const char *gen_system_prompt(struct arena *a, enum agent_id agent)
{
	return arena_printf(a, "%s\n\nReply with one JSON object and nothing else: \"answer\" (the "
	                    "text shown to the crew, citing passage ids like [P1]), \"steps\" (the "
	                    "steps in order, one action each; [] when none), \"safety_warnings\" "
	                    "(from the passages; [] when none), \"cited_passages\" (the ids of the "
	                    "passages you used, e.g. [\"P1\"]), \"escalate\" and "
	                    "\"service_call_recommended\" (true or false).",
	                    agent_get(agent)->system_prompt);
}

/* system, the recent turns (bounded), the user message. */
static ll_result gen_messages(const struct answer_ctx *actx, const struct question *q,
                              const struct passages *p,
                              struct llm_message **out, size_t *nout)
{
	size_t max_turns = (size_t)actx->settings->llm_history_turns * 2, first = 0, n = 0;
	struct llm_message *m;
	struct buf user;
	ll_result result = LL_ENOMEM;

	buf_init(&user, GEN_PROMPT_MAX);
	if(q->nhistory > max_turns)
		first = q->nhistory - max_turns;
	m = arena_alloc(actx->arena, (q->nhistory - first + 2) * sizeof(*m));
	if(!m)
		goto out;
	m[n].role = "system";
	m[n++].content = gen_system_prompt(actx->arena, q->agent);
	for(size_t i = first; i < q->nhistory; i++) {
		const struct turn *t = &q->history[i];
		bool assistant = t->role && !strcmp(t->role, "assistant");

		if(!t->content || !t->content[0])
			continue;
		m[n].role = assistant ? "assistant" : "user";
		m[n++].content = arena_strndup(actx->arena, t->content,
		                               utf8_prefix(t->content, GEN_TURN_CHARS));
	}
	result = gen_user_message(q, p, &user);
	if(result)
		goto out;
	m[n].role = "user";
	m[n++].content = arena_strndup(actx->arena, buf_str(&user), user.len);
	result = LL_ENOMEM;
	for(size_t i = 0; i < n; i++)
		if(!m[i].content)
			goto out;
	*out = m;
	*nout = n;
	result = LL_OK;
out:
	buf_free(&user);
	return result;
}

/* ---- streaming the answer field to the client ---------------------------- */

struct gen_stream {
	generator_token_fn on_token;
	void *ctx;
	struct llm_field_stream fs;
	struct buf shown;         /* what reached the client */
	bool gone;                /* on_token said the client left */
};

static int gen_emit(void *ctx, const char *text, size_t len)
{
	struct gen_stream *s = ctx;

	if(buf_append(&s->shown, text, len) != LL_OK)
		return 1;
	if(s->on_token && s->on_token(s->ctx, text, len) != 0) {
		s->gone = true;
		return 1;
	}
	return 0;
}

static int gen_on_delta(void *ctx, const char *text, size_t len)
{
	struct gen_stream *s = ctx;

	return llm_field_stream_feed(&s->fs, text, len);
}

/* ---- from the reply to the answer ---------------------------------------- */

static struct citation gen_citation(struct arena *a, const struct passage *p)
{
	struct citation c;

	c.document_id = p->document_id;
	c.title = p->title ? p->title : "";
	c.section = p->section ? p->section : "";
	c.snippet = p->body ? arena_strndup(a, p->body, utf8_prefix(p->body, GEN_SNIPPET_CHARS))
	                    : "";
	if(!c.snippet)
		c.snippet = "";
	c.score = p->score;
	c.category = p->category;
	return c;
}

/* The model's answer over the local answer's: text, steps, warnings (the
 * local answer's when the model gave none: a warning in the manual is never
 * lost), citations of the cited passages; flags OR-ed. */
static ll_result gen_apply_reply(const struct answer_ctx *actx, const struct llm_reply *r,
                                 const struct passages *p, struct answer *out)
{
	size_t ncits = r->ncited ? r->ncited : 1;
	struct citation *cits = arena_alloc(actx->arena, ncits * sizeof(*cits));

	if(!cits)
		return LL_ENOMEM;
	/* The model's answer alone; gen_merge_local() joins it to the local answer's. */
	out->response = r->answer;
	out->steps = r->steps;
	out->nsteps = r->nsteps;
	out->warnings = r->warnings;
	out->nwarnings = r->nwarnings;
	for(size_t i = 0; i < r->ncited; i++)
		cits[i] = gen_citation(actx->arena, &p->items[r->cited[i]]);
	out->citations = cits;
	out->ncitations = r->ncited;
	out->escalate = r->escalate;
	out->service_call_recommended = r->service_call_recommended;
	out->model = llm_model(actx->llm);
	return LL_OK;
}

/* ---- the LLM path --------------------------------------------------------- */

/* What one model call gave: LL_OK with *reply parsed; LL_EVALIDATION when
 * the reply is there but not valid (invalid says why, for the corrective
 * retry, and so does *why); any other result when the call failed or the
 * model refused (*why says which, prefixed by `when`).  Only LL_ENOMEM is an
 * error of ours. */
static ll_result gen_judge(const struct answer_ctx *actx, ll_result call,
                           const struct llm_outcome *o,
                           size_t npass, struct llm_reply *reply, char *invalid, size_t invalidlen,
                           const char *when, char *why, size_t whylen)
{
	ll_result r;

	if(call) {
		snprintf(why, whylen, "%scall failed: %s", when,
		         o->reason[0] ? o->reason : result_code(call));
		return call == LL_EVALIDATION ? LL_EUPSTREAM : call;
	}
	if(o->refusal) {
		snprintf(why, whylen, "%sthe model refused", when);
		return LL_EUPSTREAM;
	}
	r = llm_reply_parse(actx->arena, o->content, o->len, npass, reply, invalid, invalidlen);
	if(r == LL_ENOMEM)
		return r;
	if(r) {
		snprintf(why, whylen, "%sinvalid reply: %s", when, invalid);
		return LL_EVALIDATION;
	}
	return LL_OK;
}

/* The client left mid-stream: the answer is what it was shown (*used),
 * incomplete, without citations. */
static ll_result gen_keep_shown(const struct answer_ctx *actx, const struct buf *shown,
                                struct answer *out, bool *used)
{
	out->response = arena_strndup(actx->arena, buf_str(shown), shown->len);
	if(!out->response)
		return LL_ENOMEM;
	out->model = llm_model(actx->llm);
	out->incomplete = true;
	out->ncitations = 0;
	*used = true;
	log_info("llm_client_gone", "the client left after %zu bytes of the answer", shown->len);
	return LL_OK;
}

/* One corrective retry, as PydanticAI does: call's messages, the model's
 * own reply (*o), then what was wrong with it (invalid, GEN_INVALID_MAX
 * bytes); not streamed.  Returns as gen_judge does, LL_ENOMEM included. */
static ll_result gen_retry(const struct answer_ctx *actx, struct llm_call *call,
                           struct llm_outcome *o, size_t npass, struct llm_reply *reply,
                           char *invalid, char *why, size_t whylen)
{
	size_t nmsgs = call->nmessages;
	struct llm_message *m;
	ll_result r;

	log_info("llm_invalid_reply", "%s; asking once more", invalid);
	m = arena_alloc(actx->arena, (nmsgs + 2) * sizeof(*m));
	if(!m)
		return LL_ENOMEM;
	memcpy(m, call->messages, nmsgs * sizeof(*m));
	m[nmsgs].role = "assistant";
	m[nmsgs].content = o->len ? o->content : "(empty)";
	m[nmsgs + 1].role = "user";
	m[nmsgs + 1].content = arena_printf(actx->arena,
		"Your reply was not valid: %s. Reply again with only the JSON object: "
		"answer (string), steps (array of strings), safety_warnings (array of strings), "
		"cited_passages (array of passage ids such as \"P1\"), escalate and "
		"service_call_recommended (booleans).", invalid);
	if(!m[nmsgs + 1].content)
		return LL_ENOMEM;
	call->messages = m;
	call->nmessages = nmsgs + 2;
	call->stream = false;
	call->on_delta = NULL;
	call->ctx = NULL;
	r = llm_chat(actx->llm, actx->arena, call, o);
	return gen_judge(actx, r, o, npass, reply, invalid, GEN_INVALID_MAX,
	                 "after the corrective retry: ", why, whylen);
}

/* Seconds the model may take: llm_timeout_ms, or less when the request's
 * deadline comes sooner (GEN_BUDGET_RESERVE_S is kept for what follows). */
static double gen_time_for_model(const struct answer_ctx *actx)
{
	double most = actx->settings->llm_timeout_ms / 1000.0;
	double left = actx->deadline > 0 ? answer_time_left(actx, 0) - GEN_BUDGET_RESERVE_S : most;

	return left > most ? most : left;
}

/* Tries the LLM.  LL_OK with *used: out holds the model's answer (or, when
 * the client left, what it had said so far, incomplete).  LL_OK without
 * *used: *why says why not, out is untouched.  Only LL_ENOMEM fails. */
static ll_result gen_llm(const struct answer_ctx *actx, const struct question *q,
                         const struct passages *p, generator_token_fn on_token, void *ctx,
                         struct answer *out, bool *used, bool *streamed, char *why, size_t whylen)
{
	size_t npass = p->count < GEN_PASSAGES_MAX ? p->count : GEN_PASSAGES_MAX;
	struct llm_message *msgs = NULL;
	struct llm_outcome o;
	struct llm_reply reply;
	struct gen_stream s;
	struct llm_call call;
	char invalid[GEN_INVALID_MAX];
	double left, deadline;
	size_t nmsgs = 0;
	ll_result result, r;

	*used = false;
	*streamed = false;
	memset(&s, 0, sizeof(s));
	buf_init(&s.shown, LLM_CONTENT_MAX);
	left = gen_time_for_model(actx);
	result = LL_OK;
	if(left < 0.2) {
		snprintf(why, whylen, "no time left in the request budget");
		goto out;
	}
	deadline = clock_mono() + left;
	result = gen_messages(actx, q, p, &msgs, &nmsgs);
	if(result)
		goto out;
	s.on_token = on_token;
	s.ctx = ctx;
	llm_field_stream_init(&s.fs, "answer", gen_emit, &s);
	memset(&call, 0, sizeof(call));
	call.messages = msgs;
	call.nmessages = nmsgs;
	call.response_format = llm_answer_format();
	call.stream = true;
	call.deadline = deadline;
	call.on_delta = gen_on_delta;
	call.ctx = &s;
	r = llm_chat(actx->llm, actx->arena, &call, &o);
	if(actx->trace && o.attempts)
		actx->trace->llm_called = true;
	*streamed = s.shown.len > 0;
	if(r == LL_EIO && s.gone) {
		result = gen_keep_shown(actx, &s.shown, out, used);
		goto out;
	}
	r = gen_judge(actx, r, &o, npass, &reply, invalid, sizeof(invalid), "", why, whylen);
	if(r == LL_ENOMEM) {
		result = r;
		goto out;
	}
	if(r && r != LL_EVALIDATION)
		goto out;
	if(r) {
		r = gen_retry(actx, &call, &o, npass, &reply, invalid, why, whylen);
		if(r == LL_ENOMEM)
			result = r;
		if(r)
			goto out;
	}
	if(reply.ninvented)
		log_info("llm_invented_citations", "dropped %zu cited id(s) that name no passage",
		         reply.ninvented);
	result = gen_apply_reply(actx, &reply, p, out);
	if(result)
		goto out;
	*used = true;
	/* Nothing streamed yet (no answer field in an invalid first reply, or a
	 * server that ignored stream): the client gets the text now. */
	if(!*streamed && on_token && !generator_emit(out->response, on_token, ctx))
		out->incomplete = true;
	*streamed = true;
out:
	buf_free(&s.shown);
	return result;
}

/* The model's answer over the local answer's: *local becomes the answer.  The
 * model's text, steps and citations win; the local answer's confidence stays,
 * its escalation and service flags add up, and its warnings stand in when
 * the model gave none.  A stream cut short keeps the local answer's steps and
 * warnings beside the text the client saw, without citations. */
static void gen_merge_local(const struct answer *model, struct answer *local)
{
	if(model->incomplete) {
		local->response = model->response;
		local->model = model->model;
		local->incomplete = true;
		local->ncitations = 0;
		return;
	}
	local->response = model->response;
	local->steps = model->steps;
	local->nsteps = model->nsteps;
	if(model->nwarnings) {
		local->warnings = model->warnings;
		local->nwarnings = model->nwarnings;
	}
	local->citations = model->citations;
	local->ncitations = model->ncitations;
	local->escalate |= model->escalate;
	local->service_call_recommended |= model->service_call_recommended;
	local->model = model->model;
	local->degraded = false;
}

/* The model's answer from the local path's sources, merged over the local
 * answer *out (which stays, marked degraded, when the model fails); cached
 * under key when key is not NULL. */
static ll_result gen_model_answer(const struct answer_ctx *actx, const struct question *q,
                                  const struct passages *sources,
                                  generator_token_fn on_token, void *ctx,
                                  struct answer *out, bool *used, const char *key,
                                  long long kb_version)
{
	const struct settings *s = actx->settings;
	struct answer model;
	bool streamed = false;
	char why[200] = "";
	ll_result result;

	memset(&model, 0, sizeof(model));
	result = gen_llm(actx, q, sources, on_token, ctx, &model, used, &streamed, why,
	                 sizeof(why));
	if(result)
		return result;
	if(*used) {
		gen_merge_local(&model, out);
		if(key && !out->incomplete &&
		   cache_put(actx->db, key, agent_name(q->agent), kb_version,
		             s->cache_ttl_s, out) != LL_OK)
			log_warn("cache_put_failed", "the answer was not cached");
		return LL_OK;
	}
	out->degraded = true;
	out->degraded_reason = arena_strdup(actx->arena, why);
	if(actx->scoreboard)
		scoreboard_add(&actx->scoreboard->c.llm_fallbacks, 1);
	log_warn("llm_fallback", "answering with the local answer path: %s", why);
	return LL_OK;
}

ll_result generator_answer(const struct answer_ctx *actx, const struct question *q,
                           const char *query, generator_token_fn on_token, void *ctx,
                           struct answer *out, bool *degraded)
{
	const struct settings *s = actx->settings;
	struct passages found = {0};
	const struct passages *passages = &found;
	bool cacheable, used = false;
	char key[CACHE_KEY_LEN + 1];
	long long kb_version = -1;
	struct passages sources = {0};
	bool emergency = false;
	ll_result result;

	/* The cache holds model answers: without a model there is nothing to save. */
	cacheable = actx->llm && s->cache && s->cache_ttl_s > 0 && q->nhistory == 0;
	if(cacheable) {
		cache_key(q->text, agent_name(q->agent), llm_model(actx->llm), key);
		if(cache_get(actx->db, actx->arena, key, &kb_version, out) == LL_OK) {
			if(actx->scoreboard)
				scoreboard_add(&actx->scoreboard->c.cache_hits, 1);
			if(actx->trace)
				actx->trace->cached = true;
			if(on_token && !generator_emit(out->response, on_token, ctx))
				out->incomplete = true;
			result = LL_OK;
			goto out;
		}
	}
	if(agent_get(q->agent)->retrieves) {
		answer_stage(actx, "retrieving");
		result = retriever_search(actx, query, q->agent, &found, degraded);
		if(result)
			goto out;
	}
	answer_stage(actx, "generating");
	/* The local answer first (a few ms): what it understood, the emergency
	 * procedures and the ranked sections are what a model reads, and it is
	 * the fallback of every model failure.  An emergency's procedure is
	 * never left to a model: it stands as the knowledge base gives it. */
	result = answer_local(actx, q, query, passages, out, actx->llm ? &sources : NULL,
	                      &emergency);
	if(result)
		goto out;
	out->model = "local";
	if(actx->llm && !emergency)
		result = gen_model_answer(actx, q, &sources, on_token, ctx, out, &used,
		                          cacheable ? key : NULL,
		                          kb_version);
	if(!used && on_token && !generator_emit(out->response, on_token, ctx))
		out->incomplete = true;
out:
	return result;
}
