/* test_strtab.c - base/strtab: the classifier's string -> int table. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "../tap.h"

static void test_put_find(void)
{
	struct strtab t;
	long a = -1, b = -1, again = -1;

	memset(&t, 0, sizeof(t));
	CHECK(strtab_find(&t, "fryer", 5) == -1, "an empty table finds nothing");
	CHECK(strtab_put(&t, "fryer", 5, 7, &a) == LL_OK && a == 0, "the first key is entry 0");
	CHECK(strtab_put(&t, "fry", 3, 9, &b) == LL_OK && b == 1, "a prefix is another key");
	CHECK(strtab_put(&t, "fryer", 5, 1, &again) == LL_OK && again == a && t.value[a] == 7,
	      "putting a key again finds it and keeps its value");
	CHECK(strtab_find(&t, "fryers", 5) == a, "the length bounds the key, not a NUL");
	CHECK(strtab_find(&t, "fryers", 6) == -1, "an unknown key is -1");
	strtab_free(&t);
	CHECK(t.n == 0 && t.cap == 0, "freed, the table is empty again");
}

/* Past the first 256 slots the table grows; every entry keeps its index. */
static void test_growth(void)
{
	struct strtab t;
	char key[16];
	bool ok = true;

	memset(&t, 0, sizeof(t));
	for(int i = 0; i < 5000 && ok; i++) {
		long e;

		snprintf(key, sizeof(key), "w%d", i);
		ok = strtab_put(&t, key, strlen(key), i, &e) == LL_OK && e == i;
	}
	CHECK(ok && t.n == 5000, "5000 keys added, each at its own index");
	for(int i = 0; i < 5000 && ok; i++) {
		long e;

		snprintf(key, sizeof(key), "w%d", i);
		e = strtab_find(&t, key, strlen(key));
		ok = e == i && t.value[e] == i;
	}
	CHECK(ok, "all found after growing, with their values");
	CHECK(t.cap >= 2 * t.n, "the slots stay at most half full");
	strtab_free(&t);
}

static void test_reserve(void)
{
	uint32_t *a = NULL;
	size_t cap = 0;

	CHECK(strtab_reserve(&a, &cap, 10, sizeof(*a)) == LL_OK && cap >= 10 && a,
	      "reserve allocates at least what is asked");
	a[9] = 42;
	CHECK(strtab_reserve(&a, &cap, 1000, sizeof(*a)) == LL_OK && cap >= 1000 && a[9] == 42,
	      "growing keeps the contents");
	CHECK(strtab_reserve(&a, &cap, 5, sizeof(*a)) == LL_OK && cap >= 1000,
	      "asking for less never shrinks");
	free(a);
}

int main(void)
{
	test_put_find();
	test_growth();
	test_reserve();
	return TAP_DONE();
}
