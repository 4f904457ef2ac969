/* test_parts.c - answer/parts: how a question is cut in two ("..., what
 * do i toss and who do i call"; "hot hold temp and cold hold temp"),
 * whether a part asks on its own, and which words name a food. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/parts.h"
#include "answer/lexicon.h"
#include "../tap.h"

static void test_two_parts(void)
{
	const char *q = "walk in was at 50 all night, what do i toss and who do i call";
	size_t first = 0;
	const char *second = parts_second(q, &first);

	CHECK(second && strcmp(second, "who do i call") == 0 &&
	      first == strlen("walk in was at 50 all night, what do i toss"),
	      "the second question is the last one; the first keeps its setting");
	CHECK((second = parts_second("chili for the well, what temp and how long", &first)) &&
	      strcmp(second, "how long") == 0, "a comma before the first question does not split it");
	CHECK(!parts_second("how do i clean the fryer and the filter pan", &first),
	      "a question asked once is one question");
	CHECK((second = parts_second("is the gravy still ok at 120? also the ice bin lid is cracked",
	                             &first)) &&
	      strcmp(second, "the ice bin lid is cracked") == 0 &&
	      first == strlen("is the gravy still ok at 120"),
	      "a second matter told after 'also' is a second part");
	CHECK((second = parts_second("wash water temp at the 3 comp and if we sanitize with "
	                             "just hot water how hot", &first)) &&
	              strcmp(second, "if we sanitize with just hot water how hot") == 0,
	      "a second question put as a case ('and if we ...') is a second part");
	CHECK(!parts_second("how long is opened ranch good for and if its the house made kind", &first),
	      "a case that asks nothing of its own ('and if its ...') is the same question");
	CHECK(!parts_second("can we also run the mixer on low speed", &first),
	      "'also' inside a clause splits nothing");
	CHECK((second = parts_parallel_tail("whats hot hold temp and cold hold temp", &first)) &&
	      strcmp(second, "cold hold temp") == 0 && first == strlen("whats hot hold temp"),
	      "a figure asked of two things splits at its last 'and'");
	CHECK((second = parts_parallel_tail("what ppm is the bleach bucket and the quaternary "
	                                    "ammonium sanitizer one", &first)) &&
	      strcmp(second, "the quaternary ammonium sanitizer one") == 0,
	      "a crew word the vocabulary spells out in three ('quat') is still one thing");
	CHECK(!parts_parallel_tail("how do i drain the fryer and then clean out the whole vat",
	                           &first),
	      "a long tail is no second thing");
	CHECK((second = parts_second("frozen fries on the truck how hard should they be, and the "
	                             "ice cream mix it came in how cold", &first)) &&
	      strcmp(second, "the ice cream mix it came in how cold") == 0,
	      "two parts that each ask in the middle of their words: %s", second ? second : "none");
	CHECK(!parts_second("the rice sat out and nobody knows how long", &first) &&
	      !parts_second("fries came out pale and idk what happened", &first),
	      "saying what is not known asks no second question");
	CHECK(parts_asks_within("nuggets keep coming out of the basket limp how come") &&
	      !parts_asks_within("nuggets keep coming out of the basket limp"),
	      "a part that asks in the middle of its words");
	CHECK(parts_asks_itself("wat temp do the wings need") &&
	      parts_asks_itself("hows the sanitizer supposed to test"),
	      "a question in crew spelling asks of its own");
	CHECK(parts_asks_itself("how do i check my thermometer") &&
	      !parts_asks_itself("walk in is at 44") && parts_asks_itself("walk in is at 44?"),
	      "a part that asks on its own, not a setting");
}

static void test_refers_back(void)
{
	CHECK(parts_refers_back("can we still serve it?") && parts_refers_back("toss those or not") &&
	      !parts_refers_back("where do the raw wings go"),
	      "a part that asks of what was named before, not of its own subject");
}

static void test_food(void)
{
	struct arena a;
	const char *left;

	CHECK(parts_names_food("the lettuce he was cutting") && !parts_names_food("the mixer bowl"),
	      "a food named, not a machine");
	arena_init(&a, 4096);
	left = parts_food_replaced(&a, "internal temp breaded fish portions need",
	                           "what about the shrimp");
	CHECK(left && !strstr(left, "fish") && strstr(left, "internal temp") &&
	              strstr(left, "portions"),
	      "a food named anew takes the place of the earlier one: '%s'", left ? left : "none");
	left = parts_food_replaced(&a, "internal temp breaded fish portions need",
	                           "and if they're frozen?");
	CHECK(left && strstr(left, "fish portions"), "a follow-up naming no food keeps the earlier one");
	left = parts_machine_replaced(&a, "is our walk-in cooler cold enough at 38", "and the freezer?");
	CHECK(left && !strstr(left, "cooler") && !strstr(left, "walk-in") && strstr(left, "cold enough"),
	      "a machine named anew takes the place of the earlier one: '%s'", left ? left : "none");
	left = parts_machine_replaced(&a, "is our walk-in cooler cold enough at 38", "what if it beeps");
	CHECK(left && strstr(left, "walk-in cooler"), "a follow-up naming no machine keeps it");
	left = parts_machine_replaced(&a, "fryer 2 oil temp", "and the other fryer?");
	CHECK(left && strstr(left, "fryer 2"), "the same machine again is kept");
	left = parts_manner_blanked(&a, "how do i thaw the turkey quickly but properly, fastest way");
	CHECK(left && strstr(left, "thaw the turkey") && !strstr(left, "quickly") &&
	              !strstr(left, "properly") && strstr(left, "fastest"),
	      "how a thing is done is blanked, whole words only: '%s'", left ? left : "none");
	left = parts_food_replaced(&a, "cooling temp for rice", "and the rice pudding");
	CHECK(left && strstr(left, "rice"), "the same food named again stays");
	arena_free(&a);
}

static void test_other_clauses(void)
{
	struct lexicon *lx = NULL;
	struct arena a;
	const char *left;

	arena_init(&a, 16 * 1024);
	CHECK(lexicon_load(TOP_SRCDIR "/data/answers", &lx) == LL_OK, "the shipped lexicon loads");
	if(!lx)
		return;
	left = parts_other_clauses(lx, &a, "where is the spare mop bucket? also sam scalded "
	                           "his wrist on the steamer and swollen");
	CHECK(left && strstr(left, "mop bucket") && !strstr(left, "swollen"),
	      "a few words after ' and ' go on telling the emergency: %s", left ? left : "-");
	left = parts_other_clauses(lx, &a, "sam scalded his wrist on the steamer and how do i "
	                           "descale the steamer");
	CHECK(left && strstr(left, "descale"), "a clause that asks is the other part: %s",
	      left ? left : "-");
	lexicon_free(lx);
	arena_free(&a);
}

int main(void)
{
	test_two_parts();
	test_food();
	test_other_clauses();
	test_refers_back();
	return TAP_DONE();
}
