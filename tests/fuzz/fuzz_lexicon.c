/* fuzz_lexicon.c - the crew vocabulary and emergencies parsers, the
 * matchers over what they accept, the question reader (answer/ask.c and its ask_*.c) and
 * the reading- and time-against-a-limit parsers (answer/verdict.c).  The input is
 * three files separated by form feeds (vocabulary, emergencies, known
 * words, which are read as the filler words too) and a question after a
 * fourth; the question is also read as a manual's rule. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/lexicon.h"
#include "answer/verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next form-feed-separated field of *p (NUL-terminated copy). */
static char *field(const char **p, const char *end)
{
	const char *ff = memchr(*p, '\f', (size_t)(end - *p));
	size_t n = ff ? (size_t)(ff - *p) : (size_t)(end - *p);
	char *out = malloc(n + 1);

	if(out) {
		memcpy(out, *p, n);
		out[n] = '\0';
		for(size_t i = 0; i < n; i++)
			out[i] = out[i] ? out[i] : ' ';
	}
	*p += n + (ff ? 1 : 0);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *vocab = field(&p, end), *emerg = field(&p, end), *known = field(&p, end);
	char *text = field(&p, end);
	struct lexicon *lx = NULL;

	if(vocab && emerg && known && text && lexicon_parse(vocab, emerg, known, known, &lx) == LL_OK) {
		struct arena a;
		const struct emergency *e[LEXICON_MAX_EMERGENCIES];

		arena_init(&a, 4096);
		(void)lexicon_rewrite(lx, &a, text);
		(void)lexicon_emergencies(lx, text, e, LEXICON_MAX_EMERGENCIES);
		(void)lexicon_is_filler(lx, text);
		{
			struct ask q;
			char verdict[160];

			ask_understand(lx, text, &q);
			(void)verdict_of_reading(q.reading ? q.reading : 150, text, &q.terms,
			                         q.reading % 2, verdict, sizeof(verdict));
			(void)verdict_of_time(q.elapsed ? q.elapsed : 90, q.start, text, q.reading % 2,
			                      verdict, sizeof(verdict));
			(void)deadline_of(q.since ? q.since - 1 : 0, q.target[0], text, verdict, sizeof(verdict));
			(void)verdict_of_reaching(true, q.reading, q.elapsed, text, 0, verdict, sizeof(verdict));
		}
		arena_free(&a);
		lexicon_free(lx);
	}
	free(vocab);
	free(emerg);
	free(known);
	free(text);
	return 0;
}
