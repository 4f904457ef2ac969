/* fuzz_settings.c - the configuration file parser. */
#include "config.h"

#include <stdint.h>

#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings s;
	char err[256];

	if(settings_defaults(&s, err, sizeof(err)) != LL_OK)
		return 0;
	/* rejected input is as good an outcome as accepted input */
	if(settings_parse(&s, (const char *)data, size, "fuzz.conf", err, sizeof(err)) != LL_OK)
		err[0] = '\0';
	settings_free(&s);
	return 0;
}
