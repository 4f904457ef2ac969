/* result.c - names, statuses and messages of ll_result. */
#include "config.h"

#include "result.h"

static const struct {
	const char *code;
	int status;
	const char *message;
} result_table[LL_RESULT_MAX] = {
	[LL_OK] = {"ok", 200, "OK"},
	[LL_ENOMEM] = {"internal_error", 500, "The server ran out of memory"},
	[LL_EINVAL] = {"invalid_request", 400, "The request is malformed"},
	[LL_EVALIDATION] = {"validation_failed", 422, "One or more fields are invalid"},
	[LL_EUNAUTHORIZED] = {"unauthorized", 401, "A valid API key is required"},
	[LL_EFORBIDDEN] = {"forbidden", 403, "This API key may not use this route"},
	[LL_ENOTFOUND] = {"not_found", 404, "Not found"},
	[LL_EMETHOD] = {"method_not_allowed", 405, "Method not allowed on this route"},
	[LL_ETOOLARGE] = {"payload_too_large", 413, "The request body is too large"},
	[LL_EMEDIATYPE] = {"unsupported_media_type", 415, "Content-Type must be application/json"},
	[LL_ERATELIMIT] = {"rate_limited", 429, "Too many requests; slow down"},
	[LL_EDB] = {"database_unavailable", 503, "The database is unavailable; try again shortly"},
	[LL_EUNAVAILABLE] = {"service_unavailable", 503,
	                     "The service is unavailable; try again shortly"},
	[LL_ETIMEOUT] = {"timeout", 504, "The request took too long"},
	[LL_EUPSTREAM] = {"upstream_error", 502, "An upstream service failed"},
	[LL_EIO] = {"internal_error", 500, "An I/O error occurred"},
	[LL_ECONFIG] = {"internal_error", 500, "The server is misconfigured"},
	[LL_EINTERNAL] = {"internal_error", 500, "An internal error occurred"},
	[LL_ECONFLICT] = {"conflict", 409, "The request conflicts with the stored state"},
};

const char *result_code(ll_result result)
{
	if((unsigned)result >= LL_RESULT_MAX)
		result = LL_EINTERNAL;
	return result_table[result].code;
}

int result_http_status(ll_result result)
{
	if((unsigned)result >= LL_RESULT_MAX)
		result = LL_EINTERNAL;
	return result_table[result].status;
}

const char *result_message(ll_result result)
{
	if((unsigned)result >= LL_RESULT_MAX)
		result = LL_EINTERNAL;
	return result_table[result].message;
}
