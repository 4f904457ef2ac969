/* test_llm.c - llm/llm, the OpenAI-compatible client, against a small
 * Chat Completions server forked on 127.0.0.1: a JSON reply, a streamed one
 * delivered piece by piece, a 503 retried, an error that never shows the API
 * key, the circuit breaker opening after repeated failures, the deadline,
 * and which base URLs are refused.  The server reads what the last message
 * asks for ("mode:...") and answers accordingly. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "clock.h"
#include "llm.h"
#include "log.h"

#include "../tap.h"

#define KEY "sk-test-secret-1234"

static const char reply_ok[] =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
        "\"message\":{\"role\":\"assistant\",\"content\":\"hello crew\"},\"finish_reason\":"
        "\"stop\"}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}";
static const char reply_stream[] =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hel\"}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
        "data: [DONE]\n\n";

static void respond(int fd, int status, const char *type, const char *extra, const char *body)
{
	char head[512];
	int n = snprintf(head, sizeof(head),
	                 "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s"
	                 "Connection: close\r\n\r\n",
	                 status, type, strlen(body), extra);

	if(write(fd, head, (size_t)n) != n || write(fd, body, strlen(body)) < 0)
		_exit(3);
}

/* Reads one request (head and body) into req; 0 = read. */
static int read_request(int fd, char *req, size_t size)
{
	size_t len = 0;
	char *end = NULL, *cl;
	ssize_t n;

	while(len + 1 < size && (n = read(fd, req + len, size - 1 - len)) > 0) {
		len += (size_t)n;
		req[len] = '\0';
		end = strstr(req, "\r\n\r\n");
		cl = strcasestr(req, "Content-Length: ");
		if(end && cl && len >= (size_t)(end + 4 - req) + strtoul(cl + 16, NULL, 10))
			return 0;
	}
	return end ? 0 : -1;
}

static void serve_one(int fd, int *once)
{
	static char req[65536];

	if(read_request(fd, req, sizeof(req)) != 0)
		return;
	if(strncmp(req, "POST /v1/chat/completions ", 26) != 0)
		respond(fd, 404, "application/json", "", "{\"error\":\"path\"}");
	else if(!strstr(req, "Authorization: Bearer " KEY "\r\n"))
		respond(fd, 401, "application/json", "", "{\"error\":\"no key\"}");
	else if(strstr(req, "mode:unauthorized"))
		respond(fd, 401, "application/json", "",
		        "{\"error\":{\"message\":\"Incorrect API key provided: " KEY "\"}}");
	else if(strstr(req, "mode:busy-once") && (*once)++ == 0)
		respond(fd, 503, "application/json", "Retry-After: 0\r\n", "{\"error\":\"busy\"}");
	else if(strstr(req, "mode:broken"))
		respond(fd, 500, "application/json", "", "{\"error\":\"down\"}");
	else if(strstr(req, "mode:slow")) {
		sleep(2);
		respond(fd, 200, "application/json", "", reply_ok);
	} else if(strstr(req, "\"stream\":true"))
		respond(fd, 200, "text/event-stream", "", reply_stream);
	else
		respond(fd, 200, "application/json", "", reply_ok);
}

/* Forks the server on an ephemeral port of 127.0.0.1; *port gets it. */
static pid_t server(int *port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), once = 0;
	pid_t pid;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0 ||
	   getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	*port = ntohs(sa.sin_port);
	pid = fork();
	if(pid == 0) {
		for(;;) {
			int c = accept(fd, NULL, NULL);

			if(c >= 0) {
				serve_one(c, &once);
				close(c);
			}
		}
	}
	close(fd);
	return pid;
}

struct collected {
	char text[64];
	int calls;
};

static int on_delta(void *ctx, const char *text, size_t len)
{
	struct collected *c = ctx;
	size_t have = strlen(c->text);

	snprintf(c->text + have, sizeof(c->text) - have, "%.*s", (int)len, text);
	c->calls++;
	return 0;
}

static ll_result ask(struct llm *llm, struct arena *a, const char *what, bool stream,
                     double budget_s, struct llm_outcome *out, struct collected *c)
{
	struct llm_message m[] = {{"system", "You are Line Lead."}, {"user", what}};
	struct llm_call call = {.messages = m,
	                        .nmessages = 2,
	                        .stream = stream,
	                        .deadline = clock_mono() + budget_s,
	                        .on_delta = stream ? on_delta : NULL,
	                        .ctx = c};

	return llm_chat(llm, a, &call, out);
}

