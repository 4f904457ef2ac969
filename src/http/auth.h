/* auth.h - the per-request API key check (the key format, generating and
 * hashing are store/apikeys.h).
 *
 * A request's key is hashed and looked up by hash, so comparing never touches the secret, and
 * the bootstrap API_KEY is compared by hash with CRYPTO_memcmp.
 */
#ifndef LINELEAD_AUTH_H
#define LINELEAD_AUTH_H

#include <stddef.h>

#include "apikeys.h"
#include "http.h"
#include "result.h"

struct db;
struct settings;

/* The keys a worker has found valid, so that a request does not wait on a
 * database round trip for its key.  An entry holds only while the connection
 * it was read on is up and has not been told that api_keys changed (the
 * trigger in sql/004_key_changes.sql notifies AUTH_CHANNEL on every update or
 * delete, e.g. a revocation), and for AUTH_CACHE_TTL_S at most.  Unknown keys
 * are never kept: each one costs a lookup.  If the trigger is missing (the
 * binaries upgraded, `linelead migrate` not yet run), nothing is kept. */
#define AUTH_CHANNEL "linelead_api_keys"
#define AUTH_CACHE_SLOTS 16
#define AUTH_CACHE_TTL_S 300.0

struct auth_cache {
	unsigned long checked;           /* db->session the trigger was looked for on */
	bool usable;                     /* ... and found: without it nothing is kept */
	struct auth_cached_key {
		char hash[APIKEY_HASH_HEX];    /* "" = free */
		long long id;
		enum scope scope;
		unsigned long session;       /* db->session it was read on */
		double at;                   /* clock_mono() when read */
	} slot[AUTH_CACHE_SLOTS];
	unsigned next;                   /* the slot replaced next */
};

/* What a serving worker checks keys against: the settings' mode and
 * bootstrap key (kept only as its SHA-256) and the keys found valid. */
struct auth {
	bool off;                        /* auth = off: every request is admin */
	bool has_api_key;
	unsigned char api_key_hash[32];  /* SHA-256 of the settings' api_key */
	struct auth_cache cache;
};

/* Sets up *a from the settings; nothing to free. */
void auth_init(struct auth *a, const struct settings *s);

/* Checks the request's key (cached, see struct auth_cache; looked up in db)
 * against `need`: LL_EUNAUTHORIZED when missing, unknown or revoked;
 * LL_EFORBIDDEN when its scope is too small; LL_EDB when the database
 * cannot say.  Sets req->api_key_id and req->key_scope. */
__attribute__((warn_unused_result))
ll_result auth_check(struct auth *a, struct db *db, struct http_request *req, enum scope need);

#endif
