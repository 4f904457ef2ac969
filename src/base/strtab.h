/* strtab.h - a table from short strings (under 256 bytes) to ints: open
 * addressing, the keys in one pool, an entry's index stable once added.
 * The classifier's word table and feature vocabulary.  A zeroed struct is
 * an empty table; strtab_free releases it. */
#ifndef LINELEAD_STRTAB_H
#define LINELEAD_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"

struct strtab {
	uint32_t *slots;   /* entry index + 1; 0 = empty */
	size_t cap;        /* power of two */
	uint32_t *off;     /* key offsets into pool */
	uint8_t *klen;
	int *value;
	size_t n, ncap;
	char *pool;
	size_t plen, pcap;
};

void strtab_free(struct strtab *t);

/* Index of key s (len bytes), or -1. */
long strtab_find(const struct strtab *t, const char *s, size_t len);

/* Find or add key s (len < 256); *index (may be NULL) gets its entry.  A
 * new entry takes value; t->value[index] may be changed after. */
__attribute__((warn_unused_result))
ll_result strtab_put(struct strtab *t, const char *s, size_t len, int value, long *index);

/* Grows the array *pptr (any object pointer, passed by address) to hold
 * need elements of elem bytes; *cap counts elements.  The table's own
 * growth, and any array that grows the same way. */
__attribute__((warn_unused_result))
ll_result strtab_reserve(void *pptr, size_t *cap, size_t need, size_t elem);

#endif
