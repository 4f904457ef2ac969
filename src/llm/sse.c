/* sse.c - incremental Server-Sent Events parser (WHATWG EventSource rules,
 * without id/retry, which a one-shot upstream call never uses). */
#include "config.h"

#include <string.h>

#include "sse.h"

void sse_init(struct sse_parser *p, size_t line_max, size_t event_max,
              sse_event_fn on_event, void *ctx)
{
	memset(p, 0, sizeof(*p));
	buf_init(&p->line, line_max);
	buf_init(&p->data, event_max);
	p->on_event = on_event;
	p->ctx = ctx;
}

void sse_free(struct sse_parser *p)
{
	buf_free(&p->line);
	buf_free(&p->data);
}

bool sse_stopped(const struct sse_parser *p)
{
	return p->stopped;
}

static void sse_dispatch(struct sse_parser *p)
{
	if(p->has_data && !p->stopped)
		if(p->on_event(p->ctx, p->event, buf_str(&p->data), p->data.len))
			p->stopped = true;
	buf_reset(&p->data);
	p->event[0] = '\0';
	p->has_data = false;
}

/* One complete line (without its terminator). */
static ll_result sse_line(struct sse_parser *p, const char *line, size_t len)
{
	const char *colon, *value;
	size_t namelen, vlen;
	ll_result result = LL_OK;

	if(len == 0) {
		sse_dispatch(p);
		goto out;
	}
	if(line[0] == ':')
		goto out;
	colon = memchr(line, ':', len);
	namelen = colon ? (size_t)(colon - line) : len;
	value = colon ? colon + 1 : line + len;
	vlen = len - (size_t)(value - line);
	if(vlen && value[0] == ' ') {
		value++;
		vlen--;
	}
	if(namelen == 4 && memcmp(line, "data", 4) == 0) {
		if(p->has_data) {
			result = buf_append(&p->data, "\n", 1);
			if(result)
				goto out;
		}
		result = buf_append(&p->data, value, vlen);
		if(result)
			goto out;
		p->has_data = true;
	} else if(namelen == 5 && memcmp(line, "event", 5) == 0) {
		if(vlen >= sizeof(p->event)) {
			result = LL_ETOOLARGE;
			goto out;
		}
		memcpy(p->event, value, vlen);
		p->event[vlen] = '\0';
	}
out:
	return result;
}

ll_result sse_feed(struct sse_parser *p, const char *bytes, size_t len)
{
	ll_result result = LL_OK;
	size_t i = 0;

	while(i < len && !p->stopped) {
		const char *nl;
		size_t run;

		if(p->skip_lf) {
			p->skip_lf = false;
			if(bytes[i] == '\n') {
				i++;
				continue;
			}
		}
		/* The longest run without a line end goes to the line buffer at once. */
		nl = NULL;
		for(run = 0; i + run < len; run++) {
			char c = bytes[i + run];

			if(c == '\n' || c == '\r') {
				nl = bytes + i + run;
				break;
			}
			if(c == '\0') {
				result = LL_EINVAL;
				goto out;
			}
		}
		result = buf_append(&p->line, bytes + i, run);
		if(result)
			goto out;
		i += run;
		if(!nl)
			break;
		if(*nl == '\r')
			p->skip_lf = true;
		i++;
		result = sse_line(p, buf_str(&p->line), p->line.len);
		buf_reset(&p->line);
		if(result)
			goto out;
	}
out:
	return result;
}

ll_result sse_finish(struct sse_parser *p)
{
	ll_result result = LL_OK;

	if(p->line.len) {
		result = sse_line(p, buf_str(&p->line), p->line.len);
		buf_reset(&p->line);
		if(result)
			goto out;
	}
	sse_dispatch(p);
out:
	return result;
}
