/* test_ask_time.c - answer/ask_time: the times a question tells.  How long
 * the food has been so (a duration said of it, in digits or in words, or
 * from a clock time to the one said to be now; not one asked, quoted or
 * still to come), a clock time, the time a "when" is asked from, and the
 * days of the month and of the week it was made and it is now. */
#include "config.h"

#include "answer/ask_cue.h"
#include "answer/ask_time.h"
#include "../tap.h"

static char lower[1024];

/* text as ask_understand hands it to the readers: " <lower-cased> " */
static const char *lowered(const char *text)
{
	ask_lowered(text, lower, sizeof(lower));
	return lower;
}

static void test_elapsed(void)
{
	int start = -1;

	CHECK(ask_elapsed("hash browns sat under the heat lamp 2 and a half hours, sell them?",
	                  &start) == 150 && start == 0,
	      "a duration said of the food, from no clock time");
	CHECK(ask_elapsed("gravy has been warming back up for 1 hr 50 min and reads 140", &start) ==
	      110, "hours and minutes");
	CHECK(ask_elapsed("cooler read 38 an hour ago and 45 now, keep the ham?", &start) == 60,
	      "'an hour ago' is 60 minutes");
	CHECK(ask_elapsed("rice dropped to 120 half an hour ago, reheat?", &start) == 30,
	      "'half an hour' is 30 minutes");
	CHECK(ask_elapsed("set the coleslaw out on time control at 10:30, its 1:15 now", &start) ==
	      165 && start == 1 + 10 * 60 + 30,
	      "from a clock time to the one said to be now, past noon: %d", start);
	CHECK(ask_elapsed("reach in at 46, the log said 39 at 7am and its noon", &start) == 300,
	      "'noon' is a clock time");
	CHECK(ask_elapsed("prep cooler shows 45 at 4pm, it was 39 at the 2pm walk", &start) == 120,
	      "the clock said of what was, named second, starts the time");
	CHECK(ask_elapsed("how many hours can soup sit out, within 4 hours right?", &start) == 0 &&
	      start == 0, "a duration asked or quoted is no time out");
	CHECK(ask_elapsed("30 min till close, can i start mopping the lobby", &start) == 0,
	      "a duration still to come is no time out");
}

static void test_clock(void)
{
	CHECK(ask_clock_at("10:30, its") == 10 * 60 + 30 && ask_clock_at("1pm") == 60 &&
	      ask_clock_at("6 am") == 6 * 60 && ask_clock_at("12") == 0,
	      "clock times are minutes past 12");
	CHECK(ask_clock_at("13") < 0 && ask_clock_at("2:75") < 0 && ask_clock_at("3rd") < 0 &&
	      ask_clock_at("noon") < 0, "no hour past 12, no minute past 59, no day of the month");
}

static void test_since(void)
{
	CHECK(ask_since_of(lowered("pulled the lettuce at 9:45, what time does it get dumped")) ==
	      9 * 60 + 45 + 1, "asked when, from a clock time");
	CHECK(ask_since_of(lowered("pulled the lettuce at 9:45, toss it?")) == 0,
	      "a clock time with no when asked");
	CHECK(ask_since_of(lowered("when is oil swapped out in vat 2")) == 0,
	      "a when with no clock time");
}

static void test_days(void)
{
	int made = -1, today = -1;

	ask_days_of(lowered("opened the ham on the 2nd and its the 8th today, good?"), &made,
	            &today);
	CHECK(made == 2 && today == 8, "the day it was opened and today: %d, %d", made, today);
	ask_days_of(lowered("made on the 3rd"), &made, &today);
	CHECK(made == 3 && today == 0, "no day said to be now: %d, %d", made, today);
	ask_weekdays_of(lowered("we made the slaw on a sunday and today is wednesday, toss it?"),
	                &made, &today);
	CHECK(made == 7 && today == 3, "the weekday it was made and today's: %d, %d", made, today);
	ask_weekdays_of(lowered("the mondays special"), &made, &today);
	CHECK(made == 0 && today == 0, "'mondays' names no day: %d, %d", made, today);
}

int main(void)
{
	test_elapsed();
	test_clock();
	test_since();
	test_days();
	return TAP_DONE();
}
