/* test_llm_field.c - llm/llm_field: the "answer" field of the model's
 * JSON object handed on as it streams, so the crew sees words, not JSON.
 * It comes out whole at every split of the stream, only the top-level
 * field, escapes and surrogate pairs decoded, no piece ending inside a
 * UTF-8 character; an emit that asks to stop stops it for good. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "llm.h"
#include "llm_field.h"
#include "../tap.h"

static int collect(void *ctx, const char *text, size_t len)
{
	struct buf *b = ctx;

	/* Every piece must end on a UTF-8 character boundary. */
	if(len && ((unsigned char)text[len - 1] & 0xC0) == 0xC0)
		return buf_append(b, "<SPLIT>", 7) ? 1 : 0;
	return buf_append(b, text, len) ? 1 : 0;
}

/* The answer field as streamed in pieces of `piece` bytes. */
static bool stream_gives(const char *json, size_t piece, const char *want)
{
	struct llm_field_stream fs;
	struct buf b;
	size_t len = strlen(json);
	bool ok;

	buf_init(&b, 1 << 16);
	llm_field_stream_init(&fs, "answer", collect, &b);
	for(size_t i = 0; i < len; i += piece)
		llm_field_stream_feed(&fs, json + i, len - i < piece ? len - i : piece);
	ok = !strcmp(buf_str(&b), want);
	if(!ok)
		printf("# piece %zu: got \"%s\" want \"%s\"\n", piece, buf_str(&b), want);
	buf_free(&b);
	return ok;
}

static bool stream_all_splits(const char *json, const char *want)
{
	for(size_t piece = 1; piece <= strlen(json); piece++)
		if(!stream_gives(json, piece, want))
			return false;
	return true;
}

static int stop_at_once(void *ctx, const char *text, size_t len)
{
	(*(int *)ctx)++;
	return 1;
}

int main(void)
{
	const char *ok_reply =
		"{\"answer\":\"Turn the fryer off [P2].\",\"steps\":[\"Switch off\",\"  \",\"Call [P1]\"],"
		"\"safety_warnings\":[\"Hot oil\"],\"cited_passages\":[\"P2\",\"[P1]\",\"P2\",\"P9\",\"doc12#3\"],"
		"\"escalate\":true,\"service_call_recommended\":false}";

	/* The answer text as it streams. */
	CHECK(stream_all_splits(ok_reply, "Turn the fryer off [P2]."), "the answer streams out whole at every split");
	CHECK(stream_all_splits("{ \"steps\" : [\"answer\", {\"answer\":\"no\"}], \"meta\":{\"answer\":\"no\"},\n"
	                        "  \"answer\" : \"yes \\\"quoted\\\"\\nline\\\\\", \"answer\":\"again\"}",
	                        "yes \"quoted\"\nline\\"),
	      "only the top-level answer field streams, escapes decoded, once");
	CHECK(stream_all_splits("{\"answer\":\"caf\\u00e9 \\ud83d\\ude00 \xc3\xa9t\xc3\xa9 \\ud800x\"}",
	                        "caf\xc3\xa9 \xf0\x9f\x98\x80 \xc3\xa9t\xc3\xa9 \xef\xbf\xbdx"),
	      "\\u escapes, surrogate pairs and raw UTF-8 decode; no piece splits a character");
	CHECK(stream_all_splits("{\"answer\":\"\"}", ""), "an empty answer streams nothing");
	CHECK(stream_all_splits("{\"answers\":\"no\",\"an\":\"no\",\"a_very_long_key_named_answer_here\":\"no\","
	                        "\"answer\":\"yes\"}", "yes"),
	      "a key that only starts or ends like the field is another field");
	{
		struct llm_field_stream fs;
		int calls = 0;

		llm_field_stream_init(&fs, "answer", stop_at_once, &calls);
		CHECK(llm_field_stream_feed(&fs, "{\"answer\":\"ab", 13) != 0 && calls == 1,
		      "emit returning non-zero stops the stream");
		CHECK(llm_field_stream_feed(&fs, "cd\"}", 4) != 0 && calls == 1, "and it stays stopped");
	}
	return TAP_DONE();
}
