/* fuzz_query.c - the query string: http_query_valid and http_query_param.
 * Input: a raw query string (without the '?'). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char query[4096], value[64];
	struct http_request req;

	if(size >= sizeof(query))
		return 0;
	memcpy(query, data, size);
	query[size] = '\0';
	memset(&req, 0, sizeof(req));
	req.query = query;
	if(http_query_valid(query) && http_query_param(&req, "title", value, sizeof(value)) &&
	   strlen(value) >= sizeof(value))
		__builtin_trap();     /* never cut short, never unterminated */
	return 0;
}
