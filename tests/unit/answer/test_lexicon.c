/* test_lexicon.c - answer/lexicon: the crew's words and the emergencies.
 * The shipped vocabulary and emergencies (data/answers, read from the
 * source tree) on phrasings of our own, and the file format: phrases
 * replaced whole, codes typed with a space made one, triggers whose words
 * must meet, malformed lines refused. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "answer/lexicon.h"
#include "answer_fixture.h"
#include "../tap.h"

static bool has_emergency(const struct lexicon *lx, const char *text, const char *id)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	int n = lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, text), e, LEXICON_MAX_EMERGENCIES);

	for(int i = 0; i < n; i++)
		if(strcmp(e[i]->id, id) == 0)
			return true;
	return false;
}

/* The id of the emergency whose card leads the answer to text, or "". */
static const char *first_emergency(const struct lexicon *lx, const char *text)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];
	int n = lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, text), e, LEXICON_MAX_EMERGENCIES);

	return n > 0 ? e[0]->id : "";
}

static int emergencies_in(const struct lexicon *lx, const char *text)
{
	const struct emergency *e[LEXICON_MAX_EMERGENCIES];

	return lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, text), e, LEXICON_MAX_EMERGENCIES);
}

/* The shipped vocabulary and emergencies, on phrasings of our own. */
static void test_shipped_lexicon(const struct lexicon *lx)
{
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
	CHECK(!has_emergency(lx, "the dishwasher drank degreaser, do we make her throw up", "sick-worker") &&
	      has_emergency(lx, "the dishwasher drank degreaser, do we make her throw up", "chemical"),
	      "making someone vomit after a swallowed chemical is first aid, not a sick worker");
	CHECK(strcmp(first_emergency(lx, "quat got on my hand, skin is red and burning bad"),
	             "chemical") == 0 &&
	      has_emergency(lx, "quat got on my hand, skin is red and burning bad", "burn"),
	      "a chemical that burns: flushing it leads, before the burn card: %s",
	      first_emergency(lx, "quat got on my hand, skin is red and burning bad"));
	CHECK(emergencies_in(lx, "the hash browns keep coming out cold in the center") == 0 &&
	      has_emergency(lx, "the dishwasher is out cold on the mat", "unconscious"),
	      "food coming out cold is no collapse; a person out cold is");
	CHECK(has_emergency(lx, "my cashier passes out when she stands up fast", "unconscious"),
	      "passes out is a collapse");
	CHECK(emergencies_in(lx, "nuggets in the warmer fell below 135 an hour ago") == 0,
	      "a temperature that fell is no fall");
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
	CHECK(has_emergency(lx, "little boy had a dish detergent pod in his mouth", "chemical"),
	      "a chemical in a child's mouth is a poisoning");
	CHECK(has_emergency(lx, "she cant breathe, a chunk of ice is lodged", "choking"),
	      "something lodged and no breath is choking");
	CHECK(has_emergency(lx, "the delivery guy caught his foot on the hose, he cannot get up", "fall"),
	      "caught a foot and cannot get up is a fall");
	CHECK(has_emergency(lx, "got dizzy changing a syrup box. the co2 tank is right there", "co2-leak"),
	      "a full stop does not part one emergency");
	CHECK(emergencies_in(lx, "how hot should the hand sink water be") == 0, "hand-sink water is no burn");
	/* the crew vocabulary runs first: a word it rewrites still triggers */
	CHECK(has_emergency(lx, "she rested her forearm on the hot griddle edge, now what", "burn"),
	      "a forearm rested on the griddle is a burn");
	CHECK(!has_emergency(lx, "put the grill brush in my hand and show me how", "burn"),
	      "a grill brush in a hand is no burn");
	CHECK(has_emergency(lx, "little girl turning purple, no sound, was eating fries", "choking"),
	      "purple while eating, no sound: choking");
	CHECK(has_emergency(lx, "my coworker grabbed a bite and now he cant even cough", "choking"),
	      "cannot cough: choking");
	CHECK(!has_emergency(lx, "the purple cabbage came in wilted, can we use it", "choking"),
	      "purple cabbage is no choking");
	CHECK(has_emergency(lx, "gave him the heimlich, what now", "choking"),
	      "heimlich, rewritten to abdominal thrusts, is still choking");
	CHECK(has_emergency(lx, "her arm got pulled into the mixer blade", "bleeding") &&
	      !has_emergency(lx, "his hand went in the fryer oil", "bleeding") &&
	      has_emergency(lx, "his hand went in the fryer oil", "burn"),
	      "a hand caught in a blade is a cut; a hand in the fryer a burn, not a cut");
	CHECK(has_emergency(lx, "sparks flying out of the blender and its smoking", "fire-other") &&
	              has_emergency(lx, "the slicer motor is smoking bad", "fire-other"),
	      "sparks with smoke, or smoke from a machine, is an electrical fire");
	CHECK(has_emergency(lx, "the kitchen is filling with smoke and we cant find it", "fire-other"),
	      "smoke filling a room is a fire");
	CHECK(has_emergency(lx, "customer clutched his chest and went pale", "unconscious"),
	      "clutching the chest is a heart emergency");
	CHECK(emergencies_in(lx, "toaster belt not moving and no code") == 0 &&
	      has_emergency(lx, "the cook is on the floor not moving", "unconscious"),
	      "a belt not moving is no collapse; a person not moving is");
	CHECK(has_emergency(lx, "our dishwasher is laying on the dish room floor and won't move", "unconscious") &&
	      emergencies_in(lx, "the mop is lying on the kitchen floor") == 0,
	      "a named person lying on a room's floor, not moving, is a collapse; a mop on it is not");
	CHECK(has_emergency(lx, "something hissing under the range and it stinks", "gas-smell"),
	      "a hiss with a smell is gas");
	CHECK(has_emergency(lx, "current ran through her hand off the warmer", "electric-shock"),
	      "electricity through a hand is a shock");
	CHECK(has_emergency(lx, "degreaser in the eye", "chemical"), "a chemical in the eye, no verb");
	CHECK(has_emergency(lx, "a man in the lobby keeps yelling hes going to punch our drive thru girl",
	                    "robbery"),
	      "a threat to hit someone is violence");
	CHECK(has_emergency(lx, "a man showed a pistol through the window and wants the cash",
	                    "robbery"),
	      "a weapon shown and money wanted is a robbery");
	CHECK(has_emergency(lx, "the mandoline blade sliced the tip of her pinky finger off", "bleeding") &&
	      !has_emergency(lx, "took the top off the slicer, finger guard too, to clean it",
	                     "bleeding"),
	      "the tip of a finger taken off is a deep cut; a slicer's top taken off is not");
	CHECK(has_emergency(lx, "somebody is breaking in through the back", "robbery") &&
	      has_emergency(lx, "dude said give me all the cash", "robbery"),
	      "a break-in and a demand for the cash are robberies");
	CHECK(has_emergency(lx, "the fry cook says his chest feels like its being crushed", "unconscious") &&
	      has_emergency(lx, "old man at table 4 cant catch his breath", "unconscious"),
	      "a crushing chest or a breath that cannot be caught is the collapse card's heart attack");
	CHECK(emergencies_in(lx, "our refried beans are burning to the bottom of the big pan") == 0 &&
	      emergencies_in(lx, "gravy burned on the bottom of the pan again") == 0,
	      "food burnt onto the bottom of a pan or pot is no fire");
	CHECK(has_emergency(lx, "dad says his son cant have sesame, is the bun fine? "
	                        "plus what if the boy starts reacting", "allergic-reaction"),
	      "a reaction in another clause than the allergy is still an allergic reaction");
	CHECK(!has_emergency(lx, "cut open a bag of shredded lettuce this morning, good till when",
	                     "bleeding") &&
	      has_emergency(lx, "sliced my thumb open on the mandoline", "bleeding"),
	      "cutting a bag open is no wound; a thumb sliced open is");
	CHECK(has_emergency(lx, "prep guy stabbed his palm with the paring knife", "bleeding"),
	      "'stabbed' is a real word, not a typo of the 'scabbed' that says a cut is old");
	CHECK(has_emergency(lx, "my grill cook says he has the stomach flu", "sick-worker"),
	      "the stomach flu is a sick worker");
	CHECK(emergencies_in(lx, "whats the best way to clean up vomit by the soda fountain") == 0 &&
	      emergencies_in(lx, "the tray fell on the floor, remake it?") == 0,
	      "cleaning up vomit, or a tray that fell, is no emergency");
	CHECK(lexicon_is_filler(lx, "hows") && lexicon_is_filler(lx, "outta") &&
	      !lexicon_is_filler(lx, "silverware"),
	      "a question word's contraction and slang name no topic; a thing does");
	CHECK(lexicon_is_filler(lx, "theyve") && lexicon_is_filler(lx, "marcuss") &&
	      lexicon_is_filler(lx, "weekends") && !lexicon_is_filler(lx, "ebts"),
	      "a contraction without its apostrophe, a name's possessive, a filler's plural");
	CHECK(has_emergency(lx, "prep cook touched the slicer cord and is shaking, wont let go", "electric-shock"),
	      "touching a cord and shaking is a shock");
	CHECK(has_emergency(lx, "new girl put her hand on the outlet behind the fryers and now she is stuck holding it",
	                    "electric-shock"), "stuck holding a plug is a shock, however far apart");
	CHECK(has_emergency(lx, "arc flash off the panel and he collapsed", "electric-shock"),
	      "a flash off the panel and a collapse is a shock");
	CHECK(has_emergency(lx, "my fingers are on fire after touching the platen", "burn") &&
	      !has_emergency(lx, "my fingers are on fire after touching the platen", "fire"),
	      "fingers on fire are a burn, not a fire");
	CHECK(emergencies_in(lx, "can i check the fries with the laser temp gun") == 0,
	      "a temp gun is no weapon");
	CHECK(emergencies_in(lx, "my cut from yesterday has some pus, can i work") == 0 &&
	      has_emergency(lx, "sliced my thumb deep and its bleeding a lot", "bleeding"),
	      "a healing cut is no bleeding emergency; a fresh deep one is");
	CHECK(emergencies_in(lx, "the date sticker fell off the lettuce pan") == 0, "a sticker's fall is no fall");
	CHECK(emergencies_in(lx, "a glass broke in the ice well by the soda fountain") == 0 &&
	      has_emergency(lx, "somebody broke in through the back door overnight", "robbery"),
	      "a glass that broke in the ice is no break-in; a person who broke in is");
	CHECK(emergencies_in(lx, "drive thru headset cant talk to the base, green light is on") == 0 &&
	      has_emergency(lx, "lady at table 2 cant talk and is grabbing her throat", "choking"),
	      "a headset that cannot talk to its base is no choking; a guest who cannot talk is");
	CHECK(emergencies_in(lx, "can i pry the stuck drawer open with a knife") == 0 &&
	      has_emergency(lx, "a man with a knife is yelling at the cashier", "robbery"),
	      "a knife used as a tool is no robbery; a man with a knife is");
	CHECK(has_emergency(lx, "nicked my thumb with a knife and its bleeding everywhere", "bleeding") &&
	      !has_emergency(lx, "nicked my thumb with a knife and its bleeding everywhere", "robbery"),
	      "a cut from one's own knife is bleeding, not a robbery");
	CHECK(emergencies_in(lx, "how do i get back the tickets that never printed in the kitchen") == 0,
	      "getting tickets back is no cut to the back");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "flat top wont heat"), "griddle") != NULL, "flat top is the griddle");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "is my stem thermometer off"), "bimetallic") &&
	              strstr(lexicon_rewrite(lx, &arena, "dial thermometer says 35"), "bimetallic"),
	      "a stem or dial thermometer is the manuals' bimetallic one");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "can i grab lettuce at costco"), "grocery store") &&
	              strstr(lexicon_rewrite(lx, &arena, "walmart buns ok?"), "grocery store"),
	      "a supermarket by name is the manuals' grocery store");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "what do i look for when we pull up at 5am"),
	             "when we arrive"),
	      "pulling up to the store is arriving (the opening checklist's arrival)");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "fryr 3 err e4"), "fryer 3 error"),
	      "fryr is the fryer, err an error: %s", lexicon_rewrite(lx, &arena, "fryr 3 err e4"));
	CHECK(strstr(lexicon_rewrite(lx, &arena, "when can jo get back on the line"),
	             "return to food handling") != NULL,
	      "back on the line is a return to food handling");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "who keeps the probe checks written down"),
	             "recorded") != NULL, "written down is what the manuals call recorded");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "lady phoned, says the wrap made her sick"),
	             "foodborne illness complaint") != NULL,
	      "food that made a guest sick is a foodborne illness complaint");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "got chem on my wrist from the spray bottle"),
	             "chemical") != NULL, "chem is a chemical");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "the power just went off in the kitchen"),
	             "power outage") != NULL, "power just went off is a power outage");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "drive thru backed up, the tear down can wait"),
	             "full disassembly") != NULL, "a teardown is a full disassembly");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "do we log it every shift"), "record it in the log"),
	      "to log it is to record it in the log");
	CHECK(!strstr(lexicon_rewrite(lx, &arena, "how much descaler for the kettle"), "ice machine"),
	      "a descaler is any machine's, not the ice machine's cleaner");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "man on the phone swears he got food poisoning"),
	             "foodborne illness complaint") != NULL,
	      "a guest sick from the food is the manuals' foodborne illness complaint");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "time to fire up the broiler"), "start up") != NULL,
	      "'fire up the' broiler is starting it");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "is the new cashier ok to count the safe by herself"),
	             "alone") != NULL, "by herself is the manuals' alone");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "scanner battery looks kinda puffy"), "swollen") != NULL,
	      "a puffy battery is the manuals' swollen one");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "when should we dump and refill the quat sink"),
	             "change the quat") != NULL,
	      "to dump and refill a solution is the manuals' change it");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "can the pans be sanitized without chemicals"),
	             "with hot water") != NULL,
	      "sanitizing without chemicals is the manuals' hot-water sanitizing");
	{
		const struct emergency *e[LEXICON_MAX_EMERGENCIES];

		CHECK(lexicon_emergencies(lx, "the register just went down mid rush", e,
		                          LEXICON_MAX_EMERGENCIES) == 0 &&
		      lexicon_emergencies(lx, "the new cook just went down by the fryer", e,
		                          LEXICON_MAX_EMERGENCIES) > 0,
		      "a register that just went down is no person who did");
	}
	CHECK(strstr(lexicon_rewrite(lx, &arena, "the proofer screen went black mid bake"), "display dark"),
	      "a screen gone black is the manuals' dark display");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "how much space behind the proofer"), "clearance behind"),
	      "space behind a machine is its clearance");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "root beer pouring flat at the lobby"), "flat soda"),
	      "a drink pouring flat is flat soda");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "pretzels stuck to the warmer"), "holding cabinet warmer"),
	      "'the warmer' is the holding cabinet, and still a warmer (a maker's pretzel warmer)");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "tenders in the bin read 152"), "chicken tenders") &&
	      strcmp(lexicon_rewrite(lx, &arena, "chicken nuggets"), "chicken nuggets") == 0,
	      "tenders are chicken, and chicken nuggets stay chicken nuggets");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "are the cops coming back for a statement"),
	             "police") != NULL, "the cops are the police");
	{
		const char *r = lexicon_rewrite(lx, &arena, "whats the delime routine for our espresso unit");

		CHECK(strstr(r, "delime") && strstr(r, "descale"),
		      "a word manuals say too keeps itself beside the other manuals' word: %s", r);
	}
	CHECK(strstr(lexicon_rewrite(lx, &arena, "the ranch we opened monday"), "ranch dressing") &&
	      strstr(lexicon_rewrite(lx, &arena, "tub of mayo"), "mayonnaise"),
	      "ranch is a dressing, mayo mayonnaise, as the date-marking rule names them");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "how hot inside b4 we sell"), "before we sell") != NULL &&
	      strstr(lexicon_rewrite(lx, &arena, "grill says b4"), "b4") != NULL,
	      "'b4 we' is 'before we'; a code B4 stays a code");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "griddle is fine"), "griddle is fine") == 0,
	      "a question without crew words is left as it is");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "chicken patty or a patty"),
	             "chicken patty or a burger patty") == 0,
	      "a patty is a burger's; a phrase already the manual's keeps its words: %s",
	      lexicon_rewrite(lx, &arena, "chicken patty or a patty"));
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "how long till the broiler is ready"),
	             "how long till the broiler is ready") == 0 &&
	      strstr(lexicon_rewrite(lx, &arena, "my till is 20 short"), "cash drawer") != NULL,
	      "'till' is 'until' unless it is somebody's till");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "walk in feels warmer than usual"), "warmer than") &&
	      strstr(lexicon_rewrite(lx, &arena, "patties in the warmer"), "holding cabinet"),
	      "'warmer' is the holding cabinet only when it is a thing ('the warmer')");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "min temp on a turkey club"), "minimum temperature") &&
	      strstr(lexicon_rewrite(lx, &arena, "wait 5 min"), "5 minutes"),
	      "'min temp' is the minimum; '5 min' five minutes");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "skim crumbs off the fryer"), "skim crumbs") &&
	      strstr(lexicon_rewrite(lx, &arena, "do a skim on drawer 2"), "safe drop"),
	      "skimming the fryer is no safe drop; a skim of a drawer is");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "my probe reads 36 in ice water"), "probe thermometer") &&
	      !strstr(lexicon_rewrite(lx, &arena, "wings probe at 150"), "thermometer"),
	      "the probe is the thermometer; to probe food is to take its temperature");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "warewasher final rinse temp on a hot day"),
	             "temperature") != NULL,
	      "a crew phrase that asks a temperature keeps asking it: %s",
	      lexicon_rewrite(lx, &arena, "warewasher final rinse temp on a hot day"));
	CHECK(strstr(lexicon_rewrite(lx, &arena, "grabbed teh wrong bag"), "the wrong") &&
	      strstr(lexicon_rewrite(lx, &arena, "back prep table sits in use all day"),
	             "constant use"),
	      "typing slips of small words and 'in use all day' read as the manuals say");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "we froze the extra ranch cups"), "frozen") != NULL,
	      "'froze' is the manuals' 'frozen'");
	CHECK(strstr(lexicon_rewrite(lx, &arena, "should i get pics of the spill"), "photos") != NULL,
	      "'pics' are the manuals' 'photos'");
}

