/* test_apikeys.c - store/apikeys: the key format and its hash, the parts
 * that need no database. */
#include "config.h"

#include <string.h>

#include "apikeys.h"
#include "../tap.h"

static bool base62(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
	       strlen(s);
}

static void test_generate(void)
{
	char a[APIKEY_LEN + 1], b[APIKEY_LEN + 1], small[APIKEY_LEN];

	CHECK(apikeys_generate(a, sizeof(a)) == LL_OK, "a key is generated");
	CHECK(strlen(a) == APIKEY_LEN && strncmp(a, "ll_", 3) == 0,
	      "it is \"ll_\" and %d more characters", APIKEY_LEN - 3);
	CHECK(base62(a + 3), "the rest is base62");
	CHECK(apikeys_generate(b, sizeof(b)) == LL_OK && strcmp(a, b) != 0,
	      "two keys differ");
	CHECK(apikeys_generate(small, sizeof(small)) != LL_OK,
	      "a buffer without room for the NUL is refused");
}

static void test_hash(void)
{
	char h[APIKEY_HASH_HEX], again[APIKEY_HASH_HEX], other[APIKEY_HASH_HEX];

	apikeys_hash("ll_abc", h);
	CHECK(strcmp(h, "d2a4a0f86504827d4d6b91028e3107f15aec2025dec3032d23a3064742d9839e") == 0,
	      "the hash is the hex SHA-256 of the key");
	CHECK(strlen(h) == APIKEY_HASH_HEX - 1, "64 hex digits");
	apikeys_hash("ll_abc", again);
	apikeys_hash("ll_abd", other);
	CHECK(strcmp(h, again) == 0 && strcmp(h, other) != 0,
	      "the same key hashes the same, another differently");
}

int main(void)
{
	test_generate();
	test_hash();
	return TAP_DONE();
}
