/* route_ctx.h - the application context: what the routes, the router and
 * idempotency use of the process that serves them, lent to them by its
 * owner.  The routes never see struct worker (app/worker.h).
 */
#ifndef LINELEAD_ROUTE_CTX_H
#define LINELEAD_ROUTE_CTX_H

#include <stdbool.h>
#include <sys/types.h>

struct answer_ctx;
struct arena;
struct auth;
struct classifier;
struct db;
struct llm;
struct scoreboard;
struct scoreboard_slot;
struct settings;

/* The pool's worker process (pool/child.c) fills one from its struct worker
 * and its own auth state, once, and passes it to router_dispatch for every
 * request.  Nothing here is owned by the context. */
struct route_ctx {
	const struct settings *settings;
	struct db *db;                     /* the connection (and the job queue's table) */
	struct arena *arena;               /* per request; reset by the owner after it */
	struct classifier *classifier;     /* /chat/classify */
	struct llm *llm;                   /* NULL when no LLM is configured */
	struct auth *auth;                 /* what keys are checked against (auth.h) */
	struct scoreboard *scoreboard;     /* shared; may be NULL */
	struct scoreboard_slot *slot;      /* this process's slot; may be NULL */
	/* The answer contexts' factory: the resources of every question's
	 * answer_ctx (answer/path.h); a route copies it and adds the request's
	 * deadline, stage hook and trace. */
	const struct answer_ctx *answer;
	pid_t master;                      /* the pool master; 0 when there is none */
};

/* Marks the stage of the current request in the scoreboard slot (the
 * status page and the slow log); nothing without a slot. */
void route_stage(struct route_ctx *rc, const char *stage);

/* Whether the master that forked this process is gone (re-parented). */
bool route_orphaned(const struct route_ctx *rc);

#endif
