/* test_orchestrator.c - answer/orchestrator: how two agents' answers are
 * merged, and the ids of an exchange.  The .c is included (as h2o's tests
 * do) to reach merge_answers and name_exchange. */
#include "orchestrator.c"

#include "../tap.h"

static struct citation cite(long long doc, const char *section)
{
	struct citation c = {.document_id = doc, .title = "t", .section = section, .snippet = ""};

	return c;
}

static void test_merge(struct arena *a)
{
	const char *w1[] = {"Turn off the gas."}, *w2[] = {"Turn off the gas.", "Call 911."};
	const char *steps2[] = {"Step one."};
	struct citation c1[] = {cite(1, "Fire")}, c2[] = {cite(1, "Fire"), cite(2, "Fryer")};
	struct answer first = {.response = "Get everyone out. Pull the station.", .confidence = 0.9,
	                       .warnings = w1, .nwarnings = 1, .citations = c1, .ncitations = 1};
	struct answer second = {.response = "Pull the station. Then call the tech.",
	                        .confidence = 0.8, .warnings = w2, .nwarnings = 2, .citations = c2,
	                        .ncitations = 2, .steps = steps2, .nsteps = 1,
	                        .service_call_recommended = true};
	struct answer keep;

	CHECK(merge_answers(a, &first, &second) == LL_OK, "two answers merge");
	CHECK(strcmp(first.response, "Get everyone out. Pull the station.\n\nThen call the tech.") == 0,
	      "only the second's new sentences follow the first's: %s", first.response);
	CHECK(first.nwarnings == 2 && strcmp(first.warnings[1], "Call 911.") == 0,
	      "warnings of both, each once");
	CHECK(first.ncitations == 2 && first.citations[1].document_id == 2,
	      "citations of both, each section once");
	CHECK(first.nsteps == 1 && first.service_call_recommended,
	      "the first has no steps: the second's; flags add up");

	keep = first;
	second.confidence = 0.2;
	second.nsteps = 0;
	CHECK(merge_answers(a, &first, &second) == LL_OK && first.response == keep.response &&
	      first.nwarnings == keep.nwarnings, "a second agent that found nothing adds nothing");

	first.confidence = 0.1;
	first.escalate = true;
	second.confidence = 0.7;
	second.response = "The fryer answer.";
	CHECK(merge_answers(a, &first, &second) == LL_OK &&
	      strcmp(first.response, "The fryer answer.") == 0 && first.escalate,
	      "a first agent that found nothing: the second's answer, still escalated");

	/* neither is sure: the surer stands, never the weaker second */
	first.response = "The cooling verdict.";
	first.confidence = 0.13;
	second.confidence = 0.09;
	second.nsteps = 1;
	second.response = "The blast chiller's hard chill.";
	CHECK(merge_answers(a, &first, &second) == LL_OK &&
	      strcmp(first.response, "The cooling verdict.") == 0,
	      "a first answer surer than the second stands: %s", first.response);
}

static void test_ids(struct arena *a)
{
	struct answer_ctx ctx = {.arena = a};
	struct chat_request in = {.message = "hi", .owner = 7, .conversation_id = "conv_x",
	                          .request_id = "req-1"};
	struct chat_result r;

	CHECK(name_exchange(&ctx, &in, &r) == LL_OK && strcmp(r.request_id, "req-1") == 0 &&
	      strcmp(r.conversation_ref, "7:conv_x") == 0 && r.secondary == AGENT_NONE,
	      "the client's ids, the conversation stored per owner");
	in.conversation_id = NULL;
	in.request_id = NULL;
	CHECK(name_exchange(&ctx, &in, &r) == LL_OK && strncmp(r.request_id, "cli-", 4) == 0 &&
	      strncmp(r.conversation_id, "conv_", 5) == 0, "new ids when the client gave none");
}

/* Which messages lean on the turn before for their subject. */
static void test_followups(void)
{
	CHECK(leans_on_history("and hot holding?"), "'and ...' continues the thread");
	CHECK(leans_on_history("if we add more mix can we sell cones after"),
	      "'if we ...' and 'after' lean on the turn before");
	CHECK(!leans_on_history("how do i clean the shake machine spigots every night"),
	      "a question of its own stands alone");
}

/* A turn after an emergency goes on about it unless it tells its own. */
static void test_after_emergency(void)
{
	struct answer_kit *kit = NULL;
	struct answer_ctx ctx = {0};
	struct turn history[] = {{.role = "user", .content = "ammonia smell pouring out of the "
	                                                      "chemical closet"},
	                         {.role = "assistant", .content = "Get out.", .agent = "safety"}};

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return;
	ctx.kit = kit;
	CHECK(after_emergency(&ctx, "devon is still in there coughing hard", history, 2),
	      "a turn telling more of the thread's emergency leans on it");
	CHECK(!after_emergency(&ctx, "the grill is on fire now", history, 2),
	      "one telling an emergency of its own does not");
	history[0].content = "how long is opened turkey good";
	CHECK(!after_emergency(&ctx, "devon is still in there coughing hard", history, 2),
	      "after no emergency, nothing to lean on");
	answer_kit_free(kit);
}

/* A follow-up that leans on the thread is its agent's first. */
static void test_thread_agent(void)
{
	struct turn history[] = {{.role = "user", .content = "how long is opened turkey good"},
	                         {.role = "assistant", .content = "7 days.", .agent = "safety"}};
	struct chat_result r = {.agent = AGENT_EQUIPMENT, .secondary = AGENT_NONE};

	r.classification.confidence = 0.9;
	keep_thread_agent(history, 2, true, &r);
	CHECK(r.agent == AGENT_SAFETY && r.secondary == AGENT_EQUIPMENT,
	      "the thread's agent first, the follow-up's own second");
	r.agent = AGENT_EQUIPMENT;
	r.secondary = AGENT_NONE;
	keep_thread_agent(history, 2, false, &r);
	CHECK(r.agent == AGENT_EQUIPMENT, "a confident question of its own keeps its agent");
}

int main(void)
{
	struct arena a;

	arena_init(&a, 64 * 1024);
	test_merge(&a);
	test_followups();
	test_thread_agent();
	test_after_emergency();
	test_ids(&a);
	arena_free(&a);
	return TAP_DONE();
}
