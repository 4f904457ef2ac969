/* strtab.c - a table from short strings to ints (open addressing, FNV-1a,
 * the keys in one pool). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "strtab.h"

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for(size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void strtab_free(struct strtab *t)
{
	free(t->slots);
	free(t->off);
	free(t->klen);
	free(t->value);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}

/* Index of key, or -1. */
long strtab_find(const struct strtab *t, const char *s, size_t len)
{
	if(!t->cap)
		return -1;
	size_t mask = t->cap - 1;
	for(size_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
		uint32_t e = t->slots[i];
		if(!e)
			return -1;
		e--;
		if(t->klen[e] == len && !memcmp(t->pool + t->off[e], s, len))
			return (long)e;
	}
}

static ll_result strtab_grow(struct strtab *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 256;
	uint32_t *slots = calloc(ncap, sizeof(*slots));
	if(!slots)
		return LL_ENOMEM;
	for(size_t e = 0; e < t->n; e++) {
		size_t i = hash_bytes(t->pool + t->off[e], t->klen[e]) & (ncap - 1);
		while(slots[i])
			i = (i + 1) & (ncap - 1);
		slots[i] = (uint32_t)e + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->cap = ncap;
	return LL_OK;
}

/* Grow the array *pptr (any object pointer, passed by address) to hold
 * need elements of elem bytes; *cap counts elements.  The pointer is moved
 * with memcpy so that a uint32_t ** need not pose as a void **. */
ll_result strtab_reserve(void *pptr, size_t *cap, size_t need, size_t elem)
{
	if(need <= *cap)
		return LL_OK;
	size_t ncap = *cap ? *cap : 64;
	while(ncap < need)
		ncap *= 2;
	void *p;
	memcpy(&p, pptr, sizeof(p));
	void *np = realloc(p, ncap * elem);
	if(!np)
		return LL_ENOMEM;
	memcpy(pptr, &np, sizeof(np));
	*cap = ncap;
	return LL_OK;
}

/* Find or add key (len < 256); *index gets its entry.  A new entry takes value. */
ll_result strtab_put(struct strtab *t, const char *s, size_t len, int value, long *index)
{
	ll_result result = LL_OK;
	long e = strtab_find(t, s, len);
	if(e >= 0)
		goto out;
	if((t->n + 1) * 2 > t->cap) {
		result = strtab_grow(t);
		if(result)
			goto out;
	}
	size_t ncap = t->ncap;
	result = strtab_reserve(&t->off, &ncap, t->n + 1, sizeof(*t->off));
	if(!result) {
		ncap = t->ncap;
		result = strtab_reserve(&t->klen, &ncap, t->n + 1, sizeof(*t->klen));
	}
	if(!result) {
		ncap = t->ncap;
		result = strtab_reserve(&t->value, &ncap, t->n + 1, sizeof(*t->value));
	}
	if(result)
		goto out;
	t->ncap = ncap;
	result = strtab_reserve(&t->pool, &t->pcap, t->plen + len, 1);
	if(result)
		goto out;
	memcpy(t->pool + t->plen, s, len);
	e = (long)t->n;
	t->off[e] = (uint32_t)t->plen;
	t->klen[e] = (uint8_t)len;
	t->value[e] = value;
	t->plen += len;
	t->n++;
	size_t mask = t->cap - 1;
	size_t i = hash_bytes(s, len) & mask;
	while(t->slots[i])
		i = (i + 1) & mask;
	t->slots[i] = (uint32_t)e + 1;
out:
	if(index)
		*index = e;
	return result;
}
