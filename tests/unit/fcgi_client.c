/* fcgi_client.c - the web server's side of FastCGI for tests (fcgi_client.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fcgi_client.h"

enum { FCGI_BEGIN = 1, FCGI_END = 3, FCGI_PARAMS = 4, FCGI_STDIN = 5, FCGI_STDOUT = 6 };

static int unix_socket(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if(strlen(path) >= sizeof(sa->sun_path))
		return -1;
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return socket(AF_UNIX, SOCK_STREAM, 0);
}

int fcgi_listen(const char *path)
{
	struct sockaddr_un sa;
	int fd = unix_socket(path, &sa);

	unlink(path);
	if(fd >= 0 && (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int fcgi_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd = unix_socket(path, &sa);

	if(fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static int write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while(len > 0) {
		ssize_t n = write(fd, c, len);

		if(n <= 0)
			return -1;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One record of type with content (at most 65535 bytes). */
static int record(int fd, int type, const void *content, size_t len)
{
	unsigned char h[8] = {
	        1, (unsigned char)type, 0, 1, (unsigned char)(len >> 8), (unsigned char)len, 0, 0};

	return write_all(fd, h, 8) || (len && write_all(fd, content, len)) ? -1 : 0;
}

/* Appends a FastCGI name-value length to p. */
static size_t nv_length(unsigned char *p, size_t len)
{
	if(len < 128) {
		p[0] = (unsigned char)len;
		return 1;
	}
	p[0] = (unsigned char)(0x80 | (len >> 24));
	p[1] = (unsigned char)(len >> 16);
	p[2] = (unsigned char)(len >> 8);
	p[3] = (unsigned char)len;
	return 4;
}

static int send_params(int fd, const char *const *params, const char *content_length)
{
	unsigned char buf[8192];
	size_t used = 0;

	for(size_t i = 0; params[i] || (content_length && i % 2 == 0); i += 2) {
		const char *name = params[i] ? params[i] : "CONTENT_LENGTH";
		const char *value = params[i] ? params[i + 1] : content_length;
		size_t nl = strlen(name), vl = strlen(value);

		if(used + nl + vl + 8 > sizeof(buf))
			return -1;
		used += nv_length(buf + used, nl);
		used += nv_length(buf + used, vl);
		memcpy(buf + used, name, nl);
		memcpy(buf + used + nl, value, vl);
		used += nl + vl;
		if(!params[i])
			break;
	}
	return record(fd, FCGI_PARAMS, buf, used) || record(fd, FCGI_PARAMS, NULL, 0) ? -1 : 0;
}

int fcgi_send(int fd, const char *const *params, const char *body, size_t len)
{
	static const unsigned char begin[8] = {0, 1, 0, 0, 0, 0, 0, 0}; /* responder */
	char content_length[24];

	snprintf(content_length, sizeof(content_length), "%zu", len);
	if(record(fd, FCGI_BEGIN, begin, 8) ||
	   send_params(fd, params, body ? content_length : NULL))
		return -1;
	while(body && len > 0) {
		size_t n = len > 32768 ? 32768 : len;

		if(record(fd, FCGI_STDIN, body, n))
			return -1;
		body += n;
		len -= n;
	}
	/* all sent: the application's lingering close need not wait for us */
	return record(fd, FCGI_STDIN, NULL, 0) || shutdown(fd, SHUT_WR) ? -1 : 0;
}

static int read_all(int fd, void *p, size_t len)
{
	char *c = p;

	while(len > 0) {
		ssize_t n = read(fd, c, len);

		if(n <= 0)
			return -1;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Splits the head from the body of what STDOUT carried. */
static void split(struct fcgi_reply *r, char *out, size_t len)
{
	char *end = strstr(out, "\r\n\r\n");
	size_t head = end ? (size_t)(end - out) : 0;
	const char *status;

	snprintf(r->head, sizeof(r->head), "%.*s", (int)head, out);
	r->len = end ? len - head - 4 : len;
	memmove(out, end ? end + 4 : out, r->len);
	out[r->len] = '\0';
	r->body = out;
	status = strstr(r->head, "Status: ");
	r->status = status ? (int)strtol(status + 8, NULL, 10) : 200;
}

int fcgi_read(int fd, struct fcgi_reply *r)
{
	unsigned char h[8], content[65536 + 256];
	char *out = NULL;
	size_t len = 0;

	memset(r, 0, sizeof(*r));
	for(;;) {
		size_t n, pad;

		if(read_all(fd, h, 8))
			break;
		n = (size_t)h[4] << 8 | h[5];
		pad = h[6];
		if(read_all(fd, content, n + pad))
			break;
		if(h[1] == FCGI_STDOUT && n > 0) {
			char *grown = realloc(out, len + n + 1);

			if(!grown)
				break;
			out = grown;
			memcpy(out + len, content, n);
			len += n;
			out[len] = '\0';
		} else if(h[1] == FCGI_END) {
			if(!out)
				out = calloc(1, 1);
			if(out)
				split(r, out, len);
			return out ? 0 : -1;
		}
	}
	free(out);
	return -1;
}

void fcgi_reply_free(struct fcgi_reply *r)
{
	free(r->body);
	r->body = NULL;
}
