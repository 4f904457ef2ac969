/* buf.h - a growable byte buffer with a hard size limit (after curl's dynbuf).
 *
 * The buffer owns its memory; data is always NUL-terminated so it can be used
 * as a C string.  Appending past `limit` fails with LL_ETOOLARGE and leaves the
 * buffer as it was: the caller turns that into a clear error, never silent
 * truncation.
 */
#ifndef LINELEAD_BUF_H
#define LINELEAD_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "result.h"

struct buf {
	char *data;   /* NULL until the first append */
	size_t len;
	size_t cap;
	size_t limit; /* most bytes the buffer may hold, excluding the NUL */
};

void buf_init(struct buf *b, size_t limit);
__attribute__((warn_unused_result))
ll_result buf_append(struct buf *b, const void *data, size_t len);
__attribute__((warn_unused_result))
ll_result buf_appends(struct buf *b, const char *s);
__attribute__((warn_unused_result, format(printf, 2, 3)))
ll_result buf_printf(struct buf *b, const char *fmt, ...);
__attribute__((warn_unused_result))
ll_result buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* The contents as a C string: "" when empty, never NULL. */
const char *buf_str(const struct buf *b);
/* Empties the buffer, keeping its memory for reuse. */
void buf_reset(struct buf *b);
/* Frees the memory; the buffer can be used again after buf_init. */
void buf_free(struct buf *b);
/* Returns the contents as an allocated string (caller frees) and empties b. */
char *buf_steal(struct buf *b);

/* Appends the whole file at path (up to the buffer's limit: LL_ETOOLARGE
 * beyond).  LL_ENOTFOUND when it cannot be opened. */
__attribute__((warn_unused_result))
ll_result buf_read_file(struct buf *b, const char *path);

#endif
