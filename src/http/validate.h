/* validate.h - untrusted JSON fields checked against a table (after kcgi's
 * struct kvalid).
 *
 * A route declares its fields once: name, type, bounds, where the value goes
 * in the route's typed struct.  validate_object() checks them all, fills the
 * struct, and on failure returns LL_EVALIDATION with req->error_fields
 * listing every bad field as {"field", "message"}.  Strings in the struct
 * are borrowed from the parsed JSON (valid until the request ends).
 */
#ifndef LINELEAD_VALIDATE_H
#define LINELEAD_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include <json-c/json.h>

#include "http.h"
#include "result.h"

enum field_type {
	FIELD_STRING,   /* const char *; length in characters within [min, max] */
	FIELD_ID,       /* const char *; [A-Za-z0-9_.-]{min,max}, not "." or ".." */
	FIELD_ENUM,     /* const char *; one of choices */
	FIELD_BOOL,     /* int: -1 absent, 0, 1 */
	FIELD_OBJECT,   /* struct json_object * (borrowed); at most max bytes as JSON
	                 * (0 = unbounded), every number finite */
	FIELD_INT       /* long long within [min, max]; absent leaves the default */
};

struct field_spec {
	const char *name;
	enum field_type type;
	bool required;
	long long min, max;
	const char *const *choices;  /* FIELD_ENUM: NULL-terminated */
	size_t offset;               /* where the value goes in the output struct */
};

__attribute__((warn_unused_result))
ll_result validate_object(struct http_request *req, struct json_object *obj,
                          const struct field_spec *specs, size_t n, void *out);

#endif
