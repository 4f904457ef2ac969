/* llm_field.h - one string field of a streaming JSON object, decoded as it
 * arrives. */
#ifndef LINELEAD_LLM_FIELD_H
#define LINELEAD_LLM_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "llm_wire.h"         /* llm_delta_fn */

/* Follows the JSON text of the answer object as it streams and hands on the
 * decoded characters of one top-level string field ("answer") as they
 * arrive, so the crew sees words, not JSON.  Escapes (\n, \", \uXXXX with
 * surrogate pairs) are decoded even when split across pieces.  No memory is
 * allocated. */
struct llm_field_stream {
	const char *field;        /* borrowed, e.g. "answer" */
	llm_delta_fn emit;
	void *ctx;
	int depth;                /* nesting of objects and arrays */
	int state;                /* private */
	bool in_string, escape, expect_key, key_matches, emitting, done;
	char key[24];
	size_t keylen;
	bool key_long;
	unsigned u;               /* \u digits so far */
	int un;                   /* how many \u digits were read; -1 none */
	unsigned hi;              /* a pending high surrogate */
	char out[256];            /* decoded bytes waiting to be emitted */
	size_t outlen;
	bool stopped;
};

void llm_field_stream_init(struct llm_field_stream *fs, const char *field,
                           llm_delta_fn emit, void *ctx);
/* Returns non-zero when emit asked to stop (then it stays stopped). */
int llm_field_stream_feed(struct llm_field_stream *fs, const char *text, size_t len);

#endif
