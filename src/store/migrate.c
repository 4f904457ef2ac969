/* migrate.c - apply sql/NNN_*.sql in order, once each. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "migrate.h"

#define MIGRATE_MAX_FILES 256
#define MIGRATE_MAX_BYTES (4 * 1024 * 1024)

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool migration_name(const char *name, int *version)
{
	size_t n = strlen(name);
	char *end;
	long v;

	if(n < 8 || strcmp(name + n - 4, ".sql") != 0)
		return false;
	v = strtol(name, &end, 10);
	if(end == name || *end != '_' || v <= 0 || v > 99999)
		return false;
	*version = (int)v;
	return true;
}

static ll_result read_file(const char *path, struct buf *out)
{
	char chunk[8192];
	size_t n;
	ll_result result = LL_OK;
	FILE *f = fopen(path, "r");

	if(!f)
		return LL_EIO;
	while((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		result = buf_append(out, chunk, n);
		if(result)
			break;
	}
	if(ferror(f))
		result = LL_EIO;
	fclose(f);
	return result;
}

static ll_result migrate_one(struct db *db, const char *dir, const char *name, int version,
                             FILE *report, int *applied)
{
	static const struct db_stmt is_applied = {
		"migrate_is_applied", "SELECT 1 FROM schema_migrations WHERE version = $1"};
	static const struct db_stmt record = {
		"migrate_record", "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)"};
	char path[4096], vtext[16];
	const char *params[2];
	struct buf sql;
	PGresult *res = NULL;
	ll_result result;

	buf_init(&sql, MIGRATE_MAX_BYTES);
	snprintf(vtext, sizeof(vtext), "%d", version);
	params[0] = vtext;
	params[1] = name;
	result = db_begin(db);
	if(result)
		goto out;
	/* Serialises concurrent migrate runs until this transaction ends. */
	result = db_exec_simple(db, "SELECT pg_advisory_xact_lock(4242)");
	if(result)
		goto out;
	result = db_exec(db, &is_applied, 1, params, &res);
	if(result)
		goto out;
	if(PQntuples(res) > 0)
		goto out; /* already applied (maybe by a concurrent run) */
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	result = read_file(path, &sql);
	if(result) {
		fprintf(report, "migrate: cannot read %s\n", path);
		goto out;
	}
	result = db_exec_simple(db, buf_str(&sql));
	if(result) {
		fprintf(report, "migrate: %s failed: %s\n", name, db->last_error);
		goto out;
	}
	result = db_exec(db, &record, 2, params, NULL);
	if(result)
		goto out;
	result = db_commit(db);
	if(result)
		goto out;
	fprintf(report, "applied %s\n", name);
	(*applied)++;
out:
	if(db->in_tx)
		db_rollback(db);
	PQclear(res);
	buf_free(&sql);
	return result;
}

ll_result migrate_run(struct db *db, const char *sql_dir, FILE *report, int *applied)
{
	char *names[MIGRATE_MAX_FILES];
	int count = 0, version;
	struct dirent *de;
	ll_result result = LL_OK;
	DIR *d;

	*applied = 0;
	d = opendir(sql_dir);
	if(!d) {
		fprintf(report, "migrate: cannot open %s: %s\n", sql_dir, strerror(errno));
		return LL_EIO;
	}
	while((de = readdir(d)) != NULL && count < MIGRATE_MAX_FILES) {
		if(!migration_name(de->d_name, &version))
			continue;
		names[count] = strdup(de->d_name);
		if(!names[count]) {
			result = LL_ENOMEM;
			break;
		}
		count++;
	}
	closedir(d);
	if(result)
		goto out;
	qsort(names, (size_t)count, sizeof(names[0]), name_cmp);
	result = db_exec_simple(db,
		"CREATE TABLE IF NOT EXISTS schema_migrations ("
		" version int PRIMARY KEY, name text NOT NULL,"
		" applied_at timestamptz NOT NULL DEFAULT now())");
	if(result) {
		fprintf(report, "migrate: %s\n", db->last_error);
		goto out;
	}
	for(int i = 0; i < count; i++) {
		migration_name(names[i], &version);
		result = migrate_one(db, sql_dir, names[i], version, report, applied);
		if(result)
			break;
	}
	if(!result && *applied == 0)
		fprintf(report, "nothing to apply: the schema is up to date\n");
out:
	for(int i = 0; i < count; i++)
		free(names[i]);
	return result;
}
