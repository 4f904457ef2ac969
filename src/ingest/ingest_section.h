/* ingest_section.h - the normalised text into sections of blocks.
 *
 * One job: read the text ingest_layout wrote, line by line, into blocks
 * (a paragraph, a numbered step list, a bullet list: enum block_kind) under
 * sections named by their heading path ("Cleaning > Daily").  Headings are
 * Markdown "#" lines, the lines ingest_heading marked, and in plain text
 * ALL-CAPS, numbered and "Section 4" lines after a blank line; a line
 * defining a fault code, a FAQ question or a run-in subheading opens a
 * section of its own under the last heading.  struct parse holds the
 * result, in its arena, for ingest_chunk.c to pack.
 */
#ifndef LINELEAD_INGEST_SECTION_H
#define LINELEAD_INGEST_SECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "result.h"
#include "ingest.h"

/* What a block is: a paragraph, a numbered step list, a bullet list. */
enum block_kind { BLOCK_PARA, BLOCK_STEPS, BLOCK_BULLETS };

/* A block of text in the section sections[section] of its parse. */
struct block {
	enum block_kind kind;
	int section;
	const char *text;        /* arena copy, lines joined by \n */
	int words;
};

/* What ingest_parse_blocks read: the blocks in order and the sections
 * they name (heading paths, in the arena a), section_used[i] when a block
 * lies in section i. */
struct parse {
	struct arena *a;
	struct block *blocks;
	size_t nblocks, cap;
	const char **sections;   /* labels */
	int nsections, seccap;
	bool *section_used;
};

/* Lines into sections and blocks (in p, whose arena p->a is set): headings
 * name the sections; a numbered list is one block even with blank lines
 * between its steps; an indented line continues a list item.  LL_ETOOLARGE
 * past INGEST_MAX_SECTIONS sections. */
__attribute__((warn_unused_result))
ll_result ingest_parse_blocks(struct parse *p, const char *text, size_t len,
                              enum ingest_format fmt);

#endif
