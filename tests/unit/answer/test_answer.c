/* test_answer.c - the answer path's pure parts: the lexicon (crew words,
 * emergencies), what a question asks, sections, the ranker's weights, and
 * the composed answer's lead.  The shipped data files are read from the
 * source tree (TOP_SRCDIR), as the worker reads them from data_dir. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/asked.h"
#include "answer/compose.h"
#include "answer/verdict.h"
#include "answer/lexicon.h"
#include "answer/path.h"
#include "answer/rank.h"
#include "answer/section.h"
#include "../tap.h"

static struct arena arena;

static bool has_emergency(const struct lexicon *lx, const char *text, const char *id)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	int n = lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, text), e, LEXICON_MAX_EMERGENCIES);

	for(int i = 0; i < n; i++)
		if(strcmp(e[i]->id, id) == 0)
			return true;
	return false;
}

static int emergencies_in(const struct lexicon *lx, const char *text)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];

	return lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, text), e, LEXICON_MAX_EMERGENCIES);
}

/* The shipped vocabulary and emergencies, on phrasings of our own. */
static void test_shipped_lexicon(const struct answer_kit *kit)
{
	const struct lexicon *lx = kit->lexicon;

	CHECK(has_emergency(lx, "flames coming out of the fry vat!!", "fire"), "a fryer fire, in other words");
	CHECK(has_emergency(lx, "trash can by the office is on fire", "fire-other") &&
	      !has_emergency(lx, "trash can by the office is on fire", "fire"), "a trash fire is not a grease fire");
	CHECK(has_emergency(lx, "my buddy got zapped by the outlet", "electric-shock"), "zapped is a shock");
	CHECK(has_emergency(lx, "lady fainted by the drive thru window", "unconscious"), "fainted is a collapse");
	CHECK(has_emergency(lx, "she's unconsious on the floor", "unconscious"), "a typo of seven letters or more");
	CHECK(has_emergency(lx, "cashier been barfing since she got here", "sick-worker"), "crew words for vomiting");
	CHECK(!has_emergency(lx, "a kid threw up in the lobby", "sick-worker"), "a guest who threw up is a clean-up");
	CHECK(has_emergency(lx, "the fry cook vomited in the guest restroom, can he finish", "sick-worker") &&
	      !has_emergency(lx, "a guest vomited in the guest restroom", "sick-worker"),
	      "the customers' restroom is a place, not a guest: a worker sick there is a sick worker");
	CHECK(emergencies_in(lx, "fire up the grill at 5am, what temp") == 0, "'fire up' is no fire");
	CHECK(has_emergency(lx, "flames shooting fire up into the hood vents", "fire"), "'fire up into the hood' is a fire");
	CHECK(has_emergency(lx, "smells kinda sulfury by the back door", "gas-smell"), "a sulfur smell is gas");
	CHECK(emergencies_in(lx, "scrambled egg smell in the lobby is nice") == 0, "an egg smell is no gas leak");
	CHECK(emergencies_in(lx, "can we keep cooking with the hood fan off") == 0, "'cooking' is not 'choking'");
	CHECK(emergencies_in(lx, "burner on the stove won't light") == 0, "'burner' is not 'burned'");
	CHECK(emergencies_in(lx, "breaker tripped on the toaster") == 0, "a tripped breaker is not a fall");
	CHECK(emergencies_in(lx, "emptied the drawer like the broiler said, code still on") == 0,
	      "an emptied grease drawer is no robbery");
	/* a trigger's words must meet in one clause (or a few words apart) */
	CHECK(emergencies_in(lx, "can i carry the grease bucket by myself and what shelf does the fryer "
	                         "cleaner go on") == 0,
	      "oil in one question and 'myself' in another are no burn");
	CHECK(has_emergency(lx, "grease from the fryer splashed up my arm", "burn"), "one clause is a burn");
	CHECK(has_emergency(lx, "got dizzy changing a syrup box. the co2 tank is right there", "co2-leak"),
	      "a full stop does not part one emergency");
	CHECK(emergencies_in(lx, "how hot should the hand sink water be") == 0, "hand-sink water is no burn");
	CHECK(emergencies_in(lx, "the date sticker fell off the lettuce pan") == 0, "a sticker's fall is no fall");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "flat top wont heat"), "griddle") != NULL, "flat top is the griddle");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "griddle is fine"), "griddle is fine") == 0,
	      "a question without crew words is left as it is");
}

