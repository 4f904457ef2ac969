/* test_auth.c - http/auth: the key check up to the database (auth off, no
 * key, a malformed header, the bootstrap key compared by its hash). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "settings.h"
#include "../tap.h"

static void request(struct http_request *req, const char *authorization, const char *x_api_key)
{
	memset(req, 0, sizeof(*req));
	req->authorization = authorization;
	req->x_api_key = x_api_key;
}

int main(void)
{
	struct settings s;
	struct auth a;
	struct http_request req;
	struct db db;
	char err[200];

	memset(&db, 0, sizeof(db));
	if(settings_defaults(&s, err, sizeof(err)) != LL_OK) {
		printf("not ok 1 - settings_defaults: %s\n", err);
		return 1;
	}
	free(s.auth);
	s.auth = strdup("off");
	auth_init(&a, &s);
	request(&req, "", "");
	CHECK(auth_check(&a, &db, &req, SCOPE_ADMIN) == LL_OK && req.key_scope == SCOPE_ADMIN,
	      "auth = off: every request is admin");

	free(s.auth);
	s.auth = strdup("required");
	free(s.api_key);
	s.api_key = strdup("bootstrap-secret");
	auth_init(&a, &s);
	CHECK(a.has_api_key && !a.off, "the bootstrap key is kept as its hash");
	request(&req, "", "");
	CHECK(auth_check(&a, &db, &req, SCOPE_CHAT) == LL_EUNAUTHORIZED && req.error_message,
	      "no key: 401 with a message");
	request(&req, "Basic Ym9vdHN0cmFw", "");
	CHECK(auth_check(&a, &db, &req, SCOPE_CHAT) == LL_EUNAUTHORIZED,
	      "not a Bearer key: 401");
	request(&req, "Bearer bootstrap-secret", "");
	CHECK(auth_check(&a, &db, &req, SCOPE_ADMIN) == LL_OK && req.key_scope == SCOPE_ADMIN,
	      "the bootstrap key in Authorization: admin");
	request(&req, "", "bootstrap-secret");
	CHECK(auth_check(&a, &db, &req, SCOPE_ADMIN) == LL_OK && req.key_scope == SCOPE_ADMIN,
	      "the bootstrap key in X-API-Key: admin");
	settings_free(&s);
	return TAP_DONE();
}
