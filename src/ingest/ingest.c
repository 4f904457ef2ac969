/* ingest.c - header, sections, chunks; files and PDFs; one transaction. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "text/terms.h"
#include "ingest.h"
#include "store.h"

#define MAX_SECTION_LEN 300
/* Limits of a poppler tool (pdftotext, pdfinfo) run on an uploaded PDF:
 * wall clock, CPU time (the kernel's backstop) and address space. */
#define TOOL_TIMEOUT_S 30
#define TOOL_CPU_SECONDS 30
#define TOOL_MEMORY_BYTES (1024UL * 1024 * 1024)

/* ---------------------------------------------------------------- header */

void ingest_copy_trimmed(char *dst, size_t dstlen, const char *s, size_t len)
{
	while(len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while(len && isspace((unsigned char)s[len - 1]))
		len--;
	if(len >= dstlen)
		len = dstlen - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

void ingest_parse_header(const char *text, size_t len, struct ingest_meta *meta, size_t *body_off)
{
	size_t pos = 0;
	bool any = false;

	memset(meta, 0, sizeof(*meta));
	*body_off = 0;
	/* a UTF-8 byte order mark */
	if(len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while(pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		const char *colon = memchr(line, ':', ll);
		size_t keylen, vlen;

		if(ll == 0 || (ll == 1 && line[0] == '\r')) {
			if(any)
				*body_off = pos + ll + (nl ? 1 : 0);
			return;
		}
		if(!colon)
			break;
		keylen = (size_t)(colon - line);
		vlen = ll - keylen - 1;
		if(keylen == 5 && strncasecmp(line, "title", 5) == 0)
			ingest_copy_trimmed(meta->title, sizeof(meta->title), colon + 1, vlen);
		else if(keylen == 8 && strncasecmp(line, "category", 8) == 0)
			ingest_copy_trimmed(meta->category, sizeof(meta->category), colon + 1,
			                    vlen);
		else if(keylen == 6 && strncasecmp(line, "source", 6) == 0)
			ingest_copy_trimmed(meta->source, sizeof(meta->source), colon + 1, vlen);
		else if(keylen == 9 && strncasecmp(line, "emergency", 9) == 0) {
			if(meta->nemergency < INGEST_MAX_EMERGENCIES)
				ingest_copy_trimmed(meta->emergency[meta->nemergency++],
				                    INGEST_EMERGENCY_LEN, colon + 1, vlen);
		} else
			break;
		any = true;
		pos += ll + (nl ? 1 : 0);
	}
	/* not a header block after all (or no blank line after it) */
	if(pos >= len && any) {
		*body_off = len;
		return;
	}
	memset(meta, 0, sizeof(*meta));
	*body_off = 0;
}

const char *ingest_guess_category(const char *title, const char *text)
{
	char codes[2][16], nouns[512];

	if(terms_machine_nouns(title, nouns, sizeof(nouns)) +
	   terms_machine_nouns(text, nouns, sizeof(nouns)) > 0 &&
	   terms_codes_of(text, codes, 1) > 0)
		return "equipment";
	return "general";
}

bool ingest_category_valid(const char *c)
{
	static const char *const names[] = {
		"equipment", "safety", "operations", "training", "general", NULL,
	};

	for(int i = 0; c && names[i]; i++)
		if(strcmp(c, names[i]) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------- blocks */

enum block_kind { BLOCK_PARA, BLOCK_STEPS, BLOCK_BULLETS };

struct block {
	enum block_kind kind;
	int section;
	const char *text;        /* arena copy, lines joined by \n */
	int words;
};

struct parse {
	struct arena *a;
	struct block *blocks;
	size_t nblocks, cap;
	const char **sections;   /* labels */
	int nsections, seccap;
	bool *section_used;
};

static int count_words(const char *s, size_t len)
{
	int n = 0;
	bool in = false;

	for(size_t i = 0; i < len; i++) {
		bool sp = isspace((unsigned char)s[i]) != 0;

		if(!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

static bool is_terminal(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

static bool line_is_step(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

static bool line_is_bullet(const char *s, size_t len)
{
	return len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ';
}

/* "4.2 Daily Cleaning", "4.2.1 Hopper", "4 Cleaning and Care": a numbered
 * heading of a plain text manual.  Returns how many numbers it has (1 for
 * "4", 2 for "4.2"), 0 when the line is no such heading.  One number takes
 * Title Case words ("2 Remove the door" is a step). */
static int numbered_heading(const char *s, size_t len)
{
	size_t i = 0, d;
	int numbers = 0, words = 0;
	bool title = true;

	if(len > 70)
		return 0;
	for(;;) {
		for(d = 0; i < len && isdigit((unsigned char)s[i]) && d < 3; i++)
			d++;
		if(d == 0 || d > 2)
			return 0;
		numbers++;
		if(i + 1 < len && s[i] == '.' && isdigit((unsigned char)s[i + 1]) && numbers < 4) {
			i++;
			continue;
		}
		break;
	}
	if(i < len && s[i] == '.' && numbers > 1)
		i++;
	if(i >= len || s[i] != ' ')
		return 0;
	while(i < len && s[i] == ' ')
		i++;
	if(i >= len || !isupper((unsigned char)s[i]) || is_terminal(s[len - 1]) ||
	   s[len - 1] == ',')
		return 0;
	while(i < len) {
		size_t w = i, letters = 0;

		while(i < len && s[i] != ' ') {
			letters += isalpha((unsigned char)s[i]) != 0;
			i++;
		}
		words++;
		if(letters >= 4 && islower((unsigned char)s[w]))
			title = false;
		while(i < len && s[i] == ' ')
			i++;
	}
	if(words > 8 || (numbers == 1 && !title))
		return 0;
	return numbers;
}

/* Plain text headings: ALL-CAPS lines, "Section 4 ..." lines and numbered
 * headings. */
static bool line_is_text_heading(const char *s, size_t len)
{
	int upper = 0;

	if(len == 0 || len > 80)
		return false;
	if(numbered_heading(s, len))
		return true;
	if((len > 8 && strncasecmp(s, "section ", 8) == 0 && isdigit((unsigned char)s[8])) ||
	   (len > 8 && strncasecmp(s, "chapter ", 8) == 0 && isdigit((unsigned char)s[8])))
		return true;
	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		if(isupper((unsigned char)s[i]))
			upper++;
	}
	if(line_is_step(s, len) && !(isupper((unsigned char)s[3]) || isupper((unsigned char)s[4])))
		return false;
	return upper >= 3 && s[len - 1] != '.';
}

/* A run-in heading of a plain text manual, in sentence case as a PDF's
 * bold subheadings come out of pdftotext ("Drinks are flat" over a step
 * list, "Valve lock" over a paragraph much longer than it): short, no
 * closing punctuation, set off by a blank line above and followed at once
 * by a list item or a paragraph line that starts with a capital. */
static bool line_is_subheading(const char *s, size_t len, const char *next, size_t nlen)
{
	if(len < 3 || len > 60 || count_words(s, len) > 8 || !isupper((unsigned char)s[0]) ||
	   is_terminal(s[len - 1]) || s[len - 1] == ',' || s[len - 1] == '-' || nlen == 0)
		return false;
	if(line_is_step(next, nlen) || line_is_bullet(next, nlen))
		return true;
	return isupper((unsigned char)next[0]) && len * 10 <= nlen * 6 &&
	       !line_is_text_heading(next, nlen);
}

/* A line that defines an error or fault code: "F1 - Long freeze cycle.",
 * "E03: Platen over-temperature", "Code E5 - ...", "Fault 21  Rinse sensor
 * open" (a code word and a number), "AL-3  Fill timeout" (the name set off
 * by a gap, as plain text manuals lay out their code lists).  Returns the
 * length of its label (the code and its name, up to the first period), 0
 * otherwise; *gap (may be NULL) gets where a gap separates the name, 0 for
 * a written separator.  Such a line opens a section of its own, so each
 * code's meaning and its steps land in one chunk labelled with the code. */
static size_t code_label(const char *s, size_t len, size_t *gap)
{
	static const char *const prefixes[] = {"code ", "error ", "fault ", "alarm ", NULL};
	size_t i = 0, letters = 0, digits = 0, end, code_end;
	bool prefixed = false;

	if(gap)
		*gap = 0;
	for(int k = 0; prefixes[k]; k++)
		if(len > strlen(prefixes[k]) &&
		   strncasecmp(s, prefixes[k], strlen(prefixes[k])) == 0) {
			i = strlen(prefixes[k]);
			prefixed = true;
			break;
		}
	while(i < len && isupper((unsigned char)s[i]) && letters < 4) {
		i++;
		letters++;
	}
	if(i < len && s[i] == '-' && letters)
		i++;
	while(i < len && isdigit((unsigned char)s[i]) && digits < 5) {
		i++;
		digits++;
	}
	if((letters == 0 && !prefixed) || digits == 0 || (i < len && isalnum((unsigned char)s[i])))
		return 0;
	code_end = i;
	while(i < len && s[i] == ' ')
		i++;
	if(i >= len)
		return 0;
	if(s[i] == ':' || s[i] == '-')
		i++;
	else if(len - i >= 3 &&
	        (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
		i += 3;
	else if(i - code_end >= 2 && isupper((unsigned char)s[i])) {
		if(gap)
			*gap = code_end;
	} else
		return 0;
	/* to the first period, or an em dash after the name ("E22: No water
	 * — Action: ...", a table row) */
	for(end = i; end < len && end < 100 && s[end] != '.'; end++)
		if(end > i + 1 && len - end >= 3 && memcmp(s + end, "\xe2\x80\x94", 3) == 0)
			break;
	while(end > i && s[end - 1] == ' ')
		end--;
	return end;
}

static size_t line_code_label(const char *s, size_t len)
{
	return code_label(s, len, NULL);
}

/* The question of a FAQ entry: "Q: Can I use bleach?", "Question: ...",
 * "**Q.** How often ...?".  Returns the question's length and sets *start
 * to where it starts; 0 for another line.  Like a code, the question names
 * the section its answer lands in, so a crew member's question meets the
 * manual's own in the heading. */
static size_t line_question(const char *s, size_t len, size_t *start)
{
	size_t i = 0, e = len;

	while(i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if(len - i > 9 && strncasecmp(s + i, "question", 8) == 0)
		i += 8;
	else if(len - i > 2 && (s[i] == 'Q' || s[i] == 'q'))
		i++;
	else
		return 0;
	if(s[i] != ':' && s[i] != '.' && s[i] != ')')
		return 0;
	i++;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	while(e > i && (s[e - 1] == '*' || s[e - 1] == '_' || s[e - 1] == ' '))
		e--;
	if(e - i < 3 || !isalpha((unsigned char)s[i]))
		return 0;
	*start = i;
	return e - i;
}

/* ---------------------------------------------------------------- layout
 *
 * Before the parse, a document's layout is normalised so that what the
 * answers quote is whole: manuals come as Markdown, as text typed by hand and
 * as pdftotext -layout output, with page furniture and columns.
 *  - Page headers and footers ("Model CX-10 Service Manual   Page 12"), page
 *    numbers and table-of-contents lines are dropped (plain text), a
 *    paragraph cut by a page break is joined again, a run of blank lines
 *    (a page break's) is one, and a paragraph of legal small print
 *    (trademarks, copyright, "specifications may change") is dropped.
 *  - (plain text) Two columns of prose side by side (a two-column page) are
 *    read one after the other, not taken for a table.
 *  - Tables, Markdown pipe tables and (plain text) columns laid out with
 *    spaces, become one line per row, "cell: cell" or "cell — Header: cell —
 *    Header: cell", each row a paragraph of its own; a row naming an error
 *    code then opens the code's section like any code line.
 *  - Grid tables ("+----+----+" borders, "| a | b |" lines) too, the lines
 *    between two borders one row; plain text tables may have a rule under
 *    their header ("-----  -----"), which gives the columns' spans (a mark
 *    centred under DAILY is in that column), and go on past a blank line
 *    when the next line fills every column.
 *  - A boxed notice ("| !! WARNING ... |" between "+----+" rules) loses its
 *    frame; rules drawn across the page are blank lines.
 *  - A lone WARNING / CAUTION / DANGER line is joined to the paragraph it
 *    heads, and a warning's wrapped lines to its first line, so the warning
 *    is quoted whole.
 *  - "Step 3: Drain the oil" becomes "3. Drain the oil", a step like any.
 *  - (plain text) A code set off by a gap ("AL-3  Fill timeout") gets a
 *    colon ("AL-3: Fill timeout."), as a code line written with one.
 *  - (plain text) Words hyphenated across a line break are joined (unless
 *    the document writes the compound with its hyphen elsewhere), wrapped
 *    lines of a numbered step or a bullet are joined to it, bullet glyphs
 *    (•, ▪, ...) become "- " and dot leaders become ": ".
 */

struct tline {
	const char *s;       /* the text after the indent, trailing space trimmed */
	size_t len;
	size_t indent;       /* in characters */
	bool brk;            /* a page break (form feed) comes before this line */
	bool drop;
	int head;            /* a heading standing on its line: its level (2, 3), else 0 */
};

#define TABLE_MAX_COLS 8
#define CELL_MAX 2048

static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for(size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* A line that is a page number, or ends or starts with "Page N" /
 * "Page N of M"; *pure set when the line holds nothing else. */
static bool line_has_page_number(const char *s, size_t len, bool *pure)
{
	size_t i = 0, j;

	*pure = false;
	/* "12", "- 12 -", "12 / 40" */
	while(i < len && (s[i] == '-' || s[i] == ' '))
		i++;
	j = i;
	while(j < len && isdigit((unsigned char)s[j]))
		j++;
	if(j > i && j - i <= 4) {
		size_t k = j;

		while(k < len &&
		      (s[k] == ' ' || s[k] == '-' || s[k] == '/' || isdigit((unsigned char)s[k])))
			k++;
		if(k == len) {
			*pure = true;
			return true;
		}
	}
	for(i = 0; i + 5 < len; i++) {
		if(strncasecmp(s + i, "page", 4) != 0 ||
		   (i > 0 && isalpha((unsigned char)s[i - 1])))
			continue;
		j = i + 4;
		if(j < len && s[j] == '.')
			j++;
		while(j < len && s[j] == ' ')
			j++;
		if(j >= len || !isdigit((unsigned char)s[j]))
			continue;
		while(j < len && isdigit((unsigned char)s[j]))
			j++;
		if(j + 4 <= len && strncasecmp(s + j, " of ", 4) == 0) {
			j += 4;
			while(j < len && isdigit((unsigned char)s[j]))
				j++;
		}
		/* at the start or the end of the line */
		if(j == len || i == 0) {
			*pure = i == 0 && j == len;
			return true;
		}
	}
	return false;
}

/* The line with digits as '#' and runs of spaces as one: page furniture
 * repeats in this form. */
static size_t line_key(const char *s, size_t len, char *out, size_t outlen)
{
	size_t o = 0;

	for(size_t i = 0; i < len && o + 1 < outlen; i++) {
		if(isdigit((unsigned char)s[i])) {
			if(o == 0 || out[o - 1] != '#')
				out[o++] = '#';
		} else if(s[i] == ' ' || s[i] == '\t') {
			if(o && out[o - 1] != ' ')
				out[o++] = ' ';
		} else
			out[o++] = (char)tolower((unsigned char)s[i]);
	}
	out[o] = '\0';
	return o;
}

/* A run of 4 or more dots (". . . ." too): a leader. Returns its start and
 * sets *end past it and the spaces around; NULL for none. */
static const char *dot_leader(const char *s, size_t len, const char **end)
{
	for(size_t i = 0; i < len; i++) {
		size_t j = i, dots = 0;

		while(j < len && (s[j] == '.' ||
		                  (s[j] == ' ' && j + 1 < len && s[j + 1] == '.' && dots > 0))) {
			dots += s[j] == '.';
			j++;
		}
		if(dots >= 4) {
			size_t b = i;

			while(b > 0 && s[b - 1] == ' ')
				b--;
			while(j < len && s[j] == ' ')
				j++;
			*end = s + j;
			return s + b;
		}
		i = j > i ? j - 1 : i;
	}
	return NULL;
}

static bool line_is_toc(const char *s, size_t len)
{
	const char *end, *lead = dot_leader(s, len, &end);
	size_t rest;

	if(!lead)
		return false;
	rest = (size_t)(s + len - end);
	if(rest == 0 || rest > 4)
		return false;
	for(size_t i = 0; i < rest; i++)
		if(!isdigit((unsigned char)end[i]))
			return false;
	return true;
}

/* The length of the rule character at s ('-', '=', '_', '*', '~', '+' or a
 * box-drawing character, U+2500-U+257F), 0 for another character. */
static size_t rule_char(const char *s, size_t len)
{
	if(*s == '-' || *s == '=' || *s == '_' || *s == '*' || *s == '~' || *s == '+')
		return 1;
	if(len >= 3 && (unsigned char)s[0] == 0xE2 &&
	   ((unsigned char)s[1] == 0x94 || (unsigned char)s[1] == 0x95))
		return 3;
	return 0;
}

/* A rule drawn across the page ("-----", "+------+", "====", "───"): a
 * paragraph break, nothing to quote.  Rules in several groups ("-----
 * -----") are a table's and stay for column_table. */
static bool line_is_rule(const char *s, size_t len)
{
	size_t i = 0, chars = 0;

	while(i < len) {
		size_t w = rule_char(s + i, len - i);

		if(!w)
			return false;
		i += w;
		chars++;
	}
	return chars >= 3;
}

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

static bool pipe_separator(const char *s, size_t len);
static bool grid_border(const char *s, size_t len);

/* Boxed notices and rules: the text inside a box loses its frame, so a
 * boxed WARNING reads like any other (and is joined to its text); rules
 * become blank lines.  A run of framed lines holding a pipe table's
 * separator row is a one-column table and stays. */
static void unbox_lines(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(line_is_rule(lines[i].s, lines[i].len) && !grid_border(lines[i].s, lines[i].len))
			lines[i].len = 0;
	for(size_t i = 0; i < n;) {
		size_t j = i;
		bool table = false;

		while(j < n && box_border(lines[j].s, lines[j].len)) {
			table |= pipe_separator(lines[j].s, lines[j].len);
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

/* "Step 3: Drain the oil", "STEP 3 - ...", "**Step 3.** ...": a step written
 * with its word.  Returns the length of the marker and the space after it,
 * *num its number; 0 for another line ("Step 3 of the procedure is ..."). */
static size_t step_word(const char *s, size_t len, int *num)
{
	size_t i = 0, d = 0;

	while(i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if(len - i < 7 || strncasecmp(s + i, "step ", 5) != 0)
		return 0;
	i += 5;
	*num = 0;
	while(i < len && isdigit((unsigned char)s[i]) && d < 3) {
		*num = *num * 10 + (s[i++] - '0');
		d++;
	}
	if(!d || (i < len && isalnum((unsigned char)s[i])))
		return 0;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	if(i < len && (s[i] == ':' || s[i] == '.' || s[i] == ')' || s[i] == '-'))
		i++;
	else if(len - i >= 3 &&
	        (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
		i += 3;
	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == ' '))
		i++;
	return i < len && isupper((unsigned char)s[i]) ? i : 0;
}

/* Steps written "Step 3: ..." become "3. ...", so they are a step list like
 * any numbered one: kept whole, in order, quoted as steps. */
static ll_result number_step_words(struct arena *a, struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		int num;
		size_t w = step_word(lines[i].s, lines[i].len, &num);
		char *line;

		if(!w)
			continue;
		line = arena_printf(a, "%d. %.*s", num, (int)(lines[i].len - w), lines[i].s + w);
		if(!line)
			return LL_ENOMEM;
		lines[i].s = line;
		lines[i].len = strlen(line);
	}
	return LL_OK;
}

/* WARNING / CAUTION / DANGER (and NOTE, IMPORTANT) at the start of a line,
 * past emphasis and quote marks; returns the word's length, *after set to
 * where the text after it (and a colon) starts.  0 when none. */
static size_t warning_word(const char *s, size_t len, size_t *after)
{
	static const char *const words[] = {
		"WARNING", "CAUTION", "DANGER", "NOTE", "IMPORTANT", NULL,
	};
	size_t i = 0;

	while(i < len && (s[i] == '*' || s[i] == '_' || s[i] == '>' || s[i] == ' ' || s[i] == '!'))
		i++;
	for(int k = 0; words[k]; k++) {
		size_t wl = strlen(words[k]), j;

		if(len - i < wl || strncmp(s + i, words[k], wl) != 0 ||
		   (len - i > wl && isalpha((unsigned char)s[i + wl])))
			continue;
		j = i + wl;
		while(j < len && (s[j] == '*' || s[j] == '_' || s[j] == ':' || s[j] == '!' ||
		                  s[j] == ' ' || s[j] == '-'))
			j++;
		*after = j;
		return wl;
	}
	return 0;
}

/* ---- columns laid out with spaces */

struct cells {
	int n;
	size_t pos[TABLE_MAX_COLS];    /* start column, in characters */
	const char *s[TABLE_MAX_COLS];
	size_t len[TABLE_MAX_COLS];
};

/* Cuts a line at gaps of 3+ spaces, or 2 not after a sentence's end.
 * Returns the number of cells (0 when over TABLE_MAX_COLS). */
static int split_cells(const struct tline *l, struct cells *c)
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
			if(i >= l->len || gap >= 3 || (gap == 2 && !is_terminal(l->s[end - 1])))
				break;
		}
		if(c->n == TABLE_MAX_COLS)
			return 0;
		c->pos[c->n] = col;
		c->s[c->n] = l->s + start;
		c->len[c->n] = end - start;
		c->n++;
		col += utf8_chars(l->s + start, i - start);
	}
	return c->n;
}

/* A table's columns: where cells start, or (under a header) the span of
 * each header cell or of its rule ("-----"), so that a mark centred under
 * DAILY or a figure set right under PRICE falls in that column. */
struct columns {
	int n;
	size_t lo[TABLE_MAX_COLS * 4], hi[TABLE_MAX_COLS * 4];
};

static int column_of(const struct columns *cols, size_t pos)
{
	for(int k = 0; k < cols->n; k++)
		if(pos + 1 >= cols->lo[k] && pos <= cols->hi[k] + 1)
			return k;
	return -1;
}

static bool column_add(struct columns *cols, size_t lo, size_t hi)
{
	if(cols->n == (int)(sizeof(cols->lo) / sizeof(cols->lo[0])))
		return false;
	cols->lo[cols->n] = lo;
	cols->hi[cols->n] = hi;
	cols->n++;
	return true;
}

static bool cells_fit(const struct cells *c, const struct columns *cols)
{
	for(int i = 0; i < c->n; i++)
		if(column_of(cols, c->pos[i]) < 0)
			return false;
	return true;
}

/* A row of rules under a table's header: "--------  -----  ----". */
static bool cells_are_rule(const struct cells *c)
{
	for(int i = 0; i < c->n; i++)
		if(c->len[i] < 2 || !line_is_rule(c->s[i], c->len[i]))
			return false;
	return c->n > 0;
}

/* doc: the whole document, for the hyphen rule of wrap_hyphen. */
struct row {
	struct buf cell[TABLE_MAX_COLS];
	const char *doc;
	size_t doclen;
};

static void row_init(struct row *r, const char *doc, size_t doclen)
{
	for(int k = 0; k < TABLE_MAX_COLS; k++)
		buf_init(&r->cell[k], CELL_MAX);
	r->doc = doc;
	r->doclen = doclen;
}

static void row_free(struct row *r)
{
	for(int k = 0; k < TABLE_MAX_COLS; k++)
		buf_free(&r->cell[k]);
}

static void row_clear(struct row *r, int from)
{
	for(int k = from; k < TABLE_MAX_COLS; k++)
		buf_reset(&r->cell[k]);
}

static bool wrap_hyphen(const struct buf *b, const char *next, size_t nlen, const char *doc,
                        size_t doclen, bool *keep);

/* Appends text to cell k of r: a word hyphenated at the wrap is joined as
 * prose's is (wrap_hyphen: "clean-" "ing" -> "cleaning", "re-" "run" ->
 * "re-run"), so a cell reads the same as the paragraph it would be. */
static ll_result cell_add(struct row *r, int k, const char *s, size_t len)
{
	struct buf *b = &r->cell[k];
	bool keep = false;

	if(b->len == 0)
		return buf_append(b, s, len);
	if(wrap_hyphen(b, s, len, r->doc, r->doclen, &keep)) {
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

static bool cell_starts_new(const char *s)
{
	return isupper((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '(' ||
	       (unsigned char)*s >= 0x80;
}

/* A header cell: no digits, at most 4 words, no sentence end. */
static bool header_cell(const char *s, size_t len)
{
	int words = 0;
	bool in = false;

	if(len == 0 || is_terminal(s[len - 1]))
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

static bool all_caps(const char *s, size_t len)
{
	int upper = 0;

	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		upper += isupper((unsigned char)s[i]) != 0;
	}
	return upper > 0;
}

/* A header as a label: "POSSIBLE CAUSE" -> "Possible cause". */
static ll_result header_label(struct buf *out, const char *s, size_t len)
{
	bool caps = all_caps(s, len);

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

/* Whether a first cell is an error code ("E22", "AL-3", "F3"): a row of a
 * code table. */
static bool cell_is_code(const struct buf *b)
{
	char probe[40];

	if(!b->len || b->len > 12 || line_code_label(b->data, b->len) != 0)
		return false;
	snprintf(probe, sizeof(probe), "%s: x", b->data);
	return line_code_label(probe, strlen(probe)) > 0;
}

/* One row as a paragraph: "c0: c1" for two columns, else
 * "c0 — H1: c1 — H2: c2" (without headers "c0 — c1 — c2"). */
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

static ll_result row_emit(struct buf *out, struct row *r, int ncols, struct row *head,
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
	code = first == 0 && cell_is_code(&r->cell[0]);
	/* a symptom over its remedy: the symptom names a section of its own
	 * (a run-in subheading, parse_blocks), as a code's row does */
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
		else {
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
	if(!result && !is_terminal(out->data[out->len - 1]))
		result = buf_appends(out, ".");
	if(!result)
		result = buf_appends(out, "\n");
	return result;
}

/* The first line of a table as its header when it plainly is one (ALL-CAPS
 * cells, or cells with a rule row under them): cols gets the span of each
 * of its cells, widened to its rule's. */
static void header_spans(const struct tline *lines, size_t i, size_t n, struct columns *cols)
{
	struct cells h, r;
	int m = split_cells(&lines[i], &h);
	bool caps = true, rule;

	if(m < 2)
		return;
	for(int k = 0; k < m; k++) {
		if(!header_cell(h.s[k], h.len[k]))
			return;
		caps &= all_caps(h.s[k], h.len[k]);
	}
	rule = i + 1 < n && lines[i + 1].len && split_cells(&lines[i + 1], &r) == m &&
	       cells_are_rule(&r);
	if(!caps && !rule)
		return;
	for(int k = 0; k < m; k++) {
		size_t lo = h.pos[k], hi = h.pos[k] + utf8_chars(h.s[k], h.len[k]) - 1;

		if(rule && r.pos[k] < lo)
			lo = r.pos[k];
		if(rule && r.pos[k] + utf8_chars(r.s[k], r.len[k]) - 1 > hi)
			hi = r.pos[k] + utf8_chars(r.s[k], r.len[k]) - 1;
		column_add(cols, lo, hi);
	}
}

/* Where a table goes on after the blank lines (or page furniture) at j: the
 * next line when it has a cell in each of the table's columns and is no
 * heading ("Dishes come out   Wash arms clogged   Remove the arms" after a
 * blank line between two problems; "Capacity   10 pans" under a table of
 * three columns starts another table); n when the table ends there. */
static size_t table_resumes(const struct tline *lines, size_t j, size_t n,
                            const struct columns *cols)
{
	struct cells c;
	size_t k = j;

	while(k < n && k - j < 8 && (lines[k].drop || !lines[k].len))
		k++;
	if(k >= n || lines[k].drop || !lines[k].len ||
	   line_is_text_heading(lines[k].s, lines[k].len) ||
	   split_cells(&lines[k], &c) != cols->n || !cells_fit(&c, cols) || cells_are_rule(&c))
		return n;
	return k;
}

/* Where the widest text or rule of each of the table's columns ends (in
 * characters, past its end): a wrapped cell's lines reach about as far. */
static void column_widths(const struct tline *lines, size_t i, size_t end,
                          const struct columns *cols, size_t widest[TABLE_MAX_COLS])
{
	struct cells c;

	for(int k = 0; k < TABLE_MAX_COLS; k++)
		widest[k] = 0;
	for(size_t j = i; j < end; j++) {
		if(lines[j].drop || !lines[j].len || !split_cells(&lines[j], &c) ||
		   !cells_fit(&c, cols))
			continue;
		for(int m = 0; m < c.n; m++) {
			int k = column_of(cols, c.pos[m]);
			size_t e = c.pos[m] + utf8_chars(c.s[m], c.len[m]);

			if(k < TABLE_MAX_COLS && e > widest[k])
				widest[k] = e;
		}
	}
}

/* For a line under a code's row that leaves the first column empty and
 * starts a phrase in each of its cells: the columns (a bit each) where it
 * does not go on with the text above as a wrapped cell does, but adds a
 * phrase of its own (a second cause): the line right above has no text
 * there, or text that ends short enough to have taken the cell's first
 * word before the next column (the last column: before its widest text's
 * end).  A wrapped line ("Rinse under 180 F (82 C)" over "After 3 cycles
 * the unit stops.") has none. */
static unsigned row_room(const struct cells *c, const struct columns *cols,
                         const size_t above[TABLE_MAX_COLS], const size_t widest[TABLE_MAX_COLS])
{
	unsigned room = 0;

	for(int m = 0; m < c->n; m++) {
		int k = column_of(cols, c->pos[m]);
		size_t w = 0, edge;

		if(k < 0 || k >= TABLE_MAX_COLS)
			continue;
		edge = widest[k];
		if(k + 1 < cols->n && cols->lo[k + 1] > edge + 2)
			edge = cols->lo[k + 1] - 2;
		while(w < c->len[m] && c->s[m][w] != ' ')
			w++;
		if(!above[k] || above[k] + 1 + utf8_chars(c->s[m], w) <= edge)
			room |= 1u << k;
	}
	return room;
}

/* A column heading of a two-column table in words a manual uses for one
 * ("Problem", "What to do", "Item"), whatever its case. */
static bool header_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"problem", "symptom", "cause", "possible cause", "remedy", "what to do", "action",
		"solution", "code", "meaning", "item", "value", "description", "fault", "error",
		"display", "check", "specification", "condition", NULL};

	for(int k = 0; words[k]; k++)
		if(strlen(words[k]) == len && strncasecmp(s, words[k], len) == 0)
			return true;
	return false;
}

/* The table's first line as its header when each of the columns has a cell
 * that reads as one (ALL-CAPS too for two columns, "Capacity  10 pans" being
 * a row): head gets them. */
static bool table_header(const struct cells *c, const struct columns *cols, struct row *head,
                         ll_result *result)
{
	bool header = c->n == cols->n;

	for(int k = 0; k < c->n && header; k++)
		header = header_cell(c->s[k], c->len[k]) &&
		         (cols->n > 2 || all_caps(c->s[k], c->len[k]) ||
		          header_word(c->s[k], c->len[k]));
	for(int k = 0; k < c->n && header && !*result; k++)
		*result = buf_append(&head->cell[column_of(cols, c->pos[k])], c->s[k], c->len[k]);
	return header;
}

/* The rows of a table in columns (lines[i..end)) to out, one paragraph a
 * row (row_emit).  A line goes on with the open row unless it opens one:
 * text in the first column that starts a phrase, unless the cells beside
 * it go on with the row's ("(under 15 psi)" beside "should read 15 to 25
 * psi"), or a sub-row: several cells, each starting a phrase, the first
 * empty (a second cause under the same symptom).  Under a code there is no
 * sub-row: the code's row is the code's answer, and such a line is as often
 * its cells wrapping ("Turn the thermostat to 185 F." over "Wait 15
 * minutes."), so it joins the row, with "; " where it adds a phrase of its
 * own (row_room: "Drain clogged; Pump failed").  above[] holds where the
 * text of each column ends on the row's last line. */
static ll_result table_rows(const struct tline *lines, size_t i, size_t end,
                            const struct columns *cols, const char *doc, size_t doclen,
                            struct buf *out)
{
	struct cells c;
	struct row row, head;
	size_t above[TABLE_MAX_COLS] = {0}, widest[TABLE_MAX_COLS];
	bool has_head = false, row_open = false;
	ll_result result = LL_OK;

	column_widths(lines, i, end, cols, widest);
	row_init(&row, doc, doclen);
	row_init(&head, doc, doclen);
	for(size_t j = i; j < end && !result; j++) {
		int m, col0;
		bool fresh, sub, item, all_new = true, wraps = false;
		unsigned room = 0;

		if(lines[j].drop || !lines[j].len) {
			/* a blank line ends a row */
			if(row_open)
				result = row_emit(out, &row, cols->n, &head, has_head);
			row_open = false;
			memset(above, 0, sizeof(above));
			continue;
		}
		m = split_cells(&lines[j], &c);
		if(!m || !cells_fit(&c, cols) || cells_are_rule(&c))
			continue;
		if(j == i && (has_head = table_header(&c, cols, &head, &result)))
			continue;
		col0 = column_of(cols, c.pos[0]);
		for(int k = 0; k < m; k++) {
			all_new &= cell_starts_new(c.s[k]);
			wraps |= k > 0 && islower((unsigned char)c.s[k][0]);
		}
		sub = col0 > 0 && m >= 2 && all_new;
		item = sub && row_open && cell_is_code(&row.cell[0]);
		if(item)
			room = row_room(&c, cols, above, widest);
		/* a lower-case cell beside a new first cell wraps the row above,
		 * unless the line fills every column ("Beef patties  160 °F  humid") */
		fresh = !row_open ||
		        (col0 == 0 && cell_starts_new(c.s[0]) && (!wraps || m == cols->n)) ||
		        (sub && !item);
		if(fresh && row_open)
			result = row_emit(out, &row, cols->n, &head, has_head);
		if(fresh)
			row_clear(&row, col0 == 0 ? 0 : 1);
		row_open = true;
		memset(above, 0, sizeof(above));
		for(int k = 0; k < m && !result; k++) {
			int col = column_of(cols, c.pos[k]);
			struct buf *b = &row.cell[col];

			if(item && (room & 1u << col) && b->len &&
			   !is_terminal(b->data[b->len - 1]))
				result = buf_appends(b, ";");
			if(!result)
				result = cell_add(&row, col, c.s[k], c.len[k]);
			above[col] = c.pos[k] + utf8_chars(c.s[k], c.len[k]);
		}
	}
	if(!result && row_open)
		result = row_emit(out, &row, cols->n, &head, has_head);
	row_free(&row);
	row_free(&head);
	return result;
}

/* A table laid out in columns at lines[i..]: returns the number of lines it
 * spans (0 when there is none) and writes its rows to out.  *scanned is set
 * past the lines looked at: no table starts inside them. */
static size_t column_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                           struct buf *out, ll_result *result, size_t *scanned)
{
	struct cells c;
	struct columns cols = {0};
	int multi = 0;
	size_t end = i;

	*result = LL_OK;
	if(split_cells(&lines[i], &c) < 2)
		return 0;
	header_spans(lines, i, n, &cols);
	/* the columns: the cell starts of the lines that have several */
	for(size_t j = i; j < n && j - i < 400; j++) {
		int m;

		if(j > i && lines[j].head)
			break;
		if(lines[j].drop || !lines[j].len) {
			size_t k = table_resumes(lines, j, n, &cols);

			if(k >= n)
				break;
			j = k - 1;
			continue;
		}
		m = split_cells(&lines[j], &c);
		if(m == 0)
			break;
		if(m >= 2) {
			for(int k = 0; k < m; k++)
				if(column_of(&cols, c.pos[k]) < 0 &&
				   !column_add(&cols, c.pos[k], c.pos[k]))
					return 0;
			multi += !cells_are_rule(&c);
		} else if(cols.n == 0 || column_of(&cols, c.pos[0]) < 0)
			break;
		end = j + 1;
	}
	*scanned = end;
	if(multi < 2 || cols.n > TABLE_MAX_COLS)
		return 0;
	/* in order of position */
	for(int a = 1; a < cols.n; a++)
		for(int b = a; b > 0 && cols.lo[b - 1] > cols.lo[b]; b--) {
			size_t lo = cols.lo[b], hi = cols.hi[b];

			cols.lo[b] = cols.lo[b - 1];
			cols.hi[b] = cols.hi[b - 1];
			cols.lo[b - 1] = lo;
			cols.hi[b - 1] = hi;
		}
	/* each column must start a cell in two lines at least: otherwise it is
	 * prose with a wide gap, not a table */
	for(int k = 0; k < cols.n; k++) {
		int seen = 0;

		for(size_t j = i; j < end; j++)
			if(lines[j].len && !lines[j].drop && split_cells(&lines[j], &c) >= 2 &&
			   !cells_are_rule(&c))
				for(int m = 0; m < c.n; m++)
					seen += column_of(&cols, c.pos[m]) == k;
		if(seen < 2)
			return 0;
	}
	*result = table_rows(lines, i, end, &cols, doc, doclen, out);
	return *result ? 0 : end - i;
}

/* ---- two columns of prose */

/* How line l sits against a column boundary at: 2 when it has text on both
 * sides (*cut = the byte where its right side starts, *words the words of
 * each side), 1 when on one side only (*cut = 0 left, l->len right), 0 for
 * a blank line, -1 when its text runs across the boundary. */
static int column_cut(const struct tline *l, size_t at, size_t *cut, int words[2])
{
	struct cells c;
	int m;

	if(!l->len)
		return 0;
	m = split_cells(l, &c);
	for(int k = 1; k < m; k++)
		if(c.pos[k] + 1 >= at && c.pos[k] <= at + 1) {
			*cut = (size_t)(c.s[k] - l->s);
			words[0] = count_words(l->s, *cut);
			words[1] = count_words(c.s[k], l->len - *cut);
			return 2;
		}
	if(l->indent + 1 >= at) {
		*cut = 0;
		return 1;
	}
	if(l->indent + utf8_chars(l->s, l->len) + 2 <= at) {
		*cut = l->len;
		return 1;
	}
	return -1;
}

/* The cell of lines[j] (not its first) that starts at column at, within
 * one; -1 for none or a blank or dropped line.  c gets its cells. */
static int cell_at(const struct tline *lines, size_t j, size_t at, struct cells *c)
{
	if(lines[j].drop || !lines[j].len)
		return -1;
	split_cells(&lines[j], c);
	for(int k = 1; k < c->n; k++)
		if(c->pos[k] + 1 >= at && c->pos[k] <= at + 1)
			return k;
	return -1;
}

/* Whether lines [from, to), cut at column at, are a table whose last column
 * wraps rather than two columns of prose ("A7  LOW PRESSURE  Under 20 psi
 * for 5 s  Open the valve. Clean the", then "during a fill  strainer."):
 * half the lines cut or more hold several cells left of the cut, and a
 * line's left side starts past the margin (its first column empty) where
 * another's inner cell does.  A prose column holding a list ("Voltage
 * 208 V") has cells too, but its lines all start at its margin. */
static bool run_is_table(const struct tline *lines, size_t from, size_t to, size_t at)
{
	struct cells c;
	size_t starts[32], margin = (size_t)-1;
	int ns = 0, cuts = 0, tabled = 0, k;

	for(size_t j = from; j < to; j++) {
		if((k = cell_at(lines, j, at, &c)) < 0)
			continue;
		cuts++;
		tabled += k >= 2;
		for(int m = 1; m < k && ns < 32; m++)
			starts[ns++] = c.pos[m];
		if(lines[j].indent < margin)
			margin = lines[j].indent;
	}
	if(tabled * 2 < cuts)
		return false;
	for(size_t j = from; j < to; j++) {
		if(cell_at(lines, j, at, &c) < 0 || lines[j].indent <= margin + 2)
			continue;
		for(int m = 0; m < ns; m++)
			if(lines[j].indent + 1 >= starts[m] && lines[j].indent <= starts[m] + 1)
				return true;
	}
	return false;
}

/* The run of two prose columns side by side around lines[i] (pdftotext
 * -layout of a two-column page): lines cut at one column *at (taken from
 * lines[i], split in two there) or holding text on one side of it, within
 * one page, not before floor.  Sets [*from, *to) (*to past the lines looked
 * at even when there is no run); false when there is none: fewer than
 * three lines cut, either side holds under five words a line on average
 * (a table's name column, a figure), or the lines are a table whose cells
 * wrap (run_is_table), which must stay on its rows. */
static bool column_run(const struct tline *lines, size_t i, size_t n, size_t floor, size_t *at,
                       size_t *from, size_t *to)
{
	struct cells c;
	int words[2], cuts = 0, left = 0, right = 0;
	size_t cut, j;

	*to = i + 1;
	if(lines[i].drop || !lines[i].len || split_cells(&lines[i], &c) != 2 || c.pos[1] < 30)
		return false;
	*at = c.pos[1];
	for(j = i; j < n && (j == i || !lines[j].brk) && !lines[j].drop; j++) {
		int k = column_cut(&lines[j], *at, &cut, words);

		if(k < 0)
			break;
		if(k == 2) {
			cuts++;
			left += words[0];
			right += words[1];
		}
	}
	*to = j;
	j = i;
	while(j > floor && !lines[j].brk && !lines[j - 1].drop &&
	      column_cut(&lines[j - 1], *at, &cut, words) >= 0)
		j--;
	*from = j;
	return cuts >= 3 && left >= 5 * cuts && right >= 5 * cuts &&
	       !run_is_table(lines, *from, *to, *at);
}

/* Two columns of prose read one after the other: each run of column_run
 * becomes its left column's lines, a blank line, then its right column's,
 * in a new array (in the arena) of *n lines. */
static ll_result unzip_columns(struct arena *a, struct tline **lines, size_t *n)
{
	struct tline *in = *lines, *out = NULL;
	size_t o = 0, done = 0, seen = 0;

	/* each line is looked at by one run at most: linear in the lines */
	for(size_t i = 0; i < *n; i++) {
		size_t at, from, to;

		if(!column_run(in, i, *n, seen, &at, &from, &to)) {
			if(to > i + 1)
				seen = i = to - 1;
			continue;
		}
		/* a run of L lines becomes 2 L + 2, and L >= 3 */
		if(!out && !(out = arena_alloc(a, (3 * *n + 2) * sizeof(*out))))
			return LL_ENOMEM;
		memcpy(out + o, in + done, (from - done) * sizeof(*out));
		o += from - done;
		for(int side = 0; side < 2; side++) {
			for(size_t j = from; j < to; j++) {
				struct tline *t = &out[o++];
				int words[2];
				size_t cut = 0;
				int k = column_cut(&in[j], at, &cut, words);

				*t = in[j];
				t->brk = j == from && side == 0 && in[j].brk;
				if(side == 0) {
					t->len = k == 0 ? 0 : cut;
					while(t->len && t->s[t->len - 1] == ' ')
						t->len--;
				} else {
					t->s = in[j].s + cut;
					t->len = k == 0 ? 0 : in[j].len - cut;
					t->indent = k == 2 ? 0
					            : in[j].indent >= at ? in[j].indent - at : 0;
				}
			}
			out[o++] = (struct tline){.s = "", .len = 0};
		}
		i = to - 1;
		done = seen = to;
	}
	if(out) {
		memcpy(out + o, in + done, (*n - done) * sizeof(*out));
		*lines = out;
		*n = o + *n - done;
	}
	return LL_OK;
}

/* ---- Markdown pipe tables */

static int pipe_cells(const char *s, size_t len, const char **cs, size_t *cl, int max)
{
	size_t i = 0;
	int n = 0;

	if(len && s[0] == '|')
		i = 1;
	while(i < len) {
		size_t start = i, a, b;

		while(i < len && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\')))
			i++;
		a = start;
		b = i;
		while(a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while(b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if(i >= len && a == b)
			break;              /* after the closing pipe */
		if(n == max)
			return 0;
		cs[n] = s + a;
		cl[n] = b - a;
		n++;
		i++;
	}
	return n;
}

static bool pipe_separator(const char *s, size_t len)
{
	bool dash = false;

	for(size_t i = 0; i < len; i++) {
		if(s[i] == '-')
			dash = true;
		else if(s[i] != '|' && s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return dash;
}

/* The border of a grid table ("+------+-------+", "+======+=======+"):
 * a rule with a '+' at each column edge. */
static bool grid_border(const char *s, size_t len)
{
	int plus = 0;

	if(len < 5 || s[0] != '+' || s[len - 1] != '+')
		return false;
	for(size_t i = 0; i < len; i++) {
		if(s[i] != '+' && s[i] != '-' && s[i] != '=' && s[i] != ':')
			return false;
		plus += s[i] == '+';
	}
	return plus >= 3;
}

/* A grid table at lines[i] (a border, then rows of "| a | b |" lines): the
 * lines between two borders are one row, their cells joined, so a cell
 * wrapped over lines is whole.  The first row is the header when a "+===+"
 * border closes it, or when its cells read like headers.  Returns the
 * number of lines it spans, 0 when there is none. */
static size_t grid_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                         struct buf *out, ll_result *result)
{
	const char *cs[TABLE_MAX_COLS];
	size_t cl[TABLE_MAX_COLS], j;
	struct row row, head;
	bool has_head = false, open = false, first = true, heads = true;
	int ncols = 0;

	*result = LL_OK;
	if(i + 1 >= n || !lines[i + 1].len || lines[i + 1].s[0] != '|')
		return 0;
	row_init(&row, doc, doclen);
	row_init(&head, doc, doclen);
	for(j = i; j < n && !*result && lines[j].len; j++) {
		const struct tline *t = &lines[j];
		int m;

		if(grid_border(t->s, t->len)) {
			if(open && first && (memchr(t->s, '=', t->len) || heads)) {
				for(int k = 0; k < ncols && !*result; k++) {
					const struct buf *c = &row.cell[k];

					*result = buf_append(&head.cell[k], c->data ? c->data : "",
					                     c->len);
				}
				has_head = true;
			} else if(open)
				*result = row_emit(out, &row, ncols, &head, has_head);
			first &= !open;
			open = false;
			row_clear(&row, 0);
			continue;
		}
		if(t->s[0] != '|' || (m = pipe_cells(t->s, t->len, cs, cl, TABLE_MAX_COLS)) == 0)
			break;
		if(m > ncols)
			ncols = m;
		for(int k = 0; k < m && !*result; k++)
			if(cl[k]) {
				*result = cell_add(&row, k, cs[k], cl[k]);
				heads &= header_cell(row.cell[k].data, row.cell[k].len);
			}
		open = true;
	}
	if(!*result && open)
		*result = row_emit(out, &row, ncols, &head, has_head);
	row_free(&row);
	row_free(&head);
	return *result || ncols == 0 ? 0 : j - i;
}

static size_t pipe_table(struct tline *lines, size_t i, size_t n, const char *doc, size_t doclen,
                         struct buf *out, ll_result *result)
{
	const char *cs[TABLE_MAX_COLS];
	size_t cl[TABLE_MAX_COLS];
	struct row row, head;
	bool has_head = false;
	size_t j = i;
	int ncols = 0;

	*result = LL_OK;
	if(lines[i].len && grid_border(lines[i].s, lines[i].len))
		return grid_table(lines, i, n, doc, doclen, out, result);
	if(!lines[i].len || lines[i].s[0] != '|')
		return 0;
	row_init(&row, doc, doclen);
	row_init(&head, doc, doclen);
	if(i + 1 < n && lines[i + 1].len && lines[i + 1].s[0] == '|' &&
	   pipe_separator(lines[i + 1].s, lines[i + 1].len)) {
		ncols = pipe_cells(lines[i].s, lines[i].len, cs, cl, TABLE_MAX_COLS);
		for(int k = 0; k < ncols && !*result; k++)
			*result = buf_append(&head.cell[k], cs[k], cl[k]);
		has_head = ncols > 0;
		j = i + 2;
	}
	for(; j < n && !*result && lines[j].len && lines[j].s[0] == '|'; j++) {
		int m = pipe_cells(lines[j].s, lines[j].len, cs, cl, TABLE_MAX_COLS);

		if(pipe_separator(lines[j].s, lines[j].len))
			continue;
		if(m > ncols)
			ncols = m;
		row_clear(&row, 0);
		for(int k = 0; k < m && !*result; k++)
			if(cl[k])
				*result = buf_append(&row.cell[k], cs[k], cl[k]);
		if(!*result)
			*result = row_emit(out, &row, ncols, &head, has_head);
	}
	row_free(&row);
	row_free(&head);
	if(ncols == 0)
		return 0;
	return *result ? 0 : j - i;
}

/* ---- the pass */

/* "re-" and "pre-" too: "re-run", "pre-rinse" are how manuals write them,
 * and a cut "re-move" is joined when the document writes "remove" anywhere
 * else, as a manual that says it once says it again. */
static const char *const keep_hyphen[] = {"self", "non", "half", "well", "cross", "multi", "semi",
                                          "double", "single", "two", "three", "four", "low", "high",
                                          "all", "quick", "hand", "food", "re", "pre", NULL};

/* Whether the document holds word (wl bytes), also with its first letter
 * in lower case: a word opening a sentence ("Re-" "move") is written in
 * lower case elsewhere. */
static bool doc_has(const char *doc, size_t doclen, char *word, size_t wl)
{
	bool found = memmem(doc, doclen, word, wl) != NULL;

	if(!found && wl && isupper((unsigned char)word[0])) {
		word[0] = (char)tolower((unsigned char)word[0]);
		found = memmem(doc, doclen, word, wl) != NULL;
		word[0] = (char)toupper((unsigned char)word[0]);
	}
	return found;
}

/* A word hyphenated across a line break: the text before ends "chemi-" and
 * the next line goes on in lower case.  *keep says whether the hyphen is
 * the word's own: the document writes the compound with it elsewhere
 * ("chemical-resistant"), or without it nowhere and its first part is a
 * usual prefix ("self-", "non-"); a lone capital's ("Y-strainer", "O-ring")
 * always is. */
static bool wrap_hyphen(const struct buf *b, const char *next, size_t nlen, const char *doc,
                        size_t doclen, bool *keep)
{
	size_t e = b->len, w, sl = 0;
	char word[96];
	int wl;

	if(e < 2 || b->data[e - 1] != '-' || !nlen || !islower((unsigned char)next[0]))
		return false;
	if(isupper((unsigned char)b->data[e - 2]) &&
	   (e == 2 || !isalnum((unsigned char)b->data[e - 3]))) {
		*keep = true;
		return true;
	}
	if(e < 3 || !islower((unsigned char)b->data[e - 2]))
		return false;
	w = e - 1;
	while(w > 0 && isalpha((unsigned char)b->data[w - 1]))
		w--;
	*keep = false;
	for(int k = 0; keep_hyphen[k]; k++)
		if(strlen(keep_hyphen[k]) == e - 1 - w &&
		   strncasecmp(b->data + w, keep_hyphen[k], e - 1 - w) == 0)
			*keep = true;
	while(sl < nlen && isalpha((unsigned char)next[sl]))
		sl++;
	wl = snprintf(word, sizeof(word), "%.*s%.*s", (int)(e - w), b->data + w, (int)sl, next);
	if(wl > 0 && (size_t)wl < sizeof(word) && e - 1 > w) {
		if(doc_has(doc, doclen, word, (size_t)wl))
			*keep = true;
		else {
			memmove(word + (e - 1 - w), word + (e - w), (size_t)wl - (e - 1 - w));
			if(doc_has(doc, doclen, word, (size_t)wl - 1))
				*keep = false;
		}
	}
	return true;
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

struct keyed {
	const char *key;
	size_t idx;
};

static int keyed_cmp(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Legal small print a manufacturer prints on its back page or under a
 * table ("CX-10 is a trademark of Vantera. Specifications may change
 * without notice.", "© 2025 Kestrel Inc. All rights reserved."): never
 * an answer, yet it names the model, so it would be quoted as one.
 * Returns how many kinds of it the line shows (a kind may be written two
 * ways, "may change without" for a line that wraps before "notice"). */
static int boilerplate_marks(const char *s, size_t len)
{
	static const char *const kinds[][2] = {
		{"trademark", NULL}, {"all rights reserved", NULL}, {"copyright", "\xc2\xa9"},
		{"without notice", "may change without"}, {"subject to change", NULL},
		{"printed in ", NULL},
	};
	char low[512];
	int found = 0;

	if(len >= sizeof(low))
		len = sizeof(low) - 1;
	for(size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[len] = '\0';
	for(size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		found += strstr(low, kinds[k][0]) != NULL ||
		         (kinds[k][1] && strstr(low, kinds[k][1]) != NULL);
	return found;
}

/* Drops a paragraph of small print: two marks of it (one in a paragraph
 * of a line or two), in a paragraph of at most 60 words. */
static void drop_small_print(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n;) {
		size_t j = i, nlines = 0;
		int marks = 0, words = 0;

		if(!lines[i].len || lines[i].drop) {
			i++;
			continue;
		}
		while(j < n && lines[j].len && !lines[j].drop && (j == i || !lines[j].brk)) {
			marks += boilerplate_marks(lines[j].s, lines[j].len);
			words += count_words(lines[j].s, lines[j].len);
			nlines++;
			j++;
		}
		if(words <= 60 && (marks >= 2 || (marks == 1 && nlines <= 2 && words <= 15)))
			for(size_t k = i; k < j; k++)
				lines[k].drop = true;
		i = j;
	}
}

/* Writes the normalised text of text[0..len) to out. */
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

/* How often each line's key (line_key) occurs in the text: count[i] for
 * lines[i], 0 for a line without a key; NULL when out of memory. */
static int *furniture_counts(struct arena *a, const struct tline *lines, size_t n)
{
	char **keys = arena_alloc(a, (n ? n : 1) * sizeof(*keys));
	int *count = arena_alloc(a, (n ? n : 1) * sizeof(*count));
	struct keyed *order = arena_alloc(a, (n ? n : 1) * sizeof(*order));

	if(!keys || !count || !order)
		return NULL;
	for(size_t i = 0; i < n; i++) {
		char k[160];

		line_key(lines[i].s, lines[i].len < 200 ? lines[i].len : 0, k, sizeof(k));
		keys[i] = arena_strdup(a, k);
		if(!keys[i])
			return NULL;
		count[i] = 0;
	}
	for(size_t i = 0; i < n; i++) {
		order[i].key = keys[i];
		order[i].idx = i;
	}
	qsort(order, n, sizeof(*order), keyed_cmp);
	for(size_t i = 0; i < n;) {
		size_t j = i;

		while(j < n && strcmp(order[j].key, order[i].key) == 0)
			j++;
		for(size_t k = i; k < j; k++)
			count[order[k].idx] = order[i].key[0] ? (int)(j - i) : 0;
		i = j;
	}
	return count;
}

/* Whether lines[i] is the first line of a page or the last before a break
 * (blank lines between do not count). */
static bool line_at_page_edge(const struct tline *lines, size_t n, size_t i)
{
	size_t j = i;
	bool edge = false;

	if(lines[i].brk || i == 0)
		return true;
	while(j > 0 && !lines[j - 1].len && !lines[j - 1].brk)
		j--;
	if(j > 0 && lines[j - 1].brk && !lines[j - 1].len)
		edge = true;
	for(j = i + 1; j < n && !lines[j].len && !lines[j].brk; j++)
		;
	if(j >= n || lines[j].brk)
		edge = true;
	return edge;
}

/* Marks tables of contents, page numbers that repeat (or stand alone at a
 * page's edge) and lines repeated three times or more at a page's edge;
 * whether any page furniture was marked (a table of contents is not). */
static bool mark_furniture(struct tline *lines, size_t n, const int *count)
{
	bool any_drop = false;

	for(size_t i = 0; i < n; i++) {
		struct tline *t = &lines[i];
		bool pure, edge;

		if(!t->len)
			continue;
		if(line_is_toc(t->s, t->len)) {
			t->drop = true;
			continue;
		}
		edge = line_at_page_edge(lines, n, i);
		if(line_has_page_number(t->s, t->len, &pure) && (count[i] >= 2 || (pure && edge)))
			t->drop = any_drop = true;
		else if(count[i] >= 3 && edge && !line_is_step(t->s, t->len) &&
		        !line_is_bullet(t->s, t->len))
			t->drop = any_drop = true;
	}
	return any_drop;
}

/* The next line with text or a page break from i in direction dir (-1 or
 * 1); i itself at either end of the text. */
static size_t furniture_neighbour(const struct tline *lines, size_t n, size_t i, int dir)
{
	size_t j = i;

	for(;;) {
		if((dir < 0 && j == 0) || (dir > 0 && j + 1 >= n))
			break;
		j = (size_t)((long)j + dir);
		if(lines[j].len || lines[j].brk)
			break;
	}
	return j;
}

/* A repeated line next to a dropped one is furniture too. */
static void drop_furniture_neighbours(struct tline *lines, size_t n, const int *count)
{
	for(size_t i = 0; i < n; i++) {
		if(!lines[i].drop || !lines[i].len)
			continue;
		for(int dir = -1; dir <= 1; dir += 2) {
			size_t j = furniture_neighbour(lines, n, i, dir);

			if(j != i && lines[j].len && !lines[j].drop && count[j] >= 3 &&
			   !line_is_step(lines[j].s, lines[j].len))
				lines[j].drop = true;
		}
	}
}

/* A page break inside a paragraph: the blank lines between the two halves
 * are dropped too, so that they join. */
static void join_split_paragraphs(struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		size_t p, q;
		bool gap = false;

		if(!lines[i].drop)
			continue;
		for(p = i; p > 0 && (lines[p].drop || !lines[p].len); p--)
			;
		for(q = i; q < n && (lines[q].drop || !lines[q].len); q++)
			gap |= lines[q].drop;
		if(!gap || q >= n || p >= i || lines[p].drop || !lines[p].len)
			continue;
		if(!is_terminal(lines[p].s[lines[p].len - 1]) &&
		   islower((unsigned char)lines[q].s[0]))
			for(size_t k = p + 1; k < q; k++)
				lines[k].drop = true;
		i = q;
	}
}

/* Page furniture: lines with a page number that repeat, and lines
 * repeated three times or more next to a page break, are dropped. */
static ll_result drop_furniture(struct arena *a, struct tline *lines, size_t n)
{
	int *count = furniture_counts(a, lines, n);

	if(!count)
		return LL_ENOMEM;
	if(!mark_furniture(lines, n, count))
		return LL_OK;
	drop_furniture_neighbours(lines, n, count);
	join_split_paragraphs(lines, n);
	return LL_OK;
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
	used = pipe_table(lines, i, n, text, len, out, result);
	if(!used && !*result && plain)
		used = i < *no_table ? 0
		                     : column_table(lines, i, n, text, len, out, result, no_table);
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
	lead = dot_leader(t->s + from, t->len - from, &lend);
	if(!result && lead && lend < t->s + t->len) {
		result = buf_append(out, t->s + from, (size_t)(lead - t->s - from));
		if(!result)
			result = buf_appends(out, ": ");
		if(!result)
			result = buf_append(out, lend, (size_t)(t->s + t->len - lend));
		/* a spec line is a paragraph of its own, as a table row is */
		if(!result && !is_terminal(t->s[t->len - 1]))
			result = buf_appends(out, ".");
		if(!result)
			result = buf_appends(out, "\n");
	} else if(!result && (label = code_label(t->s, t->len, &gap)) != 0 && gap) {
		/* "AL-3  Fill timeout" -> "AL-3: Fill timeout." */
		size_t name = gap;

		while(name < t->len && t->s[name] == ' ')
			name++;
		result = buf_printf(out, "%.*s: %.*s%s", (int)gap, t->s,
		                    (int)(t->len - name), t->s + name,
		                    label == t->len && !is_terminal(t->s[t->len - 1]) ? "." : "");
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
	       count_words(out->data + start, end - start) <= 5 &&
	       !is_terminal(out->data[end - 1]) && out->data[end - 1] != ',' &&
	       isupper((unsigned char)out->data[start]);
}

/* Does line t go on with the list item before it (a wrapped step), rather
 * than start a notice, a code's row, a heading, or the paragraph under a
 * numbered title ("5. Filtering")? */
static bool continues_item(const struct buf *out, const struct tline *t, size_t item_indent)
{
	size_t after = 0;

	return !warning_word(t->s, t->len, &after) && !line_code_label(t->s, t->len) &&
	       !line_is_text_heading(t->s, t->len) &&
	       !(isupper((unsigned char)t->s[0]) && titled_item(out)) &&
	       (t->indent > item_indent || !is_terminal(out->data[out->len - 1]));
}

/* ---- headings that stand on their own line (plain text)
 *
 * A PDF's text and a pasted export put a heading right under the paragraph
 * before it, with no blank line, and a groff or Word heading may be
 * indented: such a line is marked (tline.head) before tables, columns and
 * wrapped lines are looked for, so that none of them swallows it, and it
 * reaches parse_blocks after HEAD_MARK_2 or HEAD_MARK_3 (bytes no text
 * holds) that say its level. */
#define HEAD_MARK_2 '\x1e'
#define HEAD_MARK_3 '\x1f'
#define HEAD_TITLE_MAX_WORDS 6

/* "SECTION 3 — CLEANING", "Chapter 2: Safety", "PART 4": a numbered part. */
static bool part_heading(const char *s, size_t len)
{
	static const char *const words[] = {"section ", "chapter ", "part ", NULL};

	for(int k = 0; words[k]; k++) {
		size_t wl = strlen(words[k]);

		if(len > wl && strncasecmp(s, words[k], wl) == 0 && isdigit((unsigned char)s[wl]))
			return !is_terminal(s[len - 1]) || s[len - 1] == ':';
	}
	return false;
}

/* A short word a title leaves in lower case. */
static bool minor_word(const char *s, size_t len)
{
	static const char *const minor[] = {"the", "and", "for", "of", "to", "in", "on", "with",
	                                    "a", "an", "or", "at", "by", "from", "per", NULL};

	for(int k = 0; minor[k]; k++)
		if(strlen(minor[k]) == len && strncmp(s, minor[k], len) == 0)
			return true;
	return false;
}

/* Whether the words from s on are a title: each word of three letters or
 * more but the minor ones starts with a capital ("Drain the oil" is a
 * step), at most max words, no closing punctuation. */
static bool title_words(const char *s, size_t len, int max)
{
	int words = 0;
	size_t i = 0;

	if(!len || !isupper((unsigned char)s[0]) || is_terminal(s[len - 1]) || s[len - 1] == ',')
		return false;
	while(i < len) {
		size_t w = i, letters = 0;

		while(i < len && s[i] != ' ') {
			letters += isalpha((unsigned char)s[i]) != 0;
			i++;
		}
		if(letters >= 3 && !isupper((unsigned char)s[w]) && !minor_word(s + w, i - w))
			return false;
		if(i - w > 0)
			words++;
		if(i + 1 < len && s[i] == ' ' && s[i + 1] == ' ')
			return false;           /* a layout gap: a table row */
		while(i < len && s[i] == ' ')
			i++;
	}
	return words <= max;
}

/* "1. Specifications", "5. Problems": one number with a period before a
 * short title (a step is a sentence). */
static bool numbered_title(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 2 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 2 < len && s[i] == '.' && s[i + 1] == ' ' &&
	       title_words(s + i + 2, len - i - 2, 5);
}

/* An ALL-CAPS line of two words or more that is not a table row, nor a
 * lone WARNING. */
static bool caps_heading(const char *s, size_t len)
{
	size_t after = 0, upper = 0, spaces = 0;

	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		upper += isupper((unsigned char)s[i]) ? 1 : 0;
		spaces += s[i] == ' ';
		if(i + 2 < len && s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] == ' ')
			return false;
	}
	if(upper < 6 || !spaces || s[len - 1] == '.' || s[len - 1] == ',')
		return false;
	return !(warning_word(s, len, &after) && after >= len);
}

/* The level of a line that is a heading on its own, 0 otherwise.  blank_around:
 * blank lines above and below (a Title Case line counts only then). */
static int standalone_heading(const struct tline *t, bool blank_around)
{
	if(t->drop || t->len < 3 || t->len > 80 || line_code_label(t->s, t->len) ||
	   line_is_bullet(t->s, t->len))
		return 0;
	if(part_heading(t->s, t->len) || numbered_title(t->s, t->len))
		return 2;
	if(numbered_heading(t->s, t->len))
		return numbered_heading(t->s, t->len) > 1 ? 3 : 2;
	if(line_is_step(t->s, t->len))
		return 0;
	if(caps_heading(t->s, t->len))
		return 2;
	if(blank_around && title_words(t->s, t->len, HEAD_TITLE_MAX_WORDS) &&
	   count_words(t->s, t->len) >= 2)
		return 3;
	return 0;
}

static bool tline_blank(const struct tline *lines, size_t n, size_t j)
{
	return j >= n || !lines[j].len || lines[j].drop;
}

/* A line that is only a web address: a page's footer, never an answer. */
static bool line_is_url(const char *s, size_t len)
{
	/* len first: the line is not NUL-terminated */
	if(len <= 8 || memchr(s, ' ', len))
		return false;
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
	       strncasecmp(s, "www.", 4) == 0;
}

/* Whether an ALL-CAPS heading stands a few short lines above lines[i]
 * (a title block: "WH-120 VENTILATOR" / "with CCP-3 Cabinet" / "OPERATION
 * AND MAINTENANCE MANUAL"): lines[i] is its subtitle. */
static bool caps_after_heading(const struct tline *lines, size_t i)
{
	for(int seen = 0; i > 0 && seen < 3; i--) {
		const struct tline *p = &lines[i - 1];

		if(!p->len || p->drop)
			continue;
		if(p->head && caps_heading(p->s, p->len))
			return !part_heading(p->s, p->len);
		if(p->len > 70 || is_terminal(p->s[p->len - 1]))
			return false;
		seen++;
	}
	return false;
}

/* Marks the headings that stand on their own lines; a Title Case line is a
 * sub-heading (level 3) under an earlier level-2 heading, else level 2.
 * A line that is only a URL is dropped. */
static void mark_headings(struct tline *lines, size_t n)
{
	bool top = false;

	for(size_t i = 0; i < n; i++)
		lines[i].drop |= line_is_url(lines[i].s, lines[i].len);
	for(size_t i = 0; i < n; i++) {
		bool around = (i == 0 || tline_blank(lines, n, i - 1)) &&
		              tline_blank(lines, n, i + 1);

		lines[i].head = standalone_heading(&lines[i], around);
		/* a second ALL-CAPS line right under the first is its subtitle
		 * ("WH-120 VENTILATOR" over "OPERATION AND MAINTENANCE MANUAL") */
		if(lines[i].head && caps_heading(lines[i].s, lines[i].len) &&
		   caps_after_heading(lines, i))
			lines[i].head = 0;
		if(lines[i].head == 3 && !numbered_heading(lines[i].s, lines[i].len) && !top)
			lines[i].head = 2;
		if(lines[i].head == 2)
			top = true;
	}
}

/* Whether lines[i] is indented under a numbered step a few lines above
 * ("4. Lift out the deflector." over "   a. Scrape off carbon"): a
 * sub-step, which keeps its letter. */
static bool under_step(const struct tline *lines, size_t i)
{
	for(size_t j = i; j > 0 && i - j < 8; j--) {
		const struct tline *p = &lines[j - 1];

		if(p->len && line_is_step(p->s, p->len))
			return p->indent < lines[i].indent;
	}
	return false;
}

/* "1.      Press STOP", "a)  Lower the bowl": a list marker set off by a
 * layout gap is a step, not a two-column table; a letter a-l becomes its
 * number, so that lettered procedures are steps as numbered ones are.
 * The line is rewritten in the arena. */
static ll_result tighten_markers(struct arena *a, struct tline *lines, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		struct tline *t = &lines[i];
		size_t m = 0, gap;
		int num = 0;
		char *line;

		while(m < t->len && m < 2 && isdigit((unsigned char)t->s[m]))
			num = num * 10 + (t->s[m++] - '0');
		if(m == 0 && t->len > 2 && t->s[0] >= 'a' && t->s[0] <= 'l' &&
		   (t->s[1] == ')' || t->s[1] == '.') && !under_step(lines, i))
			num = t->s[m++] - 'a' + 1;
		if(num == 0 || m >= t->len || (t->s[m] != '.' && t->s[m] != ')'))
			continue;
		for(gap = m + 1; gap < t->len && t->s[gap] == ' '; gap++)
			;
		if(gap >= t->len || !isupper((unsigned char)t->s[gap]) ||
		   (gap == m + 2 && isdigit((unsigned char)t->s[0])))
			continue;
		line = arena_printf(a, "%d. %.*s", num, (int)(t->len - gap), t->s + gap);
		if(!line)
			return LL_ENOMEM;
		t->s = line;
		t->len = strlen(line);
	}
	return LL_OK;
}

/* Whether line t goes on with the notice (warn) or the list item (item)
 * written last; the next notice does not. */
static bool goes_on(const struct buf *out, const struct tline *t, bool warn, bool item,
                    size_t item_indent)
{
	size_t after = 0;

	if(warn)
		return !warning_word(t->s, t->len, &after);
	return item && continues_item(out, t, item_indent);
}

/* A page's running header as pdftotext lays it out: two short parts set
 * far apart ("HARLOW HM-20 MIXER          Owner's Manual"). */
static bool header_layout(const struct tline *t)
{
	const char *gap = t->len > 20 ? memmem(t->s, t->len, "        ", 8) : NULL;

	return gap && count_words(t->s, t->len) <= 12 && !is_terminal(t->s[t->len - 1]) &&
	       !line_is_step(t->s, t->len) && !line_code_label(t->s, t->len);
}

/* A footer's revision or form line: "Form CT4-COI 11/2019", "Doc. X Rev. B". */
static bool revision_line(const char *s, size_t len)
{
	static const char *const marks[] = {"rev. ", "rev ", "revision ", "form ", "doc. ",
	                                    "publication ", NULL};

	if(count_words(s, len) > 12)
		return false;
	for(int k = 0; marks[k]; k++)
		for(size_t i = 0; i + strlen(marks[k]) <= len; i++)
			if(strncasecmp(s + i, marks[k], strlen(marks[k])) == 0 &&
			   (i == 0 || s[i - 1] == ' '))
				return true;
	return false;
}

/* Page edges of a paginated text (pdftotext, OCR): the first line of a page
 * after the first when it is laid out as a running header, and the last
 * line of a page when it is a revision or form line.  The repeated ones
 * drop_furniture finds; these come once (a manual of two pages). */
static void drop_page_edges(struct tline *lines, size_t n)
{
	bool paged = false, top = false;

	for(size_t i = 0; i < n; i++)
		paged |= lines[i].brk;
	for(size_t i = 0; paged && i < n; i++) {
		struct tline *t = &lines[i];
		size_t j;

		top |= t->brk;
		if(!t->len || t->drop)
			continue;
		if(top && header_layout(t))
			t->drop = true;
		top = false;
		for(j = i + 1; j < n && !lines[j].len && !lines[j].brk; j++)
			;
		if((j >= n || lines[j].brk) && revision_line(t->s, t->len))
			t->drop = true;
	}
}

/* The plain-text passes before the lines are written: list markers,
 * page furniture, headings, two-column pages, small print (counted in st). */
static ll_result plain_lines(struct arena *a, struct tline **lines, size_t *n,
                             struct ingest_chunks *st)
{
	ll_result result;

	if((result = tighten_markers(a, *lines, *n)) != LL_OK)
		return result;
	if((result = drop_furniture(a, *lines, *n)) != LL_OK)
		return result;
	drop_page_edges(*lines, *n);
	mark_headings(*lines, *n);
	if((result = unzip_columns(a, lines, n)) != LL_OK)
		return result;
	drop_small_print(*lines, *n);
	for(size_t i = 0; i < *n; i++)
		st->dropped_lines += (*lines)[i].drop && (*lines)[i].len ? 1 : 0;
	return LL_OK;
}

/* A heading on its own line, set off by blank lines, after its mark. */
static ll_result emit_heading(struct buf *out, const struct tline *t, bool para)
{
	return buf_printf(out, "%s%c%.*s\n\n", para ? "\n\n" : out->len ? "\n" : "",
	                  t->head == 2 ? HEAD_MARK_2 : HEAD_MARK_3, (int)t->len, t->s);
}

/* Where normalise_layout is in the text it writes: the lines, the output
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

	if(l->plain && wrap_hyphen(l->out, t->s, t->len, l->text, l->len, &keep)) {
		if(!keep)
			l->out->len--;
		*result = buf_append(l->out, t->s, t->len);
		return true;
	}
	if(goes_on(l->out, t, l->warn, l->plain && l->item, l->item_indent)) {
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
	                    (int)warning_word(t->s, t->len, &after), t->s + w);
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
	step = line_is_step(t->s, t->len);
	bullet = glyph || line_is_bullet(t->s, t->len);
	if(l->para && !step && !bullet && layout_join(l, t, &result))
		return result;
	if(l->para && (result = buf_appends(l->out, "\n")) != LL_OK)
		return result;
	if(warning_word(t->s, t->len, &after) && after >= t->len)
		return layout_warning(l, i);
	l->warn = warning_word(t->s, t->len, &after) > 0 && !all_caps(t->s, t->len);
	/* a FAQ question wrapped over lines is joined like a step */
	/* "2. CLEANING" is a heading, not a step: the indented
	 * paragraph under it does not go on with it */
	l->item = ((step || bullet) && !(l->plain && line_is_text_heading(t->s, t->len))) ||
	          line_question(t->s, t->len, &qstart);
	l->item_indent = t->indent;
	l->para = true;
	return emit_line(l->out, t, l->plain, glyph, mark);
}

static ll_result normalise_layout(struct arena *a, const char *text, size_t len,
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
	if((result = number_step_words(a, lines, n)) != LL_OK)
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
			/* a blank line after each row (row_emit) and the table */
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
	b->words = count_words(text, len);
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

/* Lines into sections and blocks.  A numbered list is one block even with
 * blank lines between its steps; an indented line continues a list item. */
/* The level of a heading line (0: none): a Markdown "## ...", or in plain
 * text, after a blank line, an ALL-CAPS or numbered heading ("3. FAULT
 * CODES" is a heading, not a step; "4.2 Daily Cleaning" sits under "4
 * CLEANING"). */
/* "5. Filtering" after the "4.x" headings: one number with a period,
 * the next top-level number of the manual's own numbering, and a short
 * title without closing punctuation (a step "5. Switch POWER on." has it,
 * and follows step 4 with no blank line). */
static bool next_top_heading(const char *t, size_t tl, long expect)
{
	char *end;
	long n;

	if(expect < 2 || tl > 50 || !isdigit((unsigned char)t[0]) || is_terminal(t[tl - 1]) ||
	   t[tl - 1] == ',')
		return false;
	n = strtol(t, &end, 10);
	return n == expect && (size_t)(end - t) + 2 < tl && end[0] == '.' && end[1] == ' ' &&
	       isupper((unsigned char)end[2]) &&
	       count_words(end + 2, tl - (size_t)(end + 2 - t)) <= 5;
}

static int heading_level(const char *t, size_t tl, enum ingest_format fmt, bool prev_blank,
                         long next_top)
{
	int level = 0;

	if(t[0] == HEAD_MARK_2 || t[0] == HEAD_MARK_3)
		return t[0] == HEAD_MARK_2 ? 2 : 3;
	if(fmt == INGEST_MARKDOWN && t[0] == '#') {
		while(level < (int)tl && t[level] == '#')
			level++;
		return level <= 6 && (size_t)level < tl && t[level] == ' ' ? level : 0;
	}
	if(fmt == INGEST_TEXT && prev_blank && !line_is_bullet(t, tl) &&
	   line_is_text_heading(t, tl))
		return numbered_heading(t, tl) > 1 ? 3 : 2;
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

/* Where parse_blocks is: the headings above, the block being read. */
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
	size_t from = 0, label = line_code_label(t, tl);
	int level = b->head_level >= 2 ? b->head_level + 1 : 3;
	ll_result result;

	*taken = false;
	if(!label)
		label = line_question(t, tl, &from);
	if(!label && b->fmt == INGEST_TEXT && tl <= 60) {
		size_t nl2;
		const char *nt = trimmed_line(b->text, b->len, next, &nl2);

		if(line_is_subheading(t, tl, nt, nl2)) {
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
	bool step = line_is_step(t, tl), bullet = !step && line_is_bullet(t, tl);
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

static ll_result parse_blocks(struct parse *p, const char *text, size_t len, enum ingest_format fmt)
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
		if(b.prev_blank && !line_is_step(t, tl) && !line_is_bullet(t, tl)) {
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

/* ---------------------------------------------------------------- packing */

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
	if(count_words(s, strlen(s)) > INGEST_OVERLAP_MAX_WORDS)
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
			k->cur_words = count_words(k->overlap, strlen(k->overlap));
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
						           line_is_step(t, strlen(t))) ||
						          (b->kind == BLOCK_BULLETS &&
						           line_is_bullet(t, strlen(t))))) {
							next = nl;
							break;
						}
					}
				}
			}
			{
				int w = count_words(end, (size_t)(next - end));

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
	result = normalise_layout(arena, text, len, format, &norm, out);
	if(result == LL_ENOMEM)
		goto out;
	if(result == LL_OK) {
		text = buf_str(&norm);
		len = norm.len;
	}
	result = parse_blocks(&p, text, len, format);
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

/* ---------------------------------------------------------------- storing */

static bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while(i < len) {
		unsigned char c = u[i];
		size_t n;

		if(c == 0)
			return false;
		if(c < 0x80) {
			i++;
			continue;
		}
		if((c & 0xE0) == 0xC0 && c >= 0xC2)
			n = 1;
		else if((c & 0xF0) == 0xE0)
			n = 2;
		else if((c & 0xF8) == 0xF0 && c <= 0xF4)
			n = 3;
		else
			return false;
		for(size_t k = 1; k <= n; k++)
			if(i + k >= len || (u[i + k] & 0xC0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* The emergency id of a "<id> | <heading>" tag when section is that heading
 * or lies under it ("Heading > Sub"); NULL else.  The id is validated here
 * (lower-case letters, digits and '-') as sql/006 checks it. */
static const char *tag_emergency(struct arena *a, const char *tag, const char *section)
{
	const char *bar = strchr(tag, '|'), *h;
	size_t idlen, hlen, slen = strlen(section);

	if(!bar)
		return NULL;
	for(idlen = (size_t)(bar - tag); idlen && tag[idlen - 1] == ' '; idlen--)
		;
	if(idlen == 0 || idlen > 40 || !islower((unsigned char)tag[0]) ||
	   strspn(tag, "abcdefghijklmnopqrstuvwxyz0123456789-") < idlen)
		return NULL;
	for(h = bar + 1; *h == ' '; h++)
		;
	hlen = strlen(h);
	if(hlen == 0 || slen < hlen)
		return NULL;
	if(strncmp(section, h, hlen) == 0 &&
	   (section[hlen] == '\0' || strncmp(section + hlen, " > ", 3) == 0))
		return arena_strndup(a, tag, idlen);
	if(slen > hlen + 3 && strcmp(section + slen - hlen, h) == 0 &&
	   strncmp(section + slen - hlen - 3, " > ", 3) == 0)
		return arena_strndup(a, tag, idlen);
	return NULL;
}

/* The chunks as the JSON array store_document_replace inserts. */
static struct json_object *chunks_json(struct arena *a, const struct ingest_doc *doc,
                                       const struct ingest_chunks *chunks)
{
	struct json_object *arr = json_object_new_array();

	for(size_t i = 0; i < chunks->count; i++) {
		struct json_object *o = json_object_new_object();
		const char *emergency = NULL;

		for(int t = 0; t < doc->nemergency && !emergency; t++)
			emergency = tag_emergency(a, doc->emergency[t], chunks->items[i].section);
		json_object_object_add(o, "section",
		                       json_object_new_string(chunks->items[i].section));
		json_object_object_add(o, "body", json_object_new_string(chunks->items[i].body));
		if(emergency)
			json_object_object_add(o, "emergency", json_object_new_string(emergency));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* Counts the notices and steps of one chunk's body. */
static void report_body(struct ingest_report *r, const char *body)
{
	for(const char *s = body; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s), after = 0;

		while(n && (*s == ' ' || *s == '-' || *s == '*' || *s == '>')) {
			s++;
			n--;
		}
		r->warnings += warning_word(s, n, &after) ? 1 : 0;
		r->steps += line_is_step(s, n) ? 1 : 0;
		s = nl ? nl + 1 : NULL;
	}
}

/* The last part of a heading path ("Faults > E07: Overheat" -> "E07: ..."). */
static const char *path_leaf(const char *path)
{
	const char *leaf = path, *sep;

	while((sep = strstr(leaf, " > ")) != NULL)
		leaf = sep + 3;
	return leaf;
}

/* The report's lists and counts from the chunks (the sections in order). */
static ll_result report_fill(struct arena *a, const struct ingest_chunks *c,
                             struct ingest_report *r)
{
	size_t cap = c->count < INGEST_REPORT_MAX_NAMES ? c->count : INGEST_REPORT_MAX_NAMES;
	const char *last = NULL;
	int words = 0;

	r->tables = c->tables;
	r->dropped_lines = c->dropped_lines;
	r->names = arena_alloc(a, (cap + 1) * sizeof(*r->names));
	r->codes = arena_alloc(a, (cap + 1) * sizeof(*r->codes));
	r->thin = arena_alloc(a, (cap + 1) * sizeof(*r->thin));
	if(!r->names || !r->codes || !r->thin)
		return LL_ENOMEM;
	for(size_t i = 0; i <= c->count; i++) {
		const struct ingest_chunk *k = i < c->count ? &c->items[i] : NULL;

		if(k && last && strcmp(k->section, last) == 0) {
			words += k->words;
			report_body(r, k->body);
			continue;
		}
		if(last && words < INGEST_REPORT_THIN_WORDS && (size_t)r->nthin < cap)
			r->thin[r->nthin++] = last[0] ? last : "(no heading)";
		if(!k)
			break;
		last = k->section;
		words = k->words;
		report_body(r, k->body);
		if(!k->section[0]) {
			r->untitled++;
			continue;
		}
		if((size_t)r->nnames < cap)
			r->names[r->nnames++] = k->section;
		if(line_code_label(path_leaf(k->section), strlen(path_leaf(k->section))) &&
		   (size_t)r->ncodes < cap)
			r->codes[r->ncodes++] = path_leaf(k->section);
	}
	return LL_OK;
}

/* Why doc cannot be stored as it is (its title, category or encoding), or
 * NULL when it can. */
static const char *doc_invalid(const struct ingest_doc *doc)
{
	if(!doc->title || !doc->title[0] || strlen(doc->title) > INGEST_TITLE_MAX)
		return "the title must be 1-200 characters";
	if(!ingest_category_valid(doc->category))
		return "the category must be equipment, safety, operations, training or general";
	if(!utf8_valid(doc->content, doc->len))
		return "the content is not UTF-8 text (binary data or another encoding)";
	return NULL;
}

/* The SHA-256 of what is stored of doc, in hex: its content and its
 * emergency tags (a changed tag is a change). */
static ll_result doc_hash(struct arena *arena, const struct ingest_doc *doc,
                          char hex[SHA256_DIGEST_LENGTH * 2 + 1])
{
	unsigned char digest[SHA256_DIGEST_LENGTH];
	const char *hashed = doc->content;
	size_t hlen = doc->len;

	for(int t = 0; t < doc->nemergency && hashed; t++) {
		hashed = arena_printf(arena, "%.*s\n%s", (int)hlen, hashed, doc->emergency[t]);
		hlen = hashed ? strlen(hashed) : 0;
	}
	if(!hashed)
		return LL_ENOMEM;
	SHA256((const unsigned char *)hashed, hlen, digest);
	for(size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return LL_OK;
}

ll_result ingest_document(struct db *db, struct arena *arena, const struct ingest_doc *doc,
                          struct ingest_report *report, const char **why)
{
	struct ingest_chunks chunks;
	struct json_object *arr = NULL;
	char hex[SHA256_DIGEST_LENGTH * 2 + 1];
	struct store_document sd;
	ll_result result;

	memset(report, 0, sizeof(*report));
	*why = doc_invalid(doc);
	if(*why) {
		result = LL_EVALIDATION;
		goto out;
	}
	result = ingest_chunk_text(arena, doc->content, doc->len, doc->format, &chunks);
	if(result == LL_EINVAL) {
		*why = "the document is empty (no text to index)";
		result = LL_EVALIDATION;
	} else if(result == LL_ETOOLARGE) {
		*why = "the document has too many sections or chunks (at most "
		       LL_STR(INGEST_MAX_SECTIONS) " sections and " LL_STR(INGEST_MAX_CHUNKS)
		       " chunks): split it into several documents";
	}
	if(result)
		goto out;
	arr = chunks_json(arena, doc, &chunks);
	result = doc_hash(arena, doc, hex);
	if(result)
		goto out;
	memset(&sd, 0, sizeof(sd));
	sd.title = doc->title;
	sd.category = doc->category;
	sd.source = doc->source;
	sd.source_key = doc->source_key;
	sd.content = arena_strndup(arena, doc->content, doc->len);
	sd.bytes = doc->len;
	sd.content_hash = hex;
	sd.chunk_count = (int)chunks.count;
	sd.chunks_json = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	if(!sd.content) {
		result = LL_ENOMEM;
		goto out;
	}
	result = store_document_replace(db, &sd, &report->document_id, &report->unchanged);
	if(result)
		goto out;
	report->sections = chunks.sections;
	report->chunks = (int)chunks.count;
	result = report_fill(arena, &chunks, report);
out:
	if(arr)
		json_object_put(arr);
	return result;
}

/* ---------------------------------------------------------------- title
 *
 * A text or PDF manual without a title: header names itself on its first
 * lines ("TIDEWELL WAREWASHING SYSTEMS" / "TW-40H DOOR-TYPE DISH MACHINE",
 * a PDF's running header "Kestrel KF-9 Fryer - Service Manual").  That
 * beats the file name the crew would otherwise see in every citation, and
 * title words weigh most in retrieval. */

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

	return len == 0 || line_has_page_number(s, len, &pure) || line_is_toc(s, len) ||
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
	if(numbered_heading(s, len) || line_is_step(s, len) || line_is_bullet(s, len) ||
	   title_furniture(s, len) || warning_word(s, len, &after))
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
		if(furniture < 2 && line_has_page_number(l.s + i, l.len - i, &pure) && pure) {
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

/* ---------------------------------------------------------------- files */

/* In the child, before exec: a tool must not outlive the process that runs
 * it (a worker killed mid-ingest, or the CLI), nor take more than its share.
 * PR_SET_PDEATHSIG kills it when the parent dies; the getppid() check covers a
 * parent that died before the prctl.  RLIMIT_CPU backs the wall-clock limit
 * of run_tool, RLIMIT_AS bounds a hostile PDF's memory.  Any failure exits:
 * a tool without its limits does not run. */
static void tool_child_limits(pid_t parent)
{
	struct rlimit cpu = {TOOL_CPU_SECONDS, TOOL_CPU_SECONDS + 1};
	struct rlimit mem = {TOOL_MEMORY_BYTES, TOOL_MEMORY_BYTES};
	struct rlimit none = {0, 0};

	if(prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		_exit(126);
	if(setrlimit(RLIMIT_CPU, &cpu) != 0 || setrlimit(RLIMIT_AS, &mem) != 0 ||
	   setrlimit(RLIMIT_CORE, &none) != 0)
		_exit(126);
}

/* The child's side of run_tool: limits, stdin from in_fd (or /dev/null),
 * stdout to the pipe, stderr to /dev/null, then exec. */
static void tool_child(char *const argv[], int in_fd, int out_fd, pid_t parent)
{
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

	tool_child_limits(parent);
	if(devnull < 0 || dup2(in_fd >= 0 ? in_fd : devnull, 0) < 0 || dup2(out_fd, 1) < 0 ||
	   dup2(devnull, 2) < 0)
		_exit(126);
	execvp(argv[0], argv);
	_exit(127);
}

/* Runs a poppler tool (argv[0] found on PATH; fork/exec, no shell) with
 * in_fd (or /dev/null) as its standard input, and appends its standard
 * output to out.  LL_EIO when it fails or takes over TOOL_TIMEOUT_S. */
static ll_result run_tool(char *const argv[], int in_fd, struct buf *out)
{
	int fds[2] = {-1, -1};
	pid_t pid = -1, parent = getpid();
	char chunk[65536];
	time_t deadline = time(NULL) + TOOL_TIMEOUT_S;
	int status = 0;
	ll_result result = LL_OK;

	if(pipe2(fds, O_CLOEXEC) != 0) {
		result = LL_EIO;
		goto out;
	}
	pid = fork();
	if(pid < 0) {
		result = LL_EIO;
		goto out;
	}
	if(pid == 0)
		tool_child(argv, in_fd, fds[1], parent);
	close(fds[1]);
	fds[1] = -1;
	for(;;) {
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if(left <= 0) {
			result = LL_EIO;
			break;
		}
		if(poll(&pfd, 1, left * 1000) <= 0) {
			if(errno == EINTR)
				continue;
			result = LL_EIO;
			break;
		}
		n = read(fds[0], chunk, sizeof(chunk));
		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0)
			break;
		result = buf_append(out, chunk, (size_t)n);
		if(result)
			break;
	}
out:
	if(fds[0] >= 0)
		close(fds[0]);
	if(fds[1] >= 0)
		close(fds[1]);
	if(pid > 0) {
		if(result)
			kill(pid, SIGKILL);
		while(waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if(!result && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
			result = LL_EIO;
	}
	return result;
}

ll_result ingest_run_tool(char *const argv[], int in_fd, struct buf *out)
{
	return run_tool(argv, in_fd, out);
}

ll_result ingest_pdf_text_fd(int fd, struct buf *out)
{
	char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-layout", "-", "-", NULL};

	if(lseek(fd, 0, SEEK_SET) != 0)
		return LL_EIO;
	return run_tool(argv, fd, out);
}

ll_result ingest_pdf_text(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ll_result result;

	if(fd < 0)
		return LL_EIO;
	result = ingest_pdf_text_fd(fd, out);
	close(fd);
	return result;
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
	if(outlen == 0 || run_tool(argv, -1, &info) != LL_OK)
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
			if(next == n && utf8_valid(title, strlen(title)) &&
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
