/* ingest_layout.c - a manual's layout normalised before it is split (ingest_layout.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "result.h"
#include "ingest.h"
#include "ingest_columns.h"
#include "ingest_furniture.h"
#include "ingest_heading.h"
#include "ingest_layout.h"
#include "ingest_line.h"
#include "ingest_pipe.h"
#include "ingest_steps.h"
#include "ingest_table.h"

/* The frame of a line inside a box ("| WARNING ... |", "│ ... │"): the
 * length of the left border, 0 when the line is not framed.  A line with a
 * pipe inside is a table row, not a box. */
static size_t box_border(const char *s, size_t len)
{
	static const char *const bars[] = {"|", "\xe2\x94\x82", "\xe2\x95\x91", "\xe2\x94\x83",
	                                   NULL};

	for(int k = 0; bars[k]; k++) {
		size_t bl = strlen(bars[k]);

		if(len < 2 * bl || memcmp(s, bars[k], bl) != 0 ||
		   memcmp(s + len - bl, bars[k], bl) != 0)
			continue;
		return memchr(s + bl, '|', len - 2 * bl) ? 0 : bl;
	}
	return 0;
}

/* Boxed notices and rules: the text inside a box loses its frame, so a
 * boxed WARNING reads like any other (and is joined to its text); rules
 * become blank lines.  A run of framed lines holding a pipe table's
 * separator row is a one-column table and stays. */
static void unbox_lines(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(ingest_line_is_rule(lines[i].s, lines[i].len) &&
		   !ingest_grid_border(lines[i].s, lines[i].len) &&
		   !ingest_pipe_bare_separator(lines, i))
			lines[i].len = 0;
	for(size_t i = 0; i < n;) {
		size_t j = i;
		bool table = false;

		while(j < n && box_border(lines[j].s, lines[j].len)) {
			table |= ingest_pipe_separator(lines[j].s, lines[j].len);
			j++;
		}
		for(size_t k = i; k < j && !table; k++) {
			struct tline *t = &lines[k];
			size_t bl = box_border(t->s, t->len), sp = 0;

			t->len -= 2 * bl;
			t->s += bl;
			while(sp < t->len && t->s[sp] == ' ')
				sp++;
			t->s += sp;
			t->len -= sp;
			t->indent += 1 + sp;
			while(t->len && t->s[t->len - 1] == ' ')
				t->len--;
		}
		i = j > i ? j : i + 1;
	}
}

static bool glyph_bullet(const char *s, size_t len, size_t *mark)
{
	static const char *const glyphs[] = {
		"\xe2\x80\xa2", "\xe2\x96\xaa", "\xe2\x97\xa6", "\xc2\xb7", "\xef\x82\xb7",
		"\xe2\x80\x93", "\xe2\x96\xa0", "\xe2\x97\x8f", NULL,
	};

	for(int k = 0; glyphs[k]; k++) {
		size_t gl = strlen(glyphs[k]);

		if(len > gl + 1 && memcmp(s, glyphs[k], gl) == 0 &&
		   (s[gl] == ' ' || s[gl] == '\t')) {
			*mark = gl + 1;
			return true;
		}
	}
	return false;
}

/* text cut into lines: indent measured, trailing blanks and form feeds
 * (page breaks, kept as brk) trimmed; NULL when out of memory. */
static struct tline *split_lines(struct arena *a, const char *text, size_t len, size_t *nout)
{
	struct tline *lines;
	size_t n = 0, cap = 1, pos = 0;

