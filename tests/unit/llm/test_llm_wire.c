/* test_llm_wire.c - llm/llm_wire, one Chat Completions call on the wire
 * without a server: the request body asks for what the call and the
 * settings say; a JSON completion and a streamed one (fed to the SSE parser
 * as llm.c's write callback does) give the same content, finish reason and
 * usage, handed on piece by piece while streaming; an error in the stream,
 * an error body's words and Retry-After are read as the retries need them;
 * nothing is read past its limit. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "llm_wire.h"
#include "settings.h"
#include "../tap.h"

static const char reply_ok[] =
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello "
        "crew\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":7,"
        "\"completion_tokens\":2}}";
static const char reply_stream[] =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hel\"}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
        "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n"
        "data: [DONE]\n\n";

static const struct llm_message messages[] = {{"system", "Answer from the manuals."},
                                              {"user", "fryer E-12?"}};

/* The pieces handed on, in a buf; stops the call at "stop" when asked. */
struct pieces {
	struct buf seen;
	int n;
	bool stop_early;
};

static int on_delta(void *ctx, const char *text, size_t len)
{
	struct pieces *p = ctx;

	p->n++;
	if(buf_append(&p->seen, text, len) != LL_OK)
		return 1;
	return p->stop_early;
}

static void test_request(const struct settings *s)
{
	struct llm_call call = {messages, 2, "{\"type\":\"json_object\"}", true, 0, NULL, NULL};
	char *body = llm_request_body(s, &call);
	struct json_object *root = body ? llm_parse_json(body, strlen(body)) : NULL;
	struct json_object *v, *m;

	CHECK(root && json_object_object_get_ex(root, "model", &v) &&
	      strcmp(json_object_get_string(v), "test-model") == 0 &&
	      json_object_object_get_ex(root, "messages", &v) && json_object_array_length(v) == 2 &&
	      (m = json_object_array_get_idx(v, 1)) && json_object_object_get_ex(m, "content", &v) &&
	      strcmp(json_object_get_string(v), "fryer E-12?") == 0,
	      "the request carries the model and the messages in order");
	CHECK(root && json_object_object_get_ex(root, "stream", &v) && json_object_get_boolean(v) &&
	      json_object_object_get_ex(root, "stream_options", &v) &&
	      json_object_object_get_ex(root, "response_format", &v) &&
	      json_object_object_get_ex(root, "max_tokens", &v),
	      "a streamed call asks for its usage too, with its response format");
	json_object_put(root);
	free(body);
	call.stream = false;
	call.response_format = NULL;
	body = llm_request_body(s, &call);
	root = body ? llm_parse_json(body, strlen(body)) : NULL;
	CHECK(root && !json_object_object_get_ex(root, "stream_options", &v) &&
	      !json_object_object_get_ex(root, "response_format", &v),
	      "a plain call asks for neither");
	json_object_put(root);
	free(body);
	call.response_format = "{not json";
	body = llm_request_body(s, &call);
	CHECK(body == NULL, "a response format that is no JSON is refused");
	free(body);
}

static void test_body(void)
{
	struct llm_call call = {messages, 2, NULL, false, 0, NULL, NULL};
	struct llm_xfer x;

	llm_xfer_init(&x, NULL, &call);
	CHECK(buf_append(&x.body, reply_ok, strlen(reply_ok)) == LL_OK, "a JSON reply");
	llm_xfer_body_completion(&x);
	CHECK(x.done && !x.failed && strcmp(buf_str(&x.content), "hello crew") == 0 &&
	      strcmp(x.finish_reason, "stop") == 0 && x.prompt_tokens == 7 &&
	      x.completion_tokens == 2, "its content, finish reason and usage");
	llm_xfer_free(&x);
	llm_xfer_init(&x, NULL, &call);
	CHECK(buf_appends(&x.body, "{\"choices\":[]}") == LL_OK, "a reply without choices");
	llm_xfer_body_completion(&x);
	CHECK(x.failed && !x.done && strstr(x.error, "choices[0].message"),
	      "a reply without a message fails: %s", x.error);
	llm_xfer_fail(&x, "a later reason");
	CHECK(strstr(x.error, "choices[0].message") != NULL, "the first reason is kept");
	llm_xfer_free(&x);
	llm_xfer_init(&x, NULL, &call);
	CHECK(buf_appends(&x.body, "<html>bad gateway</html>") == LL_OK, "a reply of HTML");
	llm_xfer_body_completion(&x);
	CHECK(x.failed && strstr(x.error, "malformed"), "a body that is no JSON fails: %s", x.error);
	llm_xfer_free(&x);
}

