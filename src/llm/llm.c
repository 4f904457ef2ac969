/* llm.c - the OpenAI-compatible Chat Completions client: its transport
 * (libcurl, the retries) and its circuit breaker.  The request body and the
 * reply read back: llm_wire.c; the answer object: llm_reply.c; its streamed
 * text: llm_field.c.
 *
 * One CURL handle per client, reset (not recreated) between calls so the
 * connection to the model server stays open.  The response is read by a
 * write callback that decides on the first bytes whether it is an SSE stream
 * (200 + text/event-stream) or a JSON body (errors, or a server that ignored
 * stream:true), so both paths end in the same struct llm_outcome.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "buf.h"
#include "clock.h"
#include "llm.h"
#include "llm_wire.h"
#include "log.h"
#include "sse.h"

#define LLM_MAX_ATTEMPTS 3
#define LLM_AUTH_PREFIX "Authorization: Bearer "

struct llm {
	const struct settings *settings;
	struct scoreboard *sb;
	CURL *curl;
	char *url;                        /* {base}/chat/completions */
	struct curl_slist *headers_json;  /* owns a copy of the key: zeroed on free */
	struct curl_slist *headers_sse;
	char *auth_header;
	/* The breaker: in the scoreboard when there is one, else here. */
	int own_state, own_failures;
	double own_open_until;
	int *state, *failures;
	double *open_until;
};

/* ---- URL policy ---------------------------------------------------------- */

static bool llm_host_is_loopback(const char *host)
{
	if(!strcasecmp(host, "localhost") || !strcmp(host, "[::1]") || !strcmp(host, "::1"))
		return true;
	/* 127.0.0.0/8 written as a dotted quad. */
	if(strncmp(host, "127.", 4) == 0) {
		for(const char *p = host + 4; *p; p++)
			if(!isdigit((unsigned char)*p) && *p != '.')
				return false;
		return true;
	}
	return false;
}

ll_result llm_check_url(const char *url, bool allow_http, char *err, size_t errlen)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	ll_result result = LL_ECONFIG;

	if(!u) {
		result = LL_ENOMEM;
		goto out;
	}
	if(curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	   curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	   curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		snprintf(err, errlen, "llm_base_url is not a valid URL");
		goto out;
	}
	if(!strcasecmp(scheme, "https"))
		result = LL_OK;
	else if(!strcasecmp(scheme, "http")) {
		if(allow_http || llm_host_is_loopback(host))
			result = LL_OK;
		else
			snprintf(err, errlen, "llm_base_url: plain http is allowed only to a "
			         "loopback host; use https or set llm_allow_http = on");
	} else
		snprintf(err, errlen, "llm_base_url: the scheme must be https or http");
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return result;
}

/* ---- lifecycle ----------------------------------------------------------- */

/* The request headers of one kind of call onto *h: JSON in, `accept` out,
 * no "Expect: 100-continue" (libcurl would send it for big bodies: a round
 * trip lost), and the key when there is one.  LL_ENOMEM on failure. */
static ll_result llm_headers(struct curl_slist **h, const char *accept, const char *auth)
{
	const char *lines[4] = {"Content-Type: application/json", accept, "Expect:", auth};

	for(int i = 0; i < 4 && lines[i]; i++) {
		struct curl_slist *tmp = curl_slist_append(*h, lines[i]);

		if(!tmp)
			return LL_ENOMEM;
		*h = tmp;
	}
	return LL_OK;
}

