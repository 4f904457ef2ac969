/* test_ingest_report.c - ingest/ingest_report: what a manager who uploaded
 * a manual is told (the upload's JSON and the CLI's lines): what was found,
 * and what to check before the crew relies on it - a scan read by OCR, text
 * under no heading, a section with almost no text, no headings at all. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "ingest_report.h"

#include "../tap.h"

static const char *names[] = {"Cleaning", "Error codes", "E4: Probe open", "Warranty"};
static const char *codes[] = {"E4: Probe open"};
static const char *thin[] = {"Warranty"};

static int doubtful_count(struct json_object *o)
{
	return (int)json_object_array_length(json_object_object_get(o, "doubtful"));
}

static void test_json(void)
{
	struct ingest_report r = {.sections = 4,
	                          .chunks = 6,
	                          .tables = 1,
	                          .warnings = 2,
	                          .steps = 9,
	                          .dropped_lines = 3,
	                          .names = names,
	                          .nnames = 4,
	                          .codes = codes,
	                          .ncodes = 1};
	struct ingest_extract x = {.kind = INGEST_KIND_PDF, .format = INGEST_TEXT, .pages = 12};
	struct json_object *o = ingest_report_json(&r, &x);

	CHECK(strcmp(json_object_get_string(json_object_object_get(o, "format")), "pdf") == 0 &&
	              json_object_get_int(json_object_object_get(o, "pages")) == 12 &&
	              json_object_get_int(json_object_object_get(o, "steps")) == 9 &&
	              json_object_array_length(json_object_object_get(o, "section_names")) == 4 &&
	              strcmp(json_object_get_string(json_object_array_get_idx(
	                             json_object_object_get(o, "fault_codes"), 0)),
	                     "E4: Probe open") == 0,
	      "the report names the format, pages, steps, sections and fault codes");
	CHECK(doubtful_count(o) == 0, "a clean manual has nothing doubtful");
	json_object_put(o);
	x.ocr = true;
	x.scanned = true;
	r.untitled = 1;
	r.thin = thin;
	r.nthin = 1;
	o = ingest_report_json(&r, &x);
	CHECK(doubtful_count(o) == 3 && strstr(json_object_to_json_string(o), "OCR") &&
	              strstr(json_object_to_json_string(o), "Warranty"),
	      "a scan, text under no heading and a thin section are doubtful");
	json_object_put(o);
	r = (struct ingest_report){.sections = 1, .chunks = 8};
	x = (struct ingest_extract){.kind = INGEST_KIND_TEXT};
	o = ingest_report_json(&r, &x);
	CHECK(doubtful_count(o) == 1 && strstr(json_object_to_json_string(o), "no headings"),
	      "a long manual read as one section is doubtful");
	json_object_put(o);
}

static void test_print(void)
{
	struct ingest_report r = {.sections = 4,
	                          .chunks = 6,
	                          .names = names,
	                          .nnames = 4,
	                          .codes = codes,
	                          .ncodes = 1,
	                          .thin = thin,
	                          .nthin = 1};
	struct ingest_extract x = {.kind = INGEST_KIND_PDF, .pages = 1, .ocr = true};
	char out[2048];
	size_t n;
	FILE *f = tmpfile();

	if(!f)
		return;
	ingest_report_print(f, &r, &x);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	CHECK(strstr(out, "read as pdf (1 page, by OCR)") && strstr(out, "section: Cleaning") &&
	              strstr(out, "fault codes: E4\n") &&
	              strstr(out, "doubtful: section \"Warranty\""),
	      "the CLI prints the same for a person, a code by its name only");
}

int main(void)
{
	test_json();
	test_print();
	return TAP_DONE();
}
