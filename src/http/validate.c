/* validate.c - field tables for JSON request bodies. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "valid.h"
#include "validate.h"

static void field_error(struct json_object **errors, const char *name, const char *message)
{
	struct json_object *e = json_object_new_object();

	if(!*errors)
		*errors = json_object_new_array();
	json_object_object_add(e, "field", json_object_new_string(name));
	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_array_add(*errors, e);
}

/* True when every number in v is finite: json-c takes 1e999999 as
 * infinity, which no consumer of the value can use.  The parser bounded
 * the depth, so the recursion is bounded. */
static bool json_numbers_finite(struct json_object *v)
{
	switch(json_object_get_type(v)) {
	case json_type_double:
		return isfinite(json_object_get_double(v));
	case json_type_object: {
		json_object_object_foreach(v, key, member) {
			(void)key;
			if(!json_numbers_finite(member))
				return false;
		}
		return true;
	}
	case json_type_array:
		for(size_t i = 0; i < json_object_array_length(v); i++)
			if(!json_numbers_finite(json_object_array_get_idx(v, i)))
				return false;
		return true;
	default:
		return true;
	}
}

static const char *object_check(const struct field_spec *f, struct json_object *v)
{
	static char msg[128];
	size_t len = 0;

	if(!json_object_is_type(v, json_type_object))
		return "must be an object";
	if(!json_numbers_finite(v))
		return "must not hold numbers out of range";
	json_object_to_json_string_length(v, JSON_C_TO_STRING_PLAIN, &len);
	if(f->max > 0 && (long long)len > f->max) {
		snprintf(msg, sizeof(msg), "must be at most %lld bytes as JSON", f->max);
		return msg;
	}
	return NULL;
}

/* Checks one present value; returns the complaint or NULL. */
static const char *field_check(const struct field_spec *f, struct json_object *v, void *slot)
{
	static char msg[128];
	const char *s;
	size_t bytes, chars;

	switch(f->type) {
	case FIELD_STRING:
	case FIELD_ID:
	case FIELD_ENUM:
		if(!json_object_is_type(v, json_type_string))
			return "must be a string";
		s = json_object_get_string(v);
		bytes = (size_t)json_object_get_string_len(v);
		if(strlen(s) != bytes)
			return "must not contain NUL characters";
		if(!valid_utf8(s, bytes))
			return "must be valid UTF-8 text";
		if(f->type == FIELD_ENUM) {
			for(size_t i = 0; f->choices[i]; i++)
				if(strcmp(f->choices[i], s) == 0)
					goto ok_string;
			snprintf(msg, sizeof(msg), "must be one of the allowed values");
			return msg;
		}
		if(f->type == FIELD_ID && !valid_id(s, (size_t)f->max)) {
			snprintf(msg, sizeof(msg),
			         "must be 1-%lld characters of A-Z a-z 0-9 _ . - (not . or ..)",
			         f->max);
			return msg;
		}
		chars = valid_utf8_length(s, bytes);
		if((long long)chars < f->min || (long long)chars > f->max) {
			snprintf(msg, sizeof(msg), "must be %lld to %lld characters long", f->min,
			         f->max);
			return msg;
		}
		if(f->type == FIELD_STRING && f->min > 0) {
			const char *p = s;

			while(*p && isspace((unsigned char)*p))
				p++;
			if(!*p)
				return "must not be blank";
		}
	ok_string:
		*(const char **)slot = s;
		return NULL;
	case FIELD_BOOL:
		if(!json_object_is_type(v, json_type_boolean))
			return "must be true or false";
		*(int *)slot = json_object_get_boolean(v) ? 1 : 0;
		return NULL;
	case FIELD_OBJECT:
		s = object_check(f, v);
		if(s)
			return s;
		*(struct json_object **)slot = v;
		return NULL;
	case FIELD_INT:
		if(!json_object_is_type(v, json_type_int))
			return "must be an integer";
		if(json_object_get_int64(v) < f->min || json_object_get_int64(v) > f->max) {
			snprintf(msg, sizeof(msg), "must be between %lld and %lld", f->min, f->max);
			return msg;
		}
		*(long long *)slot = json_object_get_int64(v);
		return NULL;
	}
	return "has an unsupported type";
}

ll_result validate_object(struct http_request *req, struct json_object *obj,
                          const struct field_spec *specs, size_t n, void *out)
{
	struct json_object *errors = NULL;

	for(size_t i = 0; i < n; i++) {
		const struct field_spec *f = &specs[i];
		void *slot = (char *)out + f->offset;
		struct json_object *v = NULL;
		const char *complaint;

		if(f->type == FIELD_BOOL)
			*(int *)slot = -1;
		if(!obj || !json_object_object_get_ex(obj, f->name, &v) ||
		   json_object_is_type(v, json_type_null)) {
			if(f->required)
				field_error(&errors, f->name, "is required");
			continue;
		}
		complaint = field_check(f, v, slot);
		if(complaint)
			field_error(&errors, f->name, complaint);
	}
	if(!errors)
		return LL_OK;
	if(req) {
		if(req->error_fields)
			json_object_put(req->error_fields);
		req->error_fields = errors;
		req->error_message = "One or more fields are invalid";
	} else {
		json_object_put(errors);
	}
	return LL_EVALIDATION;
}