static void test_lexicon_format(void)
{
	struct lexicon *lx = NULL;
	const struct emergency *e[4];

	CHECK(lexicon_parse("a b\tc\n", "x\t\tX\tboom & loud*\tboom box\t\n", NULL, &lx) == LL_OK, "parse");
	CHECK(lexicon_emergencies(lx, "a loud boom", e, 4) == 1 && strcmp(e[0]->id, "x") == 0,
	      "conjuncts in any order");
	CHECK(lexicon_emergencies(lx, "the boom box is loud", e, 4) == 0, "a masked phrase does not count");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "say a b now"), "say c now") == 0, "a phrase is replaced whole");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "fryer shows e 7 again"), "fryer shows E7 again") == 0,
	      "a code typed with a space is one code");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "held f 4 hours, a 2 by 4"), "held f 4 hours, a 2 by 4") == 0,
	      "a letter before a time, and an English word, are no code");
	lexicon_free(lx);
	CHECK(lexicon_parse("only-one-column\n", "", NULL, &lx) == LL_EINVAL && !lx, "a bad vocabulary line");
	CHECK(lexicon_parse("", "x\t\tX\t\n", NULL, &lx) == LL_EINVAL, "an emergency without triggers");
}

static void test_asks(const struct answer_kit *kit)
{
	struct ask q;

	ask_understand(kit->lexicon, "how hot does the fish gotta get", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TEMPERATURE, "how hot: a temperature");
	ask_understand(kit->lexicon, "whats the steps for priming the syrup pump", &q);
	CHECK(q.kind == ASKED_PROCEDURE, "'whats the steps' asks for a procedure, not a definition");
	ask_understand(kit->lexicon, "how do we open up the KX900 for breakfast", &q);
	CHECK(q.kind == ASKED_PROCEDURE, "a model number in a how-to is no fault code");
	ask_understand(kit->lexicon, "where does the deadweight go after washing", &q);
	CHECK(q.kind != ASKED_FAULT && q.figure != FIGURE_WEIGHT, "'deadweight' is neither dead nor a weight");
	ask_understand(kit->lexicon, "every how many months does the filter cartridge get changed", &q);
	CHECK(q.figure == FIGURE_FREQUENCY, "how often: a frequency");
	ask_understand(kit->lexicon, "lettuce sat out all afternoon, still good?", &q);
	CHECK(q.kind == ASKED_DECISION, "still good: a decision");
	ask_understand(kit->lexicon, "how many minutes till the KX-4 is warmed up", &q);
	CHECK(q.kind == ASKED_FIGURE && q.figure == FIGURE_TIME, "a model number in a figure question is no fault code");
	ask_understand(kit->lexicon, "oven showing E-12", &q);
	CHECK(q.kind == ASKED_FAULT && q.ncodes == 1, "a code: a fault");
	CHECK(ask_same_code("WH120", "wh-120") && !ask_same_code("E1", "E11"), "codes compare without hyphens");
	CHECK(ask_same_code("E03", "E-3") && ask_same_code("e-03", "E3") && !ask_same_code("E30", "E3") &&
	      !ask_same_code("E103", "E13"), "a number's leading zeros do not count");
	ask_understand(kit->lexicon, "the cheese came in at 47 off the truck, do we keep it", &q);
	CHECK(q.kind == ASKED_DECISION && q.figure == FIGURE_TEMPERATURE, "a bare reading is a temperature");
	CHECK(q.reading == 47, "the reading is kept");
	ask_understand(kit->lexicon, "the cheese probed 43 and the deli turkey read 47, which goes back", &q);
	CHECK(q.figure == FIGURE_TEMPERATURE && q.reading == 0, "two readings: a temperature, but no one reading");
	/* the shipped known-words.txt: an English word one typo from a trigger is that word */
	ask_understand(kit->lexicon, "i swapped the co2 tank and the label is attached", &q);
	CHECK(q.nemergency == 0, "'swapped' is not 'slapped', 'attached' not 'attacked'");
	ask_understand(kit->lexicon, "two robbers came in, one has a firearm", &q);
	CHECK(q.nemergency == 1 && strcmp(q.emergency[0]->id, "robbery") == 0, "'robbers' is still a robbery");
	ask_understand(kit->lexicon, "the fries sat at 40 minutes under the lamp", &q);
	CHECK(q.figure == FIGURE_TIME, "a number with another unit is no reading");
	ask_understand(kit->lexicon, "how do we check the oven probe calibration", &q);
	CHECK(q.figure != FIGURE_CONCENTRATION, "'ratio' inside 'calibration' is no concentration");
	ask_understand(kit->lexicon, "flipped the breaker back on and the fryer still shows E-4", &q);
	CHECK(q.kind == ASKED_FAULT && q.persists, "a breaker checked is no electric figure; 'still' says the fix failed");
	CHECK(ask_states_figure("Hold at 135°F or above", FIGURE_TEMPERATURE) &&
	      !ask_states_figure("Hold it for 4 hours", FIGURE_TEMPERATURE) &&
	      ask_states_figure("Hold it for 4 hours", FIGURE_TIME), "figures by their unit");
}