static void test_stream(void)
{
	struct pieces p = {.stop_early = false};
	struct llm_call call = {messages, 2, NULL, true, 0, on_delta, &p};
	struct llm_xfer x;
	static const char error_event[] =
	        "data: {\"error\":{\"type\":\"server_error\",\"code\":\"overloaded\"}}\n\n";

	buf_init(&p.seen, 1024);
	llm_xfer_init(&x, NULL, &call);
	CHECK(sse_feed(&x.sse, reply_stream, strlen(reply_stream)) == LL_OK &&
	      sse_finish(&x.sse) == LL_OK, "a streamed reply");
	CHECK(x.done && !x.failed && x.delivered && strcmp(buf_str(&x.content), "hello") == 0 &&
	      strcmp(x.finish_reason, "stop") == 0 && x.prompt_tokens == 5,
	      "the same content, finish reason and usage as a JSON one");
	CHECK(p.n == 2 && strcmp(buf_str(&p.seen), "hello") == 0,
	      "handed on piece by piece: %d pieces", p.n);
	llm_xfer_free(&x);
	p.stop_early = true;
	p.n = 0;
	llm_xfer_init(&x, NULL, &call);
	CHECK(sse_feed(&x.sse, reply_stream, strlen(reply_stream)) == LL_OK && sse_stopped(&x.sse),
	      "a streamed reply its receiver stops");
	CHECK(x.aborted && p.n == 1 && strcmp(buf_str(&x.content), "hel") == 0,
	      "the receiver stops the call: nothing more is handed on");
	llm_xfer_free(&x);
	llm_xfer_init(&x, NULL, &call);
	CHECK(sse_feed(&x.sse, error_event, strlen(error_event)) == LL_OK && sse_stopped(&x.sse),
	      "a stream that sends an error stops there");
	CHECK(x.failed && strstr(x.error, "server_error/overloaded"),
	      "an error in the stream, by its type and code: %s", x.error);
	llm_xfer_free(&x);
	buf_free(&p.seen);
}

static void test_limits(void)
{
	struct llm_call call = {messages, 2, NULL, false, 0, NULL, NULL};
	struct llm_xfer x;
	char *big = malloc(LLM_CONTENT_MAX + 200);
	size_t n;

	if(!big)
		return;
	llm_xfer_init(&x, NULL, &call);
	n = (size_t)snprintf(big, LLM_CONTENT_MAX + 200, "{\"choices\":[{\"message\":{\"content\":\"");
	memset(big + n, 'a', LLM_CONTENT_MAX + 1);
	n += LLM_CONTENT_MAX + 1;
	n += (size_t)snprintf(big + n, LLM_CONTENT_MAX + 200 - n, "\"}}]}");
	CHECK(buf_append(&x.body, big, n) == LL_OK, "a reply whose content is over LLM_CONTENT_MAX");
	llm_xfer_body_completion(&x);
	CHECK(x.failed && strstr(x.error, "too large") && x.content.len == 0,
	      "is refused, not cut: %s", x.error);
	llm_xfer_free(&x);
	free(big);
}

static void test_retry_after(void)
{
	struct llm_call call = {messages, 2, NULL, false, 0, NULL, NULL};
	struct llm_xfer x;
	char h1[] = "Retry-After: 2\r\n", h2[] = "retry-after-ms: 1500\r\n";
	char h3[] = "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n";

	llm_xfer_init(&x, NULL, &call);
	CHECK(x.retry_after < 0, "no Retry-After before a header says one");
	CHECK(llm_on_header(h3, 1, strlen(h3), &x) == strlen(h3) && x.retry_after < 0,
	      "an HTTP date is no number of seconds");
	(void)llm_on_header(h1, 1, strlen(h1), &x);
	CHECK(x.retry_after == 2, "Retry-After in seconds: %g", x.retry_after);
	(void)llm_on_header(h2, 1, strlen(h2), &x);
	CHECK(x.retry_after == 1.5, "retry-after-ms, more precise, wins: %g", x.retry_after);
	llm_xfer_free(&x);
}

static void test_error_words(void)
{
	static const char body[] = "{\"error\":{\"type\":\"invalid_request\","
	                           "\"code\":\"bad key\\n sk-1\"}}";
	struct json_object *err = llm_parse_json(body, strlen(body));
	char words[100];

	llm_error_words(err, words, sizeof(words));
	CHECK(strcmp(words, "invalid_request/bad_key__sk-1") == 0,
	      "an error body's type and code, safe in a log line: %s", words);
	json_object_put(err);
	llm_error_words(NULL, words, sizeof(words));
	CHECK(words[0] == '\0', "no error object, no words");
	CHECK(llm_parse_json("[1,2]", 5) == NULL && llm_parse_json("{\"a\":", 5) == NULL,
	      "only a whole JSON object is one");
}

int main(void)
{
	struct settings s;
	char err[256];

	CHECK(settings_defaults(&s, err, sizeof(err)) == LL_OK, "the default settings");
	free(s.llm_model);
	s.llm_model = strdup("test-model");
	test_request(&s);
	test_body();
	test_stream();
	test_limits();
	test_retry_after();
	test_error_words();
	settings_free(&s);
	return TAP_DONE();
}
