/* ingest_chunk.c - sections packed into chunks: ingest_chunk_text. */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "result.h"
#include "ingest.h"
#include "ingest_chunk.h"
#include "ingest_layout.h"
#include "ingest_line.h"
#include "ingest_section.h"

struct packer {
	struct arena *a;
	struct buf cur;
	int cur_words;
	int section;
	const char *overlap;      /* last sentence of the previous chunk, or NULL */
	struct ingest_chunk *items;
	size_t n, cap;
	const char **sections;
};

static ll_result chunk_emit(struct packer *k)
{
	struct ingest_chunk *c;

	if(k->cur_words == 0)
		return LL_OK;
	if(k->n >= INGEST_MAX_CHUNKS)
		return LL_ETOOLARGE;
	if(k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 32;
		struct ingest_chunk *ni = arena_alloc(k->a, cap * sizeof(*ni));

		if(!ni)
			return LL_ENOMEM;
		if(k->n)
			memcpy(ni, k->items, k->n * sizeof(*ni));
		k->items = ni;
		k->cap = cap;
	}
	c = &k->items[k->n++];
	c->section = k->sections[k->section];
	c->body = arena_strdup(k->a, buf_str(&k->cur));
	c->words = k->cur_words;
	buf_reset(&k->cur);
	k->cur_words = 0;
	return c->body ? LL_OK : LL_ENOMEM;
}

/* The last sentence of a paragraph, if short enough to repeat. */
static const char *last_sentence(struct arena *a, const char *para)
{
	size_t len = strlen(para), i = len;
	const char *s;

	while(i > 0 && (para[i - 1] == '.' || para[i - 1] == ' ' || para[i - 1] == '\n'))
		i--;
	while(i > 1 && !((para[i - 1] == ' ' || para[i - 1] == '\n') &&
	                 (para[i - 2] == '.' || para[i - 2] == '!' || para[i - 2] == '?')))
		i--;
	s = para + (i > 1 ? i : 0);
	if(ingest_count_words(s, strlen(s)) > INGEST_OVERLAP_MAX_WORDS)
		return NULL;
	return arena_strdup(a, s);
}

static ll_result pack_piece(struct packer *k, const char *text, int words, enum block_kind kind)
{
	ll_result result = LL_OK;

	if(k->cur_words > 0 && k->cur_words + words > INGEST_CHUNK_MAX_WORDS) {
		result = chunk_emit(k);
		if(!result && k->overlap) {
			result = buf_printf(&k->cur, "%s\n\n", k->overlap);
			k->cur_words = ingest_count_words(k->overlap, strlen(k->overlap));
		}
	}
	if(!result && k->cur.len)
		result = buf_appends(&k->cur, "\n\n");
	if(!result)
		result = buf_appends(&k->cur, text);
	k->cur_words += words;
	k->overlap = kind == BLOCK_PARA ? last_sentence(k->a, text) : NULL;
	return result;
}

/* A block longer than a chunk: split between list items, or between
 * sentences of a paragraph. */
static ll_result pack_long_block(struct packer *k, const struct block *b)
{
	const char *s = b->text;
	ll_result result = LL_OK;

	while(*s && !result) {
		const char *end = s, *cut = NULL;
		int words = 0;

		/* advance piece by piece (list item or sentence) until the limit */
		while(*end) {
			const char *next = end;

			if(b->kind == BLOCK_PARA) {
				while(*next && !((*next == '.' || *next == '!' || *next == '?') &&
				                 (next[1] == ' ' || next[1] == '\n')))
					next++;
				if(*next)
					next++;
			} else {
				const char *nl = next;

				for(;;) {
					nl = strchr(nl, '\n');
					if(!nl) {
						next = end + strlen(end);
						break;
					}
					nl++;
					{
						const char *t = nl;

						while(*t == ' ' || *t == '\t' || *t == '\n')
							t++;
						if(*t && ((b->kind == BLOCK_STEPS &&
						           ingest_line_is_step(t, strlen(t))) ||
						          (b->kind == BLOCK_BULLETS &&
						           ingest_line_is_bullet(t, strlen(t))))) {
							next = nl;
							break;
						}
					}
				}
			}
			{
				int w = ingest_count_words(end, (size_t)(next - end));

				if(words > 0 && words + w > INGEST_CHUNK_MAX_WORDS)
					break;
				words += w;
			}
			end = next;
			cut = end;
		}
		if(!cut)
			break;
		{
			char *piece = arena_strndup(k->a, s, (size_t)(cut - s));

			if(!piece) {
				result = LL_ENOMEM;
				break;
			}
			result = pack_piece(k, piece, words, b->kind);
		}
		s = cut;
		while(*s == ' ' || *s == '\n')
			s++;
	}
	return result;
}

ll_result ingest_chunk_text(struct arena *arena, const char *text, size_t len,
                            enum ingest_format format, struct ingest_chunks *out)
{
	struct parse p;
	struct packer k;
	struct buf norm;
	ll_result result;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	memset(&k, 0, sizeof(k));
	p.a = arena;
	k.a = arena;
	buf_init(&k.cur, 1024 * 1024);
	buf_init(&norm, len * 16 + 65536);
	result = ingest_normalise_layout(arena, text, len, format, &norm, out);
	if(result == LL_ENOMEM)
		goto out;
	if(result == LL_OK) {
		text = buf_str(&norm);
		len = norm.len;
	}
	result = ingest_parse_blocks(&p, text, len, format);
	if(result)
		goto out;
	if(p.nblocks == 0) {
		result = LL_EINVAL;
		goto out;
	}
	k.sections = p.sections;
	k.section = p.blocks[0].section;
	for(size_t i = 0; i < p.nblocks && !result; i++) {
		const struct block *b = &p.blocks[i];

		if(b->section != k.section) {
			result = chunk_emit(&k);
			k.section = b->section;
			k.overlap = NULL;
		}
		if(result)
			break;
		if(b->words > INGEST_CHUNK_MAX_WORDS)
			result = pack_long_block(&k, b);
		else
			result = pack_piece(&k, b->text, b->words, b->kind);
	}
	if(!result)
		result = chunk_emit(&k);
	if(result)
		goto out;
	out->items = k.items;
	out->count = k.n;
	for(int i = 0; i < p.nsections; i++)
		out->sections += p.section_used[i] ? 1 : 0;
out:
	buf_free(&k.cur);
	buf_free(&norm);
	return result;
}
