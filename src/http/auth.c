/* auth.c - the per-request API key check. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "auth.h"
#include "clock.h"
#include "http.h"
#include "log.h"
#include "settings.h"

/* The key from "Authorization: Bearer <key>" or "X-API-Key: <key>". */
static const char *auth_presented_key(const struct http_request *req)
{
	const char *h = req->authorization;

	if(h[0]) {
		if(strncasecmp(h, "Bearer ", 7) != 0)
			return NULL;
		h += 7;
		while(*h == ' ')
			h++;
		return *h ? h : NULL;
	}
	return req->x_api_key[0] ? req->x_api_key : NULL;
}

/* Whether this connection's database has the trigger that tells the
 * workers about key changes (sql/004_key_changes.sql); asked once per
 * connection. */
static bool auth_cache_usable(struct auth_cache *c, struct db *db)
{
	static const struct db_stmt trigger = {
		"auth_trigger",
		"SELECT 1 FROM pg_trigger WHERE tgname = 'api_keys_changed'"
		" AND tgrelid = 'api_keys'::regclass AND tgenabled <> 'D'"};
	PGresult *res = NULL;

	if(c->checked != db->session) {
		c->usable = db_exec(db, &trigger, 0, NULL, &res) == LL_OK && PQntuples(res) == 1;
		c->checked = db->session;
		PQclear(res);
		if(!c->usable)
			log_warn("key_cache_off", "api_keys has no api_keys_changed trigger"
			         " (run linelead migrate): every request looks its key up");
	}
	return c->usable;
}

static const struct auth_cached_key *auth_cache_find(struct auth_cache *c, struct db *db,
                                                     const char *hash)
{
	double now = clock_mono();

	if(db_notified(db)) {
		memset(c->slot, 0, sizeof(c->slot));
		return NULL;
	}
	if(!auth_cache_usable(c, db))
		return NULL;
	for(unsigned i = 0; i < AUTH_CACHE_SLOTS; i++) {
		const struct auth_cached_key *k = &c->slot[i];

		if(k->session == db->session && now - k->at < AUTH_CACHE_TTL_S &&
		   strcmp(k->hash, hash) == 0)
			return k;
	}
	return NULL;
}

static void auth_cache_put(struct auth_cache *c, const struct db *db, const char *hash,
                           long long id, enum scope scope)
{
	struct auth_cached_key *k = &c->slot[c->next++ % AUTH_CACHE_SLOTS];

	memcpy(k->hash, hash, APIKEY_HASH_HEX);
	k->id = id;
	k->scope = scope;
	k->session = db->session;
	k->at = clock_mono();
}

void auth_init(struct auth *a, const struct settings *s)
{
	memset(a, 0, sizeof(*a));
	a->off = strcmp(s->auth, "off") == 0;
	if(s->api_key[0]) {
		SHA256((const unsigned char *)s->api_key, strlen(s->api_key), a->api_key_hash);
		a->has_api_key = true;
	}
}

ll_result auth_check(struct auth *a, struct db *db, struct http_request *req, enum scope need)
{
	static const struct db_stmt lookup = {
		"auth_lookup",
		"SELECT id, scope FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"};
	const struct auth_cached_key *known;
	char hash[APIKEY_HASH_HEX];
	const char *key, *params[1];
	PGresult *res = NULL;
	ll_result result = LL_OK;

	if(a->off) {
		req->key_scope = SCOPE_ADMIN;
		return LL_OK;
	}
	key = auth_presented_key(req);
	if(!key || strlen(key) > 256) {
		req->error_message =
			"A valid API key is required (Authorization: Bearer <key> or X-API-Key)";
		return LL_EUNAUTHORIZED;
	}
	if(a->has_api_key) {
		unsigned char digest[SHA256_DIGEST_LENGTH];

		SHA256((const unsigned char *)key, strlen(key), digest);
		if(CRYPTO_memcmp(digest, a->api_key_hash, sizeof(digest)) == 0) {
			req->key_scope = SCOPE_ADMIN;
			return LL_OK;
		}
	}
	apikeys_hash(key, hash);
	known = auth_cache_find(&a->cache, db, hash);
	if(known) {
		req->api_key_id = known->id;
		req->key_scope = known->scope;
	} else {
		params[0] = hash;
		result = db_exec(db, &lookup, 1, params, &res);
		if(result)
			goto out;
		if(PQntuples(res) != 1) {
			req->error_message = "The API key is not valid";
			result = LL_EUNAUTHORIZED;
			goto out;
		}
		req->api_key_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		req->key_scope = scope_parse(PQgetvalue(res, 0, 1));
		auth_cache_put(&a->cache, db, hash, req->api_key_id, req->key_scope);
	}
	if(req->key_scope < need) {
		req->error_message = "This API key's scope does not allow this route";
		result = LL_EFORBIDDEN;
	}
out:
	PQclear(res);
	return result;
}
