/* ingest_section.c - the normalised text into sections of blocks. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "result.h"
#include "ingest.h"
#include "ingest_heading.h"
#include "ingest_line.h"
#include "ingest_section.h"

/* The longest heading kept, in bytes (one level of the path). */
#define MAX_SECTION_LEN 300

static ll_result section_add(struct parse *p, const char *label)
{
	if(p->nsections >= INGEST_MAX_SECTIONS)
		return LL_ETOOLARGE;
	if(p->nsections == p->seccap) {
		int cap = p->seccap ? p->seccap * 2 : 16;
		const char **s = arena_alloc(p->a, (size_t)cap * sizeof(*s));
		bool *u = arena_alloc(p->a, (size_t)cap * sizeof(*u));

		if(!s || !u)
			return LL_ENOMEM;
		if(p->nsections) {
			memcpy(s, p->sections, (size_t)p->nsections * sizeof(*s));
			memcpy(u, p->section_used, (size_t)p->nsections * sizeof(*u));
		}
		p->sections = s;
		p->section_used = u;
		p->seccap = cap;
	}
	p->sections[p->nsections] = label;
	p->section_used[p->nsections] = false;
	p->nsections++;
	return LL_OK;
}

static ll_result block_add(struct parse *p, enum block_kind kind, const char *text, size_t len)
{
	struct block *b;

	while(len && isspace((unsigned char)text[len - 1]))
		len--;
	if(len == 0)
		return LL_OK;
	if(p->nsections == 0) {
		ll_result r = section_add(p, "");

		if(r)
			return r;
	}
	if(p->nblocks == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct block *nb = arena_alloc(p->a, cap * sizeof(*nb));

		if(!nb)
			return LL_ENOMEM;
		if(p->nblocks)
			memcpy(nb, p->blocks, p->nblocks * sizeof(*nb));
		p->blocks = nb;
		p->cap = cap;
	}
	b = &p->blocks[p->nblocks++];
	b->kind = kind;
	b->section = p->nsections - 1;
	b->text = arena_strndup(p->a, text, len);
	b->words = ingest_count_words(text, len);
	p->section_used[b->section] = true;
	return b->text ? LL_OK : LL_ENOMEM;
}

/* The heading path "H2 > H3 > H4 ..." (H1 when the section sits right
 * under it). */
#define HEAD_LEVELS 6
static ll_result heading_set(struct parse *p, char heads[HEAD_LEVELS][MAX_SECTION_LEN], int level,
                             const char *text, size_t len)
{
	char label[HEAD_LEVELS * (MAX_SECTION_LEN + 3) + 8];
	size_t o = 0;

	if(level > HEAD_LEVELS)
		level = HEAD_LEVELS;
	ingest_copy_trimmed(heads[level - 1], MAX_SECTION_LEN, text, len);
	{
		/* "1   SAFETY" (a layout gap) -> "1 SAFETY" */
		char *h = heads[level - 1], *w = h;

		for(char *r = h; *r; r++)
			if(!(*r == ' ' && (r[1] == ' ' || w == h)))
				*w++ = *r == '\t' ? ' ' : *r;
		*w = '\0';
	}
	for(int i = level; i < HEAD_LEVELS; i++)
		heads[i][0] = '\0';
	label[0] = '\0';
	for(int i = 1; i < HEAD_LEVELS; i++)
		if(heads[i][0])
			o += (size_t)snprintf(label + o, sizeof(label) - o, "%s%s", o ? " > " : "",
			                      heads[i]);
	if(o == 0)
		snprintf(label, sizeof(label), "%s", heads[0]);
	{
		char *copy = arena_strdup(p->a, label);

		if(!copy)
			return LL_ENOMEM;
		return section_add(p, copy);
	}
}

/* "5. Filtering" after the "4.x" headings: one number with a period,
 * the next top-level number of the manual's own numbering, and a short
 * title without closing punctuation (a step "5. Switch POWER on." has it,
 * and follows step 4 with no blank line). */
