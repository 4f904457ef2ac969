/* ingest_row.c - a table's row and the row as a paragraph (ingest_row.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "result.h"
#include "ingest_line.h"
#include "ingest_row.h"

int ingest_split_cells(const struct tline *l, struct cells *c)
{
	size_t i = 0, col = l->indent;

	c->n = 0;
	while(i < l->len) {
		size_t start = i, end, gap = 0;

		for(;;) {
			while(i < l->len && l->s[i] != ' ' && l->s[i] != '\t')
				i++;
			end = i;
			gap = 0;
			while(i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
				gap += l->s[i] == '\t' ? 2 : 1;
				i++;
			}
			if(i >= l->len || gap >= 3 ||
			   (gap == 2 && !ingest_is_terminal(l->s[end - 1])))
				break;
		}
		if(c->n == TABLE_MAX_COLS)
			return 0;
		c->pos[c->n] = col;
		c->s[c->n] = l->s + start;
		c->len[c->n] = end - start;
		c->n++;
		col += ingest_utf8_chars(l->s + start, i - start);
	}
	return c->n;
}

void ingest_row_init(struct row *r, const char *doc, size_t doclen)
{
	for(int k = 0; k < TABLE_MAX_COLS; k++)
		buf_init(&r->cell[k], CELL_MAX);
	r->doc = doc;
	r->doclen = doclen;
}

void ingest_row_free(struct row *r)
{
	for(int k = 0; k < TABLE_MAX_COLS; k++)
		buf_free(&r->cell[k]);
}

void ingest_row_clear(struct row *r, int from)
{
	for(int k = from; k < TABLE_MAX_COLS; k++)
		buf_reset(&r->cell[k]);
}

ll_result ingest_cell_add(struct row *r, int k, const char *s, size_t len)
{
	struct buf *b = &r->cell[k];
	bool keep = false;

	if(b->len == 0)
		return buf_append(b, s, len);
	if(ingest_wrap_hyphen(b, s, len, r->doc, r->doclen, &keep)) {
		if(!keep) {
			b->len--;
			b->data[b->len] = '\0';
		}
		return buf_append(b, s, len);
	}
	if(buf_append(b, " ", 1))
		return LL_ENOMEM;
	return buf_append(b, s, len);
}

bool ingest_header_cell(const char *s, size_t len)
{
	int words = 0;
	bool in = false;

	if(len == 0 || ingest_is_terminal(s[len - 1]))
		return false;
	for(size_t i = 0; i < len; i++) {
		if(isdigit((unsigned char)s[i]))
			return false;
		if(s[i] != ' ' && !in)
			words++;
		in = s[i] != ' ';
	}
	return words <= 4;
}

/* A header as a label: "POSSIBLE CAUSE" -> "Possible cause". */
static ll_result header_label(struct buf *out, const char *s, size_t len)
{
	bool caps = ingest_all_caps(s, len);

	for(size_t i = 0; i < len; i++) {
		char c = s[i];

		if(c == '*' || c == '_' || c == '`')
			continue;
		if(caps && out->len && i > 0)
			c = (char)tolower((unsigned char)c);
		if(buf_append(out, &c, 1))
			return LL_ENOMEM;
	}
	return LL_OK;
}

bool ingest_cell_is_code(const struct buf *b)
{
	char probe[40];

	if(!b->len || b->len > 12 || ingest_line_code_label(b->data, b->len) != 0)
		return false;
	snprintf(probe, sizeof(probe), "%s: x", b->data);
	return ingest_line_code_label(probe, strlen(probe)) > 0;
}

/* Whether a table's first column heading names symptoms ("Problem"). */
static bool symptom_head(const struct buf *b)
{
	static const char *const words[] = {"problem", "symptom", "condition", "if", "trouble",
	                                    NULL};

	for(int k = 0; words[k]; k++)
		if(b->len == strlen(words[k]) && strncasecmp(b->data, words[k], b->len) == 0)
			return true;
	return false;
}

