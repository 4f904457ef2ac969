/* ingest_line.h - what one line of a manual's text is.
 *
 * Every pass of the ingest parser asks the same questions of a line: is it
 * a numbered step, a bullet, a heading (numbered, ALL-CAPS, "Section 4"), a
 * run-in subheading, a line defining a fault code, a FAQ question, a
 * WARNING, a page number, a contents line, a rule, a dot leader?  They are
 * answered here, once, as pure functions of the line's bytes, so that the
 * layout passes, the section builder, the packer and the report agree.
 * Also: counting words and characters, UTF-8 validity, and whether a word
 * hyphenated at a line's end is joined to the next line (ingest_wrap_hyphen).
 *
 * struct tline is a line as the layout passes (ingest_layout.h) see it.
 * Nothing here allocates.
 */
#ifndef LINELEAD_INGEST_LINE_H
#define LINELEAD_INGEST_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* One line of the text as the layout passes see it (ingest_layout.c cuts
 * the text into them). */
struct tline {
	const char *s;       /* the text after the indent, trailing space trimmed */
	size_t len;
	size_t indent;       /* in characters */
	bool brk;            /* a page break (form feed) comes before this line */
	bool drop;
	int head;            /* a heading standing on its line: its level (2, 3), else 0 */
};

/* The words of s (len bytes): runs of non-space. */
int ingest_count_words(const char *s, size_t len);

/* Whether c ends a sentence or a clause: . ! ? : ; */
bool ingest_is_terminal(char c);

/* A numbered step: "1. ", "12) " (up to three digits). */
bool ingest_line_is_step(const char *s, size_t len);

/* A bullet: "- ", "* ", "+ ". */
bool ingest_line_is_bullet(const char *s, size_t len);

/* "4.2 Daily Cleaning", "4.2.1 Hopper", "4 Cleaning and Care": a numbered
 * heading of a plain text manual.  Returns how many numbers it has (1 for
 * "4", 2 for "4.2"), 0 when the line is no such heading.  One number takes
 * Title Case words ("2 Remove the door" is a step). */
int ingest_numbered_heading(const char *s, size_t len);

/* Plain text headings: ALL-CAPS lines, "Section 4 ..." lines and numbered
 * headings. */
bool ingest_line_is_text_heading(const char *s, size_t len);

/* A run-in heading of a plain text manual, in sentence case as a PDF's
 * bold subheadings come out of pdftotext ("Drinks are flat" over a step
 * list, "Valve lock" over a paragraph much longer than it): short, no
 * closing punctuation, set off by a blank line above and followed at once
 * by a list item or a paragraph line that starts with a capital. */
bool ingest_line_is_subheading(const char *s, size_t len, const char *next, size_t nlen);

/* A line that defines an error or fault code: "F1 - Long freeze cycle.",
 * "E03: Platen over-temperature", "Code E5 - ...", "Fault 21  Rinse sensor
 * open" (a code word and a number), "AL-3  Fill timeout" and "E-07 ...
 * DRUM NOT TURNING" (the name set off by a gap or a dot leader, as plain
 * text manuals lay out their code lists).  Returns the length of its label
 * (the code and its name, up to the first period), 0 otherwise; *gap (may
 * be NULL) gets where a gap separates the name, 0 for a written separator;
 * ingest_label_name finds where the name begins after the gap.  Such a
 * line opens a section of its own, so each code's meaning and its steps
 * land in one chunk labelled with the code. */
size_t ingest_code_label(const char *s, size_t len, size_t *gap);

/* Where the name of a code label begins: past the spaces, dots and
 * ellipses from gap on. */
size_t ingest_label_name(const char *s, size_t len, size_t gap);

/* ingest_code_label without the gap. */
size_t ingest_line_code_label(const char *s, size_t len);

/* The question of a FAQ entry: "Q: Can I use bleach?", "Question: ...",
 * "**Q.** How often ...?".  Returns the question's length and sets *start
 * to where it starts; 0 for another line.  Like a code, the question names
 * the section its answer lands in, so a crew member's question meets the
 * manual's own in the heading. */
size_t ingest_line_question(const char *s, size_t len, size_t *start);

/* The characters of s (len bytes of UTF-8): bytes that start one. */
size_t ingest_utf8_chars(const char *s, size_t len);

/* A line that is a page number, or ends or starts with "Page N" /
 * "Page N of M"; *pure set when the line holds nothing else. */
bool ingest_line_has_page_number(const char *s, size_t len, bool *pure);

/* A run of 4 or more dots (". . . ." too): a leader. Returns its start and
 * sets *end past it and the spaces around; NULL for none. */
const char *ingest_dot_leader(const char *s, size_t len, const char **end);

/* A contents line: a dot leader and a page number ("Cleaning ..... 12"). */
bool ingest_line_is_toc(const char *s, size_t len);

/* A rule drawn across the page ("-----", "+------+", "====", "───"): a
 * paragraph break, nothing to quote.  Rules in several groups ("-----
 * -----") are a table's and stay for ingest_column_table. */
bool ingest_line_is_rule(const char *s, size_t len);

/* WARNING / CAUTION / DANGER (and NOTE, IMPORTANT) at the start of a line,
 * past emphasis and quote marks; returns the word's length, *after set to
 * where the text after it (and a colon) starts.  0 when none. */
size_t ingest_warning_word(const char *s, size_t len, size_t *after);

/* No lower-case letter and at least one capital. */
bool ingest_all_caps(const char *s, size_t len);

/* A word hyphenated across a line break: the text before ends "chemi-" and
 * the next line goes on in lower case.  *keep says whether the hyphen is
 * the word's own: the document writes the compound with it elsewhere
 * ("chemical-resistant"), or without it nowhere and its first part is a
 * usual prefix ("self-", "non-"); a lone capital's ("Y-strainer", "O-ring")
 * always is. */
bool ingest_wrap_hyphen(const struct buf *b, const char *next, size_t nlen, const char *doc,
                        size_t doclen, bool *keep);

/* Whether s (len bytes) is UTF-8 text without a NUL byte. */
bool ingest_utf8_valid(const char *s, size_t len);

#endif
