/* ingest_ocr.c - tesseract's word boxes to laid-out text. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_ocr.h"

/* Columns of a laid-out line at most (a page is about 120). */
#define OCR_MAX_COLUMN 400

struct word {
	long left, top, width, height;
	const char *text;
	size_t len;
	int line; /* the visual line it is on */
};

/* The numeric fields and the text of one TSV row (a word: level 5). */
static bool parse_row(const char *s, size_t n, struct word *w)
{
	long f[11];
	const char *p = s, *end = s + n;

	/* the row is not NUL-terminated: numbers read within it only */
	for(int k = 0; k < 11; k++) {
		const char *q = p;
		bool minus = q < end && *q == '-';

		q += minus ? 1 : 0;
		f[k] = 0;
		while(q < end && isdigit((unsigned char)*q) && f[k] < 100000000)
			f[k] = f[k] * 10 + (*q++ - '0');
		/* the confidence is a fraction ("93.280869"): its integer part */
		while(k == 10 && q < end && (isdigit((unsigned char)*q) || *q == '.'))
			q++;
		if(q == p + (minus ? 1 : 0) || q >= end || *q != '\t')
			return false;
		f[k] = minus ? -f[k] : f[k];
		p = q + 1;
	}
	while(end > p && (end[-1] == '\r' || end[-1] == ' '))
		end--;
	if(f[0] != 5 || end <= p || f[6] < 0 || f[7] < 0 || f[8] <= 0 || f[9] <= 0)
		return false;
	/* a table's rule read as a letter is no word */
	if(end - p == 1 && (*p == '|' || *p == '!'))
		return false;
	w->left = f[6];
	w->top = f[7];
	w->width = f[8];
	w->height = f[9];
	w->text = p;
	w->len = (size_t)(end - p);
	return true;
}

static int by_top(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	return x->top != y->top ? (x->top < y->top ? -1 : 1)
				: (x->left < y->left ? -1 : x->left > y->left);
}

static int by_line_left(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if(x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->left < y->left ? -1 : x->left > y->left;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The median of a word's width per character and of its height: the
 * page's character cell. */
static void cell_size(const struct word *w, size_t n, long *cw, long *ch)
{
	long *v = malloc(n * sizeof(*v));
	size_t k = 0;

	*cw = 20;
	*ch = 40;
	if(!v)
		return;
	for(size_t i = 0; i < n; i++)
		if(w[i].len >= 3)
			v[k++] = w[i].width / (long)w[i].len;
	if(k) {
		qsort(v, k, sizeof(*v), cmp_long);
		*cw = v[k / 2] > 0 ? v[k / 2] : 1;
	}
	for(size_t i = 0; i < n; i++)
		v[i] = w[i].height;
	qsort(v, n, sizeof(*v), cmp_long);
	*ch = v[n / 2] > 0 ? v[n / 2] : 1;
	free(v);
}

/* Numbers the visual lines: a word within half a line's height of the
 * line's first word is on it.  The words are sorted by top. */
static int group_lines(struct word *w, size_t n, long ch)
{
	int line = 0;
	long line_top = n ? w[0].top : 0;

	for(size_t i = 0; i < n; i++) {
		if(w[i].top - line_top > ch / 2) {
			line++;
			line_top = w[i].top;
		}
		w[i].line = line;
	}
	return line + 1;
}

/* Writes the words (sorted by line, then left) laid out: each at its
 * column less the page's left margin, a blank line where the page leaves
 * more than half a line of space. */
static ll_result write_lines(const struct word *w, size_t n, long cw, long ch, struct buf *out)
{
	long margin = w[0].left, bottom = -1;
	size_t col = 0;
	ll_result result = LL_OK;

	for(size_t i = 1; i < n; i++)
		margin = w[i].left < margin ? w[i].left : margin;
	for(size_t i = 0; i < n && !result; i++) {
		long want = (w[i].left - margin + cw / 2) / cw;
		bool first = i == 0 || w[i].line != w[i - 1].line;

		if(first && i > 0) {
			result = buf_append(out, "\n", 1);
			if(!result && w[i].top - bottom > ch / 2)
				result = buf_append(out, "\n", 1);
			col = 0;
			bottom = -1;
		}
		if(want > OCR_MAX_COLUMN)
			want = OCR_MAX_COLUMN;
		/* words of one phrase one space apart: only a wide gap is a column */
		if(!first &&
		   ((size_t)want <= col || w[i].left - (w[i - 1].left + w[i - 1].width) < 2 * cw))
			want = (long)col + 1;
		for(; !result && col < (size_t)want; col++)
			result = buf_append(out, " ", 1);
		if(!result)
			result = buf_append(out, w[i].text, w[i].len);
		col += w[i].len;
		if(w[i].top + w[i].height > bottom)
			bottom = w[i].top + w[i].height;
	}
	if(!result)
		result = buf_append(out, "\n", 1);
	return result;
}

ll_result ingest_ocr_layout(const char *tsv, size_t len, struct buf *out)
{
	struct word *w = malloc(INGEST_OCR_MAX_WORDS * sizeof(*w));
	size_t n = 0;
	long cw, ch;
	ll_result result = LL_OK;

	if(!w)
		return LL_ENOMEM;
	for(size_t i = 0; i < len && n < INGEST_OCR_MAX_WORDS;) {
		const char *nl = memchr(tsv + i, '\n', len - i);
		size_t row = nl ? (size_t)(nl - tsv - i) : len - i;

		if(parse_row(tsv + i, row, &w[n]))
			n++;
		i += row + 1;
	}
	if(n == 0)
		goto out;
	qsort(w, n, sizeof(*w), by_top);
	cell_size(w, n, &cw, &ch);
	group_lines(w, n, ch);
	qsort(w, n, sizeof(*w), by_line_left);
	result = write_lines(w, n, cw, ch, out);
out:
	free(w);
	return result;
}
