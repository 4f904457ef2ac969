/* valid.h - checks of untrusted text that every layer shares (the HTTP
 * layer's field tables, the CLI's arguments). */
#ifndef LINELEAD_VALID_H
#define LINELEAD_VALID_H

#include <stdbool.h>
#include <stddef.h>

/* The number of characters in a UTF-8 string (already validated). */
size_t valid_utf8_length(const char *s, size_t bytes);
/* True when text is well-formed UTF-8 (no overlong forms or surrogates). */
bool valid_utf8(const char *text, size_t len);
/* True for [A-Za-z0-9_.-]{1,max}, except "." and "..". */
bool valid_id(const char *s, size_t max);

#endif
