/* route_ctx.c - the application context's helpers. */
#include "config.h"

#include <unistd.h>

#include "route_ctx.h"
#include "scoreboard.h"

void route_stage(struct route_ctx *rc, const char *stage)
{
	if(rc->slot)
		scoreboard_slot_stage(rc->slot, stage);
}

bool route_orphaned(const struct route_ctx *rc)
{
	return rc->master && getppid() != rc->master;
}