ll_result llm_create(const struct settings *s, struct scoreboard *sb, struct llm **out)
{
	struct llm *llm = calloc(1, sizeof(*llm));
	char err[200];
	size_t n;
	ll_result result;

	*out = NULL;
	if(!llm) {
		result = LL_ENOMEM;
		goto out;
	}
	llm->settings = s;
	llm->sb = sb;
	if(sb) {
		llm->state = &sb->breaker_state;
		llm->failures = &sb->breaker_failures;
		llm->open_until = &sb->breaker_open_until;
	} else {
		llm->state = &llm->own_state;
		llm->failures = &llm->own_failures;
		llm->open_until = &llm->own_open_until;
	}
	result = llm_check_url(s->llm_base_url, s->llm_allow_http, err, sizeof(err));
	if(result) {
		log_error("llm_config", "%s", err);
		goto out;
	}
	result = LL_ENOMEM;
	n = strlen(s->llm_base_url);
	while(n && s->llm_base_url[n - 1] == '/')
		n--;
	llm->url = malloc(n + sizeof("/chat/completions"));
	if(!llm->url)
		goto out;
	memcpy(llm->url, s->llm_base_url, n);
	memcpy(llm->url + n, "/chat/completions", sizeof("/chat/completions"));
	llm->curl = curl_easy_init();
	if(!llm->curl)
		goto out;
	if(s->llm_api_key[0]) {
		size_t klen = strlen(s->llm_api_key);

		llm->auth_header = malloc(klen + sizeof(LLM_AUTH_PREFIX));
		if(!llm->auth_header)
			goto out;
		memcpy(llm->auth_header, LLM_AUTH_PREFIX, sizeof(LLM_AUTH_PREFIX) - 1);
		memcpy(llm->auth_header + sizeof(LLM_AUTH_PREFIX) - 1, s->llm_api_key, klen + 1);
	}
	if(llm_headers(&llm->headers_json, "Accept: application/json", llm->auth_header) ||
	   llm_headers(&llm->headers_sse, "Accept: text/event-stream", llm->auth_header))
		goto out;
	result = LL_OK;
	*out = llm;
out:
	if(result)
		llm_free(llm);
	return result;
}

/* Zeroes the strings that hold the key before they go back to malloc. */
static void llm_slist_wipe(struct curl_slist *h)
{
	for(; h; h = h->next)
		if(h->data)
			memset(h->data, 0, strlen(h->data));
}

void llm_free(struct llm *llm)
{
	if(!llm)
		return;
	if(llm->curl)
		curl_easy_cleanup(llm->curl);
	llm_slist_wipe(llm->headers_json);
	llm_slist_wipe(llm->headers_sse);
	curl_slist_free_all(llm->headers_json);
	curl_slist_free_all(llm->headers_sse);
	if(llm->auth_header) {
		memset(llm->auth_header, 0, strlen(llm->auth_header));
		free(llm->auth_header);
	}
	free(llm->url);
	free(llm);
}

const char *llm_model(const struct llm *llm)
{
	return llm->settings->llm_model;
}

/* ---- circuit breaker ------------------------------------------------------ */

const char *llm_state_name(const struct llm *llm)
{
	int state = __atomic_load_n(llm->state, __ATOMIC_RELAXED);

	if(state == BREAKER_OPEN)
		return clock_wall() >= *llm->open_until ? "half_open" : "open";
	if(state == BREAKER_HALF_OPEN)
		return "half_open";
	return "ok";
}

/* Closed: call.  Open and cooled down (or a half-open probe gone stale): the
 * one worker whose compare-and-swap on open_until wins makes the probe. */
