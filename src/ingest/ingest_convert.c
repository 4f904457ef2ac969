/* ingest_convert.c - PDF, scanned PDF, .docx and text uploads to text. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest_convert.h"
#include "ingest_ocr.h"
#include "ingest_title.h"
#include "ingest_tool.h"

/* A rendered page (300 dpi, 8-bit grey, US letter: about 8.4 MB) and the
 * XML of a .docx are bounded by these. */
#define OCR_PAGE_IMAGE_MAX (64UL * 1024 * 1024)
#define DOCX_XML_MAX (64UL * 1024 * 1024)
#define OCR_PAGE_TSV_MAX (16UL * 1024 * 1024)

static bool on_path(const char *tool)
{
	const char *path = getenv("PATH");
	char full[4096];

	while(path && *path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);

		if(n &&
		   snprintf(full, sizeof(full), "%.*s/%s", (int)n, path, tool) <
			   (int)sizeof(full) &&
		   access(full, X_OK) == 0)
			return true;
		path = colon ? colon + 1 : NULL;
	}
	return false;
}

bool ingest_ocr_available(void)
{
	return on_path("pdftoppm") && on_path("tesseract");
}

/* A private file with the bytes, unlinked at once (the descriptor keeps
 * them): tools that seek read it as their standard input. */