static void test_verdicts(void)
{
	char v[160];
	struct terms milk;

	CHECK(verdict_of_reading(152, "Ground beef must be at least as hot as 155\xC2\xB0" "F (68\xC2\xB0" "C) for 17 seconds.",
	                         NULL, false, v, sizeof(v)) && strstr(v, "below the 155") && strstr(v, "not safe"),
	      "a reading under a minimum is not safe yet");
	CHECK(verdict_of_reading(140, "Hold hot food at 135\xC2\xB0" "F (57\xC2\xB0" "C) or above.", NULL, false, v, sizeof(v)) &&
	      strstr(v, "meets the 135"), "a reading over a minimum meets it");
	CHECK(verdict_of_reading(46, "If a product reads above 41\xC2\xB0" "F (5\xC2\xB0" "C), reject it.", NULL, false, v, sizeof(v)) &&
	      strstr(v, "above the 41"), "'reads above 41' makes 41 a ceiling");
	terms_of("milk came in at 44", &milk);
	CHECK(verdict_of_reading(44, "It must be 41\xC2\xB0" "F (5\xC2\xB0" "C) or below; milk and shell eggs 45\xC2\xB0" "F (7\xC2\xB0" "C) "
	                         "or below.", &milk, false, v, sizeof(v)) && strstr(v, "within the 45"),
	      "the limit whose clause names the subject");
	/* "milk came in at 44, can we take it": the verdict's own word first */
	CHECK(verdict_of_reading(44, "Milk must be 45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &milk, true, v,
	                         sizeof(v)) && strncmp(v, "Yes, 44", 7) == 0,
	      "a yes/no question within the limit is answered yes first");
	CHECK(verdict_of_reading(48, "Milk must be 45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &milk, true, v,
	                         sizeof(v)) && strncmp(v, "No, 48", 6) == 0,
	      "a yes/no question over the limit is answered no first");
	CHECK(!verdict_of_reading(44, "Cook it for 4 minutes.", NULL, false, v, sizeof(v)), "no limit, no verdict");
}

/* The limit of the reading's own clause: "the patties probed 47 but the
 * eggs were fine" holds the patties, not the eggs, to their limit. */
static void test_reading_subject(const struct answer_kit *kit)
{
	struct ask q;
	char v[160];

	ask_understand(kit->lexicon, "the raw patties probed 47 but the shell eggs were fine, accept it?", &q);
	CHECK(q.reading == 47 && terms_match(&q.subject, "raw patties", NULL) &&
	      !terms_match(&q.subject, "shell eggs", NULL), "the reading's clause names the patties, not the eggs");
	CHECK(verdict_of_reading(q.reading, "It must be 41\xC2\xB0" "F (5\xC2\xB0" "C) or below; milk and shell eggs "
	                         "45\xC2\xB0" "F (7\xC2\xB0" "C) or below.", &q.subject, false, v, sizeof(v)) &&
	      strstr(v, "above the 41"), "the eggs' limit is not the patties'");
}

static struct section make_section(const char *title, const char *path, const char *body)
{
	struct section s;

	memset(&s, 0, sizeof(s));
	s.document_id = 7;
	s.title = title;
	s.path = path;
	s.category = "safety";
	s.body = body;
	s.score = 0.8;
	s.coverage = 1;
	if(section_read(&arena, &s) != LL_OK)
		s.nparts = 0;
	return s;
}

