/* test_result.c - base/result: every failure has its own stable code, a
 * message in plain words and the HTTP status the API documents for it. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "result.h"

#include "../tap.h"

int main(void)
{
	static const struct {
		ll_result result;
		int status;
		const char *code;
	} documented[] = {
	        {LL_EINVAL, 400, "invalid_request"},
	        {LL_EUNAUTHORIZED, 401, NULL},
	        {LL_EFORBIDDEN, 403, "forbidden"},
	        {LL_ENOTFOUND, 404, "not_found"},
	        {LL_EMETHOD, 405, "method_not_allowed"},
	        {LL_ECONFLICT, 409, NULL},
	        {LL_ETOOLARGE, 413, NULL},
	        {LL_EMEDIATYPE, 415, NULL},
	        {LL_EVALIDATION, 422, "validation_failed"},
	        {LL_ERATELIMIT, 429, NULL},
	        {LL_EINTERNAL, 500, NULL},
	        {LL_EUPSTREAM, 502, NULL},
	        {LL_EDB, 503, NULL},
	        {LL_EUNAVAILABLE, 503, "service_unavailable"},
	        {LL_ETIMEOUT, 504, NULL},
	};
	bool unique = true, worded = true, opaque = true;

	for(size_t i = 0; i < sizeof(documented) / sizeof(documented[0]); i++) {
		ll_result r = documented[i].result;

		CHECK(result_http_status(r) == documented[i].status &&
		              (!documented[i].code ||
		               strcmp(result_code(r), documented[i].code) == 0),
		      "%s is %d", result_code(r), documented[i].status);
	}
	for(int a = LL_ENOMEM; a < LL_RESULT_MAX; a++) {
		worded = worded && result_code(a)[0] && result_message(a) &&
		         strlen(result_message(a)) > 5 && result_http_status(a) >= 400;
		if(result_http_status(a) == 500)
			opaque = opaque && strcmp(result_code(a), "internal_error") == 0;
		for(int b = a + 1; b < LL_RESULT_MAX; b++)
			unique = unique && (result_http_status(a) == 500 ||
			                    strcmp(result_code(a), result_code(b)) != 0);
	}
	CHECK(worded, "every failure has a code, a message and an error status");
	CHECK(unique, "no two failures a client can act on share a code");
	CHECK(opaque, "every 500 says only internal_error (nothing of the cause leaks)");
	CHECK(result_code(LL_RESULT_MAX + 3) && result_http_status(LL_RESULT_MAX + 3) == 500,
	      "an unknown value is a 500, never NULL");
	return TAP_DONE();
}
