/* test_terms.c - the one tokenizer: terms, codes, machine nouns. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "text/terms.h"

static void test_codes(void)
{
	char codes[4][16];
	int n = terms_codes_of("BG-4 grill shows E03 and C602, not CO2", codes, 4);

	CHECK(n == 3 && strcmp(codes[0], "BG-4") == 0 && strcmp(codes[1], "E03") == 0 &&
	      strcmp(codes[2], "C602") == 0, "codes and model numbers found");
	n = terms_codes_of("fault H1 on the unit, not H2O", codes, 4);
	CHECK(n == 1 && strcmp(codes[0], "H1") == 0, "a letter and a digit is a code; h2o is not");
	n = terms_codes_of("egg station says code 06. Fault 41  Wash pump; error 4", codes, 4);
	CHECK(n == 3 && strcmp(codes[0], "Code 6") == 0 && strcmp(codes[1], "Code 41") == 0 &&
	      strcmp(codes[2], "Code 4") == 0,
	      "a code written as a word and a number, whichever word, is one code: %d %s", n,
	      n ? codes[0] : "");
	n = terms_codes_of("Food Code 3-501.16 and code 2022, code 3.5 and code 12a", codes, 4);
	CHECK(n == 0, "a rule's number, a year, a decimal or a model is no worded code: %d", n);
}

static void test_terms(void)
{
	struct terms t;
	bool fault41 = false, racks3 = false;

	terms_of("What is the temp for the fryer?", &t);
	CHECK(t.n == 2, "stop words dropped from terms");
	terms_of("how long does chili take", &t);
	CHECK(t.n == 2 && strcmp(t.term[0], "chili") == 0, "\"how long\" and \"does\" are not topic terms");
	terms_of("no-show at the walk-in", &t);
	CHECK(t.n == 3 && strcmp(t.term[0], "no-show") == 0 && strcmp(t.term[1], "walk-in") == 0 &&
	      strcmp(t.term[2], "walk") == 0, "a hyphenated compound is a term, and so are its parts");
	terms_of("dish machine fault 41, 3 racks", &t);
	for(int i = 0; i < t.n; i++) {
		fault41 |= strcmp(t.term[i], "41") == 0 && t.code[i];
		racks3 |= strcmp(t.term[i], "3") == 0 && !t.code[i];
	}
	CHECK(fault41 && racks3, "the number after \"fault\" is a code, another number is not");
}

/* The one stemmer: the classifier stems with it too, so a word routes and
 * retrieves as the same stem. */
static void test_stem(void)
{
	static const char *const cases[][2] = {
		{"cutting", "cut"}, {"fries", "fry"}, {"fried", "fry"}, {"burgers", "burger"},
		{"cleaned", "clean"}, {"glass", "glass"}, {"menus", "menus"}, {"fire", "fire"},
		{"bunn", "bunn"}, {"planned", "plan"}, {"running", "run"}, {"fixes", "fix"},
		{"dishes", "dish"}, {"glasses", "glass"}, {"batches", "batch"}, {"boxes", "box"},
	};

	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char w[32];
		size_t n;

		snprintf(w, sizeof(w), "%s", cases[i][0]);
		n = terms_stem(w);
		CHECK(strcmp(w, cases[i][1]) == 0 && n == strlen(w), "terms_stem(%s) = %s", cases[i][0],
		      cases[i][1]);
	}
}

static void test_match(void)
{
	struct terms t;
	double w = 0;

	terms_of("what voltage does it need", &t);
	CHECK(terms_match(&t, "Power supply: 115 V, 60 Hz", &w) != 0 && w > 0, "\"115 V\" holds the voltage");
	terms_of("ok to serve the fish", &t);
	CHECK(terms_match(&t, "Fill the soft-serve hopper", NULL) == 0,
	      "one word of a compound of two is not the compound");
	terms_of("soft serve hopper", &t);
	CHECK(terms_match(&t, "Fill the soft-serve hopper", NULL) == 7u, "both words are");
	terms_of("walk in door", &t);
	CHECK(terms_match(&t, "Close the walk-in door", NULL) == 3u, "\"walk-in\" has one word to find");
	terms_of("when does it go to standby", &t);
	CHECK(terms_match(&t, "6.4. Auto-Standby", NULL) != 0,
	      "a hyphenated prefix is no word of its own: 'auto-standby' is a standby");
	terms_of("how long to heat up", &t);
	CHECK(terms_match(&t, "Pre-heat for 20 minutes", NULL) != 0, "nor is 'pre-'");
	terms_of("chicken temperature", &t);
	CHECK(terms_match(&t, "Cook chickens to 165F", NULL) == 1u, "a plural stems to its word");
	terms_of("guest paid with a $20 that looks off", &t);
	CHECK(terms_match(&t, "Pump runs 20 seconds", NULL) == 0 &&
	      terms_match(&t, "Check every $20 bill with the pen", NULL) != 0,
	      "money is no number: '$20' is a $20, not 20 seconds");
}

static void test_add(void)
{
	struct terms from, t;

	terms_of("walk-in cooler door gasket", &from);
	memset(&t, 0, sizeof(t));
	terms_add(&t, &from, 1, 0.5);
	CHECK(t.n == 1 && strcmp(t.term[0], from.term[1]) == 0 && t.weight[0] == 0.5 &&
	      t.len[0] == from.len[1], "a term is appended with the weight given");
	t.n = TERMS_MAX;
	terms_add(&t, &from, 0, 1);
	CHECK(t.n == TERMS_MAX, "nothing is appended to full terms");
}

static void test_nouns(void)
{
	char nouns[64];

	CHECK(terms_machine_nouns("the ice machine and the fryer", nouns, sizeof(nouns)) == 2, "two machines named");
	CHECK(terms_is_stopword("the", 3) && !terms_is_stopword("fryer", 5), "stop words");
	CHECK(terms_is_stopword("stuff", 5) && !terms_is_stopword("stuffed", 7),
	      "crew filler \"stuff\" is a stop word, \"stuffed\" is not");
	CHECK(terms_is_stopword("tryna", 5) && terms_is_stopword("gotta", 5) &&
	      terms_is_stopword("lemme", 5), "what crew type around a question is no subject");
}

static void test_one_typo(void)
{
	CHECK(terms_one_typo("chiken", 6, "chicken", 7), "a letter dropped is one typo");
	CHECK(terms_one_typo("sanitizer", 9, "sanitiser", 9), "a letter changed is one typo");
	CHECK(terms_one_typo("chikcen", 7, "chicken", 7), "two letters swapped are one typo");
	CHECK(terms_one_typo("fryer", 5, "fryer", 5), "a word is no typo of itself, but alike");
	CHECK(!terms_one_typo("ranch", 5, "rancid", 6), "ranch is two typos from rancid");
	CHECK(!terms_one_typo("hold", 4, "holding", 7), "three letters more is no typo");
}

int main(void)
{
	test_codes();
	test_terms();
	test_add();
	test_stem();
	test_match();
	test_nouns();
	test_one_typo();
	return TAP_DONE();
}
