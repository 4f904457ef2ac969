/* test_sse.c - the SSE parser: events whole however the bytes are split,
 * every line ending, comments, [DONE], and its limits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sse.h"
#include "../tap.h"

struct seen {
	struct buf log;   /* "event|data\n" per event */
	int events;
	int stop_after;   /* 0 = never stop */
};

static int on_event(void *ctx, const char *event, const char *data, size_t len)
{
	struct seen *s = ctx;

	s->events++;
	if(buf_printf(&s->log, "%s|", event) || buf_append(&s->log, data, len) || buf_append(&s->log, "\n", 1))
		abort();
	return s->stop_after && s->events >= s->stop_after;
}

/* Parses text fed in pieces of `piece` bytes (0 = all at once). */
static ll_result parse(const char *text, size_t len, size_t piece, size_t line_max,
                       struct seen *s, bool finish)
{
	struct sse_parser p;
	ll_result r = LL_OK;

	buf_init(&s->log, 1 << 20);
	s->events = 0;
	sse_init(&p, line_max, 1 << 16, on_event, s);
	for(size_t i = 0; i < len && !r; i += piece ? piece : len)
		r = sse_feed(&p, text + i, piece && len - i > piece ? piece : len - i);
	if(!r && finish)
		r = sse_finish(&p);
	sse_free(&p);
	return r;
}

int main(void)
{
	static const char openai[] =
		"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
		": keep-alive comment\n\n"
		"data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\r\n\r\n"
		"event: usage\rdata: {\"usage\":1}\r\r"
		"data: [DONE]\n\n";
	static const char expect[] =
		"|{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n"
		"|{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n"
		"usage|{\"usage\":1}\n"
		"|[DONE]\n";
	struct seen s = {0};
	bool all_splits = true;
	ll_result r;

	r = parse(openai, strlen(openai), 0, 1024, &s, true);
	CHECK(r == LL_OK && s.events == 4, "an OpenAI stream gives 4 events (comment skipped)");
	CHECK(!strcmp(buf_str(&s.log), expect), "events carry their names and data, [DONE] included");
	buf_free(&s.log);

	/* Every piece size, so \r and \n of one line ending arrive apart too. */
	for(size_t piece = 1; piece <= strlen(openai); piece++) {
		r = parse(openai, strlen(openai), piece, 1024, &s, true);
		if(r || strcmp(buf_str(&s.log), expect))
			all_splits = false;
		buf_free(&s.log);
	}
	CHECK(all_splits, "the same events whatever the read sizes (1..%zu bytes)", strlen(openai));

	r = parse("data:a\ndata: b\ndata\n\n", 21, 0, 1024, &s, false);
	CHECK(r == LL_OK && !strcmp(buf_str(&s.log), "|a\nb\n\n"), "multi-line data joins with \\n; no space after the colon is fine");
	buf_free(&s.log);

	r = parse("retry: 10\nid: 7\nevent: x\n\n", 25, 0, 1024, &s, true);
	CHECK(r == LL_OK && s.events == 0, "an event without data is not dispatched");
	buf_free(&s.log);

	r = parse("data: tail-without-blank-line", 29, 3, 1024, &s, true);
	CHECK(r == LL_OK && !strcmp(buf_str(&s.log), "|tail-without-blank-line\n"), "sse_finish dispatches an unterminated last event");
	buf_free(&s.log);

	{
		char big[300];

		memset(big, 'x', sizeof(big));
		memcpy(big, "data: ", 6);
		r = parse(big, sizeof(big), 7, 128, &s, true);
		CHECK(r == LL_ETOOLARGE, "a line over the limit is LL_ETOOLARGE, not truncated");
		buf_free(&s.log);
	}

	r = parse("data: a\0b\n\n", 11, 0, 1024, &s, true);
	CHECK(r == LL_EINVAL, "a NUL byte is refused");
	buf_free(&s.log);

	s.stop_after = 1;
	r = parse("data: 1\n\ndata: 2\n\n", 18, 0, 1024, &s, true);
	CHECK(r == LL_OK && s.events == 1, "on_event returning non-zero stops the parser");
	buf_free(&s.log);
	return TAP_DONE();
}
