/* http.c - requests and responses over libfcgi. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "clock.h"
#include "http.h"
#include "log.h"
#include "valid.h"

static const char *param(FCGX_Request *fcgx, const char *name)
{
	const char *v = FCGX_GetParam(name, fcgx->envp);

	return v ? v : "";
}

static bool request_id_valid(const char *id)
{
	size_t n = strlen(id);

	if(n == 0 || n > 63)
		return false;
	for(; *id; id++)
		if(!isalnum((unsigned char)*id) && *id != '-' && *id != '_' && *id != '.')
			return false;
	return true;
}

/* nginx's $request_id comes in REQUEST_ID; a direct client's X-Request-ID is
 * accepted only when it is a plain token; otherwise we make one. */
static void request_id_assign(struct http_request *req)
{
	static const char hex[] = "0123456789abcdef";
	const char *candidates[2];
	unsigned char raw[16];

	candidates[0] = param(req->fcgx, "REQUEST_ID");
	candidates[1] = param(req->fcgx, "HTTP_X_REQUEST_ID");
	for(int i = 0; i < 2; i++) {
		if(request_id_valid(candidates[i])) {
			snprintf(req->request_id, sizeof(req->request_id), "%s", candidates[i]);
			return;
		}
	}
	if(getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		/* Not secret, only unique enough to find a log line. */
		unsigned long long t = (unsigned long long)(clock_mono() * 1e9);

		memcpy(raw, &t, sizeof(t));
		memcpy(raw + 8, &t, sizeof(t));
	}
	for(size_t i = 0; i < sizeof(raw); i++) {
		req->request_id[2 * i] = hex[raw[i] >> 4];
		req->request_id[2 * i + 1] = hex[raw[i] & 15];
	}
	req->request_id[32] = '\0';
}

void http_request_begin(struct http_request *req, FCGX_Request *fcgx, struct arena *arena)
{
	const char *uri, *cl, *q;
	size_t limit = req->body.limit;

	http_request_end(req);
	memset(req, 0, sizeof(*req));
	buf_init(&req->body, limit);
	req->started = clock_mono();
	req->fcgx = fcgx;
	req->arena = arena;
	req->route = "-";
	snprintf(req->method_buf, sizeof(req->method_buf), "%s", param(fcgx, "REQUEST_METHOD"));
	req->method = req->method_buf;
	uri = FCGX_GetParam("DOCUMENT_URI", fcgx->envp);
	if(!uri || !*uri) {
		/* REQUEST_URI still has the query string: cut it off. */
		uri = param(fcgx, "REQUEST_URI");
		q = strchr(uri, '?');
		req->path = q ? arena_strndup(arena, uri, (size_t)(q - uri)) : uri;
	} else {
		req->path = uri;
	}
	if(!req->path)
		req->path = "/";
	req->query = param(fcgx, "QUERY_STRING");
	req->content_type = param(fcgx, "CONTENT_TYPE");
	req->accept = param(fcgx, "HTTP_ACCEPT");
	req->authorization = param(fcgx, "HTTP_AUTHORIZATION");
	req->x_api_key = param(fcgx, "HTTP_X_API_KEY");
	req->idempotency_key = param(fcgx, "HTTP_IDEMPOTENCY_KEY");
	cl = FCGX_GetParam("CONTENT_LENGTH", fcgx->envp);
	req->content_length = -1;
	if(cl && *cl) {
		char *end;
		long long n;

		errno = 0;
		n = strtoll(cl, &end, 10);
		req->content_length = (errno || *end || n < 0) ? -2 : n;
	}
	request_id_assign(req);
}

void http_request_end(struct http_request *req)
{
	if(req->json) {
		json_object_put(req->json);
		req->json = NULL;
	}
	if(req->error_fields) {
		json_object_put(req->error_fields);
		req->error_fields = NULL;
	}
	buf_free(&req->body);
}

