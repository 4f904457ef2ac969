/* ingest.c - a document's header block and its category. */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/terms.h"
#include "ingest.h"

void ingest_copy_trimmed(char *dst, size_t dstlen, const char *s, size_t len)
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
		size_t keylen, vlen;

		if(ll == 0 || (ll == 1 && line[0] == '\r')) {
			if(any)
				*body_off = pos + ll + (nl ? 1 : 0);
			return;
		}
		if(!colon)
			break;
		keylen = (size_t)(colon - line);
		vlen = ll - keylen - 1;
		if(keylen == 5 && strncasecmp(line, "title", 5) == 0)
			ingest_copy_trimmed(meta->title, sizeof(meta->title), colon + 1, vlen);
		else if(keylen == 8 && strncasecmp(line, "category", 8) == 0)
			ingest_copy_trimmed(meta->category, sizeof(meta->category), colon + 1,
			                    vlen);
		else if(keylen == 6 && strncasecmp(line, "source", 6) == 0)
			ingest_copy_trimmed(meta->source, sizeof(meta->source), colon + 1, vlen);
		else if(keylen == 9 && strncasecmp(line, "emergency", 9) == 0) {
			if(meta->nemergency < INGEST_MAX_EMERGENCIES)
				ingest_copy_trimmed(meta->emergency[meta->nemergency++],
				                    INGEST_EMERGENCY_LEN, colon + 1, vlen);
		} else
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

const char *ingest_guess_category(const char *title, const char *text)
{
	char codes[2][16], nouns[512];

	if(terms_machine_nouns(title, nouns, sizeof(nouns)) +
	   terms_machine_nouns(text, nouns, sizeof(nouns)) > 0 &&
	   terms_codes_of(text, codes, 1) > 0)
		return "equipment";
	return "general";
}

bool ingest_category_valid(const char *c)
{
	static const char *const names[] = {
		"equipment", "safety", "operations", "training", "general", NULL,
	};

	for(int i = 0; c && names[i]; i++)
		if(strcmp(c, names[i]) == 0)
			return true;
	return false;
}
