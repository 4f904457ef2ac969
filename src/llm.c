/* llm.c - placeholder until the LLM client lands: no client is created. */
#include "config.h"

#include <stdlib.h>

#include "llm.h"

struct llm {
	const struct settings *settings;
	struct scoreboard *sb;
};

ll_result llm_create(const struct settings *s, struct scoreboard *sb, struct llm **out)
{
	struct llm *llm = calloc(1, sizeof(*llm));

	if(!llm)
		return LL_ENOMEM;
	llm->settings = s;
	llm->sb = sb;
	*out = llm;
	return LL_OK;
}

void llm_free(struct llm *llm)
{
	free(llm);
}

const char *llm_state_name(const struct llm *llm)
{
	if(!llm->sb)
		return "ok";
	switch(llm->sb->breaker_state) {
	case BREAKER_OPEN: return "open";
	case BREAKER_HALF_OPEN: return "half_open";
	default: return "ok";
	}
}
