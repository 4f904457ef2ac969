/* ingest.c - header, sections, chunks; files and PDFs; one transaction. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <openssl/sha.h>

#include "ingest.h"
#include "store.h"

#define MAX_SECTION_LEN 300
#define PDF_TIMEOUT_S 30

/* ---------------------------------------------------------------- header */

static void copy_value(char *dst, size_t dstlen, const char *s, size_t len)
{
	while(len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while(len && isspace((unsigned char)s[len - 1]))
		len--;
	if(len >= dstlen)
		len = dstlen - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

void ingest_parse_header(const char *text, size_t len, struct ingest_meta *meta, size_t *body_off)
{
	size_t pos = 0;
	bool any = false;

	memset(meta, 0, sizeof(*meta));
	*body_off = 0;
	/* a UTF-8 byte order mark */
	if(len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while(pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		const char *colon = memchr(line, ':', ll);
		size_t keylen;

		if(ll == 0 || (ll == 1 && line[0] == '\r')) {
			if(any)
				*body_off = pos + ll + (nl ? 1 : 0);
			return;
		}
		if(!colon)
			break;
		keylen = (size_t)(colon - line);
		if(keylen == 5 && strncasecmp(line, "title", 5) == 0)
			copy_value(meta->title, sizeof(meta->title), colon + 1, ll - keylen - 1);
		else if(keylen == 8 && strncasecmp(line, "category", 8) == 0)
			copy_value(meta->category, sizeof(meta->category), colon + 1, ll - keylen - 1);
		else if(keylen == 6 && strncasecmp(line, "source", 6) == 0)
			copy_value(meta->source, sizeof(meta->source), colon + 1, ll - keylen - 1);
		else
			break;
		any = true;
		pos += ll + (nl ? 1 : 0);
	}
	/* not a header block after all (or no blank line after it) */
	if(pos >= len && any) {
		*body_off = len;
		return;
	}
	memset(meta, 0, sizeof(*meta));
	*body_off = 0;
}

bool ingest_category_valid(const char *c)
{
	static const char *const names[] = {"equipment", "safety", "operations", "training", "general", NULL};

	for(int i = 0; c && names[i]; i++)
		if(strcmp(c, names[i]) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------- blocks */

enum block_kind { BLOCK_PARA, BLOCK_STEPS, BLOCK_BULLETS };

struct block {
	enum block_kind kind;
	int section;
	const char *text;        /* arena copy, lines joined by \n */
	int words;
};

struct parse {
	struct arena *a;
	struct block *blocks;
	size_t nblocks, cap;
	const char **sections;   /* labels */
	int nsections, seccap;
	bool *section_used;
};

static int count_words(const char *s, size_t len)
{
	int n = 0;
	bool in = false;

	for(size_t i = 0; i < len; i++) {
		bool sp = isspace((unsigned char)s[i]) != 0;

		if(!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

static bool line_is_step(const char *s, size_t len)
{
	size_t i = 0;

	while(i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 1 < len && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

static bool line_is_bullet(const char *s, size_t len)
{
	return len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ';
}

/* Plain text headings: ALL-CAPS lines and "Section 4 ..." lines. */
static bool line_is_text_heading(const char *s, size_t len)
{
	int upper = 0;

	if(len == 0 || len > 80)
		return false;
	if((len > 8 && strncasecmp(s, "section ", 8) == 0 && isdigit((unsigned char)s[8])) ||
	   (len > 8 && strncasecmp(s, "chapter ", 8) == 0 && isdigit((unsigned char)s[8])))
		return true;
	for(size_t i = 0; i < len; i++) {
		if(islower((unsigned char)s[i]))
			return false;
		if(isupper((unsigned char)s[i]))
			upper++;
	}
	if(line_is_step(s, len) && !(isupper((unsigned char)s[3]) || isupper((unsigned char)s[4])))
		return false;
	return upper >= 3 && s[len - 1] != '.';
}

/* A line that defines an error or fault code: "F1 - Long freeze cycle.",
 * "E03: Platen over-temperature", "Code E5 - ...".  Returns the length of
 * its label (the code and its name, up to the first period), 0 otherwise.
 * Such a line opens a section of its own, so each code's meaning and its
 * steps land in one chunk labelled with the code. */
static size_t line_code_label(const char *s, size_t len)
{
	static const char *const prefixes[] = {"code ", "error ", "fault ", "alarm ", NULL};
	size_t i = 0, letters = 0, digits = 0, end;

	for(int k = 0; prefixes[k]; k++)
		if(len > strlen(prefixes[k]) && strncasecmp(s, prefixes[k], strlen(prefixes[k])) == 0) {
			i = strlen(prefixes[k]);
			break;
		}
	while(i < len && isupper((unsigned char)s[i]) && letters < 4) {
		i++;
		letters++;
	}
	if(i < len && s[i] == '-')
		i++;
	while(i < len && isdigit((unsigned char)s[i]) && digits < 5) {
		i++;
		digits++;
	}
	if(letters == 0 || digits == 0 || (i < len && isalnum((unsigned char)s[i])))
		return 0;
	while(i < len && s[i] == ' ')
		i++;
	if(i >= len)
		return 0;
	if(s[i] == ':' || s[i] == '-')
		i++;
	else if(len - i >= 3 && (memcmp(s + i, "\xe2\x80\x93", 3) == 0 || memcmp(s + i, "\xe2\x80\x94", 3) == 0))
		i += 3;
	else
		return 0;
	for(end = i; end < len && end < 100 && s[end] != '.'; end++)
		;
	return end;
}

static ll_result section_add(struct parse *p, const char *label)
{
	if(p->nsections == p->seccap) {
		int cap = p->seccap ? p->seccap * 2 : 16;
		const char **s = arena_alloc(p->a, (size_t)cap * sizeof(*s));
		bool *u = arena_alloc(p->a, (size_t)cap * sizeof(*u));

		if(!s || !u)
			return LL_ENOMEM;
		if(p->nsections) {
			memcpy(s, p->sections, (size_t)p->nsections * sizeof(*s));
			memcpy(u, p->section_used, (size_t)p->nsections * sizeof(*u));
		}
		p->sections = s;
		p->section_used = u;
		p->seccap = cap;
	}
	p->sections[p->nsections] = label;
	p->section_used[p->nsections] = false;
	p->nsections++;
	return LL_OK;
}

static ll_result block_add(struct parse *p, enum block_kind kind, const char *text, size_t len)
{
	struct block *b;

	while(len && isspace((unsigned char)text[len - 1]))
		len--;
	if(len == 0)
		return LL_OK;
	if(p->nsections == 0) {
		ll_result r = section_add(p, "");

		if(r)
			return r;
	}
	if(p->nblocks == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct block *nb = arena_alloc(p->a, cap * sizeof(*nb));

		if(!nb)
			return LL_ENOMEM;
		if(p->nblocks)
			memcpy(nb, p->blocks, p->nblocks * sizeof(*nb));
		p->blocks = nb;
		p->cap = cap;
	}
	b = &p->blocks[p->nblocks++];
	b->kind = kind;
	b->section = p->nsections - 1;
	b->text = arena_strndup(p->a, text, len);
	b->words = count_words(text, len);
	p->section_used[b->section] = true;
	return b->text ? LL_OK : LL_ENOMEM;
}

/* The heading path "H2 > H3" (H1 when the section sits right under it). */
static ll_result heading_set(struct parse *p, char heads[3][MAX_SECTION_LEN], int level,
                             const char *text, size_t len)
{
	char label[3 * MAX_SECTION_LEN + 8];

	if(level > 3)
		level = 3;
	copy_value(heads[level - 1], MAX_SECTION_LEN, text, len);
	for(int i = level; i < 3; i++)
		heads[i][0] = '\0';
	if(heads[1][0] && heads[2][0])
		snprintf(label, sizeof(label), "%s > %s", heads[1], heads[2]);
	else if(heads[1][0])
		snprintf(label, sizeof(label), "%s", heads[1]);
	else if(heads[2][0])
		snprintf(label, sizeof(label), "%s", heads[2]);
	else
		snprintf(label, sizeof(label), "%s", heads[0]);
	{
		char *copy = arena_strdup(p->a, label);

		if(!copy)
			return LL_ENOMEM;
		return section_add(p, copy);
	}
}

/* Lines into sections and blocks.  A numbered list is one block even with
 * blank lines between its steps; an indented line continues a list item. */
static ll_result parse_blocks(struct parse *p, const char *text, size_t len, enum ingest_format fmt)
{
	char heads[3][MAX_SECTION_LEN] = {"", "", ""};
	size_t pos = 0, bstart = 0, bend = 0;
	bool open = false, prev_blank = true;
	enum block_kind kind = BLOCK_PARA;
	ll_result result = LL_OK;

	while(pos < len && !result) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		size_t next = pos + ll + (nl ? 1 : 0);
		size_t indent = 0, tl;
		const char *t;

		while(indent < ll && (line[indent] == ' ' || line[indent] == '\t'))
			indent++;
		t = line + indent;
		tl = ll - indent;
		while(tl && (t[tl - 1] == '\r' || t[tl - 1] == ' ' || t[tl - 1] == '\t'))
			tl--;
		if(tl == 0) {
			/* a blank line ends a paragraph; a list waits for its next item */
			if(open && kind == BLOCK_PARA) {
				result = block_add(p, kind, text + bstart, bend - bstart);
				open = false;
			}
			prev_blank = true;
			pos = next;
			continue;
		}
		{
			int level = 0;
			bool heading = false;

			if(fmt == INGEST_MARKDOWN && t[0] == '#') {
				while(level < (int)tl && t[level] == '#')
					level++;
				heading = level <= 6 && (size_t)level < tl && t[level] == ' ';
			} else if(fmt == INGEST_TEXT && prev_blank && !line_is_bullet(t, tl) &&
			          line_is_text_heading(t, tl)) {
				/* "3. FAULT CODES" is a numbered heading, not a step */
				heading = true;
				level = 2;
			}
			if(heading) {
				if(open)
					result = block_add(p, kind, text + bstart, bend - bstart);
				open = false;
				if(!result)
					result = heading_set(p, heads, level,
					                     fmt == INGEST_MARKDOWN ? t + level : t,
					                     fmt == INGEST_MARKDOWN ? tl - (size_t)level : tl);
				prev_blank = true;
				pos = next;
				continue;
			}
		}
		if(prev_blank && !line_is_step(t, tl) && !line_is_bullet(t, tl)) {
			size_t label = line_code_label(t, tl);

			if(label) {
				/* the line stays in the body; it also names the section */
				if(open)
					result = block_add(p, kind, text + bstart, bend - bstart);
				open = false;
				if(!result)
					result = heading_set(p, heads, 3, t, label);
				if(result)
					break;
			}
		}
		{
			bool step = line_is_step(t, tl), bullet = !step && line_is_bullet(t, tl);
			enum block_kind lk = step ? BLOCK_STEPS : bullet ? BLOCK_BULLETS : BLOCK_PARA;
			bool continues;

			if(!open)
				continues = false;
			else if(lk == kind && lk != BLOCK_PARA)
				continues = true;                       /* next item of the list */
			else if(lk == BLOCK_PARA && kind != BLOCK_PARA)
				continues = indent >= 2;                /* a wrapped item */
			else
				continues = lk == BLOCK_PARA && kind == BLOCK_PARA && !prev_blank;
			if(open && !continues) {
				result = block_add(p, kind, text + bstart, bend - bstart);
				open = false;
			}
			if(!open) {
				open = true;
				kind = lk;
				bstart = pos;
			}
			bend = pos + ll;
		}
		prev_blank = false;
		pos = next;
	}
	if(!result && open)
		result = block_add(p, kind, text + bstart, bend - bstart);
	return result;
}

/* ---------------------------------------------------------------- packing */

struct packer {
	struct arena *a;
	struct buf cur;
	int cur_words;
	int section;
	const char *overlap;      /* last sentence of the previous chunk, or NULL */
	struct ingest_chunk *items;
	size_t n, cap;
	const char **sections;
};

static ll_result chunk_emit(struct packer *k)
{
	struct ingest_chunk *c;

	if(k->cur_words == 0)
		return LL_OK;
	if(k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 32;
		struct ingest_chunk *ni = arena_alloc(k->a, cap * sizeof(*ni));

		if(!ni)
			return LL_ENOMEM;
		if(k->n)
			memcpy(ni, k->items, k->n * sizeof(*ni));
		k->items = ni;
		k->cap = cap;
	}
	c = &k->items[k->n++];
	c->section = k->sections[k->section];
	c->body = arena_strdup(k->a, buf_str(&k->cur));
	c->words = k->cur_words;
	buf_reset(&k->cur);
	k->cur_words = 0;
	return c->body ? LL_OK : LL_ENOMEM;
}

/* The last sentence of a paragraph, if short enough to repeat. */
static const char *last_sentence(struct arena *a, const char *para)
{
	size_t len = strlen(para), i = len;
	const char *s;

	while(i > 0 && (para[i - 1] == '.' || para[i - 1] == ' ' || para[i - 1] == '\n'))
		i--;
	while(i > 1 && !((para[i - 1] == ' ' || para[i - 1] == '\n') &&
	                 (para[i - 2] == '.' || para[i - 2] == '!' || para[i - 2] == '?')))
		i--;
	s = para + (i > 1 ? i : 0);
	if(count_words(s, strlen(s)) > INGEST_OVERLAP_MAX_WORDS)
		return NULL;
	return arena_strdup(a, s);
}

static ll_result pack_piece(struct packer *k, const char *text, int words, enum block_kind kind)
{
	ll_result result = LL_OK;

	if(k->cur_words > 0 && k->cur_words + words > INGEST_CHUNK_MAX_WORDS) {
		result = chunk_emit(k);
		if(!result && k->overlap) {
			result = buf_printf(&k->cur, "%s\n\n", k->overlap);
			k->cur_words = count_words(k->overlap, strlen(k->overlap));
		}
	}
	if(!result && k->cur.len)
		result = buf_appends(&k->cur, "\n\n");
	if(!result)
		result = buf_appends(&k->cur, text);
	k->cur_words += words;
	k->overlap = kind == BLOCK_PARA ? last_sentence(k->a, text) : NULL;
	return result;
}

/* A block longer than a chunk: split between list items, or between
 * sentences of a paragraph. */
static ll_result pack_long_block(struct packer *k, const struct block *b)
{
	const char *s = b->text;
	ll_result result = LL_OK;

	while(*s && !result) {
		const char *end = s, *cut = NULL;
		int words = 0;

		/* advance piece by piece (list item or sentence) until the limit */
		while(*end) {
			const char *next = end;

			if(b->kind == BLOCK_PARA) {
				while(*next && !((*next == '.' || *next == '!' || *next == '?') &&
				                 (next[1] == ' ' || next[1] == '\n')))
					next++;
				if(*next)
					next++;
			} else {
				const char *nl = next;

				for(;;) {
					nl = strchr(nl, '\n');
					if(!nl) {
						next = end + strlen(end);
						break;
					}
					nl++;
					{
						const char *t = nl;

						while(*t == ' ' || *t == '\t' || *t == '\n')
							t++;
						if(*t && ((b->kind == BLOCK_STEPS && line_is_step(t, strlen(t))) ||
						          (b->kind == BLOCK_BULLETS && line_is_bullet(t, strlen(t))))) {
							next = nl;
							break;
						}
					}
				}
			}
			{
				int w = count_words(end, (size_t)(next - end));

				if(words > 0 && words + w > INGEST_CHUNK_MAX_WORDS)
					break;
				words += w;
			}
			end = next;
			cut = end;
		}
		if(!cut)
			break;
		{
			char *piece = arena_strndup(k->a, s, (size_t)(cut - s));

			if(!piece) {
				result = LL_ENOMEM;
				break;
			}
			result = pack_piece(k, piece, words, b->kind);
		}
		s = cut;
		while(*s == ' ' || *s == '\n')
			s++;
	}
	return result;
}

ll_result ingest_chunk_text(struct arena *arena, const char *text, size_t len,
                            enum ingest_format format, struct ingest_chunks *out)
{
	struct parse p;
	struct packer k;
	ll_result result;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	memset(&k, 0, sizeof(k));
	p.a = arena;
	k.a = arena;
	buf_init(&k.cur, 1024 * 1024);
	result = parse_blocks(&p, text, len, format);
	if(result)
		goto out;
	if(p.nblocks == 0) {
		result = LL_EINVAL;
		goto out;
	}
	k.sections = p.sections;
	k.section = p.blocks[0].section;
	for(size_t i = 0; i < p.nblocks && !result; i++) {
		const struct block *b = &p.blocks[i];

		if(b->section != k.section) {
			result = chunk_emit(&k);
			k.section = b->section;
			k.overlap = NULL;
		}
		if(result)
			break;
		if(b->words > INGEST_CHUNK_MAX_WORDS)
			result = pack_long_block(&k, b);
		else
			result = pack_piece(&k, b->text, b->words, b->kind);
	}
	if(!result)
		result = chunk_emit(&k);
	if(result)
		goto out;
	out->items = k.items;
	out->count = k.n;
	for(int i = 0; i < p.nsections; i++)
		out->sections += p.section_used[i] ? 1 : 0;
out:
	buf_free(&k.cur);
	return result;
}

/* ---------------------------------------------------------------- storing */

static bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while(i < len) {
		unsigned char c = u[i];
		size_t n;

		if(c == 0)
			return false;
		if(c < 0x80) {
			i++;
			continue;
		}
		if((c & 0xE0) == 0xC0 && c >= 0xC2)
			n = 1;
		else if((c & 0xF0) == 0xE0)
			n = 2;
		else if((c & 0xF8) == 0xF0 && c <= 0xF4)
			n = 3;
		else
			return false;
		for(size_t k = 1; k <= n; k++)
			if(i + k >= len || (u[i + k] & 0xC0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

ll_result ingest_document(struct db *db, struct arena *arena, const struct ingest_doc *doc,
                          struct ingest_report *report, const char **why)
{
	struct ingest_chunks chunks;
	struct json_object *arr = NULL;
	unsigned char digest[SHA256_DIGEST_LENGTH];
	char hex[SHA256_DIGEST_LENGTH * 2 + 1];
	struct store_document sd;
	ll_result result;

	memset(report, 0, sizeof(*report));
	*why = NULL;
	if(!doc->title || !doc->title[0] || strlen(doc->title) > INGEST_TITLE_MAX) {
		*why = "the title must be 1-200 characters";
		result = LL_EVALIDATION;
		goto out;
	}
	if(!ingest_category_valid(doc->category)) {
		*why = "the category must be equipment, safety, operations, training or general";
		result = LL_EVALIDATION;
		goto out;
	}
	if(!utf8_valid(doc->content, doc->len)) {
		*why = "the content is not UTF-8 text (binary data or another encoding)";
		result = LL_EVALIDATION;
		goto out;
	}
	result = ingest_chunk_text(arena, doc->content, doc->len, doc->format, &chunks);
	if(result == LL_EINVAL) {
		*why = "the document is empty (no text to index)";
		result = LL_EVALIDATION;
	}
	if(result)
		goto out;
	arr = json_object_new_array();
	for(size_t i = 0; i < chunks.count; i++) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "section", json_object_new_string(chunks.items[i].section));
		json_object_object_add(o, "body", json_object_new_string(chunks.items[i].body));
		json_object_array_add(arr, o);
	}
	SHA256((const unsigned char *)doc->content, doc->len, digest);
	for(size_t i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	memset(&sd, 0, sizeof(sd));
	sd.title = doc->title;
	sd.category = doc->category;
	sd.source = doc->source;
	sd.source_key = doc->source_key;
	sd.content = arena_strndup(arena, doc->content, doc->len);
	sd.bytes = doc->len;
	sd.content_hash = hex;
	sd.chunk_count = (int)chunks.count;
	sd.chunks_json = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	if(!sd.content) {
		result = LL_ENOMEM;
		goto out;
	}
	result = store_document_replace(db, &sd, &report->document_id, &report->unchanged);
	if(result)
		goto out;
	report->sections = chunks.sections;
	report->chunks = (int)chunks.count;
out:
	if(arr)
		json_object_put(arr);
	return result;
}

/* ---------------------------------------------------------------- files */

ll_result ingest_pdf_text(const char *path, struct buf *out)
{
	int fds[2] = {-1, -1};
	pid_t pid = -1;
	char chunk[65536];
	time_t deadline = time(NULL) + PDF_TIMEOUT_S;
	int status = 0;
	ll_result result = LL_OK;

	if(pipe(fds) != 0) {
		result = LL_EIO;
		goto out;
	}
	pid = fork();
	if(pid < 0) {
		result = LL_EIO;
		goto out;
	}
	if(pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		dup2(fds[1], 1);
		if(devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 2);
		}
		close(fds[0]);
		close(fds[1]);
		execlp("pdftotext", "pdftotext", "-q", "-enc", "UTF-8", "-layout", path, "-", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	fds[1] = -1;
	for(;;) {
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if(left <= 0) {
			result = LL_EIO;
			break;
		}
		if(poll(&pfd, 1, left * 1000) <= 0) {
			if(errno == EINTR)
				continue;
			result = LL_EIO;
			break;
		}
		n = read(fds[0], chunk, sizeof(chunk));
		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0)
			break;
		result = buf_append(out, chunk, (size_t)n);
		if(result)
			break;
	}
out:
	if(fds[0] >= 0)
		close(fds[0]);
	if(fds[1] >= 0)
		close(fds[1]);
	if(pid > 0) {
		if(result)
			kill(pid, SIGKILL);
		while(waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if(!result && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
			result = LL_EIO;
	}
	return result;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcasecmp(s + ls - lx, suffix) == 0;
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
		snprintf(err, errlen, "too large: %lld bytes, the limit (max_document_bytes) is %zu",
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
			snprintf(err, errlen, "too large: the limit (max_document_bytes) is %zu", max);
			result = LL_ETOOLARGE;
			break;
		}
	}
out:
	close(fd);
	return result;
}

ll_result ingest_file(struct db *db, struct arena *arena, const char *path,
                      const struct ingest_options *opt, struct ingest_report *report,
                      char *err, size_t errlen)
{
	struct buf content;
	struct ingest_meta meta;
	struct ingest_doc doc;
	enum ingest_format format;
	bool pdf = false;
	size_t off = 0;
	const char *why = NULL;
	char title[INGEST_TITLE_MAX + 1];
	ll_result result;

	buf_init(&content, opt->max_bytes);
	memset(report, 0, sizeof(*report));
	if(ends_with(path, ".md") || ends_with(path, ".markdown"))
		format = INGEST_MARKDOWN;
	else if(ends_with(path, ".txt") || ends_with(path, ".text"))
		format = INGEST_TEXT;
	else if(ends_with(path, ".pdf")) {
		format = INGEST_TEXT;
		pdf = true;
	} else {
		snprintf(err, errlen, "unsupported file type (use .md, .txt or .pdf)");
		result = LL_EVALIDATION;
		goto out;
	}
	if(pdf) {
		struct stat st;

		if(stat(path, &st) != 0 || access(path, R_OK) != 0) {
			snprintf(err, errlen, "cannot read: %s", strerror(errno));
			result = LL_EIO;
			goto out;
		}
		if(!S_ISREG(st.st_mode) || st.st_size == 0) {
			snprintf(err, errlen, "%s", S_ISREG(st.st_mode) ? "the file is empty" : "not a regular file");
			result = LL_EVALIDATION;
			goto out;
		}
		if((unsigned long long)st.st_size > 8ULL * opt->max_bytes) {
			snprintf(err, errlen, "too large: %lld bytes", (long long)st.st_size);
			result = LL_ETOOLARGE;
			goto out;
		}
		result = ingest_pdf_text(path, &content);
		if(result == LL_ETOOLARGE)
			snprintf(err, errlen, "the text of this PDF is over the limit (max_document_bytes %zu)", opt->max_bytes);
		else if(result)
			snprintf(err, errlen, "pdftotext could not read this PDF (is poppler-utils installed? is the file a PDF?)");
		if(result)
			goto out;
	} else {
		result = read_file(path, opt->max_bytes, &content, err, errlen);
		if(result)
			goto out;
	}
	ingest_parse_header(buf_str(&content), content.len, &meta, &off);
	if(opt->title)
		snprintf(title, sizeof(title), "%s", opt->title);
	else if(meta.title[0])
		snprintf(title, sizeof(title), "%s", meta.title);
	else {
		/* the first Markdown H1, else the file name without extension */
		const char *h1 = format == INGEST_MARKDOWN ? strstr(buf_str(&content) + off, "# ") : NULL;

		if(h1 && (h1 == buf_str(&content) + off || h1[-1] == '\n')) {
			const char *nl = strchr(h1, '\n');
			size_t n = nl ? (size_t)(nl - h1 - 2) : strlen(h1 + 2);

			copy_value(title, sizeof(title), h1 + 2, n);
		} else {
			const char *b = base_name(path), *dot = strrchr(b, '.');

			copy_value(title, sizeof(title), b, dot ? (size_t)(dot - b) : strlen(b));
		}
	}
	memset(&doc, 0, sizeof(doc));
	doc.title = title;
	doc.category = opt->category ? opt->category : meta.category[0] ? meta.category : "general";
	doc.source = opt->source ? opt->source : meta.source[0] ? meta.source : base_name(path);
	doc.source_key = opt->source ? opt->source : base_name(path);
	doc.content = buf_str(&content) + off;
	doc.len = content.len - off;
	doc.format = format;
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
