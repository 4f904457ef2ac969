/* apikeys.h - API keys: the key format, generating and hashing a key, and
 * managing the api_keys table (the CLI's side; checking a request's key is
 * http/auth.c).
 *
 * A key is "ll_" + 40 random base62 characters.  Only its SHA-256 (hex) and
 * a display prefix (the first APIKEY_PREFIX_LEN characters) are stored. */
#ifndef LINELEAD_APIKEYS_H
#define LINELEAD_APIKEYS_H

#include <stdio.h>

#include "db.h"
#include "scope.h"

#define APIKEY_LEN 43          /* "ll_" + 40 */
#define APIKEY_PREFIX_LEN 12
#define APIKEY_HASH_HEX 65     /* 64 hex digits + NUL */

/* Fills key (>= APIKEY_LEN + 1 bytes) with a new random key. */
__attribute__((warn_unused_result))
ll_result apikeys_generate(char *key, size_t keylen);
/* Hex SHA-256 of key into out (APIKEY_HASH_HEX bytes). */
void apikeys_hash(const char *key, char *out);

/* Creates a key; writes the new secret into key (APIKEY_LEN + 1 bytes) and
 * its id into *id.  Only the hash and the display prefix are stored. */
__attribute__((warn_unused_result))
ll_result apikeys_create(struct db *db, const char *name, enum scope scope,
                         char *key, size_t keylen, long long *id);
/* Prints one line per key: id, prefix, scope, name, created, last used, revoked. */
__attribute__((warn_unused_result))
ll_result apikeys_list(struct db *db, FILE *out);
/* Revokes by id or display prefix; LL_ENOTFOUND when no active key matches. */
__attribute__((warn_unused_result))
ll_result apikeys_revoke(struct db *db, const char *id_or_prefix);

#endif