static void test_lexicon_format(void)
{
	struct lexicon *lx = NULL;
	const struct emergency *e[4];

	CHECK(lexicon_parse("a b\tc\nloud boom\tc\nspud\tpotato\n",
	                    "x\t\tX\tboom & loud*\tboom box\t\n", NULL, NULL, &lx) == LL_OK,
	      "parse");
	CHECK(lexicon_emergencies(lx, "a loud boom", e, 4) == 1 && strcmp(e[0]->id, "x") == 0,
	      "conjuncts in any order");
	CHECK(lexicon_emergencies(lx, "the boom box is loud", e, 4) == 0, "a masked phrase does not count");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "say a b now"), "say c now") == 0, "a phrase is replaced whole");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "a loud boom"), "a c / a loud boom") == 0 &&
	      lexicon_emergencies(lx, lexicon_rewrite(lx, &arena, "a loud boom"), e, 4) == 1,
	      "a rewrite that would hide an emergency keeps the crew's words beside it: %s",
	      lexicon_rewrite(lx, &arena, "a loud boom"));
	CHECK(lexicon_is_crew_word(lx, "spud") && !lexicon_is_crew_word(lx, "potato") &&
	              !lexicon_is_crew_word(lx, "loud") && !lexicon_is_crew_word(lx, "a"),
	      "a crew word is a one-word phrase of the vocabulary; a word of a longer one is not");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "fryer shows e 7 again"), "fryer shows E7 again") == 0,
	      "a code typed with a space is one code");
	CHECK(strcmp(lexicon_rewrite(lx, &arena, "held f 4 hours, a 2 by 4"), "held f 4 hours, a 2 by 4") == 0,
	      "a letter before a time, and an English word, are no code");
	lexicon_free(lx);
	CHECK(lexicon_parse("only-one-column\n", "", NULL, NULL, &lx) == LL_EINVAL && !lx, "a bad vocabulary line");
	CHECK(lexicon_parse("", "x\t\tX\t\n", NULL, NULL, &lx) == LL_EINVAL, "an emergency without triggers");
	CHECK(lexicon_parse("", "", NULL, "# people\nguy  kid\tdude\n\nnah\n", &lx) == LL_OK &&
	      lexicon_is_filler(lx, "guy") && lexicon_is_filler(lx, "kid") &&
	      lexicon_is_filler(lx, "dude") && lexicon_is_filler(lx, "nah") &&
	      !lexicon_is_filler(lx, "ebt") && !lexicon_is_filler(lx, "gu") && !lexicon_is_filler(lx, ""),
	      "filler words: any spaces or tabs between them, comments and blank lines skipped");
	lexicon_free(lx);
	CHECK(lexicon_parse("", "", NULL, "guy Kid\n", &lx) == LL_EINVAL && !lx,
	      "a filler word not in lower case is a malformed line");
	CHECK(lexicon_parse("", "", NULL, "kid's\n", &lx) == LL_EINVAL && !lx,
	      "so is one with an apostrophe");
	CHECK(!lexicon_is_filler(NULL, "guy"), "no lexicon, no filler");
}

/* A word of seven letters or more matches with one typo; a shorter one
 * only as it is. */
static void test_word_like(void)
{
	CHECK(lexicon_word_like("unconscious", 11, "unconsious", 10) &&
	      lexicon_word_like("diarrhea", 8, "diarhhea", 8), "one typo in a long word");
	CHECK(!lexicon_word_like("burned", 6, "burner", 6), "a short word must be spelt right");
	CHECK(!lexicon_word_like("unconscious", 11, "nconscious", 10), "the first letter is kept");
}

int main(void)
{
	struct lexicon *lx = NULL;

	arena_init(&arena, 64 * 1024);
	CHECK(lexicon_load(TOP_SRCDIR "/no/such/dir", &lx) == LL_ENOTFOUND && !lx,
	      "a data directory without the files is not found");
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped vocabulary and emergencies load");
	if(lx)
		test_shipped_lexicon(lx);
	test_lexicon_format();
	test_word_like();
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
