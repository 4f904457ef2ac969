/* test_ask.c - answer/ask: what a question asks and about what.  The kind
 * of answer wanted (a figure and its unit, a decision, a fault, a
 * procedure), the codes named, the crew's reading and its clause, the
 * times told, the emergencies (through the shipped lexicon, data/answers),
 * all as ask_understand reads them into struct ask.  Which figures and
 * codes a sentence states: test_ask_states.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer_fixture.h"
#include "text/terms.h"
#include "../tap.h"

static void test_asks(const struct lexicon *lx)
{
	struct ask q;

	ask_understand(lx, "how hot does the fish gotta get", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TEMPERATURE, "how hot: a temperature");
	ask_understand(lx, "whats the steps for priming the syrup pump", &q);
	CHECK(q.kind == ASKED_PROCEDURE, "'whats the steps' asks for a procedure, not a definition");
	ask_understand(lx, "how do we open up the KX900 for breakfast", &q);
	CHECK(q.kind == ASKED_PROCEDURE, "a model number in a how-to is no fault code");
	ask_understand(lx, "where does the deadweight go after washing", &q);
	CHECK(q.kind != ASKED_FAULT && q.figure != FIGURE_WEIGHT, "'deadweight' is neither dead nor a weight");
	ask_understand(lx, "every how many months does the filter cartridge get changed", &q);
	CHECK(q.figure == FIGURE_FREQUENCY, "how often: a frequency");
	ask_understand(lx, "for the 3 comp sink, what is sanitizer supposed to test at", &q);
	CHECK(q.figure == FIGURE_CONCENTRATION, "what a sanitizer tests at: a concentration");
	ask_understand(lx, "my dial stem thermometer, how far off can it be", &q);
	CHECK(q.figure == FIGURE_TEMPERATURE, "how far off a reading may be: a tolerance");
	ask_understand(lx, "how far off the wall does the fryer sit", &q);
	CHECK(q.figure == FIGURE_DISTANCE, "how far off the wall: a distance");
	ask_understand(lx, "how many breaths per minute for a baby", &q);
	CHECK(q.figure == FIGURE_FREQUENCY && ask_states_figure("about 30 a minute", FIGURE_FREQUENCY),
	      "how many a minute: a rate");
	ask_understand(lx, "lettuce sat out all afternoon, still good?", &q);
	CHECK(q.kind == ASKED_DECISION, "still good: a decision");
	ask_understand(lx, "opened the ham on the 2nd and its the 8th today, good?", &q);
	CHECK(q.made == 2 && q.today == 8, "the day it was opened and today: %d, %d", q.made,
	      q.today);
	ask_understand(lx, "we made the slaw on a sunday and today is wednesday, toss it?", &q);
	CHECK(q.made_weekday == 7 && q.today_weekday == 3, "the weekday it was made and today's: "
	      "%d, %d", q.made_weekday, q.today_weekday);
	ask_understand(lx, "reach in at 46, the log said 39 at 7am and its noon", &q);
	CHECK(q.kind == ASKED_DECISION && q.elapsed == 300,
	      "a reading and how long, no figure asked: what to do with the food");
	ask_understand(lx, "whats the coldest the reach in can run", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TEMPERATURE,
	      "'the coldest': a temperature");
	ask_understand(lx, "cooler read 38 an hour ago and 45 now, keep the ham?", &q);
	CHECK(q.elapsed == 60, "'an hour ago' is 60 minutes: %d", q.elapsed);
	ask_understand(lx, "mayo sat out at 60 for two hrs, toss?", &q);
	CHECK(q.elapsed == 120, "'two hrs' is 120 minutes: %d", q.elapsed);
	ask_understand(lx, "rice in the warmer dropped to 120 half an hour ago, reheat?", &q);
	CHECK(q.elapsed == 30, "'half an hour' is 30 minutes: %d", q.elapsed);
	CHECK(!q.heating, "asking whether to reheat is no food being reheated");
	ask_understand(lx, "gravy on the back burner warming 2 hours now, probe says 152, still good?", &q);
	CHECK(q.heating && q.elapsed == 120 && q.reading == 152, "gravy being reheated, 2 hrs in");
	ask_understand(lx, "my cashier has pink eye, does she have to leave", &q);
	CHECK(q.kind == ASKED_DECISION, "'does she have to' mid-question: a decision");
	ask_understand(lx, "how many minutes till the KX-4 is warmed up", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TIME, "a model number in a figure question is no fault code");
	ask_understand(lx, "how long should i hold pressure on a bleeding finger", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TIME,
	      "pressure held on a wound is first aid: how long asks a time, not psi");
	ask_understand(lx, "whats the working pressure on the pressure fryer in psi", &q);
	CHECK(q.figure == FIGURE_PRESSURE, "a machine's pressure is still a pressure");
	ask_understand(lx, "reach in temperature alarm beeping nonstop", &q);
	CHECK(q.kind == ASKED_FAULT, "a temperature alarm going off is a fault, not a figure asked");
	ask_understand(lx, "boxes of buns in dry storage, how high off the ground", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_DISTANCE,
	      "how high off the floor asks a distance (6 inches)");
	ask_understand(lx, "the sausages keep bursting on the roller", &q);
	CHECK(q.kind == ASKED_FAULT, "a symptom told ('keep bursting') is a fault, with no code");
	ask_understand(lx, "oven showing E-12", &q);
	CHECK(q.kind == ASKED_FAULT && q.ncodes == 1, "a code: a fault");
	ask_understand(lx, "the cheese came in at 47 off the truck, do we keep it", &q);
	CHECK(q.kind == ASKED_DECISION && q.figure == FIGURE_TEMPERATURE, "a bare reading is a temperature");
	CHECK(q.reading == 47, "the reading is kept");
	ask_understand(lx, "reach in freezer showing 12 degrees is that okay", &q);
	CHECK(q.kind == ASKED_DECISION && q.reading == 12,
	      "a freezer's reading below freezing, asked 'is that okay': %d", q.reading);
	ask_understand(lx, "by close what ought our two reach in freezers read", &q);
	{
		bool framed = false;

		for(int i = 0; i < q.terms.n; i++)
			framed |= strncmp(q.terms.term[i], "read", 4) == 0 && q.terms.weight[i] < 1;
		CHECK(framed, "'read' frames the question even when nothing was read");
	}
	ask_understand(lx, "iodine sink tested 40ppm after lunch, fine?", &q);
	CHECK(q.kind == ASKED_DECISION && q.ppm == 40, "a concentration tested: %d", q.ppm);
	ask_understand(lx, "quat test strip on the 3 comp shows 150, fine?", &q);
	CHECK(q.ppm == 150 && q.reading == 0 && q.figure == FIGURE_CONCENTRATION,
	      "a sanitizer's strip read without 'ppm' is a concentration, no temperature: %d %d",
	      q.ppm, q.reading);
	ask_understand(lx, "fish strips temped 150, fine?", &q);
	CHECK(q.ppm == 0 && q.reading == 150, "food strips probed read a temperature");
	ask_understand(lx, "the freezer display says -4", &q);
	CHECK(q.reading == 0, "a reading below zero is not read as above it");
	ask_understand(lx, "the case of shell eggs probes 43, ok", &q);
	CHECK(q.reading == 43, "'probes' reports a reading: %d", q.reading);
	ask_understand(lx, "how many pounds can i carry alone up the stairs", &q);
	CHECK(q.kind == ASKED_FIGURE, "'how many ... can i': a figure asked, not a decision");
	ask_understand(lx, "dude grabbed the tip jar and ran out the door, what now", &q);
	CHECK(q.over, "a robber who ran out the door is gone: the threat is over");
	ask_understand(lx, "the guy with the knife just left, manager is shaking", &q);
	CHECK(q.over, "one who just left is gone: the threat is over");
	ask_understand(lx, "fire is out, when can the grill start back up", &q);
	CHECK(q.after, "'fire is out' asks what comes after the emergency");
	ask_understand(lx, "reach in at 50 when i came in, no one logged it overnight", &q);
	CHECK(q.unknown_time, "nothing logged since: an unknown time");
	ask_understand(lx, "sandwich unit was at 48 all night probably", &q);
	CHECK(q.unknown_time && q.reading == 48, "out of range all night: no time known to be safe");
	ask_understand(lx, "the prep cooler says 52 rn", &q);
	CHECK(q.reading == 52, "'rn' (right now) after a reading: %d", q.reading);
	ask_understand(lx, "the cheese probed 43 and the deli turkey read 47, which goes back", &q);
	CHECK(q.figure == FIGURE_TEMPERATURE && q.reading == 0, "two readings: a temperature, but no one reading");
	/* the shipped known-words.txt: an English word one typo from a trigger is that word */
	ask_understand(lx, "i swapped the co2 tank and the label is attached", &q);
	CHECK(q.nemergency == 0, "'swapped' is not 'slapped', 'attached' not 'attacked'");
	ask_understand(lx, "two robbers came in, one has a firearm", &q);
	CHECK(q.nemergency == 1 && strcmp(q.emergency[0]->id, "robbery") == 0, "'robbers' is still a robbery");
	ask_understand(lx, "the fries sat at 40 minutes under the lamp", &q);
	CHECK(q.figure == FIGURE_TIME, "a number with another unit is no reading");
	/* how long it has been so, and when from a clock time */
	ask_understand(lx, "hash browns sat under the heat lamp 2 and a half hours, sell them?", &q);
	CHECK(q.elapsed == 150, "a duration said of the food: %d minutes", q.elapsed);
	ask_understand(lx, "soup came out of the well at 11:15 and its 1:45 now, still ok", &q);
	CHECK(q.elapsed == 150, "from a clock time to now: %d minutes", q.elapsed);
	ask_understand(lx, "gravy has been warming back up for 1 hr 50 min and reads 140, keep at it?", &q);
	CHECK(q.elapsed == 110, "hours and minutes: %d minutes", q.elapsed);
	ask_understand(lx, "freezer alarm at 1:40, the tech got it cold again at 3, ice cream ok?", &q);
	CHECK(q.elapsed == 80, "from one clock time to the next: %d minutes", q.elapsed);
	ask_understand(lx, "took the stew off the range at 11, at 1:10 the probe reads 77", &q);
	CHECK(q.elapsed == 130 && q.reading == 77, "a clock time past noon after one before: %d",
	      q.elapsed);
	ask_understand(lx, "queso been at 74 sitting in the ice water since 2, its 4:20", &q);
	CHECK(q.reading == 74, "a reading the food is sitting at: %d", q.reading);
	ask_understand(lx, "how far ahead do i ask for saturday off", &q);
	CHECK(q.figure == FIGURE_TIME, "'how far ahead' asks a time, not a distance");
	ask_understand(lx, "reach in quit around 8, its 10:30 now, is the cheese good", &q);
	CHECK(q.elapsed == 150, "'around' a clock time starts it too: %d minutes", q.elapsed);
	ask_understand(lx, "how many hours can soup sit out, within 4 hours right?", &q);
	CHECK(q.elapsed == 0, "a duration asked or quoted is no time out");
	ask_understand(lx, "slow night, ok to shut the grill down two hours early?", &q);
	CHECK(q.elapsed == 0, "a duration still to come is no time out: %d", q.elapsed);
	ask_understand(lx, "30 min till close, can i start mopping the lobby", &q);
	CHECK(q.elapsed == 0, "'30 min till close' is no time out: %d", q.elapsed);
	ask_understand(lx, "can i pull the fry station apart an hour before closing", &q);
	CHECK(q.elapsed == 0, "'an hour before closing' is no time out: %d", q.elapsed);
	ask_understand(lx, "tuna salad sat at 52 for 3 hrs before anyone saw, trash it?", &q);
	CHECK(q.elapsed == 180, "'3 hrs before anyone saw' is a time out: %d", q.elapsed);
	ask_understand(lx, "pulled the lettuce at 9:45, what time does it get dumped", &q);
	CHECK(q.since == 9 * 60 + 45 + 1 && q.elapsed == 0, "asked when, from a clock time");
	ask_understand(lx, "gravy off the burner at 2, when does it have to be at 70", &q);
	CHECK(q.reading == 0 && q.since == 2 * 60 + 1, "'has to be at 70' is a target, not a reading");
	ask_understand(lx, "stock pot came off at 4 when does it gotta hit 70 and when does it gotta be 41", &q);
	CHECK(q.reading == 0 && q.target[0] == 70 && q.target[1] == 41,
	      "two temperatures to reach, in order: %d, %d", q.target[0], q.target[1]);
	ask_understand(lx, "beans were 135 at 2 going into the ice bath, when gotta be 70 and then 41", &q);
	CHECK(q.target[0] == 70 && q.target[1] == 41,
	      "a bare second temperature after the first: %d, %d", q.target[0], q.target[1]);
	ask_understand(lx, "rice came off the stove at 135 at noon, at 2:30 its still 88, ok?", &q);
	CHECK(q.reading == 88 && q.cooling && q.elapsed == 150,
	      "'its still 88' is the reading; off the stove, the food is cooling: %d", q.reading);
	ask_understand(lx, "gravy was 150 at 3 then at 5 it says 76, what now", &q);
	CHECK(q.cooling && q.reading == 76, "down from a hot temperature: being cooled");
	ask_understand(lx, "hot well pan was 150 at 3 then at 5 it says 128, what now", &q);
	CHECK(!q.cooling, "a hot-held pan that slipped is not being cooled");
	ask_understand(lx, "reach-in cooler 46, last good log 39 at 7am, now its 2pm", &q);
	CHECK(q.reading == 46 && q.kind == ASKED_DECISION,
	      "a cooler's reading and how long, told not asked: a decision (%d)", q.reading);
	ask_understand(lx, "booster gauge showed 176 during the wash, we good", &q);
	CHECK(q.reading == 176 && q.kind == ASKED_DECISION,
	      "'showed 176 during', 'we good': a reading to decide on (%d)", q.reading);
	ask_understand(lx, "been warming the queso back up since 2, its 4:25 and reads 141", &q);
	CHECK(q.elapsed == 145 && q.heating, "'since 2' starts the time: %d minutes", q.elapsed);
	ask_understand(lx, "reach-in cooler is 49 now at 10am, the log had 37 at 7am", &q);
	CHECK(q.elapsed == 180, "the clock said to be now first, the start after: %d minutes",
	      q.elapsed);
	ask_understand(lx, "salsa on the rail reads 46, it was 40 at the 9am check, its noon", &q);
	CHECK(q.elapsed == 180, "'at the 9am check' starts the time: %d minutes", q.elapsed);
	ask_understand(lx, "prep cooler shows 45 at 4pm, it was 39 at the 2pm walk", &q);
	CHECK(q.elapsed == 120, "the clock said of what was, named second, starts the time: %d",
	      q.elapsed);
	ask_understand(lx, "the line cooler reads 45 now, it was 39 when we opened", &q);
	CHECK(q.reading == 45, "of a reading now and one said of before, the one now: %d",
	      q.reading);
	ask_understand(lx, "drink cooler temped 52 at 5am open, last reading was 9pm yesterday", &q);
	CHECK(q.elapsed == 480 && q.reading == 52,
	      "'was 9pm' overnight starts the time: %d minutes, reading %d", q.elapsed, q.reading);
	ask_understand(lx, "set the coleslaw out on time control at 10:30, its 1:15 now", &q);
	CHECK(q.elapsed == 165 && q.start == 1 + 10 * 60 + 30,
	      "the clock time the elapsed time runs from is kept: %d from %d", q.elapsed, q.start);
	ask_understand(lx, "toaster smells scorched even though the temp is fine", &q);
	CHECK(q.figure != FIGURE_TEMPERATURE, "a temperature the crew found fine is not asked");
	ask_understand(lx, "lowest the steam table can run?", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TEMPERATURE,
	      "a bound of what is held at a temperature asks the temperature: %s",
	      ask_figure_name(q.figure));
	ask_understand(lx, "whats the max hold time for patties in the steam table", &q);
	CHECK(q.figure == FIGURE_TIME, "a bound of a hold time asks the time");
	ask_understand(lx, "reach in says 47 and the deli meat is 49, no one knows since when", &q);
	CHECK(q.kind == ASKED_DECISION && q.unknown_time,
	      "readings told with no one knowing how long: what to do with the food");
	ask_understand(lx, "reach in reads 46 what should we do about the deli meat", &q);
	CHECK(q.kind == ASKED_DECISION && q.reading == 46,
	      "a reading and what to do about it is a decision, not a figure");
	ask_understand(lx, "we throw out a ton of nuggets every night, whose fault is that", &q);
	CHECK(q.kind != ASKED_FAULT, "blame is no machine's fault");
	ask_understand(lx, "what should the quat level be in the third sink", &q);
	CHECK(q.figure == FIGURE_CONCENTRATION, "a sanitizer's level is a concentration: %s",
	      ask_figure_name(q.figure));
	ask_understand(lx, "soup only hit 140 after 2 hrs of heating, leave it longer?", &q);
	CHECK(q.kind == ASKED_DECISION, "asking to give reheating longer is a decision");
	ask_understand(lx, "how do we check the oven probe calibration", &q);
	CHECK(q.figure != FIGURE_CONCENTRATION, "'ratio' inside 'calibration' is no concentration");
	ask_understand(lx, "flipped the breaker back on and the fryer still shows E-4", &q);
	CHECK(q.kind == ASKED_FAULT && q.persists, "a breaker checked is no electric figure; 'still' says the fix failed");
	ask_understand(lx, "grill went into eco mode, how many minutes before i can load it again", &q);
	CHECK(q.kind == ASKED_FIGURE && !q.persists, "'again' in a figure asked is no fix that failed");
	ask_understand(lx, "what about days 4 and 5 of the training plan", &q);
	CHECK(q.figure != FIGURE_TIME, "'days 4 and 5' name parts of a plan, not a time asked");
	ask_understand(lx, "whats the longest the batter can sit out", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TIME, "'the longest' asks a time");
	ask_understand(lx, "whats the max time on the thaw", &q);
	CHECK(q.figure == FIGURE_TIME, "'max time' asks a time, not an amount");
	ask_understand(lx, "opened salsa, is it fine after 5 days", &q);
	CHECK(q.figure == FIGURE_TIME, "'5 days' is a time");
	ask_understand(lx, "mixer flashing E2 again", &q);
	CHECK(q.persists, "a code again came back");
	ask_understand(lx, "steamer wont heat up, the water level looks fine and the plug is in", &q);
	CHECK(q.ruled_out.n == 2 && strcmp(q.ruled_out.term[0], "water") == 0 &&
	      strcmp(q.ruled_out.term[1], "level") == 0,
	      "what the crew found fine is ruled out, not the words that link it: %d", q.ruled_out.n);
	ask_understand(lx, "toaster belt stopped, breaker and cord are fine", &q);
	CHECK(q.ruled_out.n == 2 && strcmp(q.ruled_out.term[0], "breaker") == 0 &&
	      strcmp(q.ruled_out.term[1], "cord") == 0,
	      "both things an 'and' joins before 'are fine' are ruled out: %d", q.ruled_out.n);
	ask_understand(lx, "what should that little drinks fridge by the window be at", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TEMPERATURE,
	      "what a unit should 'be at' is its temperature");
	ask_understand(lx, "is it ok to hold the soup at 140", &q);
	CHECK(q.ruled_out.n == 0, "asking whether something is ok rules nothing out");
	ask_understand(lx, "whats the after hours service number for the mixer", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_PHONE, "a service number is a figure asked");
	ask_understand(lx, "probed the salmon at 151, is that cooked?", &q);
	CHECK(q.kind == ASKED_DECISION && q.reading == 151, "whether food read is cooked is a decision");
	ask_understand(lx, "a rat chewed into the tortilla case are the wraps fine", &q);
	CHECK(q.kind == ASKED_DECISION, "a verdict asked at the end, no question mark, is a decision");
	ask_understand(lx, "mice got into the cracker box crackers ok", &q);
	CHECK(q.kind == ASKED_DECISION, "'... ok' at the end asks a verdict");
}

