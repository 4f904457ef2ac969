/* test_ingest_tool.c - ingest/ingest_tool: the outside programs the ingest
 * runs on an upload (fork/exec, no shell, under limits): their output read,
 * a failure or a missing tool an error, output past the limit refused, an
 * upload's bytes on standard input, a PDF's text. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ingest_tool.h"

#include "../tap.h"

static ll_result run(char *const argv[], int in_fd, struct buf *out)
{
	buf_reset(out);
	return ingest_run_tool(argv, in_fd, out);
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	char path[512];
	struct buf out, small;
	FILE *in = tmpfile();

	buf_init(&out, 1 << 20);
	buf_init(&small, 8);
	CHECK(run((char *[]){"echo", "fryer; rm -rf /", NULL}, -1, &out) == LL_OK &&
	              strcmp(buf_str(&out), "fryer; rm -rf /\n") == 0,
	      "a tool's output is read; its arguments never reach a shell");
	CHECK(run((char *[]){"false", NULL}, -1, &out) == LL_EIO, "a tool that fails: LL_EIO");
	CHECK(run((char *[]){"no-such-tool-linelead", NULL}, -1, &out) == LL_EIO,
	      "a tool that is not installed: LL_EIO");
	CHECK(ingest_run_tool((char *[]){"echo", "more than eight bytes", NULL}, -1, &small) ==
	              LL_ETOOLARGE,
	      "output past the buffer's limit: LL_ETOOLARGE");
	if(in && fputs("descale weekly\n", in) >= 0 && fflush(in) == 0 &&
	   fseek(in, 0, SEEK_SET) == 0)
		CHECK(run((char *[]){"cat", NULL}, fileno(in), &out) == LL_OK &&
		              strcmp(buf_str(&out), "descale weekly\n") == 0,
		      "the upload is the tool's standard input");
	CHECK(run((char *[]){"cat", NULL}, -1, &out) == LL_OK && out.len == 0,
	      "without one, standard input is empty (/dev/null)");
	snprintf(path, sizeof(path), "%s/tests/data/manuals/solvane-fx8-fountain-dispenser.pdf",
	         data_dir ? data_dir : ".");
	if(access(path, R_OK) == 0 && system("command -v pdftotext >/dev/null 2>&1") == 0) {
		buf_reset(&out);
		CHECK(ingest_pdf_text(path, &out) == LL_OK && strstr(buf_str(&out), "Solvane FX-8"),
		      "a PDF's text through pdftotext -layout");
		buf_reset(&out);
		CHECK(ingest_pdf_text("/nonexistent.pdf", &out) != LL_OK, "a missing PDF fails");
	} else
		printf("# SKIP PDF: pdftotext or the test manual is missing\n");
	if(in)
		fclose(in);
	buf_free(&out);
	buf_free(&small);
	return TAP_DONE();
}
