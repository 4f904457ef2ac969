/* test_asked.c - answer/asked, the ranker's memory of what crew asked about
 * each section: a new question worded like an earlier one about a section
 * is matched to it (after crew words are rewritten, so "pop machine" and
 * "beverage dispenser" are one), another section's questions do not count,
 * and a labelled question is not its own evidence; a manual no one has
 * asked about yet is not known, whatever its name shares with one that is. */
#include "config.h"

#include <string.h>

#include "answer/asked.h"
#include "answer_fixture.h"

#include "../tap.h"

static const char vocabulary[] = "pop machine\tbeverage dispenser\n";
static const char asked_tsv[] = "# source<TAB>section<TAB>question\n"
                                "bev.md\tFlat Soda\tbeverage dispenser pours flat soda\n"
                                "bev.md\tFlat Soda\twhy is the soda flat\n"
                                "safety.md\tHandwashing\thow long do i gotta wash my hands\n"
                                "a line without its columns\n"
                                "\n";

static double match(const struct asked_set *a, const struct lexicon *lx, const char *source,
                    const char *path, const char *question, bool as_labelled)
{
	struct arena scratch;
	struct terms q;
	double idf[TERMS_MAX], v;
	const char *text;

	arena_init(&scratch, 4096);
	text = lexicon_rewrite(lx, &scratch, question);
	terms_of(text, &q);
	for(int i = 0; i < TERMS_MAX; i++)
		idf[i] = 1.0;
	v = asked_match(a, source, path, &q, idf, as_labelled ? text : NULL);
	arena_free(&scratch);
	return v;
}

/* A manual no one asked about has no memory: its sections are then judged
 * by their own best sentence (rank.c), not outranked by remembered ones. */
static void test_asked_memory(const struct lexicon *lx)
{
	struct asked_set *a = NULL;
	struct terms q;
	double idf[TERMS_MAX];

	CHECK(asked_parse("# c\nfryer.md\tFilter\thow often do we filter the oil\n"
	                  "fryer-xl.md\tClean\thow do i boil out the vat\n", lx, &a) == LL_OK,
	      "asked questions parse");
	CHECK(asked_knows(a, "fryer.md") && asked_knows(a, "fryer-xl.md"), "a remembered manual is known");
	CHECK(!asked_knows(a, "fryer") && !asked_knows(a, "grill.md") && !asked_knows(a, "fryer.m"),
	      "a manual uploaded today is not, whatever its name shares");
	terms_of("how often should we filter oil", &q);
	for(int i = 0; i < q.n; i++)
		idf[i] = 1;
	CHECK(asked_match(a, "fryer.md", "Filter", &q, idf, NULL) > 0.5, "a like question matches");
	CHECK(asked_match(a, "fryer.md", "Clean", &q, idf, NULL) == 0, "another section has no match");
	asked_free(a);
}

int main(void)
{
	struct lexicon *lx = NULL;
	struct asked_set *a = NULL, *none = NULL;
	double v;

	CHECK(lexicon_parse(vocabulary, "", NULL, NULL, &lx) == LL_OK &&
	              asked_parse(asked_tsv, lx, &a) == LL_OK && a,
	      "a vocabulary and an asked set parse (comments and bad lines skipped)");
	if(!a)
		return TAP_DONE();
	v = match(a, lx, "bev.md", "Flat Soda", "pop machine pours flat soda", false);
	CHECK(v > 0.99,
	      "\"pop machine\" asked as crew say it matches \"beverage dispenser\" (%.2f)", v);
	v = match(a, lx, "safety.md", "Handwashing", "how long do i wash hands", false);
	CHECK(v > 0.99, "every word of a question held by an earlier one: 1 (%.2f)", v);
	v = match(a, lx, "safety.md", "Handwashing", "how long do i scrub hands", false);
	CHECK(v > 0.3 && v < 0.7, "a question worded partly alike: a share between (%.2f)", v);
	CHECK(match(a, lx, "safety.md", "Glove use", "how long do i wash hands", false) == 0 &&
	              match(a, lx, "other.md", "Handwashing", "how long do i wash hands", false) ==
	                      0,
	      "another section's questions do not count, nor another manual's");
	v = match(a, lx, "safety.md", "Handwashing", "how long do i gotta wash my hands", true);
	CHECK(v == 0, "a labelled question is not its own evidence (%.2f)", v);
	{
		/* where a question like this one was answered, even when its words miss it */
		const char *keys[ASKED_NEAREST_MAX];
		struct terms q;
		size_t n;

		terms_of("soda coming out flat", &q);
		n = asked_nearest(a, &q, NULL, 0.6, keys, ASKED_NEAREST_MAX);
		CHECK(n == 1 && strcmp(keys[0], "bev.md\x1f" "Flat Soda") == 0,
		      "the flat-soda section is the near neighbour, once (%zu)", n);
		CHECK(asked_nearest(a, &q, NULL, 0.6, keys, 0) == 0, "room for none gives none");
		terms_of("why is the soda flat", &q);
		CHECK(asked_nearest(a, &q, "why is the soda flat", 0.99, keys, ASKED_NEAREST_MAX) == 1,
		      "a question is not its own neighbour, its alike twin is");
		terms_of("what channel is the drive thru on", &q);
		CHECK(asked_nearest(a, &q, NULL, 0.4, keys, ASKED_NEAREST_MAX) == 0,
		      "nothing asked before holds enough of it: no neighbour");
	}
	CHECK(asked_parse(NULL, lx, &none) == LL_OK &&
	              match(none, lx, "bev.md", "Flat Soda", "why is the soda flat", false) == 0,
	      "an empty set (a manual uploaded today) matches nothing");
	asked_free(none);
	asked_free(a);
	lexicon_free(lx);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx)
		test_asked_memory(lx);
	lexicon_free(lx);
	return TAP_DONE();
}
