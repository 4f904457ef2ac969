/* llm.h - an OpenAI-compatible Chat Completions client over libcurl.
 *
 * One client per worker, created from the settings, reusing one CURL handle.
 * (The generation interface is added by the LLM work; see docs/TEAM.md.)
 */
#ifndef LINELEAD_LLM_H
#define LINELEAD_LLM_H

#include "result.h"
#include "scoreboard.h"
#include "settings.h"

struct llm;

/* Creates a client; caller frees with llm_free.  The settings and scoreboard
 * are borrowed and must outlive it. */
__attribute__((warn_unused_result))
ll_result llm_create(const struct settings *s, struct scoreboard *sb, struct llm **out);
void llm_free(struct llm *llm);

/* "ok", "open" (circuit breaker open), "half_open", for /health. */
const char *llm_state_name(const struct llm *llm);

#endif
