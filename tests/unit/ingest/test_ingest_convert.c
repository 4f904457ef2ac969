/* test_ingest_convert.c - ingest/ingest_convert: an upload's bytes to the
 * text the parser reads, whatever way it arrives: Markdown as it is, a PDF
 * through pdftotext (its pages counted), a .docx as Markdown, and the
 * refusals a person sees: a broken PDF, bytes that are no manual, a text
 * over the size limit. */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "ingest_convert.h"

#include "../tap.h"

static ll_result convert(const char *bytes, size_t len, int fd, struct buf *text,
                         struct ingest_extract *x, const char **why)
{
	struct ingest_upload up = {.fd = fd, .bytes = bytes, .len = len, .max_bytes = 1 << 20};

	buf_reset(text);
	*why = NULL;
	return ingest_upload_text(&up, text, x, why);
}

/* Converts the file at path as an upload of its bytes (and descriptor). */
static ll_result convert_file(const char *path, struct buf *text, struct ingest_extract *x,
                              const char **why)
{
	struct buf bytes;
	int fd = open(path, O_RDONLY);
	ll_result result = LL_EIO;

	buf_init(&bytes, 16 << 20);
	if(fd >= 0 && buf_read_file(&bytes, path) == LL_OK)
		result = convert(buf_str(&bytes), bytes.len, fd, text, x, why);
	if(fd >= 0)
		close(fd);
	buf_free(&bytes);
	return result;
}

static void test_markdown(struct buf *text)
{
	static const char md[] = "# Fryer\n\n## Filtering\n\n1. Turn the fryer off.\n";
	struct ingest_upload up = {.fd = -1, .bytes = md, .len = sizeof(md) - 1, .max_bytes = 16};
	struct ingest_extract x;
	struct buf small;
	const char *why;

	CHECK(convert(md, sizeof(md) - 1, -1, text, &x, &why) == LL_OK &&
	              strcmp(buf_str(text), md) == 0 && x.kind == INGEST_KIND_MARKDOWN &&
	              x.format == INGEST_MARKDOWN && x.pages == 0,
	      "Markdown is read as it is");
	buf_init(&small, 16); /* the text's limit: max_document_bytes */
	CHECK(ingest_upload_text(&up, &small, &x, &why) == LL_ETOOLARGE && why && small.len == 0,
	      "over max_document_bytes: LL_ETOOLARGE, saying why (%s), nothing kept",
	      why ? why : "");
	buf_free(&small);
	CHECK(convert("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, -1, text, &x, &why) == LL_EVALIDATION &&
	              why,
	      "an image is not a manual: LL_EVALIDATION (%s)", why ? why : "");
}

static void test_pdf(struct buf *text, const char *data_dir)
{
	static const char broken[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
	char path[512];
	struct ingest_extract x;
	const char *why;

	snprintf(path, sizeof(path), "%s/tests/data/manuals/solvane-fx8-fountain-dispenser.pdf",
	         data_dir);
	CHECK(convert_file(path, text, &x, &why) == LL_OK && x.kind == INGEST_KIND_PDF &&
	              x.pages == 8 && !x.scanned && strstr(buf_str(text), "Fountain Dispenser"),
	      "a PDF is read through pdftotext: %d pages, its words", x.pages);
	CHECK(convert(broken, sizeof(broken) - 1, -1, text, &x, &why) == LL_EVALIDATION && why,
	      "a broken PDF: LL_EVALIDATION (%s)", why ? why : "");
}

/* A .docx of one heading and one step, zipped by zip(1) in dir. */
static int make_docx(const char *dir, char *path, size_t len)
{
	static const char xml[] =
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
	        "main\"><w:body><w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>"
	        "Descaling</w:t></w:r></w:p><w:p><w:r><w:t>Pour the descaler into the reservoir."
	        "</w:t></w:r></w:p></w:body></w:document>";
	char cmd[512], file[256];
	FILE *f;

	snprintf(file, sizeof(file), "%s/word", dir);
	if(mkdir(file, 0700) != 0)
		return -1;
	snprintf(file, sizeof(file), "%s/word/document.xml", dir);
	f = fopen(file, "w");
	if(!f)
		return -1;
	fputs(xml, f);
	fclose(f);
	snprintf(path, len, "%s/manual.docx", dir);
	snprintf(cmd, sizeof(cmd), "cd %s && zip -q manual.docx word/document.xml", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_docx(struct buf *text)
{
	char dir[] = "/tmp/linelead-test-convert.XXXXXX", path[256], cmd[128];
	struct ingest_extract x;
	const char *why;
	bool made;

	if(system("command -v zip >/dev/null 2>&1") != 0) {
		printf("# SKIP .docx: zip(1) is not installed\n");
		return;
	}
	made = mkdtemp(dir) && make_docx(dir, path, sizeof(path)) == 0;
	CHECK(made && convert_file(path, text, &x, &why) == LL_OK && x.kind == INGEST_KIND_DOCX &&
	              x.format == INGEST_MARKDOWN && strstr(buf_str(text), "# Descaling") &&
	              strstr(buf_str(text), "Pour the descaler"),
	      "a .docx is read as Markdown, its heading a heading");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if(system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	const char *data_dir = getenv("LINELEAD_DATA_DIR");
	struct buf text;

	buf_init(&text, 1 << 20);
	test_markdown(&text);
	if(system("command -v pdftotext >/dev/null 2>&1") == 0 && data_dir)
		test_pdf(&text, data_dir);
	else
		printf("# SKIP PDF: pdftotext (poppler-utils) is not installed\n");
	test_docx(&text);
	buf_free(&text);
	return TAP_DONE();
}
