/* ingest_detect.c - the format of an upload from its bytes; .docx XML to Markdown. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_detect.h"

/* How many bytes of a text the Markdown/plain-text vote reads, and the
 * lead a side needs over the other to outvote the name's hint. */
#define DETECT_SCAN_BYTES (256 * 1024)
#define DETECT_MARGIN 3
#define DOCX_MAX_COLS 12
#define DOCX_MAX_LISTS 64

const char *ingest_kind_name(enum ingest_kind kind)
{
	switch(kind) {
	case INGEST_KIND_MARKDOWN: return "markdown";
	case INGEST_KIND_TEXT: return "text";
	case INGEST_KIND_PDF: return "pdf";
	case INGEST_KIND_DOCX: return "docx";
	case INGEST_KIND_UNKNOWN: break;
	}
	return "unknown";
}

bool ingest_kind_parse(const char *word, enum ingest_kind *kind)
{
	static const struct {
		const char *word;
		enum ingest_kind kind;
	} names[] = {
		{ "auto", INGEST_KIND_UNKNOWN },      { "", INGEST_KIND_UNKNOWN },
		{ "markdown", INGEST_KIND_MARKDOWN }, { "md", INGEST_KIND_MARKDOWN },
		{ "text", INGEST_KIND_TEXT },         { "txt", INGEST_KIND_TEXT },
		{ "plain", INGEST_KIND_TEXT },        { "pdf", INGEST_KIND_PDF },
		{ "docx", INGEST_KIND_DOCX },
	};

	for(size_t i = 0; word && i < sizeof(names) / sizeof(names[0]); i++)
		if(strcasecmp(word, names[i].word) == 0) {
			*kind = names[i].kind;
			return true;
		}
	return false;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcasecmp(s + ls - lx, suffix) == 0;
}

enum ingest_kind ingest_kind_hint(const char *name, const char *media_type)
{
	if(name && (has_suffix(name, ".md") || has_suffix(name, ".markdown")))
		return INGEST_KIND_MARKDOWN;
	if(name && (has_suffix(name, ".txt") || has_suffix(name, ".text")))
		return INGEST_KIND_TEXT;
	if(name && has_suffix(name, ".pdf"))
		return INGEST_KIND_PDF;
	if(name && has_suffix(name, ".docx"))
		return INGEST_KIND_DOCX;
	if(!media_type)
		return INGEST_KIND_UNKNOWN;
	if(strncasecmp(media_type, "text/markdown", 13) == 0)
		return INGEST_KIND_MARKDOWN;
	if(strncasecmp(media_type, "text/plain", 10) == 0)
		return INGEST_KIND_TEXT;
	if(strncasecmp(media_type, "application/pdf", 15) == 0)
		return INGEST_KIND_PDF;
	if(strncasecmp(media_type, DOCX_MEDIA_TYPE, strlen(DOCX_MEDIA_TYPE)) == 0)
		return INGEST_KIND_DOCX;
	return INGEST_KIND_UNKNOWN;
}

/* ---------------------------------------------------------------- voting */

struct vote {
	int markdown;
	int text;
};

static bool line_all_caps(const char *s, size_t len)
{
	int upper = 0;

	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		upper += isupper((unsigned char)s[i]) ? 1 : 0;
	}
	return upper >= 4;
}

/* Whether "of" stands at p, before end. */
static bool of_at(const char *p, const char *end)
{
	return end - p >= 2 && strncasecmp(p, "of", 2) == 0;
}

/* "Page 3", "Page 3 of 9", "- 3 -" at the end of a line: a page's furniture. */
static bool line_page_number(const char *s, size_t len)
{
	const char *p = NULL;

	for(size_t i = 0; i + 5 <= len; i++)
		if(strncasecmp(s + i, "page ", 5) == 0 && i + 5 < len &&
		   isdigit((unsigned char)s[i + 5]))
			p = s + i;
	if(!p)
		return false;
	while(p < s + len && !isdigit((unsigned char)*p))
		p++;
	while(p < s + len &&
	      (isdigit((unsigned char)*p) || *p == ' ' || of_at(p, s + len)))
		p += of_at(p, s + len) ? 2 : 1;
	return p >= s + len;
}

/* A run of three or more spaces after a word: a laid-out column. */
static bool line_layout_gap(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && s[i] == ' ')
		i++;
	for(; i + 3 < len; i++)
		if(s[i] != ' ' && s[i + 1] == ' ' && s[i + 2] == ' ' && s[i + 3] == ' ')
			return true;
	return false;
}

