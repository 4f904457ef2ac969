/* arena.h - per-request memory.
 *
 * Everything a request allocates for itself (passages, answer text, parsed
 * fields) comes from the worker's arena and is released at once by
 * arena_reset() after the response is sent.  Pointers into the arena are
 * valid until the next reset; nothing allocated here may be freed alone.
 */
#ifndef LINELEAD_ARENA_H
#define LINELEAD_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t block_size;
};

void arena_init(struct arena *a, size_t block_size);
/* Zeroed memory, aligned for any type; NULL only when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* Copies of strings; NULL in gives NULL out. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
__attribute__((format(printf, 2, 3)))
char *arena_printf(struct arena *a, const char *fmt, ...);
/* Releases everything but the first block. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