static bool next_top_heading(const char *t, size_t tl, long expect)
{
	char *end;
	long n;

	if(expect < 2 || tl > 50 || !isdigit((unsigned char)t[0]) ||
	   ingest_is_terminal(t[tl - 1]) || t[tl - 1] == ',')
		return false;
	n = strtol(t, &end, 10);
	return n == expect && (size_t)(end - t) + 2 < tl && end[0] == '.' && end[1] == ' ' &&
	       isupper((unsigned char)end[2]) &&
	       ingest_count_words(end + 2, tl - (size_t)(end + 2 - t)) <= 5;
}

/* The level of a heading line (0: none): a Markdown "## ...", or in plain
 * text, after a blank line, an ALL-CAPS or numbered heading ("3. FAULT
 * CODES" is a heading, not a step; "4.2 Daily Cleaning" sits under "4
 * CLEANING"). */
static int heading_level(const char *t, size_t tl, enum ingest_format fmt, bool prev_blank,
                         long next_top)
{
	int level = 0;

	if(t[0] == INGEST_HEAD_MARK_2 || t[0] == INGEST_HEAD_MARK_3)
		return t[0] == INGEST_HEAD_MARK_2 ? 2 : 3;
	if(fmt == INGEST_MARKDOWN && t[0] == '#') {
		while(level < (int)tl && t[level] == '#')
			level++;
		return level <= 6 && (size_t)level < tl && t[level] == ' ' ? level : 0;
	}
	if(fmt == INGEST_TEXT && prev_blank && !ingest_line_is_bullet(t, tl) &&
	   ingest_line_is_text_heading(t, tl))
		return ingest_numbered_heading(t, tl) > 1 ? 3 : 2;
	if(fmt == INGEST_TEXT && prev_blank && next_top_heading(t, tl, next_top))
		return 2;
	return 0;
}

/* The top-level number after the one heading t starts with ("4.3 ..." ->
 * 5), or 0 when t is not numbered. */
static long top_after(const char *t, size_t tl)
{
	char *end;
	long n = isdigit((unsigned char)t[0]) ? strtol(t, &end, 10) : 0;

	return n > 0 && n < 100 && (size_t)(end - t) < tl ? n + 1 : 0;
}

/* The line of text starting at pos, indent and trailing blanks trimmed
 * (*n its length). */
static const char *trimmed_line(const char *text, size_t len, size_t pos, size_t *n)
{
	const char *t = text + pos;

	*n = 0;
	while(t < text + len && (*t == ' ' || *t == '\t'))
		t++;
	while(t + *n < text + len && t[*n] != '\n')
		(*n)++;
	while(*n && (t[*n - 1] == '\r' || t[*n - 1] == ' ' || t[*n - 1] == '\t'))
		(*n)--;
	return t;
}

/* Does a line of kind lk go on with the open block of kind? */
static bool block_continues(enum block_kind kind, enum block_kind lk, size_t indent,
                            bool prev_blank)
{
	if(lk == kind && lk != BLOCK_PARA)
		return true;                       /* next item of the list */
	if(lk == BLOCK_PARA && kind != BLOCK_PARA)
		return indent >= 2;                /* a wrapped item */
	return lk == BLOCK_PARA && kind == BLOCK_PARA && !prev_blank;
}

/* Where ingest_parse_blocks is: the headings above, the block being read. */
struct blocks {
	struct parse *p;
	const char *text;
	size_t len;
	enum ingest_format fmt;
	char heads[HEAD_LEVELS][MAX_SECTION_LEN];
	int head_level;            /* the level of the last heading */
	long next_top;             /* the next top-level section number, if the manual has them */
	bool open;                 /* a block is open: text[bstart..bend) of kind */
	size_t bstart, bend;
	enum block_kind kind;
	bool prev_blank;           /* the line before was blank or a heading */
};

/* Ends the open block, if there is one. */
static ll_result blocks_close(struct blocks *b)
{
	ll_result result = LL_OK;

	if(b->open)
		result = block_add(b->p, b->kind, b->text + b->bstart, b->bend - b->bstart);
	b->open = false;
	return result;
}