static int bytes_file(const char *bytes, size_t len)
{
	char path[] = "/tmp/linelead-convert-XXXXXX";
	int fd = mkostemp(path, O_CLOEXEC);
	size_t off = 0;

	if(fd < 0)
		return -1;
	unlink(path);
	while(off < len) {
		ssize_t n = write(fd, bytes + off, len - off);

		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if(lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* pdfinfo's "Pages:" and "Encrypted:" lines.  False when pdfinfo cannot
 * read the file at all (broken, or it needs a password). */
static bool pdf_info(int fd, int *pages, bool *encrypted)
{
	char *argv[] = { "pdfinfo", "-", NULL };
	struct buf info;
	const char *s;
	bool ok;

	*pages = 0;
	*encrypted = false;
	buf_init(&info, 1024 * 1024);
	ok = lseek(fd, 0, SEEK_SET) == 0 && ingest_run_tool(argv, fd, &info) == LL_OK;
	for(s = ok ? buf_str(&info) : NULL; s && *s;) {
		if(strncmp(s, "Pages:", 6) == 0)
			*pages = (int)strtol(s + 6, NULL, 10);
		else if(strncmp(s, "Encrypted:", 10) == 0)
			*encrypted = strstr(s, "yes") && strstr(s, "yes") < strchr(s, '\n');
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	buf_free(&info);
	return ok;
}

static size_t visible_chars(const char *s, size_t len)
{
	size_t n = 0;

	for(size_t i = 0; i < len; i++)
		n += isspace((unsigned char)s[i]) ? 0 : 1;
	return n;
}

/* One page through pdftoppm (300 dpi grey) and tesseract (English, each
 * word with its box), laid out as pdftotext would (ingest_ocr_layout). */
static ll_result ocr_page(int fd, int page, struct buf *text)
{
	char num[16];
	char *ppm[] = { "pdftoppm", "-r", "300", "-gray", "-f", num, "-l", num, "-", NULL };
	char *tess[] = { "env",       "OMP_THREAD_LIMIT=1",
			 "tesseract", "stdin",
			 "stdout",    "-l",
			 "eng",       "--psm",
			 "4",         "tsv",
			 NULL };
	struct buf image, tsv;
	int img_fd = -1;
	ll_result result;

	snprintf(num, sizeof(num), "%d", page);
	buf_init(&image, OCR_PAGE_IMAGE_MAX);
	buf_init(&tsv, OCR_PAGE_TSV_MAX);
	result = lseek(fd, 0, SEEK_SET) == 0 ? ingest_run_tool(ppm, fd, &image) : LL_EIO;
	if(result)
		goto out;
	img_fd = bytes_file(image.len ? buf_str(&image) : "", image.len);
	if(img_fd < 0) {
		result = LL_EIO;
		goto out;
	}
	result = ingest_run_tool(tess, img_fd, &tsv);
	if(!result)
		result = ingest_ocr_layout(tsv.len ? buf_str(&tsv) : "", tsv.len, text);
	if(!result)
		result = buf_append(text, "\f", 1);
out:
	if(img_fd >= 0)
		close(img_fd);
	buf_free(&tsv);
	buf_free(&image);
	return result;
}

static ll_result pdf_ocr(const struct ingest_upload *up, int fd, int pages, struct buf *text,
			 const char **why)
{
	ll_result result = LL_OK;

	if(pages > INGEST_OCR_MAX_PAGES) {
		*why = "this scanned PDF has more pages than OCR reads (at most " LL_STR(
			INGEST_OCR_MAX_PAGES) "): split it";
		return LL_ETOOLARGE;
	}
	for(int p = 1; p <= pages && !result; p++) {
		result = ocr_page(fd, p, text);
		if(!result && up->progress)
			up->progress(up->progress_ctx, p, pages);
	}
	if(result == LL_EIO)
		*why = "OCR (pdftoppm, tesseract) could not read this scanned PDF";
	else if(result == LL_ETOOLARGE)
		*why = "the text read from this scanned PDF is over max_document_bytes";
	return result;
}

/* A PDF: refused by name when broken or locked, read by pdftotext, and by
 * OCR when it has no text layer. */
static ll_result pdf_text(const struct ingest_upload *up, int fd, struct buf *text,
			  struct ingest_extract *x, const char **why)
{
	bool encrypted;
	size_t before = text->len;
	ll_result result;

	if(!pdf_info(fd, &x->pages, &encrypted)) {
		*why = memmem(up->bytes, up->len, "/Encrypt", 8)
			       ? "the PDF is encrypted (password-protected): save an unprotected "
				 "copy and upload that"
			       : "the PDF is broken or not a PDF (pdfinfo cannot read it)";
		return LL_EVALIDATION;
	}
	if(x->pages > INGEST_MAX_PAGES) {
		*why = "the PDF has too many pages (at most " LL_STR(INGEST_MAX_PAGES) ")";
		return LL_ETOOLARGE;
	}
	result = ingest_pdf_text_fd(fd, text);
	if(result == LL_ETOOLARGE)
		*why = "the PDF's text is over max_document_bytes";
	else if(result)
		*why = encrypted ? "the PDF is encrypted and its text cannot be extracted"
				 : "the PDF could not be read (pdftotext failed)";
	if(result)
		return result == LL_ETOOLARGE ? result : LL_EVALIDATION;
	if(visible_chars(buf_str(text) + before, text->len - before) >=
	   (size_t)(x->pages > 0 ? x->pages : 1) * INGEST_SCAN_CHARS_PER_PAGE)
		return LL_OK;
	x->scanned = true;
	text->len = before;
	if(text->data)
		text->data[before] = '\0';
	if(!ingest_ocr_available()) {
		*why = "this PDF is a scan (its pages are pictures, no text layer) and OCR is not "
		       "installed "
		       "here (apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils): "
		       "upload a PDF with text";
		return LL_EVALIDATION;
	}
	if(!up->ocr_now)
		return LL_ECONFLICT;
	x->ocr = true;
	return pdf_ocr(up, fd, x->pages, text, why);
}

/* A .docx: its word/document.xml through unzip, then to Markdown. */
static ll_result docx_text(int fd, struct buf *text, const char **why)
{
	char *argv[] = { "unzip", "-p", "-qq", "/dev/stdin", "word/document.xml", NULL };
	struct buf xml;
	ll_result result;

	buf_init(&xml, DOCX_XML_MAX);
	result = lseek(fd, 0, SEEK_SET) == 0 ? ingest_run_tool(argv, fd, &xml) : LL_EIO;
	if(result) {
		*why = result == LL_ETOOLARGE ? "the Word document is too large"
					      : "the Word document could not be opened (is unzip "
						"installed? is it a .docx?)";
		result = result == LL_ETOOLARGE ? result : LL_EVALIDATION;
		goto out;
	}
	result = ingest_docx_markdown(buf_str(&xml), xml.len, text);
	if(result == LL_EINVAL) {
		*why = "the Word document has no text";
		result = LL_EVALIDATION;
	} else if(result == LL_ETOOLARGE)
		*why = "the Word document's text is over max_document_bytes";
out:
	buf_free(&xml);
	return result;
}

/* The kind to read the bytes as: what they are, a person's word deciding
 * only between Markdown and text (a PDF is a PDF whatever it is called). */
static ll_result upload_kind(const struct ingest_upload *up, enum ingest_kind *kind,
			     const char **why)
{
	enum ingest_kind hint = ingest_kind_hint(up->name, up->media_type);
	enum ingest_kind found =
		ingest_detect(up->bytes, up->len, up->forced ? up->forced : hint, why);

	*kind = found;
	if(found == INGEST_KIND_UNKNOWN) {
		if(!*why)
			*why = "not a format Line Lead reads (Markdown, text, PDF or .docx)";
		return LL_EVALIDATION;
	}
	/* named or declared a PDF or .docx, and not one: the wrong file */
	if(((up->forced == INGEST_KIND_PDF || up->forced == INGEST_KIND_DOCX) &&
	    found != up->forced) ||
	   (!up->forced && (hint == INGEST_KIND_PDF || hint == INGEST_KIND_DOCX) &&
	    found != hint)) {
		*why = (up->forced ? up->forced : hint) == INGEST_KIND_PDF
			       ? "the upload is not a PDF (it does not start with %PDF-)"
			       : "the upload is not a Word .docx document";
		return LL_EVALIDATION;
	}
	if((up->forced == INGEST_KIND_MARKDOWN || up->forced == INGEST_KIND_TEXT) &&
	   (found == INGEST_KIND_MARKDOWN || found == INGEST_KIND_TEXT))
		*kind = up->forced;
	return LL_OK;
}

ll_result ingest_upload_text(const struct ingest_upload *up, struct buf *text,
			     struct ingest_extract *x, const char **why)
{
	int fd = up->fd;
	ll_result result;

	memset(x, 0, sizeof(*x));
	*why = NULL;
	result = upload_kind(up, &x->kind, why);
	if(result)
		return result;
	x->format = x->kind == INGEST_KIND_MARKDOWN || x->kind == INGEST_KIND_DOCX ? INGEST_MARKDOWN
										   : INGEST_TEXT;
	if(x->kind == INGEST_KIND_MARKDOWN || x->kind == INGEST_KIND_TEXT) {
		result = buf_append(text, up->bytes, up->len);
		if(result == LL_ETOOLARGE)
			*why = "the document is over max_document_bytes";
		return result;
	}
	if(fd < 0 && (fd = bytes_file(up->bytes, up->len)) < 0)
		return LL_EIO;
	if(x->kind == INGEST_KIND_PDF)
		result = pdf_text(up, fd, text, x, why);
	else
		result = docx_text(fd, text, why);
	if(fd != up->fd)
		close(fd);
	return result;
}

ll_result ingest_upload_store(struct db *db, struct arena *arena, const struct ingest_upload *up,
			      struct ingest_doc *doc, struct ingest_report *rep,
			      struct ingest_extract *x, const char **why)
{
	struct buf text;
	ll_result result;

	memset(rep, 0, sizeof(*rep));
	buf_init(&text, up->max_bytes);
	result = ingest_upload_text(up, &text, x, why);
	if(result)
		goto out;
	doc->content = text.len ? buf_str(&text) : "";
	doc->len = text.len;
	doc->format = x->format;
	result = ingest_document(db, arena, doc, rep, why);
out:
	buf_free(&text);
	return result;
}

/* ---------------------------------------------------------------- files */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Reads a whole regular file, refusing past max bytes. */
static ll_result read_file(const char *path, size_t max, struct buf *out, char *err, size_t errlen)
{
	struct stat st;
	char chunk[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ll_result result = LL_OK;

	if(fd < 0) {
		snprintf(err, errlen, "cannot read: %s", strerror(errno));
		return LL_EIO;
	}
	if(fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		result = LL_EIO;
		goto out;
	}
	if((unsigned long long)st.st_size > max) {
		snprintf(err, errlen,
			 "too large: %lld bytes, the limit (max_document_bytes) is %zu",
			 (long long)st.st_size, max);
		result = LL_ETOOLARGE;
		goto out;
	}
	for(;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if(n < 0 && errno == EINTR)
			continue;
		if(n < 0) {
			snprintf(err, errlen, "cannot read: %s", strerror(errno));
			result = LL_EIO;
			break;
		}
		if(n == 0)
			break;
		if(buf_append(out, chunk, (size_t)n)) {
			snprintf(err, errlen, "too large: the limit (max_document_bytes) is %zu",
				 max);
			result = LL_ETOOLARGE;
			break;
		}
	}
out:
	close(fd);
	return result;
}

/* The text of the file at path, whatever its format (ingest_upload_text):
 * the raw bytes are read up to 8 x max_bytes (a PDF's or .docx's text is
 * much smaller than the file); the text is bounded by max_bytes. */
static ll_result file_text(const char *path, const struct ingest_options *opt, struct buf *content,
			   struct ingest_extract *x, char *err, size_t errlen)
{
	struct buf raw;
	struct ingest_upload up;
	const char *why = NULL;
	int fd = -1;
	ll_result result;

	buf_init(&raw, 8 * opt->max_bytes);
	result = read_file(path, 8 * opt->max_bytes, &raw, err, errlen);
	if(result)
		goto out;
	if(raw.len == 0) {
		snprintf(err, errlen, "the file is empty");
		result = LL_EVALIDATION;
		goto out;
	}
	memset(&up, 0, sizeof(up));
	up.fd = fd = open(path, O_RDONLY | O_CLOEXEC);
	up.bytes = buf_str(&raw);
	up.len = raw.len;
	up.name = base_name(path);
	up.forced = opt->format;
	up.max_bytes = opt->max_bytes;
	up.ocr_now = true;
	up.progress = opt->progress;
	up.progress_ctx = opt->progress_ctx;
	result = ingest_upload_text(&up, content, x, &why);
	if(result)
		snprintf(err, errlen, "%s",
			 why                      ? why
			 : result == LL_ETOOLARGE ? "over max_document_bytes"
						  : "the file could not be read");
out:
	if(fd >= 0)
		close(fd);
	buf_free(&raw);
	return result;
}

/* The title of the manual at path (its text body[0..len) after the
 * header meta was read from): the one given, the header's, the first
 * Markdown H1, a PDF's own Title, the title a text or PDF manual shows on
 * its first lines, else the file name without extension. */
static void file_title(const char *path, const struct ingest_options *opt,
		       const struct ingest_meta *meta, const struct ingest_extract *x,
		       const char *body, size_t len, char *title, size_t size)
{
	const char *h1 = x->format == INGEST_MARKDOWN ? strstr(body, "# ") : NULL;
	const char *b, *dot;

	if(opt->title) {
		snprintf(title, size, "%s", opt->title);
		return;
	}
	if(meta->title[0]) {
		snprintf(title, size, "%s", meta->title);
		return;
	}
	if(h1 && (h1 == body || h1[-1] == '\n')) {
		const char *nl = strchr(h1, '\n');
		size_t n = nl ? (size_t)(nl - h1 - 2) : strlen(h1 + 2);

		ingest_copy_trimmed(title, size, h1 + 2, n);
		return;
	}
	if(x->kind == INGEST_KIND_PDF && ingest_pdf_title(path, title, size))
		return;
	if(x->format == INGEST_TEXT && ingest_title_from_text(body, len, title, size))
		return;
	b = base_name(path);
	dot = strrchr(b, '.');
	ingest_copy_trimmed(title, size, b, dot ? (size_t)(dot - b) : strlen(b));
}

ll_result ingest_file(struct db *db, struct arena *arena, const char *path,
		      const struct ingest_options *opt, struct ingest_report *report, char *err,
		      size_t errlen)
{
	struct buf content;
	struct ingest_meta meta;
	struct ingest_doc doc;
	struct ingest_extract xlocal, *x = opt->extract ? opt->extract : &xlocal;
	enum ingest_format format;
	size_t off = 0;
	const char *why = NULL;
	char title[INGEST_TITLE_MAX + 1];
	ll_result result;

	buf_init(&content, opt->max_bytes);
	memset(report, 0, sizeof(*report));
	result = file_text(path, opt, &content, x, err, errlen);
	if(result)
		goto out;
	format = x->format;
	ingest_parse_header(buf_str(&content), content.len, &meta, &off);
	file_title(path, opt, &meta, x, buf_str(&content) + off, content.len - off, title,
		   sizeof(title));
	memset(&doc, 0, sizeof(doc));
	doc.title = title;
	doc.category = opt->category      ? opt->category
		       : meta.category[0] ? meta.category
					  : ingest_guess_category(title, buf_str(&content) + off);
	doc.source = opt->source ? opt->source : meta.source[0] ? meta.source : base_name(path);
	doc.source_key = opt->source ? opt->source : base_name(path);
	doc.content = buf_str(&content) + off;
	doc.len = content.len - off;
	doc.format = format;
	{
		const char **tags =
			arena_alloc(arena, (size_t)(meta.nemergency + 1) * sizeof(*tags));

		if(!tags) {
			result = LL_ENOMEM;
			goto out;
		}
		for(int t = 0; t < meta.nemergency; t++)
			tags[t] = meta.emergency[t];
		doc.emergency = tags;
		doc.nemergency = meta.nemergency;
	}
	result = ingest_document(db, arena, &doc, report, &why);
	if(result == LL_EVALIDATION)
		snprintf(err, errlen, "%s", why ? why : "invalid document");
	else if(result == LL_EDB)
		snprintf(err, errlen, "database error: %s", db->last_error);
	else if(result)
		snprintf(err, errlen, "failed (%d)", (int)result);
out:
	buf_free(&content);
	return result;
}