/* Whether a column heading names what to do ("What to do", "Action"). */
static bool action_head(const struct buf *b)
{
	static const char *const words[] = {"what to do", "action", "fix", "remedy", "solution",
	                                    "corrective", "what you do", "response", "to do",
	                                    NULL};

	for(int k = 0; words[k]; k++) {
		size_t n = strlen(words[k]);

		if(b->len >= n && strncasecmp(b->data, words[k], n) == 0)
			return true;
	}
	return false;
}

/* The length of an item number at p ("2. ", "10) "), 0 for none. */
static size_t item_number(const char *p, const char *end)
{
	return ingest_line_is_step(p, (size_t)(end - p)) ? strspn(p, "0123456789") + 2 : 0;
}

/* A code's action cell as numbered steps, a sentence (or an item the cell
 * numbers itself) each: "Stop loading product. Leave the MAIN switch ON"
 * -> "1. Stop loading product.", "2. Leave the MAIN switch ON", so the
 * answer shows them as the code's steps. */
static ll_result action_steps(struct buf *out, const struct buf *c)
{
	const char *p = c->data, *end = c->data + c->len;
	int n = 0;
	ll_result result = LL_OK;

	while(p < end && !result) {
		const char *q;

		p += item_number(p, end);
		for(q = p; q + 2 < end; q++)
			if(ingest_is_terminal(*q) && q[1] == ' ' &&
			   (isupper((unsigned char)q[2]) || item_number(q + 2, end)))
				break;
		q = q + 2 < end ? q + 1 : end;
		result = buf_printf(out, "\n%d. %.*s", ++n, (int)(q - p), p);
		p = q;
		while(p < end && *p == ' ')
			p++;
	}
	return result;
}

ll_result ingest_row_emit(struct buf *out, struct row *r, int ncols, struct row *head,
                          bool has_head)
{
	int first = -1, n = 0;
	bool code, runin;
	ll_result result = LL_OK;

	for(int k = 0; k < ncols; k++)
		if(r->cell[k].len) {
			n++;
			if(first < 0)
				first = k;
		}
	if(n == 0)
		return LL_OK;
	/* a code in the first column: "E22: meaning — Action: ..." */
	code = first == 0 && ingest_cell_is_code(&r->cell[0]);
	/* a symptom over its remedy: the symptom names a section of its own
	 * (a run-in subheading, ingest_parse_blocks), as a code's row does */
	runin = !code && first == 0 && ncols == 2 && has_head && symptom_head(&head->cell[0]) &&
	        r->cell[1].len;
	if((result = buf_appends(out, "\n")) != LL_OK)
		return result;
	for(int k = first; k < ncols && !result; k++) {
		const struct buf *c = &r->cell[k];

		if(!c->len)
			continue;
		if(k == first)
			result = buf_append(out, c->data, c->len);
		else if(runin)
			result = buf_printf(out, "\n%s", c->data);
		else if(ncols == 2 || (k == first + 1 && code))
			result = buf_printf(out, "%s%s",
			                    out->data[out->len - 1] == ':' ? " " : ": ", c->data);
		else if(code && has_head && action_head(&head->cell[k])) {
			if(!ingest_is_terminal(out->data[out->len - 1]))
				result = buf_appends(out, ".");
			if(!result)
				result = action_steps(out, c);
		} else {
			result = buf_appends(out, " \xe2\x80\x94 ");
			if(!result && has_head && head->cell[k].len && head->cell[k].len <= 40) {
				result = header_label(out, head->cell[k].data, head->cell[k].len);
				if(!result)
					result = buf_appends(out, ": ");
			}
			if(!result)
				result = buf_append(out, c->data, c->len);
		}
	}
	if(!result && !ingest_is_terminal(out->data[out->len - 1]))
		result = buf_appends(out, ".");
	if(!result)
		result = buf_appends(out, "\n");
	return result;
}
