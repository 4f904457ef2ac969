/* store_jobs.c - background ingest jobs in PostgreSQL. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "store_jobs.h"

/* A job a runner died on this many times fails instead of killing the next. */
#define JOB_MAX_ATTEMPTS 3

/* base64 of len bytes, in the arena-free heap: caller frees. */
static char *to_base64(const char *data, size_t len)
{
	char *out = malloc(4 * ((len + 2) / 3) + 1);

	if(out)
		EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)data, (int)len);
	return out;
}

ll_result store_job_create(struct db *db, const struct store_job *job, long long api_key_id,
			   long long *id)
{
	static const struct db_stmt create = {
		"store_job_create",
		"WITH j AS (INSERT INTO ingest_jobs (title, category, source, source_key, format, "
		"media_type, body, api_key_id) "
		"VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'base64'), nullif($8, '0')::bigint) "
		"RETURNING id) "
		"SELECT id, pg_notify('ingest_jobs', id::text) FROM j" /* STORE_JOBS_CHANNEL */
	};
	char key[24];
	char *b64 = to_base64(job->body, job->len);
	const char *params[8] = { job->title,  job->category,   job->source, job->source_key,
				  job->format, job->media_type, b64,         key };
	PGresult *res = NULL;
	ll_result result;

	*id = 0;
	if(!b64)
		return LL_ENOMEM;
	snprintf(key, sizeof(key), "%lld", api_key_id > 0 ? api_key_id : 0);
	result = db_exec(db, &create, 8, params, &res);
	if(!result && PQntuples(res) == 1)
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else if(!result)
		result = LL_EINTERNAL;
	PQclear(res);
	free(b64);
	return result;
}

ll_result store_job_json(struct db *db, long long id, struct json_object **out)
{
	static const struct db_stmt get = {
		"store_job_get",
		"SELECT json_build_object('job_id', id, 'state', state, 'title', title, "
		"'category', category, 'pages_total', pages_total, 'pages_done', pages_done, "
		"'document_id', document_id, 'report', report, 'error', error, "
		"'created_at', to_char(created_at AT TIME ZONE 'UTC', $2), "
		"'updated_at', to_char(updated_at AT TIME ZONE 'UTC', $2), "
		"'finished_at', to_char(finished_at AT TIME ZONE 'UTC', $2))::text "
		"FROM ingest_jobs WHERE id = $1"
	};
	char key[24];
	const char *params[2] = { key, "YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"" };
	PGresult *res = NULL;
	ll_result result;

	*out = NULL;
	snprintf(key, sizeof(key), "%lld", id);
	result = db_exec(db, &get, 2, params, &res);
	if(!result && PQntuples(res) != 1)
		result = LL_ENOTFOUND;
	if(!result && !(*out = json_tokener_parse(PQgetvalue(res, 0, 0))))
		result = LL_EINTERNAL;
	PQclear(res);
	return result;
}

/* The body of a claimed job from its base64, into the arena. */
static ll_result job_body(struct arena *arena, const char *b64, size_t b64len,
			  struct store_job *job)
{
	unsigned char *raw = arena_alloc(arena, b64len / 4 * 3 + 4);
	int n;

	if(!raw)
		return LL_ENOMEM;
	n = b64len ? EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)b64len) : 0;
	if(n < 0)
		return LL_EINTERNAL;
	/* EVP_DecodeBlock counts the padding's bytes too */
	while(b64len && b64[b64len - 1] == '=' && n > 0) {
		n--;
		b64len--;
	}
	job->body = (const char *)raw;
	job->len = (size_t)n;
	return LL_OK;
}

ll_result store_job_claim(struct db *db, struct arena *arena, struct store_job *job, bool *found)
{
	static const struct db_stmt claim = {
		"store_job_claim",
		"UPDATE ingest_jobs SET state = 'running', attempts = attempts + 1, "
		"started_at = now(), updated_at = now() "
		"WHERE id = (SELECT id FROM ingest_jobs WHERE state = 'queued' ORDER BY id "
		"FOR UPDATE SKIP LOCKED LIMIT 1) "
		"RETURNING id, title, category, source, source_key, format, media_type, "
		"encode(body, 'base64')"
	};
	PGresult *res = NULL;
	ll_result result = db_exec(db, &claim, 0, NULL, &res);
	const char **dst[] = { &job->title,      &job->category, &job->source,
			       &job->source_key, &job->format,   &job->media_type };

	memset(job, 0, sizeof(*job));
	*found = false;
	if(result || PQntuples(res) != 1)
		goto out;
	job->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	for(int k = 0; k < 6 && !result; k++)
		if(!(*dst[k] = arena_strdup(arena, PQgetvalue(res, 0, k + 1))))
			result = LL_ENOMEM;
	if(!result) {
		/* encode() wraps its lines at 76 characters */
		const char *b = PQgetvalue(res, 0, 7);
		char *flat = arena_alloc(arena, strlen(b) + 1);
		size_t n = 0;

		if(!flat)
			result = LL_ENOMEM;
		for(; !result && *b; b++)
			if(*b != '\n')
				flat[n++] = *b;
		if(!result)
			result = job_body(arena, flat, n, job);
	}
	*found = !result;
out:
	PQclear(res);
	return result;
}

ll_result store_job_progress(struct db *db, long long id, int done, int total)
{
	static const struct db_stmt progress = {
		"store_job_progress",
		"UPDATE ingest_jobs SET pages_done = $2, pages_total = $3, updated_at = now() "
		"WHERE id = $1"
	};
	char k[24], d[16], t[16];
	const char *params[3] = { k, d, t };

	snprintf(k, sizeof(k), "%lld", id);
	snprintf(d, sizeof(d), "%d", done);
	snprintf(t, sizeof(t), "%d", total);
	return db_exec(db, &progress, 3, params, NULL);
}

ll_result store_job_finish(struct db *db, long long id, bool done, long long document_id,
			   const char *report, const char *error)
{
	static const struct db_stmt finish = {
		"store_job_finish",
		"UPDATE ingest_jobs SET state = $2, document_id = nullif($3, '0')::bigint, "
		"report = $4::jsonb, error = $5, body = NULL, finished_at = now(), "
		"updated_at = now() WHERE id = $1"
	};
	char k[24], d[24];
	const char *params[5] = { k, done ? "done" : "failed", d, report, error };

	snprintf(k, sizeof(k), "%lld", id);
	snprintf(d, sizeof(d), "%lld", document_id > 0 ? document_id : 0);
	return db_exec(db, &finish, 5, params, NULL);
}

ll_result store_job_requeue_stale(struct db *db, int lease_s)
{
	static const struct db_stmt requeue = {
		"store_job_requeue",
		"UPDATE ingest_jobs SET "
		"state = CASE WHEN attempts >= $2::int THEN 'failed' ELSE 'queued' END, "
		"error = CASE WHEN attempts >= $2::int "
		"THEN 'the reader stopped on this upload ' || $2 || ' times' END, "
		"finished_at = CASE WHEN attempts >= $2::int THEN now() END "
		"WHERE state = 'running' "
		"AND updated_at < now() - make_interval(secs => $1::int)"
	};
	char s[16], most[16];
	const char *params[2] = { s, most };

	snprintf(s, sizeof(s), "%d", lease_s);
	snprintf(most, sizeof(most), "%d", JOB_MAX_ATTEMPTS);
	return db_exec(db, &requeue, 2, params, NULL);
}
