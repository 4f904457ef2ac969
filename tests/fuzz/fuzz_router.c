/* fuzz_router.c - method + path matching.  Input: "METHOD PATH". */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024], param[128], allow[64];
	const struct route *route;
	char *space;

	if(size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	space = strchr(text, ' ');
	if(!space)
		return 0;
	*space = '\0';
	(void)router_match(text, space + 1, &route, param, sizeof(param), allow, sizeof(allow));
	return 0;
}
