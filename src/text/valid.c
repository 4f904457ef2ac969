/* valid.c - checks of untrusted text that every layer shares. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "valid.h"

size_t valid_utf8_length(const char *s, size_t bytes)
{
	size_t n = 0;

	for(size_t i = 0; i < bytes; i++)
		if(((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
 * json-c's own check lets some of these through. */
bool valid_utf8(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;

	while(s < end) {
		unsigned c = *s;
		size_t n;
		unsigned cp, min;

		if(c < 0x80) {
			s++;
			continue;
		}
		if(c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
			min = 0x80;
		} else if(c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
			min = 0x800;
		} else if(c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if((size_t)(end - s) <= n)
			return false;
		for(size_t i = 1; i <= n; i++) {
			if((s[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if(cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += n + 1;
	}
	return true;
}

bool valid_id(const char *s, size_t max)
{
	size_t n = strlen(s);

	if(n == 0 || n > max)
		return false;
	/* "." and ".." are path segments to nginx and every client library:
	 * an id like that could be stored but never read or deleted */
	if(strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for(; *s; s++)
		if(!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-')
			return false;
	return true;
}
