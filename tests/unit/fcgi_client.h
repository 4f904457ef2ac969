/* fcgi_client.h - the web server's side of FastCGI, for the unit tests that
 * drive a route or a worker process the way nginx does: one request on a
 * connection to a Unix socket, its response read back whole.
 */
#ifndef LINELEAD_FCGI_CLIENT_H
#define LINELEAD_FCGI_CLIENT_H

#include <stddef.h>

struct fcgi_reply {
	int status; /* from the Status header; 200 when absent */
	char head[2048]; /* the header lines, NUL-terminated */
	char *body; /* owned, NUL-terminated; fcgi_reply_free */
	size_t len;
};

/* A listening Unix socket at path (removed first); -1 on failure. */
int fcgi_listen(const char *path);
int fcgi_connect(const char *path);
/* Sends one request: params are name, value, ... NULL (e.g. REQUEST_METHOD,
 * DOCUMENT_URI, CONTENT_TYPE, HTTP_AUTHORIZATION); CONTENT_LENGTH is added
 * when body is not NULL.  0 = sent. */
int fcgi_send(int fd, const char *const *params, const char *body, size_t len);
/* Reads the response until the end of the request; 0 = read. */
int fcgi_read(int fd, struct fcgi_reply *r);
void fcgi_reply_free(struct fcgi_reply *r);

#endif
