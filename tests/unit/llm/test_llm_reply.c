/* test_llm_reply.c - what the generator trusts from a model: the answer
 * object's validation (invented passage ids dropped), the streaming
 * extraction of the "answer" text, and the URL policy. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "buf.h"
#include "llm.h"
#include "llm_field.h"
#include "llm_reply.h"
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
	struct arena a;
	struct llm_reply r;
	char why[200];
	ll_result res;
	const char *ok_reply =
		"{\"answer\":\"Turn the fryer off [P2].\",\"steps\":[\"Switch off\",\"  \",\"Call [P1]\"],"
		"\"safety_warnings\":[\"Hot oil\"],\"cited_passages\":[\"P2\",\"[P1]\",\"P2\",\"P9\",\"doc12#3\"],"
		"\"escalate\":true,\"service_call_recommended\":false}";

	arena_init(&a, 4096);

	res = llm_reply_parse(&a, ok_reply, strlen(ok_reply), 3, &r, why, sizeof(why));
	CHECK(res == LL_OK, "a conforming reply is accepted (%s)", why);
	CHECK(res == LL_OK && !strcmp(r.answer, "Turn the fryer off [P2]."), "the answer text is kept");
	CHECK(res == LL_OK && r.nsteps == 2 && !strcmp(r.steps[1], "Call [P1]"), "steps keep their order; blank steps are dropped");
	CHECK(res == LL_OK && r.nwarnings == 1, "safety warnings are kept");
	CHECK(res == LL_OK && r.ncited == 2 && r.cited[0] == 1 && r.cited[1] == 0,
	      "cited ids map to passages in the model's order, duplicates once");
	CHECK(res == LL_OK && r.ninvented == 2, "ids naming no passage (P9 of 3, doc12#3) are dropped and counted");
	CHECK(res == LL_OK && r.escalate && !r.service_call_recommended, "the flags are read");

	res = llm_reply_parse(&a, "{\"text\":\"hi\",\"steps\":\"x\"}", 25, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION && strstr(why, "\"answer\""), "a missing answer is invalid, and why names it: %s", why);

	res = llm_reply_parse(&a, "{\"answer\":\"hi\",\"steps\":\"x\",\"safety_warnings\":[],\"cited_passages\":[]}",
	                      69, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION && strstr(why, "steps"), "steps that are not an array are invalid: %s", why);

	res = llm_reply_parse(&a, "{\"answer\":\"hi\",\"steps\":[],\"safety_warnings\":[]}", 47, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION && strstr(why, "cited_passages"), "a missing cited_passages is invalid: %s", why);

	res = llm_reply_parse(&a, "{\"answer\":\"  \",\"steps\":[],\"safety_warnings\":[],\"cited_passages\":[]}",
	                      67, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION, "a blank answer is invalid");

	res = llm_reply_parse(&a, "Sure! Here is the answer.", 25, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION && strstr(why, "JSON"), "prose is not JSON: %s", why);

	res = llm_reply_parse(&a, "{\"answer\":\"a\",\"steps\":[1],\"safety_warnings\":[],\"cited_passages\":[]}",
	                      67, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION, "a step that is not a string is invalid");

	res = llm_reply_parse(&a, "{\"answer\":\"a\",\"steps\":[],\"safety_warnings\":[],\"cited_passages\":[],\"escalate\":\"yes\"}",
	                      84, 3, &r, why, sizeof(why));
	CHECK(res == LL_EVALIDATION && strstr(why, "escalate"), "escalate must be a boolean");

	{
		const char *fenced = "```json\n{\"answer\":\"a\",\"steps\":[],\"safety_warnings\":[],\"cited_passages\":[\"P1\"]}\n```\n";

		res = llm_reply_parse(&a, fenced, strlen(fenced), 1, &r, why, sizeof(why));
		CHECK(res == LL_OK && r.ncited == 1, "a ```json fence around the object is tolerated");
	}
	res = llm_reply_parse(&a, "{\"answer\":\"a\",\"steps\":[],\"safety_warnings\":[],\"cited_passages\":[\"P1\"]}",
	                      71, 0, &r, why, sizeof(why));
	CHECK(res == LL_OK && r.ncited == 0 && r.ninvented == 1, "with no passages offered every citation is invented");

	{
		struct json_object *fmt = json_tokener_parse(llm_answer_format());
		struct json_object *v;

		CHECK(fmt && json_object_object_get_ex(fmt, "json_schema", &v), "the response_format is valid JSON with a json_schema");
		json_object_put(fmt);
	}

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
	{
		struct llm_field_stream fs;
		int calls = 0;

		llm_field_stream_init(&fs, "answer", stop_at_once, &calls);
		CHECK(llm_field_stream_feed(&fs, "{\"answer\":\"ab", 13) != 0 && calls == 1,
		      "emit returning non-zero stops the stream");
		CHECK(llm_field_stream_feed(&fs, "cd\"}", 4) != 0 && calls == 1, "and it stays stopped");
	}

	/* Plain http only to loopback unless allowed. */
	CHECK(llm_check_url("https://api.openai.com/v1", false, why, sizeof(why)) == LL_OK, "https is allowed");
	CHECK(llm_check_url("http://127.0.0.1:11434/v1", false, why, sizeof(why)) == LL_OK, "http to 127.0.0.1 is allowed");
	CHECK(llm_check_url("http://localhost:8000/v1", false, why, sizeof(why)) == LL_OK, "http to localhost is allowed");
	CHECK(llm_check_url("http://[::1]:8000/v1", false, why, sizeof(why)) == LL_OK, "http to ::1 is allowed");
	CHECK(llm_check_url("http://10.0.0.5:8000/v1", false, why, sizeof(why)) == LL_ECONFIG, "http to another host is refused");
	CHECK(llm_check_url("http://127.0.0.1.evil.example/v1", false, why, sizeof(why)) == LL_ECONFIG, "a look-alike host is refused");
	CHECK(llm_check_url("http://10.0.0.5:8000/v1", true, why, sizeof(why)) == LL_OK, "llm_allow_http allows it");
	CHECK(llm_check_url("ftp://example.com/", true, why, sizeof(why)) == LL_ECONFIG, "other schemes are refused");

	arena_free(&a);
	return TAP_DONE();
}
