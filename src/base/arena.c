/* arena.c - bump allocator in linked blocks. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 16384;
}

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	struct arena_block *b = a->head;
	size_t need = (size + align - 1) & ~(align - 1);
	void *p;

	if(size == 0)
		need = align;
	if(need < size)
		return NULL;
	if(!b || b->size - b->used < need) {
		size_t bsize = need > a->block_size ? need : a->block_size;

		b = malloc(sizeof(*b) + bsize);
		if(!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *copy;

	if(!s)
		return NULL;
	copy = arena_alloc(a, len + 1);
	if(!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if(n < 0)
		return NULL;
	s = arena_alloc(a, (size_t)n + 1);
	if(!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;

	while(b && b->next) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	a->head = b;
	if(b)
		b->used = 0;
}

void arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}