static void vote_markdown(const char *s, size_t len, struct vote *v)
{
	size_t h = 0;

	while(h < len && s[h] == '#')
		h++;
	if(h >= 1 && h <= 6 && h < len && s[h] == ' ')
		v->markdown += 3;
	if(len >= 3 && (strncmp(s, "```", 3) == 0 || strncmp(s, "~~~", 3) == 0))
		v->markdown += 3;
	if(len >= 4 && (strncmp(s, "|---", 4) == 0 || strncmp(s, "| ---", 5) == 0 ||
			strncmp(s, "|:--", 4) == 0))
		v->markdown += 3;
	if(memmem(s, len, "**", 2) || memmem(s, len, "](", 2))
		v->markdown += 1;
	if(len >= 2 && s[0] == '>' && s[1] == ' ')
		v->markdown += 1;
}

static void vote_text(const char *s, size_t len, struct vote *v)
{
	if(memchr(s, '\f', len))
		v->text += 3;
	if(line_page_number(s, len))
		v->text += 3;
	if(line_layout_gap(s, len))
		v->text += 1;
	if(line_all_caps(s, len))
		v->text += 1;
	if(memmem(s, len, ".....", 5))
		v->text += 1;
}

static enum ingest_kind detect_text(const char *bytes, size_t len, enum ingest_kind hint)
{
	struct vote v = { 0, 0 };
	size_t end = len < DETECT_SCAN_BYTES ? len : DETECT_SCAN_BYTES;

	for(size_t i = 0; i < end;) {
		const char *nl = memchr(bytes + i, '\n', end - i);
		size_t n = nl ? (size_t)(nl - bytes - i) : end - i;

		if(n && bytes[i + n - 1] == '\r')
			n--;
		vote_markdown(bytes + i, n, &v);
		vote_text(bytes + i, n, &v);
		i += n + 1;
		while(i < end && bytes[i] == '\n')
			i++;
		if(i < end && bytes[i] == '\r')
			i++;
	}
	if(v.markdown >= v.text + DETECT_MARGIN)
		return INGEST_KIND_MARKDOWN;
	if(v.text >= v.markdown + DETECT_MARGIN)
		return INGEST_KIND_TEXT;
	if(hint == INGEST_KIND_MARKDOWN || hint == INGEST_KIND_TEXT)
		return hint;
	return v.markdown > v.text ? INGEST_KIND_MARKDOWN : INGEST_KIND_TEXT;
}

