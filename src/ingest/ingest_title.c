/* ingest_title.c - a manual's title from its first lines or its PDF metadata. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "result.h"
#include "ingest.h"
#include "ingest_line.h"
#include "ingest_title.h"
#include "ingest_tool.h"
#include "ingest_title.h"

#define TITLE_LINE_MIN 4
#define TITLE_LINE_MAX 100
#define TITLE_SEP " \xe2\x80\x94 "

/* Copies s (len bytes) to out with runs of spaces made one, cut at a run of
 * three or more (or a tab): the next layout column.  Returns the length. */
static size_t title_segment(const char *s, size_t len, char *out, size_t outlen, size_t *next)
{
	size_t o = 0, i = 0;

	while(i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
		i++;
	while(i < len && o + 1 < outlen) {
		size_t run = 0;

		if(s[i] == '\t')
			break;
		while(i + run < len && s[i + run] == ' ')
			run++;
		if(run >= 3 || (run && i + run >= len))
			break;
		if(run) {
			out[o++] = ' ';
			i += run;
			continue;
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	*next = i;
	return o;
}

/* A segment the page carries rather than the document: "Page 3", "12",
 * "Contents", a contents line. */
static bool title_furniture(const char *s, size_t len)
{
	bool pure;

	return len == 0 || ingest_line_has_page_number(s, len, &pure) ||
	       ingest_line_is_toc(s, len) ||
	       strcasecmp(s, "contents") == 0 || strcasecmp(s, "table of contents") == 0 ||
	       strcasecmp(s, "index") == 0;
}

/* Whether s (a segment, spaces made one) reads as a title: not a sentence
 * or a label (ends with '.' or ':'), not a numbered section or step, not a
 * notice ("IMPORTANT SAFETY INSTRUCTIONS", "WARNING"), no control bytes, a
 * letter, and at least half of its longer words capitalised ("Service
 * Manual for the KF-9", "CX-10 COMBI STEAMER OVEN", not "This manual
 * covers the fryer"). */
static bool title_like(const char *s, size_t len)
{
	int long_words = 0, capitalised = 0;
	size_t after;
	bool letter = false;

	if(len < TITLE_LINE_MIN || len > TITLE_LINE_MAX)
		return false;
	if(s[len - 1] == '.' || s[len - 1] == ':' || s[len - 1] == ',' || s[len - 1] == ';')
		return false;
	if(ingest_numbered_heading(s, len) || ingest_line_is_step(s, len) ||
	   ingest_line_is_bullet(s, len) ||
	   title_furniture(s, len) || ingest_warning_word(s, len, &after))
		return false;
	for(size_t i = 0; i < len; i++)
		if((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return false;
	for(size_t i = 0; i < len;) {
		size_t letters = 0, first = len;

		while(i < len && s[i] != ' ') {
			if(isalpha((unsigned char)s[i])) {
				if(first == len)
					first = i;
				letters++;
			}
			i++;
		}
		letter |= letters > 0;
		if(letters >= 4) {
			long_words++;
			capitalised += isupper((unsigned char)s[first]) != 0;
		}
		while(i < len && s[i] == ' ')
			i++;
	}
	return letter && capitalised * 2 >= long_words;
}

/* The title text of one line (its first column that is not page
 * furniture) in out; 0 when the line holds none. */
static size_t title_of_line(const char *s, size_t len, char *out, size_t outlen)
{
	size_t pos = 0;

	while(pos < len) {
		size_t next, n = title_segment(s + pos, len - pos, out, outlen, &next);

		if(n && !title_furniture(out, n)) {
			/* a separator left hanging by the cut ("KF-9 Manual -   Page 3") */
			for(;;) {
				if(n &&
				   (out[n - 1] == ' ' || out[n - 1] == '-' || out[n - 1] == '|'))
					n--;
				else if(n >= 3 && (memcmp(out + n - 3, "\xe2\x80\x93", 3) == 0 ||
				                   memcmp(out + n - 3, "\xe2\x80\x94", 3) == 0))
					n -= 3;
				else
					break;
			}
			out[n] = '\0';
			return title_like(out, n) ? n : 0;
		}
		if(next == 0)
			break;
		pos += next;
	}
	out[0] = '\0';
	return 0;
}

/* Whether a and b are the same but for their numbers ("Manual 3" and
 * "Manual 4": a running header with its page number). */
static bool same_but_numbers(const char *a, const char *b)
{
	while(*a && *b) {
		if(isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while(isdigit((unsigned char)*a))
				a++;
			while(isdigit((unsigned char)*b))
				b++;
			continue;
		}
		if(*a != *b)
			return false;
		a++;
		b++;
	}
	return *a == *b;
}

struct text_line {
	const char *s;
	size_t len;
};

/* The next line of text from *pos (without its newline and '\r'). */
static bool next_line(const char *text, size_t len, size_t *pos, struct text_line *l)
{
	const char *nl;

	if(*pos >= len)
		return false;
	l->s = text + *pos;
	nl = memchr(l->s, '\n', len - *pos);
	l->len = nl ? (size_t)(nl - l->s) : len - *pos;
	*pos += l->len + (nl ? 1 : 0);
	while(l->len &&
	      (l->s[l->len - 1] == '\r' || l->s[l->len - 1] == ' ' || l->s[l->len - 1] == '\t'))
		l->len--;
	return true;
}

static bool line_blank(const struct text_line *l)
{
	for(size_t i = 0; i < l->len; i++)
		if(l->s[i] != ' ' && l->s[i] != '\t' && l->s[i] != '\f')
			return false;
	return true;
}

/* A line continued by the next one as prose (the next starts lower case):
 * the start of a paragraph, not a title. */
static bool line_continues(const char *text, size_t len, size_t pos)
{
	struct text_line l;
	size_t i = 0;

	if(!next_line(text, len, &pos, &l) || line_blank(&l))
		return false;
	while(i < l.len && (l.s[i] == ' ' || l.s[i] == '\f'))
		i++;
	return i < l.len && islower((unsigned char)l.s[i]);
}

/* Copies src to dst (dstlen bytes) whole, or cut at a character boundary. */
static void copy_utf8(char *dst, size_t dstlen, const char *src)
{
	size_t n = strlen(src);

	if(n >= dstlen) {
		n = dstlen - 1;
		while(n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memmove(dst, src, n);
	dst[n] = '\0';
}

bool ingest_title_from_text(const char *text, size_t len, char *out, size_t outlen)
{
	/* twice the longest title line: a longer line, cut here, is still too long */
	char first[2 * TITLE_LINE_MAX], second[2 * TITLE_LINE_MAX], other[2 * TITLE_LINE_MAX];
	char joined[4 * TITLE_LINE_MAX + sizeof(TITLE_SEP)];
	struct text_line l;
	size_t pos = 0, after_first = 0;
	int furniture = 0;
	bool repeats = false;

	if(outlen == 0)
		return false;
	out[0] = '\0';
	if(len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	/* the first line that holds text, past a page number or two */
	for(;;) {
		bool pure;
		size_t i = 0;

		if(!next_line(text, len, &pos, &l))
			return false;
		if(line_blank(&l))
			continue;
		while(i < l.len && (l.s[i] == ' ' || l.s[i] == '\f' || l.s[i] == '\t'))
			i++;
		if(furniture < 2 && ingest_line_has_page_number(l.s + i, l.len - i, &pure) &&
		   pure) {
			furniture++;
			continue;
		}
		break;
	}
	if(!title_of_line(l.s, l.len, first, sizeof(first)) || line_continues(text, len, pos))
		return false;
	after_first = pos;
	/* a running header (the line comes back further on) names the
	 * document alone; else the next line may go on with the model */
	while(next_line(text, len, &pos, &l))
		if(!line_blank(&l) && title_of_line(l.s, l.len, other, sizeof(other)) &&
		   same_but_numbers(other, first)) {
			size_t n = strlen(first);

			repeats = true;
			if(strcmp(other, first) == 0)
				break;
			/* its page number ran on in the line: drop it */
			while(n && isdigit((unsigned char)first[n - 1]))
				n--;
			if(n && n < strlen(first) && first[n - 1] == ' ') {
				while(n && first[n - 1] == ' ')
					n--;
				first[n] = '\0';
			}
			break;
		}
	pos = after_first;
	second[0] = '\0';
	while(!repeats && next_line(text, len, &pos, &l)) {
		if(line_blank(&l))
			continue;
		if(!title_of_line(l.s, l.len, second, sizeof(second)) ||
		   line_continues(text, len, pos) || strcasecmp(second, first) == 0)
			second[0] = '\0';
		break;
	}
	snprintf(joined, sizeof(joined), "%s%s%s", first, second[0] ? TITLE_SEP : "", second);
	copy_utf8(out, outlen, joined);
	return true;
}

/* A PDF's Title metadata worth showing: words (two or more, a letter),
 * not an authoring tool's stand-in ("Microsoft Word - manual.docx",
 * "Untitled", "Document1", a file name). */
bool ingest_title_sensible(const char *t)
{
	static const char *const junk[] = {
		"microsoft ", "untitled", "document", "powerpoint", "slide ", "title", "layout ",
		"template", NULL,
	};
	static const char *const exts[] = {
		".pdf", ".doc", ".docx", ".indd", ".qxd", ".qxp", ".rtf", ".odt", ".txt", ".xls",
		".xlsx", ".ppt", ".pptx", ".dvi", ".tex", ".html", NULL,
	};
	size_t len = strlen(t);
	bool letter = false, space = false;

	if(len < TITLE_LINE_MIN || len > INGEST_TITLE_MAX)
		return false;
	for(size_t i = 0; i < len; i++) {
		letter |= isalpha((unsigned char)t[i]) != 0;
		space |= t[i] == ' ';
		if(t[i] == '/' || t[i] == '\\' || (unsigned char)t[i] < 0x20)
			return false;
	}
	if(!letter || !space)
		return false;
	for(int k = 0; junk[k]; k++)
		if(strncasecmp(t, junk[k], strlen(junk[k])) == 0)
			return false;
	for(int k = 0; exts[k]; k++)
		if(strcasestr(t, exts[k]))
			return false;
	return true;
}

bool ingest_pdf_title(const char *path, char *out, size_t outlen)
{
	char *argv[] = {"pdfinfo", "-enc", "UTF-8", (char *)path, NULL};
	struct buf info;
	const char *s, *line;
	bool found = false;

	buf_init(&info, 1024 * 1024);
	if(outlen)
		out[0] = '\0';
	if(outlen == 0 || ingest_run_tool(argv, -1, &info) != LL_OK)
		goto out;
	for(s = buf_str(&info); s && *s; s = line ? line + 1 : NULL) {
		line = strchr(s, '\n');
		if(strncmp(s, "Title:", 6) == 0) {
			char title[INGEST_TITLE_MAX + 1];
			size_t n = line ? (size_t)(line - s) : strlen(s), next;

			/* "Title:          Kestrel KF-9  Service Manual" */
			s += 6;
			n -= 6;
			while(n && (*s == ' ' || *s == '\t')) {
				s++;
				n--;
			}
			while(n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
				n--;
			title_segment(s, n, title, sizeof(title), &next);
			if(next == n && ingest_utf8_valid(title, strlen(title)) &&
			   ingest_title_sensible(title)) {
				copy_utf8(out, outlen, title);
				found = true;
			}
			break;
		}
	}
out:
	buf_free(&info);
	return found;
}
