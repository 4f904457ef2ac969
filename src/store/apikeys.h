/* apikeys.h - managing API keys in the api_keys table (the CLI's side;
 * checking a request's key is auth.c). */
#ifndef LINELEAD_APIKEYS_H
#define LINELEAD_APIKEYS_H

#include <stdio.h>

#include "auth.h"
#include "db.h"

/* Creates a key; writes the new secret into key (AUTH_KEY_LEN + 1 bytes) and
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