static void test_sections(void)
{
	struct section s = make_section("Holding", "Hot Holding",
	                                "Keep hot food at 135°F or above. Check it every 2 hours.\n\n"
	                                "1. Probe the thickest piece.\n2. Write it on the log.\n\n"
	                                "WARNING: Never reheat in the holding cabinet.\n");

	CHECK(s.nprose == 2 && s.nsteps == 2 && s.nwarnings == 1 && s.kind == SECTION_STEPS, "prose, steps, a notice");
	s = make_section("Fryer", "3.1 Filtering", "1.: Turn the fryer off.\n\n2.: Open the drain valve.\n");
	CHECK(s.nsteps == 2 && strcmp(s.parts[0].text, "Turn the fryer off.") == 0,
	      "a PDF's numbered list read as a two-cell row is still steps");
	s = make_section("Quiz", "Quiz Part 1", "Q: What is hot holding?\nA: 135.\nQ: Cold?\nA: 41.\n");
	CHECK(s.kind == SECTION_QUIZ, "a quiz is a quiz");
	s = make_section("Grill", "Error Codes > E03: Over-temperature", "Meaning: too hot.\n\n1. Press STOP.\n");
	CHECK(s.kind == SECTION_FAULT && strcmp(s.heading, "E03: Over-temperature") == 0, "a code's section");
	s = make_section("Grill", "Grill", "This manual covers the grill.");
	CHECK(s.kind == SECTION_OVERVIEW, "the introduction is an overview");
	s = make_section("Mixer", "Cleaning", "> CAUTION: Never put the beaters in the dish machine.\n");
	CHECK(s.nwarnings == 1 && strncmp(s.parts[0].text, "CAUTION", 7) == 0, "a Markdown quote's '>' is not said");
}

static void test_ranker_format(void)
{
	struct ranker r;

	CHECK(ranker_parse("# w\nbias\t-1.5\nheading\t2\n", &r) == LL_OK && r.w[F_BIAS] == -1.5 && r.w[F_HEADING] == 2,
	      "weights by name");
	CHECK(ranker_parse("no_such_feature\t1\n", &r) == LL_EINVAL, "an unknown feature is an error");
	CHECK(ranker_parse("bias\tx\n", &r) == LL_EINVAL, "a weight must be a number");
}

/* A manual no one asked about has no memory: its sections are then judged
 * by their own best sentence (rank.c), not outranked by remembered ones. */