/* The reading's own clause: "the patties probed 47 but the eggs were
 * fine" names the patties, not the eggs (the verdict's subject). */
static void test_reading_subject(const struct lexicon *lx)
{
	struct ask q;

	ask_understand(lx, "the raw patties probed 47 but the shell eggs were fine, accept it?", &q);
	CHECK(q.reading == 47 && terms_match(&q.subject, "raw patties", NULL) &&
	      !terms_match(&q.subject, "shell eggs", NULL), "the reading's clause names the patties, not the eggs");
}

/* The words that report a reading weigh as little as its number: "hit 146
 * on the probe" asks about the fish, not the thermometer. */
static void test_measuring(const struct lexicon *lx)
{
	struct ask q;
	double probe = -1, fish = -1;

	ask_understand(lx, "fish hit 146 on the probe, good?", &q);
	for(int i = 0; i < q.terms.n; i++) {
		if(strncmp(q.terms.term[i], "probe", 5) == 0)
			probe = q.terms.weight[i];
		if(strcmp(q.terms.term[i], "fish") == 0)
			fish = q.terms.weight[i];
	}
	CHECK(q.reading == 146 && probe >= 0 && probe < fish, "the probe weighs less than the fish");
	ask_understand(lx, "how do i calibrate the probe", &q);
	for(int i = 0; i < q.terms.n; i++)
		if(strncmp(q.terms.term[i], "probe", 5) == 0)
			probe = q.terms.weight[i];
	CHECK(probe >= 1, "without a reading the probe is what is asked about");
	ask_understand(lx, "the gravy well shows 118, idk when it started dropping", &q);
	CHECK(q.reading == 118 && q.unknown_time, "'idk when it' started: the time out is unknown");
}

/* What ask.h promises beyond ask_understand: names for the log (codes in
 * text and model numbers: test_ask_states.c). */
static void test_names(void)
{
	CHECK(strcmp(ask_kind_name(ASKED_FAULT), ask_kind_name(ASKED_FIGURE)) != 0 &&
	      strcmp(ask_figure_name(FIGURE_TEMPERATURE), ask_figure_name(FIGURE_TIME)) != 0,
	      "kinds and figures have names of their own");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx) {
		test_asks(lx);
		test_reading_subject(lx);
		test_measuring(lx);
	}
	test_names();
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
