/* apikeys.c - create, list and revoke API keys. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "apikeys.h"

ll_result apikeys_create(struct db *db, const char *name, enum scope scope,
                         char *key, size_t keylen, long long *id)
{
	static const struct db_stmt insert = {
		"apikeys_insert",
		"INSERT INTO api_keys (name, prefix, key_hash, scope) VALUES ($1, $2, $3, $4) RETURNING id"};
	char hash[AUTH_HASH_HEX], prefix[AUTH_PREFIX_LEN + 1];
	const char *params[4];
	PGresult *res = NULL;
	ll_result result;

	result = auth_key_generate(key, keylen);
	if(result)
		return result;
	auth_key_hash(key, hash);
	memcpy(prefix, key, AUTH_PREFIX_LEN);
	prefix[AUTH_PREFIX_LEN] = '\0';
	params[0] = name;
	params[1] = prefix;
	params[2] = hash;
	params[3] = auth_scope_name(scope);
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