	for(size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	lines = arena_alloc(a, cap * sizeof(*lines));
	if(!lines)
		return NULL;
	while(pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		struct tline *t = &lines[n++];
		size_t i = 0, col = 0;

		memset(t, 0, sizeof(*t));
		pos += ll + (nl ? 1 : 0);
		while(i < ll && line[i] == '\f') {
			t->brk = true;
			i++;
		}
		while(i < ll && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) {
			col += line[i] == '\t' ? 4 : 1;
			i++;
		}
		t->s = line + i;
		t->len = ll - i;
		t->indent = col;
		while(t->len && (t->s[t->len - 1] == '\r' || t->s[t->len - 1] == ' ' ||
		                 t->s[t->len - 1] == '\t' || t->s[t->len - 1] == '\f'))
			t->len--;
	}
	*nout = n;
	return lines;
}

/* A table starting at line i, written out: the lines it used (0: none).
 * An open paragraph line is ended first, and taken back when no table
 * starts. */
static size_t try_table(struct tline *lines, size_t i, size_t n, const char *text, size_t len,
                        bool plain, bool para, struct buf *out, ll_result *result, size_t *no_table)
{
	const struct tline *t = &lines[i];
	size_t mark0 = out->len, used;
	bool end_line = para && t->len && (t->s[0] == '|' || t->s[0] == '+' || plain);

	if(end_line && (*result = buf_appends(out, "\n")) != LL_OK)
		return 0;
	used = ingest_pipe_table(lines, i, n, text, len, out, result);
	if(!used && !*result && plain)
		used = i < *no_table ? 0
		                     : ingest_column_table(lines, i, n, text, len, out, result,
		                                           no_table);
	if(end_line && !used && !*result) {
		out->len = mark0;
		out->data[mark0] = '\0';
	}
	return used;
}

/* One line of the normalised text: its indent, a bullet glyph as "- ",
 * a dot leader as ": ", a code set off by a gap with a colon. */
static ll_result emit_line(struct buf *out, const struct tline *t, bool plain, bool glyph,
                           size_t mark)
{
	const char *lead, *lend;
	size_t from = 0, label, gap;
	ll_result result = LL_OK;

	if(!plain)
		return buf_printf(out, "%*s%.*s", (int)t->indent, "", (int)t->len, t->s);
	if(t->indent && (result = buf_printf(out, "%*s", (int)t->indent, "")) != LL_OK)
		return result;
	if(glyph) {
		result = buf_appends(out, "- ");
		from = mark;
	}
	/* "Water pressure ........ 20 psi" -> "Water pressure: 20 psi" */
	lead = ingest_dot_leader(t->s + from, t->len - from, &lend);
	if(!result && lead && lend < t->s + t->len) {
		result = buf_append(out, t->s + from, (size_t)(lead - t->s - from));
		if(!result)
			result = buf_appends(out, ": ");
		if(!result)
			result = buf_append(out, lend, (size_t)(t->s + t->len - lend));
		/* a spec line is a paragraph of its own, as a table row is */
		if(!result && !ingest_is_terminal(t->s[t->len - 1]))
			result = buf_appends(out, ".");
		if(!result)
			result = buf_appends(out, "\n");
	} else if(!result && (label = ingest_code_label(t->s, t->len, &gap)) != 0 && gap) {
		/* "AL-3  Fill timeout", "AL-3 ... Fill timeout" -> "AL-3: Fill timeout." */
		size_t name = ingest_label_name(t->s, t->len, gap);

		result = buf_printf(out, "%.*s: %.*s%s", (int)gap, t->s,
		                    (int)(t->len - name), t->s + name,
		                    label == t->len && !ingest_is_terminal(t->s[t->len - 1])
		                            ? "."
		                            : "");
	} else if(!result)
		result = buf_append(out, t->s + from, t->len - from);
	return result;
}

/* Is the last line of out a numbered title ("5. Filtering"), not a step
 * that wraps: a few words, no closing punctuation?  A paragraph under it
 * starts anew. */
static bool titled_item(const struct buf *out)
{
	size_t end = out->len, start = end;

	while(start > 0 && out->data[start - 1] != '\n')
		start--;
	while(start < end && (isdigit((unsigned char)out->data[start]) || out->data[start] == '.' ||
	                      out->data[start] == ' '))
		start++;
	return end > start && end - start <= 40 &&
	       ingest_count_words(out->data + start, end - start) <= 5 &&
	       !ingest_is_terminal(out->data[end - 1]) && out->data[end - 1] != ',' &&
	       isupper((unsigned char)out->data[start]);
}

/* Does line t go on with the list item before it (a wrapped step), rather
 * than start a notice, a code's row, a heading, or the paragraph under a
 * numbered title ("5. Filtering")? */
static bool continues_item(const struct buf *out, const struct tline *t, size_t item_indent)
{
	size_t after = 0;

	return !ingest_warning_word(t->s, t->len, &after) &&
	       !ingest_line_code_label(t->s, t->len) &&
	       !ingest_line_is_text_heading(t->s, t->len) &&
	       !(isupper((unsigned char)t->s[0]) && titled_item(out)) &&
	       (t->indent > item_indent || !ingest_is_terminal(out->data[out->len - 1]));
}

#define WRAP_MIN 60   /* a line of a text export this long, unfinished, was wrapped */

/* Does line t go on with a sentence a text export wrapped ("...Use only
 * Pellmoor" over "Scale-Off SO-2 descaler.")?  The line before is long and
 * stops mid-sentence, after a lower-case word or a comma (not a title in
 * capitals, a figure or a closing parenthesis); t starts no notice, code,
 * heading or step. */
static bool continues_prose(const struct buf *out, const struct tline *t)
{
	size_t start = out->len, after = 0;
	char last = out->len ? out->data[out->len - 1] : '.';

	while(start > 0 && out->data[start - 1] != '\n')
		start--;

	return out->len - start >= WRAP_MIN && (islower((unsigned char)last) || last == ',') &&
	       !ingest_warning_word(t->s, t->len, &after) &&
	       !ingest_line_code_label(t->s, t->len) &&
	       !ingest_line_is_text_heading(t->s, t->len);
}

/* Whether line t goes on with the notice (warn), the list item (item) or
 * the wrapped sentence of a text export (prose) written last; the next
 * notice does not. */
static bool goes_on(const struct buf *out, const struct tline *t, bool warn, bool item,
                    bool prose, size_t item_indent)
{
	size_t after = 0;

	if(warn)
		return !ingest_warning_word(t->s, t->len, &after);
	if(item)
		return continues_item(out, t, item_indent);
	return prose && continues_prose(out, t);
}

/* "3.3 Capacity ....... 48 hot dogs" over "          or 40 taquitos": the
 * lines indented to a dot-leader row's value go on with that value, joined
 * to the row (and taken out of the lines), so no part of it is read as a
 * heading or a paragraph of its own. */
static ll_result join_leader_values(struct arena *a, struct tline *lines, size_t *n)
{
	size_t w = 0;

	for(size_t i = 0; i < *n; i++) {
		struct tline t = lines[i];
		const char *end, *next_end, *lead = ingest_dot_leader(t.s, t.len, &end);
		size_t column = lead ? t.indent + (size_t)(end - t.s) : 0;

		while(lead && end < t.s + t.len && i + 1 < *n && lines[i + 1].len &&
		      lines[i + 1].indent + 2 >= column &&
		      !ingest_dot_leader(lines[i + 1].s, lines[i + 1].len, &next_end)) {
			char *joined = arena_printf(a, "%.*s %.*s", (int)t.len, t.s,
			                            (int)lines[i + 1].len, lines[i + 1].s);

			if(!joined)
				return LL_ENOMEM;
			t.s = joined;
			t.len = strlen(joined);
			lead = ingest_dot_leader(t.s, t.len, &end);
			i++;
		}
		lines[w++] = t;
	}
	*n = w;
	return LL_OK;
}

/* The plain-text passes before the lines are written: list markers,
 * page furniture, headings, two-column pages, small print (counted in st). */
static ll_result plain_lines(struct arena *a, struct tline **lines, size_t *n,
                             struct ingest_chunks *st)
{
	ll_result result;