ll_result http_read_body(struct http_request *req, size_t limit)
{
	char chunk[8192];
	ll_result result;

	if(req->content_length == -2)
		return LL_EINVAL;
	if(req->content_length < 0)
		return LL_OK; /* nginx always sends CONTENT_LENGTH for a body */
	if((unsigned long long)req->content_length > limit)
		return LL_ETOOLARGE;
	req->body.limit = limit;
	while(req->body.len < (size_t)req->content_length) {
		size_t want = (size_t)req->content_length - req->body.len;
		int n = FCGX_GetStr(chunk, (int)(want < sizeof(chunk) ? want : sizeof(chunk)),
		                    req->fcgx->in);

		if(n <= 0)
			return LL_EINVAL; /* the client sent less than it announced */
		result = buf_append(&req->body, chunk, (size_t)n);
		if(result)
			return result;
	}
	return LL_OK;
}

static bool media_type_is(const char *header, const char *type)
{
	size_t n = strlen(type);

	while(*header == ' ')
		header++;
	return strncasecmp(header, type, n) == 0 &&
	       (header[n] == '\0' || header[n] == ';' || header[n] == ' ');
}

static int hexval(int c);

static int hex4(const char *p, const char *end)
{
	int v = 0;

	if(end - p < 4)
		return -1;
	for(int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)p[i]);

		if(h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* True when every \uD800-\uDFFF escape is half of a proper pair: json-c
 * quietly replaces a lone surrogate, and we would rather refuse it. */
static bool surrogates_paired(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while(p < end) {
		int cp, lo;

		if(*p != '\\') {
			p++;
			continue;
		}
		if(end - p < 2)
			return true;
		if(p[1] != 'u') {
			p += 2; /* an escaped character, e.g. \\ */
			continue;
		}
		cp = hex4(p + 2, end);
		p += 2;
		if(cp < 0xD800 || cp > 0xDFFF)
			continue;
		if(cp >= 0xDC00)
			return false;
		lo = (end - p >= 10 && p[4] == '\\' && p[5] == 'u') ? hex4(p + 6, end) : -1;
		if(lo < 0xDC00 || lo > 0xDFFF)
			return false;
		p += 10;
	}
	return true;
}

/* The members of every object in text, counted as the colons outside
 * strings: in valid JSON (json-c has checked it) each one ends a key. */
static size_t members_in_text(const char *text, size_t len)
{
	size_t n = 0;
	bool in_string = false;

	for(size_t i = 0; i < len; i++) {
		if(in_string) {
			if(text[i] == '\\')
				i++;
			else if(text[i] == '"')
				in_string = false;
		} else if(text[i] == '"') {
			in_string = true;
		} else if(text[i] == ':') {
			n++;
		}
	}
	return n;
}

/* The members of every object under v, as json-c kept them: a key given
 * twice is kept once.  Depth is bounded by the parser. */
static size_t members_in_tree(struct json_object *v)
{
	size_t n = 0;

	if(json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, member) {
			(void)key;
			n += 1 + members_in_tree(member);
		}
	} else if(json_object_is_type(v, json_type_array)) {
		for(size_t i = 0; i < json_object_array_length(v); i++)
			n += members_in_tree(json_object_array_get_idx(v, i));
	}
	return n;
}

ll_result http_parse_json(const char *text, size_t len, int max_depth,
                          struct json_object **out, const char **message)
{
	struct json_tokener *tok = NULL;
	struct json_object *obj = NULL;
	ll_result result = LL_OK;

	*out = NULL;
	*message = NULL;
	if(len == 0) {
		*message = "The request body is empty; a JSON object is required";
		return LL_EINVAL;
	}
	if(len > INT32_MAX)
		return LL_ETOOLARGE;
	if(memchr(text, '\0', len)) {
		*message = "The request body contains a NUL byte";
		return LL_EINVAL;
	}
	if(!surrogates_paired(text, len)) {
		*message = "The request body holds an unpaired UTF-16 surrogate escape";
		return LL_EINVAL;
	}
	tok = json_tokener_new_ex(max_depth);
	if(!tok)
		return LL_ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, text, (int)len);
	if(!obj || json_tokener_get_error(tok) != json_tokener_success ||
	   json_tokener_get_parse_end(tok) != len) {
		*message = json_tokener_get_error(tok) == json_tokener_error_depth
		               ? "The JSON body is nested too deeply"
		               : "The request body is not valid JSON";
		result = LL_EINVAL;
		goto out;
	}
	if(!json_object_is_type(obj, json_type_object)) {
		*message = "The request body must be a JSON object";
		result = LL_EINVAL;
		goto out;
	}
	/* json-c keeps the last of two equal keys in silence; which one the
	 * client meant is anybody's guess */
	if(members_in_text(text, len) != members_in_tree(obj)) {
		*message = "The JSON body names a key twice in one object";
		result = LL_EINVAL;
		goto out;
	}
	*out = obj;
	obj = NULL;