static bool llm_breaker_allow(struct llm *llm)
{
	double now, until, next;

	if(__atomic_load_n(llm->state, __ATOMIC_ACQUIRE) == BREAKER_CLOSED)
		return true;
	now = clock_wall();
	__atomic_load(llm->open_until, &until, __ATOMIC_ACQUIRE);
	if(now < until)
		return false;
	next = now + llm->settings->llm_timeout_ms / 1000.0 + 1.0;
	if(!__atomic_compare_exchange(llm->open_until, &until, &next, false,
	                              __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return false;
	__atomic_store_n(llm->state, BREAKER_HALF_OPEN, __ATOMIC_RELEASE);
	log_info("llm_breaker_half_open", "probing the LLM endpoint");
	return true;
}

static void llm_breaker_success(struct llm *llm)
{
	__atomic_store_n(llm->failures, 0, __ATOMIC_RELAXED);
	if(__atomic_exchange_n(llm->state, BREAKER_CLOSED, __ATOMIC_ACQ_REL) != BREAKER_CLOSED)
		log_info("llm_breaker_closed", "the LLM endpoint answers again");
}

static void llm_breaker_failure(struct llm *llm)
{
	int failures = __atomic_add_fetch(llm->failures, 1, __ATOMIC_ACQ_REL);
	int state = __atomic_load_n(llm->state, __ATOMIC_ACQUIRE);
	double until;

	if(state == BREAKER_HALF_OPEN ||
	   (state == BREAKER_CLOSED && failures >= LLM_BREAKER_THRESHOLD)) {
		until = clock_wall() + LLM_BREAKER_COOLDOWN_S;
		__atomic_store(llm->open_until, &until, __ATOMIC_RELEASE);
		__atomic_store_n(llm->state, BREAKER_OPEN, __ATOMIC_RELEASE);
		log_warn("llm_breaker_open",
		         "%d consecutive failures: not calling the LLM for %.0f s",
		         failures, LLM_BREAKER_COOLDOWN_S);
	}
}

/* ---- one HTTP exchange ---------------------------------------------------- */

static size_t llm_on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct llm_xfer *x = ud;
	size_t n = size * nmemb;

	if(x->mode == XFER_UNDECIDED) {
		long code = 0;
		char *ct = NULL;
		bool sse;

		curl_easy_getinfo(x->llm->curl, CURLINFO_RESPONSE_CODE, &code);
		curl_easy_getinfo(x->llm->curl, CURLINFO_CONTENT_TYPE, &ct);
		sse = code == 200 && ct && !strncasecmp(ct, "text/event-stream", 17);
		x->mode = sse ? XFER_SSE : XFER_BODY;
	}
	if(x->mode == XFER_SSE) {
		if(sse_feed(&x->sse, ptr, n) != LL_OK)
			llm_xfer_fail(x, "stream line too long or invalid");
	} else if(buf_append(&x->body, ptr, n) != LL_OK)
		llm_xfer_fail(x, "response too large");
	return x->failed || x->aborted ? 0 : n;
}

static int llm_on_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                           curl_off_t ulnow)
{
	struct llm_xfer *x = ud;

	(void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
	return x->aborted;
}

/* The handle, reset, set up for one call: the URL (http and https only),
 * the headers, the body, the time left, TLS verified, no redirects, and the
 * callbacks into x. */
static void llm_attempt_setup(struct llm *llm, const struct llm_call *call, const char *body,
                              struct llm_xfer *x, long timeout_ms)
{
	CURL *h = llm->curl;
	long connect_ms = (long)llm->settings->llm_connect_timeout_ms;

	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, llm->url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(h, CURLOPT_HTTPHEADER,
	                 call->stream ? llm->headers_sse : llm->headers_json);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
	                 connect_ms < timeout_ms ? connect_ms : timeout_ms);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "linelead/" VERSION);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, llm_on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, llm_on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, llm_on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

/* The reason of a response other than 200: its status and the error
 * object's type and code. */
static void llm_http_error(struct llm_xfer *x, long code, struct llm_outcome *out)
{
	struct json_object *err = llm_parse_json(buf_str(&x->body), x->body.len);
	char words[100];

	llm_error_words(err, words, sizeof(words));
	json_object_put(err);
	snprintf(out->reason, sizeof(out->reason), "http %ld%s%s", code, words[0] ? " " : "",
	         words);
}

/* One HTTP request.  *retryable says whether another attempt may help. */
static ll_result llm_attempt(struct llm *llm, const struct llm_call *call, const char *body,
                             struct llm_xfer *x, struct llm_outcome *out, bool *retryable)
{
	CURL *h = llm->curl;
	double left = call->deadline - clock_mono();
	long code = 0, timeout_ms;
	CURLcode rc;
	ll_result result = LL_EUPSTREAM;

	*retryable = false;
	out->reason[0] = '\0';
	timeout_ms = (long)(left * 1000.0);
	if(timeout_ms < 1) {
		snprintf(out->reason, sizeof(out->reason), "no time left for the call");
		result = LL_ETIMEOUT;
		goto out;
	}
	llm_attempt_setup(llm, call, body, x, timeout_ms);
	out->attempts++;
	if(llm->sb)
		scoreboard_add(&llm->sb->c.llm_calls, 1);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	out->status = (int)code;
	if(x->aborted) {
		snprintf(out->reason, sizeof(out->reason), "client went away mid-stream");
		result = LL_EIO;
		goto out;
	}
	if(x->mode == XFER_SSE && rc == CURLE_OK && sse_finish(&x->sse) != LL_OK)
		llm_xfer_fail(x, "stream ended inside an oversized event");
	if(x->failed) {
		snprintf(out->reason, sizeof(out->reason), "http %ld: %s", code, x->error);
		goto out;
	}
	if(rc == CURLE_OPERATION_TIMEDOUT) {
		snprintf(out->reason, sizeof(out->reason), "timeout after %ld ms", timeout_ms);
		result = LL_ETIMEOUT;
		goto out;
	}
	if(rc != CURLE_OK) {
		snprintf(out->reason, sizeof(out->reason), "transport: %s", curl_easy_strerror(rc));
		*retryable = !x->delivered && rc != CURLE_SSL_CACERT &&
		             rc != CURLE_PEER_FAILED_VERIFICATION &&
		             rc != CURLE_UNSUPPORTED_PROTOCOL && rc != CURLE_URL_MALFORMAT;
		goto out;
	}
	if(code != 200) {
		llm_http_error(x, code, out);
		*retryable = code == 429 || code >= 500;
		goto out;
	}
	if(x->mode == XFER_BODY)
		llm_xfer_body_completion(x);
	if(x->failed) {
		snprintf(out->reason, sizeof(out->reason), "%s", x->error);
		goto out;
	}
	if(x->aborted) {
		snprintf(out->reason, sizeof(out->reason), "client went away mid-stream");
		result = LL_EIO;
		goto out;
	}
	if(!x->done && !x->finish_reason[0]) {
		snprintf(out->reason, sizeof(out->reason), "stream ended before it finished");
		goto out;
	}
	result = LL_OK;
out:
	return result;
}