	if((result = ingest_tighten_markers(a, *lines, *n)) != LL_OK ||
	   (result = join_leader_values(a, *lines, n)) != LL_OK)
		return result;
	if((result = ingest_drop_furniture(a, *lines, *n)) != LL_OK)
		return result;
	ingest_drop_page_edges(*lines, *n);
	ingest_mark_headings(*lines, *n);
	if((result = ingest_unzip_columns(a, lines, n)) != LL_OK)
		return result;
	ingest_drop_small_print(*lines, *n);
	for(size_t i = 0; i < *n; i++)
		st->dropped_lines += (*lines)[i].drop && (*lines)[i].len ? 1 : 0;
	return LL_OK;
}

/* A heading on its own line, set off by blank lines, after its mark. */
static ll_result emit_heading(struct buf *out, const struct tline *t, bool para)
{
	return buf_printf(out, "%s%c%.*s\n\n", para ? "\n\n" : out->len ? "\n" : "",
	                  t->head == 2 ? INGEST_HEAD_MARK_2 : INGEST_HEAD_MARK_3, (int)t->len,
	                  t->s);
}

/* Where ingest_normalise_layout is in the text it writes: the lines, the output
 * and what the paragraph being written is. */
struct layout {
	struct tline *lines;
	size_t n;
	const char *text;           /* the text the lines are in */
	size_t len;
	bool plain;                 /* INGEST_TEXT: plain text, not Markdown */
	struct buf *out;
	bool item;                  /* the paragraph is a step, a bullet or a question */
	bool warn;                  /* it is a warning */
	bool para;                  /* a paragraph is open */
	size_t item_indent;
	size_t no_table;            /* try_table's memory of where no table starts */
};

/* One blank line for a run of them (a page break's, the furniture between
 * dropped); the paragraph ends. */
static ll_result layout_blank(struct layout *l)
{
	struct buf *out = l->out;
	ll_result result = LL_OK;

	if(l->para)
		result = buf_appends(out, "\n\n");
	else if(out->len && !(out->len >= 2 && out->data[out->len - 1] == '\n' &&
	                      out->data[out->len - 2] == '\n'))
		result = buf_appends(out, "\n");
	l->item = l->warn = l->para = false;
	return result;
}

/* Joins t to the line before when it goes on with it: a hyphenated word, a
 * warning's next line, a wrapped step or bullet.  True when joined, with
 * *result set. */
static bool layout_join(struct layout *l, const struct tline *t, ll_result *result)
{
	bool keep = false;

	if(l->plain && ingest_wrap_hyphen(l->out, t->s, t->len, l->text, l->len, &keep)) {
		if(!keep)
			l->out->len--;
		*result = buf_append(l->out, t->s, t->len);
		return true;
	}
	if(goes_on(l->out, t, l->warn, l->plain && l->item, l->plain, l->item_indent)) {
		/* a Markdown quote's next line drops its "> " */
		bool quote = !l->plain && t->len >= 2 && t->s[0] == '>' && t->s[1] == ' ';

		*result = buf_printf(l->out, " %.*s", (int)t->len - (quote ? 2 : 0),
		                     t->s + (quote ? 2 : 0));
		return true;
	}
	return false;
}

/* A lone WARNING line (lines[*i]) heads the paragraph after it: written as
 * "WARNING:", the blank lines after it skipped (*i moves past them). */
static ll_result layout_warning(struct layout *l, size_t *i)
{
	const struct tline *t = &l->lines[*i];
	size_t after = 0, w = 0;
	ll_result result;

	while(w < t->len && !isalpha((unsigned char)t->s[w]))
		w++;
	result = buf_printf(l->out, "%*s%.*s:", (int)(l->plain ? t->indent : 0), "",
	                    (int)ingest_warning_word(t->s, t->len, &after), t->s + w);
	for(size_t j = *i + 1; j < l->n && !l->lines[j].len && !l->lines[j].drop; j++)
		*i = j;      /* skip blank lines between */
	l->warn = l->para = true;
	return result;
}

/* A line of text (lines[*i]): joined to the paragraph before, or the start
 * of a paragraph of its own. */
static ll_result layout_text_line(struct layout *l, size_t *i)
{
	const struct tline *t = &l->lines[*i];
	size_t after = 0, mark = 0, qstart;
	bool step, bullet, glyph = false;
	ll_result result = LL_OK;

	if(l->plain)
		glyph = glyph_bullet(t->s, t->len, &mark);
	step = ingest_line_is_step(t->s, t->len);
	bullet = glyph || ingest_line_is_bullet(t->s, t->len);
	if(l->para && !step && !bullet && layout_join(l, t, &result))
		return result;
	if(l->para && (result = buf_appends(l->out, "\n")) != LL_OK)
		return result;
	if(ingest_warning_word(t->s, t->len, &after) && after >= t->len)
		return layout_warning(l, i);
	l->warn = ingest_warning_word(t->s, t->len, &after) > 0 && !ingest_all_caps(t->s, t->len);
	/* a FAQ question wrapped over lines is joined like a step */
	/* "2. CLEANING" is a heading, not a step: the indented
	 * paragraph under it does not go on with it */
	l->item = ((step || bullet) && !(l->plain && ingest_line_is_text_heading(t->s, t->len))) ||
	          ingest_line_question(t->s, t->len, &qstart);
	l->item_indent = t->indent;
	l->para = true;
	return emit_line(l->out, t, l->plain, glyph, mark);
}

ll_result ingest_normalise_layout(struct arena *a, const char *text, size_t len,
                                  enum ingest_format fmt, struct buf *out,
                                  struct ingest_chunks *st)
{
	struct layout l;
	struct tline *lines;
	size_t n = 0;
	ll_result result = LL_OK;
	bool plain = fmt == INGEST_TEXT;

