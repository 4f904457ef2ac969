/* scope.c - the names of the API key scopes. */
#include "config.h"

#include <string.h>

#include "scope.h"

enum scope scope_parse(const char *name)
{
	if(strcmp(name, "admin") == 0)
		return SCOPE_ADMIN;
	if(strcmp(name, "chat") == 0)
		return SCOPE_CHAT;
	return SCOPE_NONE;
}

const char *scope_name(enum scope scope)
{
	return scope == SCOPE_ADMIN ? "admin" : scope == SCOPE_CHAT ? "chat" : "none";
}
