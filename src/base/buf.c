/* buf.c - growable buffer with a hard limit. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void buf_init(struct buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
}

/* Makes room for `extra` more bytes plus the NUL, doubling to amortise. */
static ll_result buf_reserve(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if(extra > b->limit || b->len > b->limit - extra)
		return LL_ETOOLARGE;
	need = b->len + extra + 1;
	if(need <= b->cap)
		return LL_OK;
	cap = b->cap ? b->cap : 64;
	while(cap < need)
		cap *= 2;
	if(cap > b->limit + 1)
		cap = b->limit + 1;
	data = realloc(b->data, cap);
	if(!data)
		return LL_ENOMEM;
	b->data = data;
	b->cap = cap;
	return LL_OK;
}

ll_result buf_append(struct buf *b, const void *data, size_t len)
{
	ll_result result = buf_reserve(b, len);

	if(result)
		return result;
	if(len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return LL_OK;
}

ll_result buf_appends(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

ll_result buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	ll_result result;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if(n < 0)
		return LL_EINTERNAL;
	result = buf_reserve(b, (size_t)n);
	if(result)
		return result;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return LL_OK;
}

ll_result buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	ll_result result;

	va_start(ap, fmt);
	result = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return result;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if(b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

char *buf_steal(struct buf *b)
{
	char *s = b->data;

	if(!s)
		s = strdup("");
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

ll_result buf_read_file(struct buf *b, const char *path)
{
	char chunk[8192];
	FILE *fp = fopen(path, "rb");
	size_t n;
	ll_result result = LL_OK;

	if(!fp)
		return LL_ENOTFOUND;
	while(!result && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		result = buf_append(b, chunk, n);
	fclose(fp);
	return result;
}
