/* test_ask_reading.c - answer/ask_reading: the numbers a question tells.
 * A reading after a word that reports one (not a target, not another
 * unit's number; of two, none), a concentration tested in ppm, the
 * temperatures asked to be reached, whether the food started hot, and the
 * clause the reading was taken in. */
#include "config.h"

#include "answer/ask_cue.h"
#include "answer/ask_reading.h"
#include "text/terms.h"
#include "../tap.h"

static char lower[1024];

/* text as ask_understand hands it to the readers: " <lower-cased> " */
static const char *lowered(const char *text)
{
	ask_lowered(text, lower, sizeof(lower));
	return lower;
}

static void test_reading(void)
{
	CHECK(ask_reading_of(lowered("the cheese came in at 47 off the truck, do we keep it")) == 47,
	      "a bare reading after 'at'");
	CHECK(ask_reading_of(lowered("reach in freezer showing 12 degrees is that okay")) == 12,
	      "a freezer's reading below freezing");
	CHECK(ask_reading_of(lowered("wings probing 161 are they ready to bag")) == 161,
	      "a reading followed by 'are they ...' is read");
	CHECK(ask_reading_of(lowered("the freezer display says -4")) == 0,
	      "a reading below zero is not read as above it");
	CHECK(ask_reading_of(lowered("the line cooler reads 45 now, it was 39 when we opened")) == 45,
	      "of a reading now and one said of before, the one now");
	CHECK(ask_reading_of(lowered("the cheese probed 43 and the deli turkey read 47")) < 0,
	      "two readings: no one reading");
	CHECK(ask_reading_of(lowered("gravy off the burner at 2, when does it have to be at 70")) == 0,
	      "'has to be at 70' is a target, not a reading");
	CHECK(ask_reading_of(lowered("the fries sat at 40 minutes under the lamp")) == 0,
	      "a number with another unit is no reading");
}

static void test_ppm(void)
{
	CHECK(ask_ppm_of(lowered("iodine sink tested 40ppm after lunch, fine?")) == 40 &&
	      ask_ppm_of(lowered("strip says 300 ppm")) == 300, "a concentration tested");
	CHECK(ask_ppm_of(lowered("first strip 200 ppm, second 400 ppm")) == 0 &&
	      ask_ppm_of(lowered("quat strip shows 150")) == 0, "two, or none said in ppm: none");
}

static void test_targets(void)
{
	int target[2];

	ask_targets_of(lowered("stock pot came off at 4 when does it gotta hit 70 and when does "
	                       "it gotta be 41"), target);
	CHECK(target[0] == 70 && target[1] == 41, "two temperatures to reach, in order: %d, %d",
	      target[0], target[1]);
	ask_targets_of(lowered("beans were 135 at 2 going into the ice bath, when gotta be 70 and "
	                       "then 41"), target);
	CHECK(target[0] == 70 && target[1] == 41, "a bare second temperature after the first: %d, %d",
	      target[0], target[1]);
	ask_targets_of(lowered("the soup read 150 at 3"), target);
	CHECK(target[0] == 0 && target[1] == 0, "a reading is no target");
}

static void test_started_hot(void)
{
	CHECK(ask_started_hot(lowered("gravy was 150 at 3 then at 5 it says 76, what now"), 76),
	      "down from a hot temperature: being cooled");
	CHECK(!ask_started_hot(lowered("hot well pan was 150 at 3 then at 5 it says 128"), 128),
	      "a hot-held pan that slipped is not being cooled");
	CHECK(!ask_started_hot(lowered("the walk-in was 38 and now reads 46"), 46),
	      "a cold reading that rose started cold");
}

static void test_subject(void)
{
	struct terms s;

	ask_reading_subject("the raw patties probed 47 but the shell eggs were fine, accept it?", 47,
	                    &s);
	CHECK(terms_match(&s, "raw patties", NULL) && !terms_match(&s, "shell eggs", NULL),
	      "the reading's clause names the patties, not the eggs");
	ask_reading_subject("Milk at 44. Truck Chicken temped 46", 46, &s);
	CHECK(terms_match(&s, "truck chicken", NULL) && !terms_match(&s, "milk", NULL),
	      "from the last stop before the number, any case");
	ask_reading_subject("the soup is fine", 47, &s);
	CHECK(s.n == 0, "no clause when the number is not there");
}

int main(void)
{
	test_reading();
	test_ppm();
	test_targets();
	test_started_hot();
	test_subject();
	return TAP_DONE();
}
