/* test_classifier_words.c - answer/classifier_words: the words of a question
 * as the router reads them: content words and their pairs, a fault code
 * and a temperature as kinds (any E4 or 350 degrees counts alike), the
 * concepts (fire, injury, machine), the spans that become the keywords
 * shown, the urgency cue, and the keyword copy. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "strtab.h"
#include "answer/classifier_words.h"

#include "../tap.h"

static struct word scratch[MAX_WORDS];
static char seen[2048];
static int counts[4];

/* Collects "kind:feature@start+len " into seen. */
static ll_result collect(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                         uint16_t slen)
{
	size_t used = strlen(seen);

	(void)ctx;
	snprintf(seen + used, sizeof(seen) - used, "%d:%.*s@%u+%u ", kind, (int)len, s, start,
	         slen);
	counts[kind]++;
	return LL_OK;
}

static ll_result stop_early(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                            uint16_t slen)
{
	(void)ctx, (void)s, (void)len, (void)kind, (void)start, (void)slen;
	return LL_ETOOLARGE;
}

static int features(const struct strtab *lex, const char *text)
{
	int cue = -1;

	seen[0] = '\0';
	memset(counts, 0, sizeof(counts));
	if(classifier_words_features(lex, text, strlen(text), scratch, collect, NULL, &cue))
		return -1;
	return cue;
}

static void test_features(const struct strtab *lex)
{
	int cue = features(lex, "the fryer shows error E4 at 350 degrees");

	CHECK(cue == 0 && strstr(seen, "0:fryer@4+5 ") && !strstr(seen, ":the@"),
	      "content words are features, function words are not");
	CHECK(strstr(seen, "2:__errcode__@22+2 ") && strstr(seen, "2:__temp__@28+11 "),
	      "E4 is a fault code and \"350 degrees\" a temperature, at their spans");
	CHECK(strstr(seen, "1:fryer error@4+17 ") && counts[F_BI] >= 2,
	      "adjacent content words make pairs");
	CHECK(strstr(seen, "2:__c_machine__@") && strstr(seen, "2:__c_fault__@"),
	      "the fryer is a machine, an error a fault (concepts)");
	features(lex, "the grill shows error E9 at 400 degrees");
	CHECK(strstr(seen, "2:__errcode__@") && strstr(seen, "2:__temp__@"),
	      "another code and temperature read as the same kinds");
	CHECK(features(lex, "fire! call 911 now") == 3 && strstr(seen, "2:__c_fire__@0+4 "),
	      "a fire and 911 now: the critical urgency cue");
	CHECK(features(lex, "my coworker cut her finger") == 0 && strstr(seen, "2:__c_injury__@"),
	      "a cut is an injury");
	CHECK(features(lex, "") == 0 && seen[0] == '\0', "no words, no features");
	CHECK(classifier_words_features(lex, "grill", 5, scratch, stop_early, NULL, &cue) ==
	              LL_ETOOLARGE,
	      "what the receiver returns stops the walk and is returned");
}

static void test_keyword_copy(void)
{
	char dst[8];
	size_t n = classifier_keyword_copy(dst, sizeof(dst), "  Fryer\t\nOIL", 12);

	CHECK(strcmp(dst, "fryer o") == 0 && n == strlen(dst),
	      "a keyword is lower-cased, its blanks folded to one space, cut to fit (\"%s\")", dst);
	n = classifier_keyword_copy(dst, 5, "caf\xc3\xa9s", 6);
	CHECK(strcmp(dst, "caf") == 0 && n == 3, "never cut inside a UTF-8 character");
}

int main(void)
{
	struct strtab lex;

	memset(&lex, 0, sizeof(lex));
	CHECK(classifier_words_build(&lex) == LL_OK && lex.n > 0, "the word table builds");
	test_features(&lex);
	test_keyword_copy();
	strtab_free(&lex);
	return TAP_DONE();
}
