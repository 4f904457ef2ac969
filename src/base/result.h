/* result.h - the one error type of Line Lead.
 *
 * Values never change meaning once released; new ones go before
 * LL_RESULT_MAX.  result_http_status() and result_code() are the one place
 * that turns an error into an HTTP status and the "code" of the JSON error
 * body (see http_respond_error()).
 */
#ifndef LINELEAD_RESULT_H
#define LINELEAD_RESULT_H

typedef enum ll_result {
	LL_OK = 0,
	LL_ENOMEM,        /* out of memory                         500 */
	LL_EINVAL,        /* malformed request (bad JSON, ...)      400 */
	LL_EVALIDATION,   /* well-formed but fields are wrong       422 */
	LL_EUNAUTHORIZED, /* missing or unknown API key             401 */
	LL_EFORBIDDEN,    /* key lacks the scope                    403 */
	LL_ENOTFOUND,     /* no such route or resource              404 */
	LL_EMETHOD,       /* route exists, method does not          405 */
	LL_ETOOLARGE,     /* body or input over its limit           413 */
	LL_EMEDIATYPE,    /* wrong Content-Type                     415 */
	LL_ERATELIMIT,    /* too many requests                      429 */
	LL_EDB,           /* database unreachable or failed         503 */
	LL_EUNAVAILABLE,  /* service cannot answer now              503 */
	LL_ETIMEOUT,      /* time budget exhausted                  504 */
	LL_EUPSTREAM,     /* an upstream (LLM, Ragie) failed        502 */
	LL_EIO,           /* file or socket I/O failed              500 */
	LL_ECONFIG,       /* configuration is invalid               500 */
	LL_EINTERNAL,     /* a bug                                  500 */
	LL_ECONFLICT,     /* the state does not allow it now        409 */
	LL_RESULT_MAX
} ll_result;

/* A numeric constant as a string literal, for messages that name a limit:
 * "at most " LL_STR(CONVERSATION_PAGE_MAX). */
#define LL_STR_(x) #x
#define LL_STR(x) LL_STR_(x)

/* A short stable identifier, e.g. "invalid_request"; never NULL. */
const char *result_code(ll_result result);

/* The HTTP status an API error of this kind is answered with. */
int result_http_status(ll_result result);

/* A plain-words default message, e.g. "The request body is not valid JSON". */
const char *result_message(ll_result result);

#endif
