/* ingest_tool.h - the converters' tools, run under limits; a PDF's text.
 *
 * One job: run an outside program on an uploaded file safely.  Every tool
 * the ingest uses (pdftotext and pdfinfo, pdftoppm and tesseract for a
 * scan, unzip for a .docx) is forked and exec'd without a shell, with its
 * standard output read into a struct buf under the buffer's limit, and
 * killed past 30 s of wall clock; in the child, 30 s of CPU, 1 GiB of
 * address space, no core file, and a parent-death signal so that it dies
 * with the process that runs it.  ingest_pdf_text is pdftotext's words with
 * their boxes (-tsv) laid out as ingest_ocr lays out a scan: a table's
 * columns found by how its cells line up, so a full cell stays apart from
 * the next where -layout closes the gutter to one space.
 */
#ifndef LINELEAD_INGEST_TOOL_H
#define LINELEAD_INGEST_TOOL_H

#include "buf.h"
#include "result.h"

/* Runs `pdftotext -tsv - -` (fork/exec, no shell) on the PDF that fd
 * reads (a regular file: pdftotext seeks in it; rewound first; the caller
 * keeps fd) and appends its pages laid out (ingest_ocr_layout) to out
 * (whose limit bounds it: LL_ETOOLARGE past it).  LL_EIO when pdftotext
 * fails or takes over 30 s.  pdftotext dies with the calling process
 * (parent-death signal) and runs under CPU and memory limits. */
__attribute__((warn_unused_result))
ll_result ingest_pdf_text_fd(int fd, struct buf *out);
/* ingest_pdf_text_fd for the file at path. */
__attribute__((warn_unused_result))
ll_result ingest_pdf_text(const char *path, struct buf *out);

/* Runs the tool argv[0] (found on PATH; fork/exec, no shell) with in_fd (or
 * -1: /dev/null) as its standard input under the limits above, appending its
 * standard output to out.  LL_EIO when it fails or times out, LL_ETOOLARGE
 * past out's limit. */
__attribute__((warn_unused_result))
ll_result ingest_run_tool(char *const argv[], int in_fd, struct buf *out);

#endif
