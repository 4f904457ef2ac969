/* answer.c - names of the priorities. */
#include "config.h"

#include <string.h>

#include "answer.h"

static const char *const priority_names[] = {"low", "normal", "high", "urgent"};

const char *priority_name(enum priority p)
{
	if((int)p < 0 || (size_t)p >= sizeof(priority_names) / sizeof(priority_names[0]))
		return "normal";
	return priority_names[p];
}

int priority_parse(const char *name)
{
	if(!name)
		return -1;
	for(size_t i = 0; i < sizeof(priority_names) / sizeof(priority_names[0]); i++)
		if(strcmp(name, priority_names[i]) == 0)
			return (int)i;
	return -1;
}
