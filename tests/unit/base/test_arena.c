/* test_arena.c - base/arena: per-request memory (zeroed, aligned, strings,
 * growth past a block, reset). */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "../tap.h"

int main(void)
{
	struct arena a;
	char *s, *big;
	double *d;
	bool zero = true;

	arena_init(&a, 1024);
	s = arena_strdup(&a, "fryer");
	d = arena_alloc(&a, 3 * sizeof(*d));
	CHECK(s && strcmp(s, "fryer") == 0, "a string copied");
	CHECK(d && ((uintptr_t)d % _Alignof(max_align_t)) == 0, "memory aligned for any type");
	big = arena_alloc(&a, 10000);
	for(size_t i = 0; big && i < 10000; i++)
		zero &= big[i] == 0;
	CHECK(big && zero, "larger than a block: still given, and zeroed");
	CHECK(strcmp(arena_strndup(&a, "grill plate", 5), "grill") == 0, "strndup stops at len");
	CHECK(strcmp(arena_printf(&a, "%s %d", "E", 3), "E 3") == 0, "printf into the arena");
	CHECK(arena_strdup(&a, NULL) == NULL, "NULL in, NULL out");
	arena_reset(&a);
	s = arena_strdup(&a, "after reset");
	CHECK(s && strcmp(s, "after reset") == 0, "usable after a reset");
	arena_free(&a);
	return TAP_DONE();
}
