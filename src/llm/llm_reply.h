/* llm_reply.h - the answer object the model is asked for (a strict JSON
 * schema) and the validation of its reply: the ids it cites must name a
 * passage it was given, every string and list has a limit. */
#ifndef LINELEAD_LLM_REPLY_H
#define LINELEAD_LLM_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "result.h"

/* The response_format asking for the answer object (strict JSON schema):
 * {answer, steps[], safety_warnings[], cited_passages[], escalate,
 * service_call_recommended}.  A static string. */
const char *llm_answer_format(void);

/* A reply validated against that schema; all in the arena. */
struct llm_reply {
	const char *answer;
	const char **steps;
	size_t nsteps;
	const char **warnings;
	size_t nwarnings;
	size_t *cited;            /* 0-based passage indexes, in the model's order, no duplicates */
	size_t ncited;
	size_t ninvented;         /* cited ids that name no passage: dropped */
	bool escalate, service_call_recommended;
};

#define LLM_REPLY_ANSWER_MAX 16000
#define LLM_REPLY_ITEM_MAX 2000
#define LLM_REPLY_ITEMS_MAX 40

/* The passage id the model sees for 0-based index i: "P1", "P2", ... */
void llm_passage_id(size_t i, char *out, size_t outlen);

/* Parses and validates the model's content against the answer schema, with
 * npassages passages offered (ids P1..Pn).  A ```json fence around the object
 * is tolerated.  LL_EVALIDATION with a one-line reason in why (told to the
 * model in the corrective retry) when it does not conform. */
__attribute__((warn_unused_result))
ll_result llm_reply_parse(struct arena *arena, const char *text, size_t len,
                          size_t npassages, struct llm_reply *out, char *why, size_t whylen);

#endif
