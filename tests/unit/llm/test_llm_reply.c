/* test_llm_reply.c - what the generator trusts from a model: the answer
 * object's validation (invented passage ids dropped) and the URL policy.
 * The streaming extraction of the "answer" text is test_llm_field.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "buf.h"
#include "llm.h"
#include "llm_reply.h"
#include "../tap.h"

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