/* A heading line of level: the block ends, the heading names what follows. */
static ll_result blocks_heading(struct blocks *b, const char *t, size_t tl, int level)
{
	/* a Markdown heading's #s, a marked heading's mark */
	size_t skip = t[0] < ' ' ? 1 : b->fmt == INGEST_MARKDOWN ? (size_t)level : 0;
	ll_result result;

	if(top_after(t, tl))
		b->next_top = top_after(t, tl);
	result = blocks_close(b);
	b->head_level = level;
	if(!result)
		result = heading_set(b->p, b->heads, level, t + skip, tl - skip);
	return result;
}

/* A line after a blank one that names the section under the last heading:
 * a code or a question, which stays in the body, or in plain text a run-in
 * subheading, which leaves it (*taken).  next: where the line after is. */
static ll_result blocks_label(struct blocks *b, const char *t, size_t tl, size_t next, bool *taken)
{
	size_t from = 0, label = ingest_line_code_label(t, tl);
	int level = b->head_level >= 2 ? b->head_level + 1 : 3;
	ll_result result;

	*taken = false;
	if(!label)
		label = ingest_line_question(t, tl, &from);
	if(!label && b->fmt == INGEST_TEXT && tl <= 60) {
		size_t nl2;
		const char *nt = trimmed_line(b->text, b->len, next, &nl2);

		if(ingest_line_is_subheading(t, tl, nt, nl2)) {
			*taken = true;
			result = blocks_close(b);
			if(!result)
				result = heading_set(b->p, b->heads, level, t, tl);
			return result;
		}
	}
	if(!label)
		return LL_OK;
	result = blocks_close(b);
	if(!result)
		result = heading_set(b->p, b->heads, level, t + from, label);
	return result;
}

/* A line of a block (text[pos..pos+ll), t its text indented by indent):
 * it goes on with the open block or starts one of its kind. */
static ll_result blocks_line(struct blocks *b, const char *t, size_t tl, size_t indent,
                             size_t pos, size_t ll)
{
	bool step = ingest_line_is_step(t, tl), bullet = !step && ingest_line_is_bullet(t, tl);
	enum block_kind lk = step ? BLOCK_STEPS : bullet ? BLOCK_BULLETS : BLOCK_PARA;
	bool continues = b->open && block_continues(b->kind, lk, indent, b->prev_blank);
	ll_result result = LL_OK;

	if(b->open && !continues)
		result = blocks_close(b);
	if(!b->open) {
		b->open = true;
		b->kind = lk;
		b->bstart = pos;
	}
	b->bend = pos + ll;
	return result;
}

ll_result ingest_parse_blocks(struct parse *p, const char *text, size_t len, enum ingest_format fmt)
{
	struct blocks b;
	size_t pos = 0;
	ll_result result = LL_OK;

	memset(&b, 0, sizeof(b));
	b.p = p;
	b.text = text;
	b.len = len;
	b.fmt = fmt;
	b.kind = BLOCK_PARA;
	b.prev_blank = true;
	while(pos < len && !result) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		size_t next = pos + ll + (nl ? 1 : 0);
		size_t indent = 0, tl;
		const char *t;
		int level;
		bool taken;

		while(indent < ll && (line[indent] == ' ' || line[indent] == '\t'))
			indent++;
		t = line + indent;
		tl = ll - indent;
		while(tl && (t[tl - 1] == '\r' || t[tl - 1] == ' ' || t[tl - 1] == '\t'))
			tl--;
		pos = next;
		if(tl == 0) {
			/* a blank line ends a paragraph; a list waits for its next item */
			if(b.kind == BLOCK_PARA)
				result = blocks_close(&b);
			b.prev_blank = true;
			continue;
		}
		if((level = heading_level(t, tl, fmt, b.prev_blank, b.next_top)) != 0) {
			result = blocks_heading(&b, t, tl, level);
			b.prev_blank = true;
			continue;
		}
		if(b.prev_blank && !ingest_line_is_step(t, tl) && !ingest_line_is_bullet(t, tl)) {
			if((result = blocks_label(&b, t, tl, next, &taken)) != LL_OK)
				break;
			if(taken) {
				b.prev_blank = true;
				continue;
			}
		}
		result = blocks_line(&b, t, tl, indent, line - text, ll);
		b.prev_blank = false;
	}
	if(!result && b.open)
		result = blocks_close(&b);
	return result;
}
