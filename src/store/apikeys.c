/* apikeys.c - API keys: generate and hash them; create, list and revoke them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/sha.h>

#include "apikeys.h"

ll_result apikeys_generate(char *key, size_t keylen)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char raw[40];
	size_t i = 0;

	if(keylen < APIKEY_LEN + 1)
		return LL_EINTERNAL;
	memcpy(key, "ll_", 3);
	while(i < 40) {
		if(getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
			return LL_EIO;
		/* Rejection sampling keeps the characters uniform. */
		for(size_t j = 0; j < sizeof(raw) && i < 40; j++)
			if(raw[j] < 248)
				key[3 + i++] = alphabet[raw[j] % 62];
	}
	key[APIKEY_LEN] = '\0';
	return LL_OK;
}

void apikeys_hash(const char *key, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)key, strlen(key), digest);
	for(int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}

ll_result apikeys_create(struct db *db, const char *name, enum scope scope,
                         char *key, size_t keylen, long long *id)
{
	static const struct db_stmt insert = {
		"apikeys_insert",
		"INSERT INTO api_keys (name, prefix, key_hash, scope) VALUES ($1, $2, $3, $4)"
		" RETURNING id"};
	char hash[APIKEY_HASH_HEX], prefix[APIKEY_PREFIX_LEN + 1];
	const char *params[4];
	PGresult *res = NULL;
	ll_result result;

	result = apikeys_generate(key, keylen);
	if(result)
		return result;
	apikeys_hash(key, hash);
	memcpy(prefix, key, APIKEY_PREFIX_LEN);
	prefix[APIKEY_PREFIX_LEN] = '\0';
	params[0] = name;
	params[1] = prefix;
	params[2] = hash;
	params[3] = scope_name(scope);
	result = db_exec(db, &insert, 4, params, &res);
	if(!result)
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return result;
}

ll_result apikeys_list(struct db *db, FILE *out)
{
	static const struct db_stmt list = {
		"apikeys_list",
		"SELECT id, prefix, scope, name, to_char(created_at, 'YYYY-MM-DD HH24:MI'),"
		" coalesce(to_char(last_used_at, 'YYYY-MM-DD HH24:MI'), '-'),"
		" CASE WHEN revoked_at IS NULL THEN 'active' ELSE 'revoked' END"
		" FROM api_keys ORDER BY id"};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &list, 0, NULL, &res);

	if(result)
		return result;
	fprintf(out, "%-6s %-14s %-6s %-8s %-17s %-17s %s\n", "ID", "PREFIX", "SCOPE", "STATE",
	        "CREATED", "LAST USED", "NAME");
	for(int i = 0; i < PQntuples(res); i++)
		fprintf(out, "%-6s %-14s %-6s %-8s %-17s %-17s %s\n", PQgetvalue(res, i, 0),
		        PQgetvalue(res, i, 1), PQgetvalue(res, i, 2), PQgetvalue(res, i, 6),
		        PQgetvalue(res, i, 4), PQgetvalue(res, i, 5), PQgetvalue(res, i, 3));
	PQclear(res);
	return LL_OK;
}

ll_result apikeys_revoke(struct db *db, const char *id_or_prefix)
{
	static const struct db_stmt revoke = {
		"apikeys_revoke",
		"UPDATE api_keys SET revoked_at = now() WHERE revoked_at IS NULL"
		" AND (prefix = $1 OR id::text = $1) RETURNING id"};
	const char *params[1] = {id_or_prefix};

	return db_exec_found(db, &revoke, 1, params);
}
