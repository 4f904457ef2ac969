/* test_ask_cue.c - answer/ask_cue: cue phrases matched in " <question
 * lower-cased> ", so that a cue with its spaces is a whole word (" can "
 * is not in "scan"), at the start of a text, or ending where a number
 * starts. */
#include "config.h"

#include <string.h>

#include "answer/ask_cue.h"
#include "../tap.h"

static const char *const can_cues[] = {" can ", " should ", NULL};

static void test_lowered(void)
{
	char out[64], small[6];

	ask_lowered("Can I Serve It", out, sizeof(out));
	CHECK(strcmp(out, " can i serve it ") == 0, "lower-cased between two spaces: '%s'", out);
	ask_lowered("abcdef", small, sizeof(small));
	CHECK(strcmp(small, " abc ") == 0, "cut to fit, the spaces kept: '%s'", small);
}

static void test_matching(void)
{
	char out[64];

	ask_lowered("Can i serve it", out, sizeof(out));
	CHECK(ask_has_any(out, can_cues), "a cue word at the start of the question");
	ask_lowered("scan it again", out, sizeof(out));
	CHECK(!ask_has_any(out, can_cues), "' can ' is no cue inside 'scan'");
	CHECK(ask_starts_any(" should i toss it ", can_cues) &&
	      !ask_starts_any(" i should toss it ", can_cues), "a cue at the start, not later");
	{
		static const char *const ends[] = {" ok ", NULL};

		CHECK(ask_ends_any(" the buns ok ", ends) && !ask_ends_any(" ok so the buns ", ends) &&
		      !ask_ends_any(" ok ", ends),
		      "a cue at the end, after something else");
	}
}

static void test_after(void)
{
	static const char *const targets[] = {" be at ", "get to ", NULL};
	const char *t = " it needs to be at 70 by 2 ";

	CHECK(ask_after_any(t, strstr(t, "70"), targets), "a cue that ends where the number starts");
	CHECK(!ask_after_any(t, strstr(t, "2 "), targets), "not one that ends elsewhere");
	CHECK(!ask_after_any(t, t + 1, targets), "nor one that would start before the text");
}

int main(void)
{
	test_lowered();
	test_matching();
	test_after();
	return TAP_DONE();
}