static void test_asked_memory(const struct answer_kit *kit)
{
	struct asked_set *a = NULL;
	struct terms q;
	double idf[TERMS_MAX];

	CHECK(asked_parse("# c\nfryer.md\tFilter\thow often do we filter the oil\n"
	                  "fryer-xl.md\tClean\thow do i boil out the vat\n", kit->lexicon, &a) == LL_OK,
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

static bool said(const struct answer *a, const char *needle)
{
	if(strstr(a->response, needle))
		return true;
	for(size_t i = 0; i < a->nsteps; i++)
		if(strstr(a->steps[i], needle))
			return true;
	return false;
}

static void test_compose(const struct answer_kit *kit)
{
	struct section card = make_section("Emergencies", "Smell of Gas",
	                                   "Get everyone out and call 911 from outside.\n\n"
	                                   "1. Do not touch any switch.\n2. Evacuate.\n3. Call 911 outside.\n"
	                                   "4. Wait for the gas company.\n\nDANGER: A spark can ignite gas.\n");
	struct section other = make_section("Fryer", "Lighting the Pilot", "Check the pilot light first.\n\n"
	                                    "1. Open the gas valve.\n2. Light the pilot.\n");
	struct section temps = make_section("Cooking", "Fish: 145°F",
	                                    "Fish is safe at 145°F for 15 seconds. Rest it for 3 minutes.\n");
	struct compose_in in;
	struct answer a;
	struct ask q;

	ask_understand(kit->lexicon, "smells like gas by the fryers, whats wrong with the pilot", &q);
	memset(&in, 0, sizeof(in));
	in.ask = &q;
	in.cards = &card;
	in.ncards = 1;
	in.ranked = &other;
	in.nranked = 1;
	CHECK(compose_answer(&arena, &in, &a) == LL_OK, "compose an emergency");
	CHECK(strncmp(a.response, "Get everyone out", 16) == 0, "the emergency's own summary leads");
	CHECK(a.nsteps == 4 && strcmp(a.steps[0], "Do not touch any switch.") == 0 &&
	      strcmp(a.steps[3], "Wait for the gas company.") == 0, "its procedure whole and in order");
	CHECK(!said(&a, "pilot light") && !said(&a, "Light the pilot"), "no step that contradicts it");

	ask_understand(kit->lexicon, "how hot for fish", &q);
	memset(&in, 0, sizeof(in));
	in.ask = &q;
	in.ranked = &temps;
	in.nranked = 1;
	CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Fish is safe at 145°F", 21) == 0 &&
	      !strstr(a.response, "3 minutes"), "a figure question leads with the sentence stating that figure");

	{
		/* the fix was tried: what to do when it comes back leads */
		struct section e9 = make_section("Fry dispenser", "Fault codes > E-9: Basket jam",
		                                 "E-9: Basket jam. \xE2\x80\x94 What to do: Switch POWER off. Clear the basket "
		                                 "guide. If it jams again, call Service.\n");

		ask_understand(kit->lexicon, "the fry dispenser threw E-9 a second time, i already reset it once", &q);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &e9;
		in.nranked = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "If it jams again, call Service.", 31) == 0,
		      "a code that came back leads with what to do next: %s", a.response);
	}
	{
		/* a question asked twice over: the second section's lead follows
		 * the first sentence of the first, which keeps "3-501.17" whole */
		struct section keep = make_section("Dates", "The 7-Day Rule",
		                                   "Opened deli meat keeps 7 days (Food Code 3-501.17). Count day 1.\n");
		struct section mark = make_section("Dates", "Writing the Label",
		                                   "Write the earliest date of any ingredient on the label.\n");
		struct ask q2;

		ask_understand(kit->lexicon, "how long is opened ham good, what date goes on the label", &q);
		ask_understand(kit->lexicon, "what date goes on the label", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &keep;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &mark;
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "(Food Code 3-501.17). Write the earliest date") != NULL,
		      "a two-part question: the second section's lead after the first's whole first sentence");
	}
	{
		/* a decision on a list: the sentence that rules on the whole list
		 * comes with the item; nobody knows how long: that rule leads */
		struct section recv = make_section("Receiving", "Frozen Food",
		                                   "Check frozen product first. Reject frozen product with:\n\n"
		                                   "- Soft spots, or boxes that bend.\n- Nuggets frozen into one lump.\n");
		struct section hold = make_section("Holding", "Hot Holding",
		                                   "Soup reads below 135°F: reheat it to 165°F if it dropped less than 2 "
		                                   "hours ago.\n\n1. Probe the soup.\n2. If you cannot tell how long it has "
		                                   "been below 135°F, throw it away.\n");

		ask_understand(kit->lexicon, "box of nuggets frozen into one lump, do we sign for it", &q);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &recv;
		in.nranked = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Reject frozen product with:", 27) == 0,
		      "a listed sign leads with the verdict on the list: %s", a.response);
		ask_understand(kit->lexicon, "soup reads 120, no idea how long, dump it?", &q);
		in.ranked = &hold;
		CHECK(q.unknown_time && compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "throw it away") &&
		      strstr(a.response, "throw it away") < strstr(a.response, "reheat"),
		      "nobody knows how long: the rule for an unknown time first: %s", a.response);
	}
	ask_understand(kit->lexicon, "kelvinator KX-9 ice machine flashing", &q);
	in.unknown = "Kelvinator KX-9 ice machine";
	in.nranked = 0;
	CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
	      strncmp(a.response, "I don't have the manual for the Kelvinator KX-9", 47) == 0,
	      "an unknown model: the admission leads");

	ask_understand(kit->lexicon, "someone got zapped by the mixer", &q);
	memset(&in, 0, sizeof(in));
	in.ask = &q;
	CHECK(q.nemergency == 1 && compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "couldn't find") &&
	      strstr(a.response, "911"), "an emergency no manual tags still gets 911, never 'couldn't find'");
}

int main(void)
{
	struct answer_kit *kit = NULL;

	arena_init(&arena, 64 * 1024);
	CHECK(answer_kit_load(TOP_SRCDIR, &kit) == LL_OK, "the shipped data/answers loads");
	if(!kit)
		return TAP_DONE();
	test_shipped_lexicon(kit);
	test_lexicon_format();
	test_asks(kit);
	test_verdicts();
	test_reading_subject(kit);
	test_sections();
	test_ranker_format();
	test_asked_memory(kit);
	test_compose(kit);
	answer_kit_free(kit);
	arena_free(&arena);
	return TAP_DONE();
}