	if(!(lines = split_lines(a, text, len, &n)))
		return LL_ENOMEM;
	unbox_lines(lines, n);
	if((result = ingest_number_step_words(a, lines, n)) != LL_OK ||
	   (result = ingest_number_decimal_steps(a, lines, n)) != LL_OK)
		return result;
	if(plain && (result = plain_lines(a, &lines, &n, st)) != LL_OK)
		return result;
	memset(&l, 0, sizeof(l));
	l.lines = lines;
	l.n = n;
	l.text = text;
	l.len = len;
	l.plain = plain;
	l.out = out;
	for(size_t i = 0; i < n && !result; i++) {
		struct tline *t = &lines[i];
		size_t used;

		if(t->drop)
			continue;
		if(t->head) {
			result = emit_heading(out, t, l.para);
			l.item = l.warn = l.para = false;
			continue;
		}
		if(!t->len) {
			result = layout_blank(&l);
			continue;
		}
		used = try_table(lines, i, n, text, len, plain, l.para, out, &result, &l.no_table);
		if(result)
			break;
		if(used) {
			/* a blank line after each row (ingest_row_emit) and the table */
			st->tables++;
			i += used - 1;
			l.item = l.warn = l.para = false;
			continue;
		}
		result = layout_text_line(&l, &i);
	}
	if(!result && l.para)
		result = buf_appends(out, "\n");
	return result;
}
