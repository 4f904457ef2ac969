/* ingest_report.h - the ingest report as JSON (upload response, job) and
 * as lines for the CLI: what was found in a manual and what looks doubtful.
 */
#ifndef LINELEAD_INGEST_REPORT_H
#define LINELEAD_INGEST_REPORT_H

#include <stdio.h>

#include <json-c/json.h>

#include "ingest_convert.h"
#include "ingest_document.h"

/* {format, pages, ocr, sections, section_names[], tables, fault_codes[],
 *  warnings, steps, dropped_lines, doubtful[]}; a new object, caller puts. */
struct json_object *ingest_report_json(const struct ingest_report *r,
				       const struct ingest_extract *x);

/* The same for a person, a few indented lines on f. */
void ingest_report_print(FILE *f, const struct ingest_report *r, const struct ingest_extract *x);

#endif
