/* test_agents.c - core/agents: the one table of specialist agents, read by
 * the classifier, the answer path and /info. */
#include "config.h"

#include <string.h>

#include "agents.h"

#include "../tap.h"

int main(void)
{
	bool complete = true;

	for(int i = 0; i < AGENT_COUNT; i++) {
		const struct agent *a = agent_get((enum agent_id)i);

		complete = complete && a->id == (enum agent_id)i && a->name && a->description &&
		           strlen(a->system_prompt) > 20 &&
		           agent_from_name(a->name) == (enum agent_id)i &&
		           strcmp(agent_name((enum agent_id)i), a->name) == 0;
	}
	CHECK(complete, "each agent has a name that maps back to it, a description and a prompt");
	CHECK(agent_from_name("safety") == AGENT_SAFETY &&
	              agent_from_name("equipment") == AGENT_EQUIPMENT,
	      "the API names map to the agents");
	CHECK(agent_from_name("chef") == AGENT_NONE && agent_from_name("") == AGENT_NONE,
	      "an unknown name is AGENT_NONE");
	CHECK(strcmp(agent_name(AGENT_NONE), "general") == 0 &&
	              strcmp(agent_name(AGENT_COUNT), "general") == 0,
	      "an out-of-range id is named general");
	CHECK(!agent_get(AGENT_GENERAL)->retrieves && agent_get(AGENT_SAFETY)->retrieves,
	      "general answers without retrieval; the specialists retrieve");
	CHECK(strcmp(agent_get(AGENT_SAFETY)->categories[0], "safety") == 0,
	      "safety searches the safety documents first");
	return TAP_DONE();
}
