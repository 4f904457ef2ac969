/* ask_cue.c - cue phrases, matched as the question reader matches them (see
 * ask_cue.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "answer/ask_cue.h"

void ask_lowered(const char *text, char *out, size_t len)
{
	size_t n = 1;

	out[0] = ' ';
	for(const char *p = text; *p && n + 2 < len; p++)
		out[n++] = (char)tolower((unsigned char)*p);
	out[n++] = ' ';
	out[n] = '\0';
}

bool ask_has_any(const char *text, const char *const *cues)
{
	for(int i = 0; cues[i]; i++)
		if(strstr(text, cues[i]))
			return true;
	return false;
}

bool ask_starts_any(const char *text, const char *const *cues)
{
	for(int i = 0; cues[i]; i++)
		if(strncmp(text, cues[i], strlen(cues[i])) == 0)
			return true;
	return false;
}

bool ask_ends_any(const char *text, const char *const *cues)
{
	size_t n = strlen(text);

	for(int i = 0; cues[i]; i++)
		if(n > strlen(cues[i]) && strcmp(text + n - strlen(cues[i]), cues[i]) == 0)
			return true;
	return false;
}

bool ask_after_any(const char *t, const char *p, const char *const *cues)
{
	for(int i = 0; cues[i]; i++) {
		size_t n = strlen(cues[i]);

		if((size_t)(p - t) >= n && strncmp(p - n, cues[i], n) == 0)
			return true;
	}
	return false;
}