out:
	if(obj)
		json_object_put(obj);
	json_tokener_free(tok);
	return result;
}

ll_result http_read_json(struct http_request *req, size_t limit, int max_depth)
{
	ll_result result;

	if(!media_type_is(req->content_type, "application/json")) {
		req->error_message = "Content-Type must be application/json";
		return LL_EMEDIATYPE;
	}
	result = http_read_body(req, limit);
	if(result)
		return result;
	return http_parse_json(req->body.data, req->body.len, max_depth, &req->json,
	                       &req->error_message);
}

static int hexval(int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if(c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool http_query_has(const struct http_request *req, const char *name)
{
	size_t nlen = strlen(name);

	for(const char *p = req->query; p && *p;) {
		const char *amp = strchr(p, '&');

		if(strncmp(p, name, nlen) == 0 &&
		   (p[nlen] == '=' || p[nlen] == '&' || p[nlen] == '\0'))
			return true;
		p = amp ? amp + 1 : NULL;
	}
	return false;
}

bool http_query_param(const struct http_request *req, const char *name, char *out, size_t outlen)
{
	size_t nlen = strlen(name);
	const char *p = req->query;

	while(p && *p) {
		const char *amp = strchr(p, '&');
		const char *end = amp ? amp : p + strlen(p);

		if((size_t)(end - p) > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t o = 0;
			const char *v;

			for(v = p + nlen + 1; v < end && o + 1 < outlen; v++) {
				if(*v == '%' && end - v >= 3 && hexval(v[1]) >= 0 &&
				   hexval(v[2]) >= 0) {
					out[o++] = (char)(hexval(v[1]) * 16 + hexval(v[2]));
					v += 2;
				} else {
					out[o++] = *v == '+' ? ' ' : *v;
				}
			}
			out[o] = '\0';
			return v >= end;    /* a value that does not fit is not cut short */
		}
		p = amp ? amp + 1 : NULL;
	}
	return false;
}

/* One name or value (len bytes, still %-encoded): well-formed escapes,
 * and decoded, UTF-8 text without control characters (a NUL would cut the
 * value short wherever it goes next; bytes that are not UTF-8 would reach
 * PostgreSQL and fail there). */
static bool query_part_valid(const char *s, size_t len)
{
	unsigned char *dec = malloc(len + 1);
	size_t o = 0;
	bool ok = dec != NULL;

	for(size_t i = 0; i < len && ok; i++) {
		unsigned char c = (unsigned char)s[i];

		if(c == '%') {
			ok = len - i >= 3 && hexval((unsigned char)s[i + 1]) >= 0 &&
			     hexval((unsigned char)s[i + 2]) >= 0;
			if(!ok)
				break;
			c = (unsigned char)(hexval((unsigned char)s[i + 1]) * 16 +
			                    hexval((unsigned char)s[i + 2]));
			i += 2;
		} else if(c == '+') {
			c = ' ';
		}
		ok = c >= 0x20 && c != 0x7F;
		dec[o++] = c;
	}
	ok = ok && valid_utf8((const char *)dec, o);
	free(dec);
	return ok;
}

bool http_query_valid(const char *query)
{
	const char *p = query;

	while(*p) {
		size_t n = strcspn(p, "&");

		if(!query_part_valid(p, n))
			return false;
		p += n;
		if(*p == '&')
			p++;
	}
	return true;
}

bool http_accepts(const struct http_request *req, const char *media_type)
{
	return strstr(req->accept, media_type) != NULL;
}

void http_add_header(struct http_request *req, const char *name, const char *value)
{
	size_t used = strlen(req->extra_headers);

	snprintf(req->extra_headers + used, sizeof(req->extra_headers) - used, "%s: %s\r\n", name,
	         value);
}

static const char *reason_phrase(int status)
{
	switch(status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Unknown";
	}
}

static void send_headers(struct http_request *req, int status, const char *content_type,
                         const char *extra)
{
	if(req->status)
		return;
	req->status = status;
	if(FCGX_FPrintF(req->fcgx->out,
	                "Status: %d %s\r\n"
	                "Content-Type: %s\r\n"
	                "Cache-Control: no-store\r\n"
	                "X-Request-ID: %s\r\n"
	                "X-Process-Time: %.6f\r\n"
	                "%s%s\r\n",
	                status, reason_phrase(status), content_type, req->request_id,
	                clock_mono() - req->started, req->extra_headers, extra ? extra : "") < 0)
		req->client_gone = true;
}

void http_respond_body(struct http_request *req, int status, const char *content_type,
                       const char *body, size_t len)
{
	if(req->status)
		return;
	send_headers(req, status, content_type, NULL);
	if(len && FCGX_PutStr(body, (int)len, req->fcgx->out) < 0)
		req->client_gone = true;
}

void http_respond_json(struct http_request *req, int status, struct json_object *obj)
{
	size_t len;
	const char *text = json_object_to_json_string_length(
		obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);

	http_respond_body(req, status, "application/json", text, len);
}

static struct json_object *error_body(struct http_request *req, ll_result result)
{
	struct json_object *body = json_object_new_object(), *err = json_object_new_object();

	json_object_object_add(err, "code", json_object_new_string(result_code(result)));
	json_object_object_add(err, "message",
	                       json_object_new_string(req->error_message ? req->error_message
	                                                                 : result_message(result)));
	json_object_object_add(err, "request_id", json_object_new_string(req->request_id));
	if(req->error_fields) {
		json_object_object_add(err, "fields", req->error_fields);
		req->error_fields = NULL;
	}
	json_object_object_add(body, "error", err);
	return body;
}

void http_respond_error(struct http_request *req, ll_result result)
{
	struct json_object *body;
	int status = result_http_status(result);

	if(req->status && !req->streaming)
		return;
	body = error_body(req, result);
	if(req->streaming) {
		/* The 200 and the first events are out: the error is the stream's
		 * last event, and the request is recorded with the error's own
		 * status (request_log, /metrics, the access log line), not 200. */
		if(http_sse_event(req, "error", body))
			log_info("client_gone", "the client left during the stream");
		req->status = status;
		req->streaming = false;
	} else {
		if(result == LL_ERATELIMIT || result == LL_EDB || result == LL_EUNAVAILABLE)
			http_add_header(req, "Retry-After", "1");
		http_respond_json(req, status, body);
	}
	json_object_put(body);
}

ll_result http_sse_begin(struct http_request *req)
{
	if(req->status)
		return LL_EINTERNAL;
	req->streaming = true;
	/* nginx must pass each event on at once rather than buffer the response. */
	send_headers(req, 200, "text/event-stream", "X-Accel-Buffering: no\r\n");
	if(FCGX_FFlush(req->fcgx->out) < 0)
		req->client_gone = true;
	return req->client_gone ? LL_EIO : LL_OK;
}

ll_result http_sse_event(struct http_request *req, const char *event, struct json_object *data)
{
	const char *text;

	if(req->client_gone)
		return LL_EIO;
	text = json_object_to_json_string_ext(data,
	                                      JSON_C_TO_STRING_PLAIN |
	                                      JSON_C_TO_STRING_NOSLASHESCAPE);
	/* JSON text never holds a raw newline, so one data: line carries it. */
	if(FCGX_FPrintF(req->fcgx->out, "event: %s\ndata: %s\n\n", event, text) < 0 ||
	   FCGX_FFlush(req->fcgx->out) < 0)
		req->client_gone = true;
	return req->client_gone ? LL_EIO : LL_OK;
}