enum ingest_kind ingest_detect(const char *bytes, size_t len, enum ingest_kind hint,
			       const char **why)
{
	size_t head = len < 1024 ? len : 1024;
	const char *dummy;

	if(!why)
		why = &dummy;
	*why = NULL;
	if(memmem(bytes, head, "%PDF-", 5))
		return INGEST_KIND_PDF;
	if(len >= 4 && memcmp(bytes, "PK\3\4", 4) == 0) {
		if(memmem(bytes, len, "word/document.xml", 17))
			return INGEST_KIND_DOCX;
		*why = "a zip archive that is not a Word .docx document (a spreadsheet, an "
		       "OpenDocument file?)";
		return INGEST_KIND_UNKNOWN;
	}
	if(len >= 8 && memcmp(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		*why = "a legacy Word .doc file: save it as .docx or PDF";
		return INGEST_KIND_UNKNOWN;
	}
	if(len >= 5 && memcmp(bytes, "{\\rtf", 5) == 0) {
		*why = "an RTF file: save it as .docx, PDF or text";
		return INGEST_KIND_UNKNOWN;
	}
	if(memchr(bytes, '\0', len)) {
		*why = "binary data, not text, PDF or .docx";
		return INGEST_KIND_UNKNOWN;
	}
	return detect_text(bytes, len, hint);
}

/* ---------------------------------------------------------------- .docx */

struct docx {
	struct buf *out;
	struct buf para; /* the paragraph being read */
	struct buf cell; /* the table cell being read */
	struct buf row;  /* the table row being read */
	int heading;     /* 0, or the Markdown level of the paragraph */
	int list_id;     /* numId of a list paragraph, -1 when none */
	int list_count[DOCX_MAX_LISTS];
	int table_depth;
	int rows; /* rows of the current table written */
	int cols; /* cells of the current row */
	int paragraphs;
	bool in_text; /* inside <w:t> */
	bool in_list; /* the last paragraph written was a list item */
};

/* Appends the UTF-8 of code point cp to b. */
static ll_result put_utf8(struct buf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if(cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if(cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if(cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if(cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return buf_append(b, u, n);
}

/* Appends XML character data (s, len) to b with its entities decoded; a
 * control character or a pipe (a cell's edge in the Markdown) is a space. */
static ll_result put_chars(struct buf *b, const char *s, size_t len)
{
	static const struct {
		const char *name;
		char c;
	} ent[] = {
		{ "amp;", '&' },  { "lt;", '<' },    { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	ll_result result = LL_OK;

	for(size_t i = 0; i < len && !result; i++) {
		unsigned char c = (unsigned char)s[i];
		bool done = false;

		if(c == '&') {
			for(size_t k = 0; k < sizeof(ent) / sizeof(ent[0]) && !done; k++)
				if(len - i - 1 >= strlen(ent[k].name) &&
				   strncmp(s + i + 1, ent[k].name, strlen(ent[k].name)) == 0) {
					result = buf_append(b, &ent[k].c, 1);
					i += strlen(ent[k].name);
					done = true;
				}
			if(!done && i + 2 < len && s[i + 1] == '#') {
				bool hex = s[i + 2] == 'x';
				size_t j = i + (hex ? 3 : 2);
				unsigned long cp = 0;

				while(j < len && j < i + 12 && isxdigit((unsigned char)s[j]) &&
				      (hex || isdigit((unsigned char)s[j]))) {
					cp = cp * (hex ? 16 : 10) +
					     (unsigned long)(isdigit((unsigned char)s[j])
								     ? s[j] - '0'
								     : tolower((
									       unsigned char)s[j]) -
									       'a' + 10);
					j++;
				}
				if(j < len && s[j] == ';') {
					result = put_utf8(b, cp < 0x20 || cp == '|' ? ' ' : cp);
					i = j;
					done = true;
				}
			}
		}
		if(!done)
			result = buf_append(b, c < 0x20 || c == '|' ? " " : s + i, 1);
	}
	return result;
}

/* The value of attribute attr (e.g. "w:val") in a tag's text, or NULL. */
static const char *tag_attr(const char *tag, size_t len, const char *attr, size_t *vlen)
{
	size_t al = strlen(attr);

	for(size_t i = 0; i + al + 2 < len; i++) {
		if(strncmp(tag + i, attr, al) == 0 && tag[i + al] == '=' &&
		   (tag[i + al + 1] == '"' || tag[i + al + 1] == '\'')) {
			const char *v = tag + i + al + 2,
				   *e = memchr(v, tag[i + al + 1], len - i - al - 2);

			if(!e)
				return NULL;
			*vlen = (size_t)(e - v);
			return v;
		}
	}
	return NULL;
}

/* Whether the tag (after '<', len bytes) is element name: "w:p" matches
 * "w:p", "w:p w:rsid=..", "w:p/", not "w:pPr". */
static bool tag_is(const char *tag, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len >= n && strncmp(tag, name, n) == 0 &&
	       (len == n || tag[n] == ' ' || tag[n] == '/' || tag[n] == '>');
}

/* A paragraph style: "Title" is #, "Heading1".."Heading5" are ## to ######. */
static int style_level(const char *v, size_t n)
{
	if(n == 5 && strncasecmp(v, "Title", 5) == 0)
		return 1;
	if(n == 8 && strncasecmp(v, "Heading", 7) == 0 && v[7] >= '1' && v[7] <= '9')
		return v[7] - '0' + 1 > 6 ? 6 : v[7] - '0' + 1;
	return 0;
}

static void trim_buf(const struct buf *b, const char **s, size_t *n)
{
	*s = b->len ? buf_str(b) : "";
	*n = b->len;
	while(*n && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while(*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* </w:p>: a heading, a list item or a paragraph of the output, or a line
 * of the table cell being read. */
static ll_result docx_paragraph_end(struct docx *d)
{
	const char *s;
	size_t n;
	ll_result result = LL_OK;

	trim_buf(&d->para, &s, &n);
	if(n == 0)
		goto out;
	d->paragraphs++;
	if(d->table_depth > 0) {
		if(d->cell.len)
			result = buf_append(&d->cell, " ", 1);
		if(!result)
			result = buf_append(&d->cell, s, n);
		goto out;
	}
	if(d->in_list && d->list_id < 0)
		result = buf_append(d->out, "\n", 1);
	if(result)
		goto out;
	d->in_list = d->list_id >= 0 && !d->heading;
	if(d->heading)
		result = buf_printf(d->out, "%.*s %.*s\n\n", d->heading, "######", (int)n, s);
	else if(d->list_id >= 0)
		result = buf_printf(d->out, "%d. %.*s\n",
				    ++d->list_count[d->list_id % DOCX_MAX_LISTS], (int)n, s);
	else
		result = buf_printf(d->out, "%.*s\n\n", (int)n, s);
out:
	buf_reset(&d->para);
	d->heading = 0;
	d->list_id = -1;
	return result;
}

/* </w:tr>: one pipe-table row; the first row of a table is its header. */
static ll_result docx_row_end(struct docx *d)
{
	ll_result result = LL_OK;

	if(d->table_depth != 1 || d->cols == 0)
		goto out;
	if(d->rows == 0 && d->in_list)
		result = buf_append(d->out, "\n", 1);
	d->in_list = false;
	if(!result)
		result = buf_printf(d->out, "|%s\n", buf_str(&d->row));
	if(!result && d->rows == 0) {
		result = buf_append(d->out, "|", 1);
		for(int c = 0; c < d->cols && !result; c++)
			result = buf_append(d->out, " --- |", 6);
		if(!result)
			result = buf_append(d->out, "\n", 1);
	}
	d->rows++;
out:
	buf_reset(&d->row);
	d->cols = 0;
	return result;
}

static ll_result docx_cell_end(struct docx *d)
{
	ll_result result = LL_OK;

	if(d->table_depth == 1 && d->cols < DOCX_MAX_COLS) {
		const char *s;
		size_t n;

		trim_buf(&d->cell, &s, &n);
		result = buf_printf(&d->row, " %.*s |", (int)n, s);
		d->cols++;
		buf_reset(&d->cell);
	}
	return result;
}

/* A numbering's id ("3" in w:val="3"); -1 for none or nonsense. */
static int list_id(const char *v, size_t n)
{
	long id = 0;

	/* v is inside the XML, not NUL-terminated: digits within n only */
	for(size_t i = 0; i < n && i < 6 && isdigit((unsigned char)v[i]); i++)
		id = id * 10 + (v[i] - '0');
	return id > 0 ? (int)id : -1;
}

/* One tag (the bytes after '<' up to '>'). */
static ll_result docx_tag(struct docx *d, const char *t, size_t n)
{
	const char *v;
	size_t vl;

	if(tag_is(t, n, "w:t"))
		d->in_text = t[n - 1] != '/';
	else if(tag_is(t, n, "/w:t"))
		d->in_text = false;
	else if(tag_is(t, n, "w:tab") || tag_is(t, n, "w:br") || tag_is(t, n, "w:cr"))
		return buf_append(&d->para, " ", 1);
	else if(tag_is(t, n, "w:pStyle") && (v = tag_attr(t, n, "w:val", &vl)))
		d->heading = style_level(v, vl);
	else if(tag_is(t, n, "w:numId") && (v = tag_attr(t, n, "w:val", &vl)))
		d->list_id = list_id(v, vl);
	else if(tag_is(t, n, "/w:p"))
		return docx_paragraph_end(d);
	else if(tag_is(t, n, "w:tbl")) {
		if(d->table_depth++ == 0)
			d->rows = 0;
	} else if(tag_is(t, n, "/w:tbl")) {
		if(d->table_depth > 0 && --d->table_depth == 0 && d->rows)
			return buf_append(d->out, "\n", 1);
	} else if(tag_is(t, n, "/w:tc"))
		return docx_cell_end(d);
	else if(tag_is(t, n, "/w:tr"))
		return docx_row_end(d);
	return LL_OK;
}

ll_result ingest_docx_markdown(const char *xml, size_t len, struct buf *out)
{
	struct docx d;
	ll_result result = LL_OK;
	size_t i = 0;

	memset(&d, 0, sizeof(d));
	d.out = out;
	d.list_id = -1;
	buf_init(&d.para, out->limit);
	buf_init(&d.cell, out->limit);
	buf_init(&d.row, out->limit);
	while(i < len && !result) {
		const char *lt = memchr(xml + i, '<', len - i), *gt;
		size_t upto = lt ? (size_t)(lt - xml) : len;

		if(d.in_text && upto > i)
			result = put_chars(&d.para, xml + i, upto - i);
		if(!lt || result)
			break;
		gt = memchr(lt, '>', len - upto);
		if(!gt)
			break;
		result = docx_tag(&d, lt + 1, (size_t)(gt - lt - 1));
		i = (size_t)(gt - xml) + 1;
	}
	if(!result && d.paragraphs == 0)
		result = LL_EINVAL;
	buf_free(&d.para);
	buf_free(&d.cell);
	buf_free(&d.row);
	return result;
}
