/* agents.h - the specialist agents: their ids, names, prompts, categories.
 *
 * The table in agents.c is the one place an agent is described; the
 * classifier, the orchestrator, the answer path and the LLM client all read it.
 */
#ifndef LINELEAD_AGENTS_H
#define LINELEAD_AGENTS_H

#include <stdbool.h>

enum agent_id {
	AGENT_EQUIPMENT = 0,
	AGENT_SAFETY,
	AGENT_OPERATIONS,
	AGENT_TRAINING,
	AGENT_GENERAL,
	AGENT_COUNT,
	AGENT_NONE = -1
};

struct agent {
	enum agent_id id;
	const char *name;          /* "equipment", ... as in the API */
	const char *description;   /* one line, for /info */
	const char *system_prompt; /* used when an LLM is configured */
	const char *categories[4]; /* document categories searched first, NULL-terminated */
	bool retrieves;            /* false for general: no retrieval */
};

/* The agent with this id; id must be in [0, AGENT_COUNT). */
const struct agent *agent_get(enum agent_id id);

/* The id for an API name ("safety"), or AGENT_NONE. */
enum agent_id agent_from_name(const char *name);

/* The API name of an id; "general" for out-of-range ids. */
const char *agent_name(enum agent_id id);

#endif
