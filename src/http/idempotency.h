/* idempotency.h - the Idempotency-Key header of the POSTs that do work:
 * POST /chat/production, /chat/stream and /documents.
 *
 * A client sends `Idempotency-Key: <token>` (1-128 characters of A-Z a-z
 * 0-9 _ . : -) and may send the same request again with it after a network
 * failure, a timeout or a 502: the retry gets the response the first one
 * got (its request_id included; header Idempotent-Replayed: true) instead
 * of a second exchange.  Keys are per API key and kept a day (sql/007).
 * The same key on another request (another route, or another question,
 * query or body) is refused with 422: it is a client bug.
 */
#ifndef LINELEAD_IDEMPOTENCY_H
#define LINELEAD_IDEMPOTENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"
#include "result.h"
#include "store.h"

struct db;

#define IDEMPOTENCY_KEY_MAX 128

struct idempotency {
	bool active;                   /* the request carried a key */
	struct store_idempotency row;  /* owner, key, route, fingerprint, request_id */
	char fingerprint[65];
};

/* Reads the request's key and looks for a stored response.  what (len
 * bytes) is the request as the route sees it: what must be the same for a
 * replay.  LL_OK with idem->active false when there is no key; LL_OK with
 * *found and *stored (strings in the request's arena) when there is a
 * response to replay; LL_EINVAL for a malformed key; LL_EVALIDATION when
 * the key was used for another request. */
__attribute__((warn_unused_result))
ll_result idempotency_begin(struct db *db, struct http_request *req, const char *what,
                            size_t len, struct idempotency *idem,
                            struct store_idempotency *stored, bool *found);

/* Looks again after the work lost the race for the key (store_exchange's
 * LL_ECONFLICT): LL_OK with *stored when the other request's response is
 * there to replay, otherwise `result` as it was. */
__attribute__((warn_unused_result))
ll_result idempotency_after_conflict(struct db *db, struct http_request *req,
                                     ll_result result, const struct idempotency *idem,
                                     struct store_idempotency *stored);

/* Sends the stored response as it was sent, as JSON. */
void idempotency_replay(struct http_request *req, const struct store_idempotency *stored);

/* True for 1-IDEMPOTENCY_KEY_MAX characters of A-Z a-z 0-9 _ . : - */
bool idempotency_key_valid(const char *key);

#endif
