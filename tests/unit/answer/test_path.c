/* test_path.c - answer/path: the parts of the local answer path that need
 * no database.  The kit (the shipped data/answers, read from the source
 * tree) loads and a missing one is refused; and, by including path.c as
 * curl's and h2o's tests reach static functions, how a question is cut in
 * two ("..., what do i toss and who do i call"; "hot hold temp and cold
 * hold temp"), whether
 * a part asks on its own, and which words name a food, a model or a brand
 * no manual covers.  answer_local itself is driven end to end
 * (cli/test_cli_answers.c, tests/e2e). */
#include "path.c"

#include <stdio.h>
#include <string.h>

#include "../tap.h"

static void test_kit(void)
{
	struct answer_kit *kit = NULL;

	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK && kit && kit->lexicon,
	      "the shipped data/answers loads");
	CHECK(kit && kit->ranker.w[F_BIAS] != 0, "with the ranker's weights");
	answer_kit_free(kit);
	kit = (struct answer_kit *)1;
	CHECK(answer_kit_load(TOP_SRCDIR "/no/such/dir", &kit) != LL_OK && kit == NULL,
	      "a data directory without the files is refused, nothing handed out");
}

static void test_two_parts(void)
{
	const char *q = "walk in was at 50 all night, what do i toss and who do i call";
	size_t first = 0;
	const char *second = second_question(q, &first);

	CHECK(second && strcmp(second, "who do i call") == 0 &&
	      first == strlen("walk in was at 50 all night, what do i toss"),
	      "the second question is the last one; the first keeps its setting");
	CHECK((second = second_question("chili for the well, what temp and how long", &first)) &&
	      strcmp(second, "how long") == 0, "a comma before the first question does not split it");
	CHECK(!second_question("how do i clean the fryer and the filter pan", &first),
	      "a question asked once is one question");
	CHECK((second = parallel_tail("whats hot hold temp and cold hold temp", &first)) &&
	      strcmp(second, "cold hold temp") == 0 && first == strlen("whats hot hold temp"),
	      "a figure asked of two things splits at its last 'and'");
	CHECK(!parallel_tail("how do i drain the fryer and then clean out the whole vat", &first),
	      "a long tail is no second thing");
	CHECK((second = second_question("frozen fries on the truck how hard should they be, and the "
	                                 "ice cream mix it came in how cold", &first)) &&
	      strcmp(second, "the ice cream mix it came in how cold") == 0,
	      "two parts that each ask in the middle of their words: %s", second ? second : "none");
	CHECK(!second_question("the rice sat out and nobody knows how long", &first) &&
	      !second_question("fries came out pale and idk what happened", &first),
	      "saying what is not known asks no second question");
	CHECK(asks_itself("how do i check my thermometer") && !asks_itself("walk in is at 44") &&
	      asks_itself("walk in is at 44?"), "a part that asks on its own, not a setting");
}

static void test_words(void)
{
	struct lexicon *lx = NULL;
	struct qword w;

	CHECK(lexicon_load(TOP_SRCDIR "/data/answers", &lx) == LL_OK, "the shipped lexicon loads");
	CHECK(names_food("the lettuce he was cutting") && !names_food("the mixer bowl"),
	      "a food named, not a machine");
	CHECK(model_ish("km660") && model_ish("1814") && !model_ish("12") && !model_ish("fryer"),
	      "a model as crew type it");
	CHECK(lexicon_is_filler(lx, "guy") && lexicon_is_filler(lx, "lobby") &&
	      !lexicon_is_filler(lx, "kelvinator"), "people and places are never a brand");
	CHECK(lexicon_is_filler(lx, "estar") && lexicon_is_filler(lx, "tiene") &&
	      lexicon_is_filler(lx, "cuanto"),
	      "Spanish words before a machine ('a cuanto tiene que estar el walk in') are no brand");
	qwords_of("kelvinator ice machine keeps flashing", &w);
	CHECK(w.n == 5 && w.noun[1] && w.noun[2] && brand_slot(lx, &w, 0),
	      "a word before a machine noun may be its brand");
	qwords_of("the new guy broke the ice machine", &w);
	CHECK(!brand_slot(lx, &w, 1) && !brand_slot(lx, &w, 2), "'new guy' before a machine is no brand");
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
	lexicon_free(lx);
}

/* A procedure's parent is read with its subsections' steps; a fault
 * table's is not: each code's steps are its own ("H4" must not show F1's). */
static void test_subsections(void)
{
	struct arena a;
	struct section proc = {0}, codes = {0};

	arena_init(&a, 64 * 1024);
	proc.title = codes.title = "Store manual";
	proc.path = proc.heading = "Opening the store";
	proc.body = "Opening the store.";
	proc.children = "Before the doors open\n1. Turn on the fryers.\n2. Check the walk-in.";
	codes.path = codes.heading = "5. Fault codes";
	codes.body = "Fault codes.";
	codes.children = "F1: Beater motor overload.\n1. Press OFF.\nH4: Mix level too low.\n"
	                 "1. Add mix above the MIX LOW line.";
	CHECK(with_subsections(&a, &proc) == LL_OK && proc.nsteps == 2,
	      "a short parent is read with its subsections' steps");
	CHECK(with_subsections(&a, &codes) == LL_OK && codes.nsteps == 0 &&
	      !strstr(codes.body, "Press OFF"), "a fault table's parent is not");
	arena_free(&a);
}

int main(void)
{
	test_kit();
	test_subsections();
	test_two_parts();
	test_words();
	return TAP_DONE();
}