static void llm_sleep(double seconds)
{
	struct timespec ts;

	if(seconds <= 0)
		return;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while(nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Seconds before attempt + 1: what the server said (Retry-After), else a
 * jittered exponential backoff. */
static double llm_backoff(const struct llm_xfer *x, int attempt)
{
	if(x->retry_after >= 0)
		return x->retry_after;
	return 0.2 * (double)(1 << attempt) * (0.5 + (double)rand() / RAND_MAX);
}

ll_result llm_chat(struct llm *llm, struct arena *arena, const struct llm_call *call,
                   struct llm_outcome *out)
{
	struct llm_xfer x;
	char *body = NULL;
	double t0 = clock_mono();
	bool retryable = false, xfer_live = false;
	ll_result result;

	memset(out, 0, sizeof(*out));
	out->content = "";
	if(!llm_breaker_allow(llm)) {
		snprintf(out->reason, sizeof(out->reason), "circuit breaker open");
		result = LL_EUNAVAILABLE;
		goto out;
	}
	body = llm_request_body(llm->settings, call);
	if(!body) {
		result = LL_ENOMEM;
		goto out;
	}
	for(int attempt = 0;; attempt++) {
		double wait;

		if(xfer_live)
			llm_xfer_free(&x);
		llm_xfer_init(&x, llm, call);
		x.t0 = t0;
		xfer_live = true;
		result = llm_attempt(llm, call, body, &x, out, &retryable);
		if(result == LL_OK || !retryable || x.delivered || attempt + 1 >= LLM_MAX_ATTEMPTS)
			break;
		wait = llm_backoff(&x, attempt);
		if(clock_mono() + wait + 0.05 >= call->deadline) {
			size_t n = strlen(out->reason);

			snprintf(out->reason + n, sizeof(out->reason) - n,
			         "; no time for a retry in %.1f s", wait);
			break;
		}
		log_info("llm_retry", "%s; retrying in %.2f s", out->reason, wait);
		llm_sleep(wait);
	}
	out->delivered = x.delivered;
	out->aborted = x.aborted;
	out->ttft_ms = x.ttft_ms;
	out->prompt_tokens = x.prompt_tokens;
	out->completion_tokens = x.completion_tokens;
	out->finish_reason = x.finish_reason[0] ? arena_strdup(arena, x.finish_reason) : NULL;
	if(result == LL_OK) {
		char *content = arena_strndup(arena, buf_str(&x.content), x.content.len);

		if(!content) {
			result = LL_ENOMEM;
			goto out;
		}
		out->content = content;
		out->len = x.content.len;
		if(x.refusal.len)
			out->refusal = arena_strndup(arena, buf_str(&x.refusal), x.refusal.len);
		else if(x.finish_reason[0] && !strcmp(x.finish_reason, "content_filter"))
			out->refusal = "content filter";
	}
	if(result == LL_OK)
		llm_breaker_success(llm);
	else if(result != LL_EIO) {
		llm_breaker_failure(llm);
		if(llm->sb)
			scoreboard_add(&llm->sb->c.llm_failures, 1);
	}
	log_debug("llm_call", "status %d, %d attempt(s), %.1f ms, ttft %.1f ms, tokens %ld+%ld%s%s",
	          out->status, out->attempts, (clock_mono() - t0) * 1000.0, out->ttft_ms,
	          out->prompt_tokens, out->completion_tokens, out->reason[0] ? ": " : "",
	          out->reason);
out:
	if(xfer_live)
		llm_xfer_free(&x);
	free(body);
	return result;
}
