/* test_idempotency.c - http/idempotency: which keys are valid, the request
 * fingerprint, and what a stored response answers.  The .c is included (as
 * h2o's tests do) to reach fingerprint and same_request; nothing here
 * needs the database (idempotency_begin returns before it without a valid
 * key). */
#include "idempotency.c"

#include <string.h>

#include "../tap.h"

static void test_key_valid(void)
{
	char longest[IDEMPOTENCY_KEY_MAX + 2];

	CHECK(idempotency_key_valid("retry-1"), "letters, digits and a hyphen are a key");
	CHECK(idempotency_key_valid("a_b.c:d-E9"), "_ . : - are allowed");
	CHECK(!idempotency_key_valid(""), "an empty key is not");
	CHECK(!idempotency_key_valid("has space"), "a space is not allowed");
	CHECK(!idempotency_key_valid("slash/"), "a slash is not allowed");
	CHECK(!idempotency_key_valid("caf\xc3\xa9"), "non-ASCII is not allowed");
	memset(longest, 'k', IDEMPOTENCY_KEY_MAX);
	longest[IDEMPOTENCY_KEY_MAX] = '\0';
	CHECK(idempotency_key_valid(longest), "IDEMPOTENCY_KEY_MAX characters are a key");
	longest[IDEMPOTENCY_KEY_MAX] = 'k';
	longest[IDEMPOTENCY_KEY_MAX + 1] = '\0';
	CHECK(!idempotency_key_valid(longest), "one more is not");
}

static void test_fingerprint(void)
{
	char a[65], b[65], c[65];

	/* sha256("/chat/production\0{\"m\":1}"): the route's NUL separates */
	CHECK(fingerprint("/chat/production", "{\"m\":1}", 7, a) == LL_OK &&
	      strcmp(a, "a6cb49fa5bce07ff5e7ba5fe9f9e54ce4dc17b9b29304a5f47c7f2402b3564c1") == 0,
	      "the fingerprint is the hex SHA-256 of route, NUL, request");
	CHECK(fingerprint("/chat/production", "", 0, b) == LL_OK &&
	      strcmp(b, "63f23357cac069b02cd41c1f73115f3522085a05b3614dfaa72f734f80e7aa08") == 0,
	      "an empty request hashes the route and its NUL");
	CHECK(fingerprint("/documents", "{\"m\":1}", 7, c) == LL_OK && strcmp(a, c) != 0,
	      "the same request on another route is another fingerprint");
}

static void test_same_request(void)
{
	struct http_request req;
	struct idempotency idem;
	struct store_idempotency stored;

	memset(&req, 0, sizeof(req));
	memset(&idem, 0, sizeof(idem));
	memset(&stored, 0, sizeof(stored));
	snprintf(idem.fingerprint, sizeof(idem.fingerprint), "%s", "f1");
	idem.row.route = "/chat/production";
	stored.route = "/chat/production";
	stored.fingerprint = "f1";
	CHECK(same_request(&req, &idem, &stored) == LL_OK && !req.error_message,
	      "the same route and fingerprint replay");
	stored.fingerprint = "f2";
	CHECK(same_request(&req, &idem, &stored) == LL_EVALIDATION && req.error_message,
	      "another request under the key is a validation error with a message");
	req.error_message = NULL;
	stored.fingerprint = "f1";
	stored.route = "/feedback";
	CHECK(same_request(&req, &idem, &stored) == LL_EVALIDATION,
	      "the key used on another route is too");
}

static void test_begin_without_database(void)
{
	struct http_request req;
	struct idempotency idem;
	struct store_idempotency stored;
	bool found = true;

	memset(&req, 0, sizeof(req));
	req.route = "/chat/production";
	req.idempotency_key = "";
	CHECK(idempotency_begin(NULL, &req, "x", 1, &idem, &stored, &found) == LL_OK &&
	      !idem.active && !found, "no key: nothing to look up, nothing active");
	req.idempotency_key = "bad key";
	found = true;
	CHECK(idempotency_begin(NULL, &req, "x", 1, &idem, &stored, &found) == LL_EINVAL &&
	      !idem.active && !found && req.error_message,
	      "a malformed key is LL_EINVAL with a message");
}

int main(void)
{
	test_key_valid();
	test_fingerprint();
	test_same_request();
	test_begin_without_database();
	return TAP_DONE();
}
