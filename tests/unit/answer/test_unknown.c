/* test_unknown.c - answer/unknown: the parts that need no database.  By
 * including unknown.c, as curl's and h2o's tests reach static functions:
 * which words of a question are read as one (an accent, an apostrophe),
 * which may name a model, a brand or a topic no manual covers, and which
 * never do (a person, filler, a stop word, a machine, a code).  The query
 * itself is driven end to end (cli/test_cli_answers.c, tests/e2e). */
#include "unknown.c"

#include <stdio.h>
#include <string.h>

#include "../tap.h"

static void test_words(void)
{
	struct lexicon *lx = NULL;
	struct qword w;

	CHECK(lexicon_load(TOP_SRCDIR "/data/answers", &lx) == LL_OK, "the shipped lexicon loads");
	CHECK(model_ish("km660") && model_ish("1814") && !model_ish("12") && !model_ish("fryer"),
	      "a model as crew type it");
	CHECK(lexicon_is_filler(lx, "guy") && lexicon_is_filler(lx, "lobby") &&
	      !lexicon_is_filler(lx, "kelvinator"), "people and places are never a brand");
	CHECK(lexicon_is_filler(lx, "estar") && lexicon_is_filler(lx, "tiene") &&
	      lexicon_is_filler(lx, "cuanto"),
	      "Spanish words before a machine ('a cuanto tiene que estar el walk in') are no brand");
	CHECK(lexicon_is_filler(lx, "rly") && lexicon_is_filler(lx, "tho") && lexicon_is_filler(lx, "mention") &&
	      lexicon_is_filler(lx, "prolly"),
	      "texting words ('do we rly have to clean it now') are no name a manual lacks");
	qwords_of("kelvinator ice machine keeps flashing", &w);
	CHECK(w.n == 5 && w.noun[1] && w.noun[2] && brand_slot(lx, &w, 0),
	      "a word before a machine noun may be its brand");
	qwords_of("the new guy broke the ice machine", &w);
	CHECK(!brand_slot(lx, &w, 1) && !brand_slot(lx, &w, 2), "'new guy' before a machine is no brand");
	qwords_of("griddle blinking E7 again", &w);
	CHECK(w.n == 4 && w.code[2] && !brand_slot(lx, &w, 1),
	      "what a display does before its code ('blinking E7') is no brand");
	qwords_of("our vulcanix is flashing E-41", &w);
	CHECK(w.n == 5 && brand_slot(lx, &w, 1) && !brand_slot(lx, &w, 3),
	      "the first word of a question about a code may name its machine's brand");
	qwords_of("the new guy said the fryer is weird", &w);
	CHECK(w.n == 8 && !brand_slot(lx, &w, 3), "a word crew say ('said') is no brand");
	qwords_of("can i pay with venmo, my buddy said tmrw", &w);
	CHECK(w.n == 9 && topic_word(lx, &w, 4) && !topic_word(lx, &w, 6) && !topic_word(lx, &w, 7) &&
	      !topic_word(lx, &w, 8) && !topic_word(lx, &w, 3),
	      "what a question is about may be a word no manual holds; a person, filler or a "
	      "stop word never is");
	qwords_of("walk in read 50 esta mañana", &w);
	CHECK(w.n == 6 && strcmp(w.w[5], "mañana") == 0 && !topic_word(lx, &w, 5),
	      "a word with an accent is one word, never its tail ('ana')");
	qwords_of("rinse isn't hot", &w);
	CHECK(w.n == 3 && strcmp(w.w[1], "isnt") == 0 && !topic_word(lx, &w, 1),
	      "an apostrophe inside a word keeps it one word ('isn't' is no 'isn' and 't')");
	qwords_of("the ice maker keeps flashing E9", &w);
	CHECK(w.n == 6 && !topic_word(lx, &w, 1) && !topic_word(lx, &w, 5),
	      "a machine or a code is no topic word");
	qwords_of("need the slaw chilled, how quick", &w);
	CHECK(w.n == 6 && topic_word(lx, &w, 2) && !topic_word(lx, &w, 5),
	      "a word asking how much ('quick') is no topic a manual lacks");
	lexicon_free(lx);
}

int main(void)
{
	test_words();
	return TAP_DONE();
}
