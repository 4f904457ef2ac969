/* test_generator.c - answer/generator without a model or a database: the
 * local answer streamed by sentences, UTF-8-safe clipping, the messages a
 * model is sent, and the model's answer merged over the local one.  The .c
 * is included (as h2o's tests do) to reach its statics. */
#include "generator.c"

#include "../tap.h"

struct pieces {
	int n, stop_after;
	char text[512];
};

static int collect(void *ctx, const char *text, size_t len)
{
	struct pieces *p = ctx;
	size_t used = strlen(p->text);

	if(used + len < sizeof(p->text)) {
		memcpy(p->text + used, text, len);
		p->text[used + len] = '\0';
	}
	return ++p->n == p->stop_after;
}

static void test_emit(void)
{
	struct pieces p = {0};

	CHECK(generator_emit("Turn it off. Wait: then clean it! Done", collect, &p) && p.n == 4 &&
	      strcmp(p.text, "Turn it off. Wait: then clean it! Done") == 0,
	      "sent sentence by sentence, nothing lost (%d pieces)", p.n);
	memset(&p, 0, sizeof(p));
	p.stop_after = 1;
	CHECK(!generator_emit("One. Two. Three.", collect, &p) && p.n == 1,
	      "a client that leaves stops the stream");
}

static void test_utf8(void)
{
	CHECK(utf8_prefix("abc", 10) == 3, "a short string is whole");
	CHECK(utf8_prefix("caf\xc3\xa9s", 4) == 3, "a cut never splits a character");
}

static void test_messages(void)
{
	struct arena a;
	struct settings s;
	struct answer_ctx ctx;
	struct turn history[3] = {
		{.role = "user", .content = "fryer won't heat"},
		{.role = "assistant", .content = "Check the pilot."},
		{.role = "user", .content = ""},
	};
	struct passage items[1] = {{.chunk_id = 1, .title = "Fryer", .section = "Pilot",
	                            .body = "Light the pilot.", .score = 0.9}};
	struct passages p = {.items = items, .count = 1};
	struct question q = {.text = "and the thermostat?", .agent = AGENT_EQUIPMENT,
	                     .history = history, .nhistory = 3};
	struct llm_message *m = NULL;
	size_t n = 0;

	arena_init(&a, 64 * 1024);
	memset(&s, 0, sizeof(s));
	s.llm_history_turns = 3;
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &a;
	ctx.settings = &s;
	CHECK(gen_messages(&ctx, &q, &p, &m, &n) == LL_OK && n == 4, "system, two turns, the question");
	CHECK(n == 4 && strcmp(m[0].role, "system") == 0 && strcmp(m[2].role, "assistant") == 0 &&
	      strcmp(m[3].role, "user") == 0 && strstr(m[3].content, "[P1]") &&
	      strstr(m[3].content, "and the thermostat?"),
	      "an empty turn is skipped; the passages go with the question as P1..");
	arena_free(&a);
}

static void test_merge_local(void)
{
	const char *model_steps[] = {"Light it."}, *local_warn[] = {"Hot oil."};
	struct answer model = {.response = "From the model.", .steps = model_steps, .nsteps = 1,
	                       .model = "m", .escalate = false};
	struct answer local = {.response = "Local.", .warnings = local_warn, .nwarnings = 1,
	                       .confidence = 0.8, .escalate = true, .degraded = true};

	gen_merge_local(&model, &local);
	CHECK(strcmp(local.response, "From the model.") == 0 && local.nsteps == 1 &&
	      local.nwarnings == 1 && local.escalate && local.confidence == 0.8 && !local.degraded,
	      "the model's text and steps; the local warnings, confidence and escalation stay");
}

int main(void)
{
	test_emit();
	test_utf8();
	test_messages();
	test_merge_local();
	return TAP_DONE();
}
