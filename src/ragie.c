/* ragie.c - placeholder until the Ragie client lands. */
#include "config.h"

#include "ragie.h"

ll_result ragie_retrieve(const struct settings *s, struct arena *arena, const char *query,
                         int top_k, double budget_s, struct passages *out)
{
	return LL_EUNAVAILABLE;
}

ll_result ragie_upload(const struct settings *s, const char *title, const char *category,
                       const char *content, size_t len)
{
	return LL_EUNAVAILABLE;
}
