/* ingest_report.c - the ingest report for the manager who uploaded a manual. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_report.h"

/* Lists shown in full up to this many entries in the CLI. */
#define REPORT_PRINT_MAX 12

static struct json_object *string_array(const char *const *items, int n)
{
	struct json_object *arr = json_object_new_array();

	for(int i = 0; i < n; i++)
		json_object_array_add(arr, json_object_new_string(items[i]));
	return arr;
}

/* What a manager should look at before the crew relies on the manual. */
static struct json_object *doubtful_json(const struct ingest_report *r,
					 const struct ingest_extract *x)
{
	struct json_object *arr = json_object_new_array();
	char line[512];

	if(x->ocr)
		json_object_array_add(
			arr, json_object_new_string("read by OCR from a scanned PDF: check figures "
						    "and fault codes against the paper manual"));
	if(r->untitled)
		json_object_array_add(
			arr, json_object_new_string(
				     "text before the first heading is filed under no section"));
	for(int i = 0; i < r->nthin; i++) {
		snprintf(line, sizeof(line), "section \"%s\" holds almost no text", r->thin[i]);
		json_object_array_add(arr, json_object_new_string(line));
	}
	if(r->sections <= 1 && r->chunks > 2)
		json_object_array_add(
			arr,
			json_object_new_string(
				"no headings were recognised: the whole manual is one section"));
	return arr;
}

struct json_object *ingest_report_json(const struct ingest_report *r,
				       const struct ingest_extract *x)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "format", json_object_new_string(ingest_kind_name(x->kind)));
	json_object_object_add(o, "pages", json_object_new_int(x->pages));
	json_object_object_add(o, "ocr", json_object_new_boolean(x->ocr));
	json_object_object_add(o, "sections", json_object_new_int(r->sections));
	json_object_object_add(o, "section_names", string_array(r->names, r->nnames));
	json_object_object_add(o, "tables", json_object_new_int(r->tables));
	json_object_object_add(o, "fault_codes", string_array(r->codes, r->ncodes));
	json_object_object_add(o, "warnings", json_object_new_int(r->warnings));
	json_object_object_add(o, "steps", json_object_new_int(r->steps));
	json_object_object_add(o, "dropped_lines", json_object_new_int(r->dropped_lines));
	json_object_object_add(o, "doubtful", doubtful_json(r, x));
	return o;
}

void ingest_report_print(FILE *f, const struct ingest_report *r, const struct ingest_extract *x)
{
	struct json_object *doubt = doubtful_json(r, x);
	size_t nd = json_object_array_length(doubt);

	fprintf(f, "  read as %s", ingest_kind_name(x->kind));
	if(x->pages)
		fprintf(f, " (%d page%s%s)", x->pages, x->pages == 1 ? "" : "s",
			x->ocr ? ", by OCR" : "");
	fprintf(f,
		": %d tables, %d fault codes, %d warnings, %d steps; %d lines of page furniture "
		"dropped\n",
		r->tables, r->ncodes, r->warnings, r->steps, r->dropped_lines);
	for(int i = 0; i < r->nnames && i < REPORT_PRINT_MAX; i++)
		fprintf(f, "  section: %s\n", r->names[i]);
	if(r->nnames > REPORT_PRINT_MAX)
		fprintf(f, "  ... and %d more sections\n", r->nnames - REPORT_PRINT_MAX);
	if(r->ncodes) {
		fprintf(f, "  fault codes:");
		for(int i = 0; i < r->ncodes && i < 3 * REPORT_PRINT_MAX; i++)
			fprintf(f, " %.*s", (int)strcspn(r->codes[i], ":. \xe2"), r->codes[i]);
		fprintf(f, "\n");
	}
	for(size_t i = 0; i < nd; i++)
		fprintf(f, "  doubtful: %s\n",
			json_object_get_string(json_object_array_get_idx(doubt, i)));
	json_object_put(doubt);
}
