/* llm_field.c - the decoded characters of one string field of a JSON
 * object as it streams (the answer's text, shown while the model writes). */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llm_field.h"

enum { FS_KEY = 0, FS_COLON, FS_VALUE, FS_AFTER };

void llm_field_stream_init(struct llm_field_stream *fs, const char *field,
                           llm_delta_fn emit, void *ctx)
{
	memset(fs, 0, sizeof(*fs));
	fs->field = field;
	fs->emit = emit;
	fs->ctx = ctx;
	fs->un = -1;
}

/* Emits what is buffered, holding back an incomplete UTF-8 sequence at the
 * end so that no token splits a character. */
static void fs_flush(struct llm_field_stream *fs)
{
	size_t cut = fs->outlen;

	for(size_t back = 1; back <= 3 && back <= fs->outlen; back++) {
		unsigned char c = (unsigned char)fs->out[fs->outlen - back];
		size_t need;

		if((c & 0xC0) != 0x80) {
			need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if(need > back)
				cut = fs->outlen - back;
			break;
		}
	}
	if(cut && !fs->stopped && fs->emit(fs->ctx, fs->out, cut))
		fs->stopped = true;
	memmove(fs->out, fs->out + cut, fs->outlen - cut);
	fs->outlen -= cut;
}

static void fs_put(struct llm_field_stream *fs, unsigned char c)
{
	if(fs->emitting) {
		if(fs->outlen == sizeof(fs->out))
			fs_flush(fs);
		fs->out[fs->outlen++] = (char)c;
	} else if(fs->state == FS_KEY) {
		if(fs->keylen + 1 < sizeof(fs->key))
			fs->key[fs->keylen++] = (char)c;
		else
			fs->key_long = true;
	}
}

static void fs_put_codepoint(struct llm_field_stream *fs, unsigned cp)
{
	if(cp < 0x80)
		fs_put(fs, (unsigned char)cp);
	else if(cp < 0x800) {
		fs_put(fs, (unsigned char)(0xC0 | (cp >> 6)));
		fs_put(fs, (unsigned char)(0x80 | (cp & 0x3F)));
	} else if(cp < 0x10000) {
		fs_put(fs, (unsigned char)(0xE0 | (cp >> 12)));
		fs_put(fs, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
		fs_put(fs, (unsigned char)(0x80 | (cp & 0x3F)));
	} else {
		fs_put(fs, (unsigned char)(0xF0 | (cp >> 18)));
		fs_put(fs, (unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
		fs_put(fs, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
		fs_put(fs, (unsigned char)(0x80 | (cp & 0x3F)));
	}
}

/* A \uXXXX unit, pairing surrogates; a lone surrogate becomes U+FFFD. */
static void fs_unit(struct llm_field_stream *fs, unsigned u)
{
	if(fs->hi) {
		unsigned hi = fs->hi;

		fs->hi = 0;
		if(u >= 0xDC00 && u <= 0xDFFF) {
			fs_put_codepoint(fs, 0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00));
			return;
		}
		fs_put_codepoint(fs, 0xFFFD);
	}
	if(u >= 0xD800 && u <= 0xDBFF)
		fs->hi = u;
	else if(u >= 0xDC00 && u <= 0xDFFF)
		fs_put_codepoint(fs, 0xFFFD);
	else
		fs_put_codepoint(fs, u);
}

static void fs_string_byte(struct llm_field_stream *fs, unsigned char c)
{
	if(fs->un >= 0) {
		int d = isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 :
		        (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;

		if(d < 0) {                  /* malformed: drop the escape */
			fs->un = -1;
			fs->escape = false;
			return;
		}
		fs->u = fs->u * 16 + (unsigned)d;
		if(++fs->un == 4) {
			fs->un = -1;
			fs->escape = false;
			fs_unit(fs, fs->u);
		}
		return;
	}
	if(fs->escape) {
		fs->escape = false;
		if(c == 'u') {
			fs->escape = true;
			fs->un = 0;
			fs->u = 0;
			return;
		}
		if(fs->hi) {
			fs->hi = 0;
			fs_put_codepoint(fs, 0xFFFD);
		}
		fs_put(fs, c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' :
		           c == 'b' ? '\b' : c == 'f' ? '\f' : c);
		return;
	}
	if(c == '\\') {
		fs->escape = true;
		return;
	}
	if(fs->hi) {
		fs->hi = 0;
		fs_put_codepoint(fs, 0xFFFD);
	}
	if(c == '"') {
		fs->in_string = false;
		if(fs->emitting) {
			fs_flush(fs);
			fs->emitting = false;
			fs->done = true;
		}
		if(fs->depth == 1 && fs->state == FS_KEY) {
			fs->key[fs->keylen] = '\0';
			fs->key_matches = !fs->key_long && !strcmp(fs->key, fs->field);
			fs->state = FS_COLON;
		} else if(fs->depth == 1 && fs->state == FS_VALUE)
			fs->state = FS_AFTER;
		return;
	}
	fs_put(fs, c);
}

int llm_field_stream_feed(struct llm_field_stream *fs, const char *text, size_t len)
{
	for(size_t i = 0; i < len && !fs->stopped; i++) {
		unsigned char c = (unsigned char)text[i];

		if(fs->in_string) {
			fs_string_byte(fs, c);
			continue;
		}
		switch(c) {
		case '"':
			fs->in_string = true;
			if(fs->depth == 1 && fs->state == FS_KEY) {
				fs->keylen = 0;
				fs->key_long = false;
			} else if(fs->depth == 1 && fs->state == FS_VALUE && fs->key_matches &&
			          !fs->done)
				fs->emitting = true;
			break;
		case '{':
		case '[':
			if(fs->depth == 1 && fs->state == FS_VALUE)
				fs->state = FS_AFTER;
			fs->depth++;
			if(fs->depth == 1)
				fs->state = FS_KEY;
			break;
		case '}':
		case ']':
			if(fs->depth > 0)
				fs->depth--;
			break;
		case ':':
			if(fs->depth == 1 && fs->state == FS_COLON)
				fs->state = FS_VALUE;
			break;
		case ',':
			if(fs->depth == 1) {
				fs->state = FS_KEY;
				fs->key_matches = false;
			}
			break;
		default:
			if(fs->depth == 1 && fs->state == FS_VALUE && !isspace(c))
				fs->state = FS_AFTER;
			break;
		}
	}
	if(fs->emitting && fs->outlen && !fs->stopped)
		fs_flush(fs);
	return fs->stopped;
}
