/* answer.h - what flows through the orchestrator: the question, the
 * passages retrieved for it, and the answer composed from them.
 *
 * All of it lives in the request's arena (struct http_request.arena or the
 * CLI's arena): nothing here is freed on its own.
 */
#ifndef LINELEAD_ANSWER_H
#define LINELEAD_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "agents.h"

enum priority { PRIORITY_LOW = 0, PRIORITY_NORMAL, PRIORITY_HIGH, PRIORITY_URGENT };

struct passage {
	long long chunk_id;
	long long document_id;
	const char *title;
	const char *section;
	const char *category;
	const char *body;
	double score;            /* relevance in [0,1] after boosts */
	const char *origin;      /* "pg" or "ragie" */
};

struct passages {
	struct passage *items;
	size_t count;
	const char *query;       /* the words as the retriever corrected them; NULL = as asked */
};

struct citation {
	long long document_id;
	const char *title;
	const char *section;
	const char *snippet;
	double score;
	const char *category;    /* the manual's category (an agent's name), or NULL */
};

/* One turn of earlier conversation, oldest first. */
struct turn {
	const char *role;        /* "user" | "assistant" */
	const char *content;
	const char *agent;
};

struct question {
	const char *text;
	const char *conversation_id;
	enum priority priority;
	enum agent_id agent;           /* chosen agent */
	enum agent_id secondary;       /* AGENT_NONE or the second agent consulted */
	const struct turn *history;    /* may be NULL */
	size_t nhistory;
};

struct answer {
	const char *response;          /* the text shown to the crew */
	const char **steps;            /* in the source's order */
	size_t nsteps;
	const char **warnings;         /* safety warnings, most important first */
	size_t nwarnings;
	struct citation *citations;
	size_t ncitations;
	double confidence;             /* [0,1] */
	bool escalate;
	bool service_call_recommended;
	bool degraded;                 /* the LLM was configured but not used */
	bool cached;
	bool incomplete;               /* the stream was cut off */
	const char *model;             /* "local" or the LLM's model name */
	const char *degraded_reason;   /* for the log only */
};

const char *priority_name(enum priority p);
/* -1 when unknown. */
int priority_parse(const char *name);

#endif
