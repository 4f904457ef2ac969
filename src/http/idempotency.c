/* idempotency.c - replaying the stored response of a retried POST. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "idempotency.h"

bool idempotency_key_valid(const char *key)
{
	size_t n = strlen(key);

	if(n == 0 || n > IDEMPOTENCY_KEY_MAX)
		return false;
	for(; *key; key++)
		if(!isalnum((unsigned char)*key) && !strchr("_.:-", *key))
			return false;
	return true;
}

/* Hex SHA-256 of the route and what the route says the request is. */
static ll_result fingerprint(const char *route, const char *what, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_LENGTH];
	size_t rlen = strlen(route) + 1;     /* with its NUL: a separator */
	unsigned char *text = malloc(rlen + len);

	if(!text)
		return LL_ENOMEM;
	memcpy(text, route, rlen);
	if(len)
		memcpy(text + rlen, what, len);
	SHA256(text, rlen + len, digest);
	free(text);
	for(int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
	return LL_OK;
}

/* The stored response answers this request, or the key was misused. */
static ll_result same_request(struct http_request *req, const struct idempotency *idem,
                              const struct store_idempotency *stored)
{
	if(strcmp(stored->route, idem->row.route) == 0 &&
	   strcmp(stored->fingerprint, idem->fingerprint) == 0)
		return LL_OK;
	req->error_message = "This Idempotency-Key was already used for another request";
	return LL_EVALIDATION;
}

ll_result idempotency_begin(struct db *db, struct http_request *req, const char *what,
                            size_t len,
                            struct idempotency *idem, struct store_idempotency *stored, bool *found)
{
	ll_result result;

	memset(idem, 0, sizeof(*idem));
	*found = false;
	if(!req->idempotency_key[0])
		return LL_OK;
	if(!idempotency_key_valid(req->idempotency_key)) {
		req->error_message =
			"Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 _ . : -";
		return LL_EINVAL;
	}
	result = fingerprint(req->route, what, len, idem->fingerprint);
	if(result)
		return result;
	idem->active = true;
	idem->row.owner = req->api_key_id;
	idem->row.key = req->idempotency_key;
	idem->row.route = req->route;
	idem->row.fingerprint = idem->fingerprint;
	idem->row.request_id = req->request_id;
	result = store_idempotency_get(db, req->arena, idem->row.owner, idem->row.key, stored,
	                               found);
	if(result || !*found)
		return result;
	result = same_request(req, idem, stored);
	if(result)
		*found = false;
	return result;
}

ll_result idempotency_after_conflict(struct db *db, struct http_request *req, ll_result result,
                                     const struct idempotency *idem,
                                     struct store_idempotency *stored)
{
	bool found = false;

	if(result != LL_ECONFLICT || !idem->active)
		return result;
	if(store_idempotency_get(db, req->arena, idem->row.owner, idem->row.key, stored,
	                         &found) != LL_OK)
		return result;
	if(!found)
		return result;
	return same_request(req, idem, stored);
}

void idempotency_replay(struct http_request *req, const struct store_idempotency *stored)
{
	http_add_header(req, "Idempotent-Replayed", "true");
	http_respond_body(req, stored->status, "application/json", stored->response,
	                  strlen(stored->response));
}
