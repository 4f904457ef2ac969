/* migrate.h - versioned schema migrations from sql/NNN_name.sql.
 *
 * Each pending file runs in its own transaction together with its row in
 * schema_migrations, under an advisory lock so two concurrent runs cannot
 * both apply it.  Running it again applies nothing. */
#ifndef LINELEAD_MIGRATE_H
#define LINELEAD_MIGRATE_H

#include <stdio.h>

#include "db.h"
#include "result.h"

/* Applies the pending migrations in sql_dir, reporting each on `report`;
 * *applied counts them. */
__attribute__((warn_unused_result))
ll_result migrate_run(struct db *db, const char *sql_dir, FILE *report, int *applied);

#endif
