/* ingest_heading.h - headings that stand on their own line (plain text).
 *
 * One job: find the headings of a plain-text manual before anything else
 * reads its lines.  A PDF's text and a pasted export put a heading right
 * under the paragraph before it, with no blank line, and a groff or Word
 * heading may be indented: such a line ("SECTION 3 — CLEANING", "4.2 Daily
 * Cleaning", "1. Specifications", an ALL-CAPS line of two words or more, a
 * Title Case line between blank lines, each tag of a list of entries: "Buns
 * soggy or wet." over its text set in deeper, as a groff .IP or a
 * troubleshooting page lays it out) is marked (tline.head) before
 * tables, columns and wrapped lines are looked for, so that none of them
 * swallows it, and it reaches ingest_parse_blocks after INGEST_HEAD_MARK_2
 * or INGEST_HEAD_MARK_3 (bytes no text holds) that say its level.  A pass
 * of ingest_layout.c.
 */
#ifndef LINELEAD_INGEST_HEADING_H
#define LINELEAD_INGEST_HEADING_H

#include <stddef.h>

#include "ingest_line.h"

#define INGEST_HEAD_MARK_2 '\x1e'
#define INGEST_HEAD_MARK_3 '\x1f'

/* Marks the headings that stand on their own lines; a Title Case line is a
 * sub-heading (level 3) under an earlier level-2 heading, else level 2; the
 * tags of a run of two entries or more are level 3, without their period.
 * A line that is only a URL is dropped. */
void ingest_mark_headings(struct tline *lines, size_t n);

#endif