static void test_calls(struct llm *llm, struct arena *a)
{
	struct collected c = {{0}, 0};
	struct llm_outcome out;
	ll_result result;

	CHECK(ask(llm, a, "mode:ok", false, 5, &out, NULL) == LL_OK &&
	              strcmp(out.content, "hello crew") == 0 && out.status == 200 &&
	              out.prompt_tokens == 7 && strcmp(out.finish_reason, "stop") == 0,
	      "a JSON reply: its content, tokens and finish reason");
	CHECK(ask(llm, a, "mode:ok", true, 5, &out, &c) == LL_OK &&
	              strcmp(out.content, "hello") == 0 && strcmp(c.text, "hello") == 0 &&
	              c.calls == 2 && out.delivered,
	      "a streamed reply arrives piece by piece (%d pieces) and whole", c.calls);
	CHECK(ask(llm, a, "mode:busy-once", false, 5, &out, NULL) == LL_OK && out.attempts == 2,
	      "a 503 is retried (Retry-After honoured): %d attempts", out.attempts);
	result = ask(llm, a, "mode:unauthorized", false, 5, &out, NULL);
	CHECK(result == LL_EUPSTREAM && out.status == 401 && !strstr(out.reason, KEY),
	      "a 401 fails upstream and its reason never holds the key (%s)", out.reason);
	result = ask(llm, a, "mode:slow", false, 0.5, &out, NULL);
	CHECK(result == LL_ETIMEOUT, "a reply slower than the deadline: LL_ETIMEOUT (%d)", result);
	CHECK(strcmp(llm_state_name(llm), "ok") == 0, "the breaker is still closed");
}

static void test_breaker(struct llm *llm, struct arena *a)
{
	struct llm_outcome out;
	ll_result result = LL_OK;
	int failed = 0;

	while(failed < LLM_BREAKER_THRESHOLD + 3 &&
	      (result = ask(llm, a, "mode:broken", false, 0.3, &out, NULL)) != LL_EUNAVAILABLE)
		failed++;
	/* the 401 and the timeout above were the first two in a row */
	CHECK(result == LL_EUNAVAILABLE && failed == LLM_BREAKER_THRESHOLD - 2,
	      "%d failed calls in a row open the breaker: LL_EUNAVAILABLE", LLM_BREAKER_THRESHOLD);
	CHECK(strcmp(llm_state_name(llm), "open") == 0, "/health would say open");
	CHECK(ask(llm, a, "mode:ok", false, 5, &out, NULL) == LL_EUNAVAILABLE && out.attempts == 0,
	      "while open, nothing is sent");
}

static void test_urls(void)
{
	char err[256];

	CHECK(llm_check_url("https://api.openai.com/v1", false, err, sizeof(err)) == LL_OK,
	      "https is allowed");
	CHECK(llm_check_url("http://127.0.0.1:11434/v1", false, err, sizeof(err)) == LL_OK &&
	              llm_check_url("http://localhost:8000/v1", false, err, sizeof(err)) == LL_OK,
	      "plain http to loopback is allowed");
	CHECK(llm_check_url("http://models.example.com/v1", false, err, sizeof(err)) != LL_OK,
	      "plain http elsewhere is refused");
	CHECK(llm_check_url("http://models.example.com/v1", true, err, sizeof(err)) == LL_OK,
	      "unless llm_allow_http");
	CHECK(llm_check_url("ftp://127.0.0.1/v1", true, err, sizeof(err)) != LL_OK,
	      "another scheme is refused");
}

int main(void)
{
	struct settings s;
	struct arena arena;
	struct llm *llm = NULL;
	char err[256], url[64];
	int port = 0, status;
	pid_t pid;

	log_setup(LOG_ERROR, 2);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_urls();
	pid = server(&port);
	CHECK(pid > 0 && settings_defaults(&s, err, sizeof(err)) == LL_OK,
	      "a Chat Completions server on 127.0.0.1:%d", port);
	if(pid <= 0)
		return TAP_DONE();
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/v1", port);
	free(s.llm_base_url);
	s.llm_base_url = strdup(url);
	free(s.llm_api_key);
	s.llm_api_key = strdup(KEY);
	free(s.llm_model);
	s.llm_model = strdup("test-model");
	arena_init(&arena, 16384);
	CHECK(llm_create(&s, NULL, &llm) == LL_OK && strcmp(llm_model(llm), "test-model") == 0,
	      "a client for it");
	if(llm) {
		test_calls(llm, &arena);
		test_breaker(llm, &arena);
		llm_free(llm);
	}
	arena_free(&arena);
	settings_free(&s);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	curl_global_cleanup();
	return TAP_DONE();
}
