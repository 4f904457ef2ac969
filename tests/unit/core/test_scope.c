/* test_scope.c - core/scope: what an API key may do, by name. */
#include "config.h"

#include <string.h>

#include "scope.h"

#include "../tap.h"

int main(void)
{
	CHECK(scope_parse("chat") == SCOPE_CHAT && scope_parse("admin") == SCOPE_ADMIN,
	      "chat and admin parse");
	CHECK(scope_parse("root") == SCOPE_NONE && scope_parse("") == SCOPE_NONE &&
	              scope_parse("Admin") == SCOPE_NONE,
	      "anything else is no scope (names are exact)");
	CHECK(strcmp(scope_name(SCOPE_ADMIN), "admin") == 0 &&
	              strcmp(scope_name(SCOPE_CHAT), "chat") == 0 &&
	              strcmp(scope_name(SCOPE_NONE), "none") == 0,
	      "and print back");
	CHECK(SCOPE_ADMIN > SCOPE_CHAT && SCOPE_CHAT > SCOPE_NONE,
	      "admin includes chat: the router compares them");
	return TAP_DONE();
}
