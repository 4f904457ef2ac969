/* test_buf.c - the growable buffer and the arena. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "../tap.h"

int main(void)
{
	struct buf b;
	struct arena a;
	char *s;

	buf_init(&b, 16);
	CHECK(strcmp(buf_str(&b), "") == 0, "an empty buffer reads as the empty string");
	CHECK(buf_appends(&b, "hello ") == LL_OK && buf_appends(&b, "world") == LL_OK, "appends within the limit succeed");
	CHECK(strcmp(buf_str(&b), "hello world") == 0 && b.len == 11, "contents are concatenated and NUL-terminated");
	CHECK(buf_appends(&b, " and more") == LL_ETOOLARGE, "appending past the limit fails with LL_ETOOLARGE");
	CHECK(strcmp(buf_str(&b), "hello world") == 0, "a refused append leaves the buffer unchanged");
	CHECK(buf_printf(&b, "%d", 12345) == LL_OK && strcmp(buf_str(&b), "hello world12345") == 0, "printf appends formatted text");
	CHECK(buf_printf(&b, "%s", "x") == LL_ETOOLARGE, "printf respects the limit too");
	s = buf_steal(&b);
	CHECK(strcmp(s, "hello world12345") == 0 && b.len == 0 && b.data == NULL, "steal hands over the string and empties the buffer");
	free(s);
	buf_free(&b);

	arena_init(&a, 64);
	s = arena_strdup(&a, "grill E03");
	CHECK(s && strcmp(s, "grill E03") == 0, "arena_strdup copies");
	CHECK(((uintptr_t)arena_alloc(&a, 3) % _Alignof(max_align_t)) == 0, "arena memory is aligned");
	{
		char *big = arena_alloc(&a, 10000);

		CHECK(big && big[9999] == 0, "allocations larger than a block work and are zeroed");
	}
	s = arena_printf(&a, "%s-%d", "BG", 4);
	CHECK(s && strcmp(s, "BG-4") == 0, "arena_printf formats");
	CHECK(arena_strndup(&a, "abcdef", 3) && strcmp(arena_strndup(&a, "abcdef", 3), "abc") == 0, "strndup cuts");
	arena_reset(&a);
	CHECK(arena_alloc(&a, 16) != NULL, "the arena is usable after reset");
	arena_free(&a);
	return TAP_DONE();
}
