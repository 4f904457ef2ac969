/* sse.h - an incremental parser for a Server-Sent Events stream, as an
 * OpenAI-compatible server sends it (`data: {...}` lines, `data: [DONE]`).
 *
 * Bytes arrive in arbitrary pieces (a curl write callback); sse_feed takes
 * them as they come and calls on_event once per complete event (a blank line
 * ends it).  Lines end in \n, \r\n or \r, even when the \r and the \n arrive
 * in different pieces.  Comment lines (":...") are skipped, multi-line data is
 * joined with \n, other fields than data/event are ignored.  Every buffer is
 * bounded: a line or an event longer than its limit fails with LL_ETOOLARGE,
 * never truncated in silence.
 *
 * The parser owns its two buffers; sse_free releases them.  The strings
 * passed to on_event are valid only during the call.
 */
#ifndef LINELEAD_SSE_H
#define LINELEAD_SSE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "result.h"

#define SSE_LINE_MAX (256 * 1024)
#define SSE_EVENT_MAX (1024 * 1024)

/* event is "" when the stream named none ("message").  Returns non-zero to
 * stop parsing: sse_feed then returns LL_OK and ignores later input. */
typedef int (*sse_event_fn)(void *ctx, const char *event, const char *data, size_t len);

struct sse_parser {
	struct buf line;       /* the line being read */
	struct buf data;       /* the event's data so far */
	char event[64];        /* the event's name ("" = message) */
	bool has_data;         /* a data field was seen in this event */
	bool skip_lf;          /* the last byte was \r: a following \n is part of it */
	bool stopped;          /* on_event asked to stop */
	sse_event_fn on_event;
	void *ctx;
};

void sse_init(struct sse_parser *p, size_t line_max, size_t event_max,
              sse_event_fn on_event, void *ctx);
/* Parses len more bytes.  LL_ETOOLARGE past a limit; LL_EINVAL on a NUL byte. */
__attribute__((warn_unused_result))
ll_result sse_feed(struct sse_parser *p, const char *bytes, size_t len);
/* The stream ended: dispatches an event left without its blank line. */
__attribute__((warn_unused_result))
ll_result sse_finish(struct sse_parser *p);
/* True once on_event asked to stop. */
bool sse_stopped(const struct sse_parser *p);
void sse_free(struct sse_parser *p);

#endif
