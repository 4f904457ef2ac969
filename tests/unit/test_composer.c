/* test_composer.c - the local composer keeps the source's facts.
 *
 * Steps come out in the manual's order, numbers and units intact, warnings
 * are found, nothing-found answers say so with low confidence and no
 * invented figure, urgent answers are short, and the helpers find codes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "composer.h"

#include "tap.h"

/* The shared TAP helpers, with this file's plain-string checks. */
#define check(ok, what) CHECK((ok), "%s", (what))

static const char *grill_body =
	"If the upper platen does not heat, work through these checks.\n"
	"\n"
	"1. Check the display for error code E03 and look it up in the manual.\n"
	"2. Confirm the breaker is on and the plug is seated.\n"
	"3. Wait 20 minutes for the platen to reach 425°F (218°C).\n"
	"4. Measure the platen with a surface probe in three spots.\n"
	"\n"
	"WARNING: Lock out the grill before opening any panel.\n"
	"\n"
	"If the platen is still cold after these steps, call service.\n";

static const char *temps_body =
	"Cook chicken and all poultry to 165°F (74°C) for less than 1 second.\n"
	"Ground beef is cooked to 155°F (68°C) for 17 seconds. Whole cuts of beef reach 145°F (63°C) for 15 seconds.\n"
	"CAUTION: Calibrate the thermometer before the shift.\n";

static struct passages one(struct passage *p, const char *title, const char *section, const char *body, double score)
{
	struct passages ps;

	memset(p, 0, sizeof(*p));
	p->document_id = 7;
	p->title = title;
	p->section = section;
	p->category = "equipment";
	p->body = body;
	p->score = score;
	p->origin = "pg";
	ps.items = p;
	ps.count = 1;
	return ps;
}

/* n passages of one document: zeroed, then the same title, category and
 * document id; each test sets the sections, bodies and scores. */
static struct passages one_document(struct passage *items, size_t n, long long document_id,
                                    const char *title, const char *category)
{
	struct passages ps = {items, n};

	memset(items, 0, n * sizeof(*items));
	for(size_t i = 0; i < n; i++) {
		items[i].document_id = document_id;
		items[i].title = title;
		items[i].category = category;
	}
	return ps;
}

/* q set to a plain question for agent. */
static void ask(struct question *q, const char *text, enum agent_id agent)
{
	memset(q, 0, sizeof(*q));
	q->text = text;
	q->agent = agent;
	q->secondary = AGENT_NONE;
	q->priority = PRIORITY_NORMAL;
}

/* One section of a document set up by one_document(). */
static void set_section(struct passage *p, const char *section, const char *body, long long chunk_id,
                        double score)
{
	p->section = section;
	p->body = body;
	p->chunk_id = chunk_id;
	p->score = score;
}

static bool text_has(const struct answer *a, const char *needle)
{
	if(a->response && strstr(a->response, needle))
		return true;
	for(size_t i = 0; i < a->nsteps; i++)
		if(strstr(a->steps[i], needle))
			return true;
	for(size_t i = 0; i < a->nwarnings; i++)
		if(strstr(a->warnings[i], needle))
			return true;
	return false;
}

int main(void)
{
	struct arena arena;
	struct passage p;
	struct passages ps;
	struct question q;
	struct answer a;
	char codes[4][16];
	int n;

	arena_init(&arena, 64 * 1024);

	/* equipment: steps in order, warning, service, citation */
	ask(&q, "BG-4 grill upper platen not heating, shows E03", AGENT_EQUIPMENT);
	ps = one(&p, "BG-4 Grill Manual", "Upper Platen Not Heating", grill_body, 0.8);
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose an equipment answer");
	check(a.nsteps == 4, "all four steps of the list");
	check(a.nsteps == 4 && strncmp(a.steps[0], "Check the display", 17) == 0 &&
	      strncmp(a.steps[3], "Measure the platen", 18) == 0, "steps in the manual's order");
	check(text_has(&a, "425°F (218°C)") && text_has(&a, "20 minutes"), "numbers and units intact");
	check(a.nwarnings >= 1 && strstr(a.warnings[0], "Lock out the grill"), "WARNING line extracted");
	check(a.service_call_recommended, "service call recommended when the manual says call service");
	check(a.ncitations == 1 && a.citations[0].document_id == 7 &&
	      strcmp(a.citations[0].section, "Upper Platen Not Heating") == 0, "cited with section");
	check(a.ncitations == 1 && strlen(a.citations[0].snippet) <= 250, "snippet is short");
	check(a.confidence >= 0.4 && a.confidence <= 1.0, "found: confidence at least 0.4");
	check(strcmp(a.model, "local") == 0, "model is local");

	/* a fact question: the sentence with the figure */
	arena_reset(&arena);
	q.text = "what temp does chicken need to be cooked to";
	q.agent = AGENT_SAFETY;
	ps = one(&p, "Cooking Temperatures", "Poultry", temps_body, 0.6);
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose a safety answer");
	check(strstr(a.response, "165°F (74°C)") != NULL, "the poultry figure verbatim");
	check(strstr(a.response, "155°F") == NULL, "not the ground beef figure");
	check(a.nwarnings >= 1 && strstr(a.warnings[0], "Calibrate"), "CAUTION line extracted");
	check(!a.escalate, "no escalation for a plain temperature question");

	/* escalation */
	arena_reset(&arena);
	q.text = "a guest is having an allergic reaction, what do I do";
	ps = one(&p, "Allergens", "Reactions", "If a guest has an allergic reaction, call 911 and tell the manager.\n", 0.5);
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK && a.escalate, "allergic reaction escalates");

	/* nothing found */
	arena_reset(&arena);
	q.text = "Frobnicator ZX-9000 shows E77, what does it mean";
	q.agent = AGENT_EQUIPMENT;
	ps.items = NULL;
	ps.count = 0;
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose with nothing found");
	check(a.confidence < 0.4, "nothing found: confidence below 0.4");
	check(strstr(a.response, "couldn't find") != NULL, "nothing found: says so plainly");
	check(strstr(a.response, "ingest") != NULL, "nothing found: suggests ingesting the manual");
	check(a.ncitations == 0, "nothing found: no citations");
	{
		bool invented = false;

		for(size_t i = 0; i < a.nsteps; i++)
			invented |= strpbrk(a.steps[i], "0123456789°") != NULL;
		invented |= strstr(a.response, "°") != NULL;
		check(!invented, "nothing found: no figures invented");
	}

	/* irrelevant passage: treated as nothing found */
	arena_reset(&arena);
	q.text = "how do I recalibrate the frobnicator flux capacitor";
	ps = one(&p, "Cooking Temperatures", "Poultry", temps_body, 0.2);
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK && a.confidence < 0.4,
	      "an unrelated passage does not count as found");

	/* urgent: short, safe action first */
	arena_reset(&arena);
	q.text = "grill platen not heating E03";
	q.priority = PRIORITY_URGENT;
	ps = one(&p, "BG-4 Grill Manual", "Upper Platen Not Heating", grill_body, 0.8);
	check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose an urgent answer");
	check(a.nsteps <= 3 && a.nsteps >= 1, "urgent: at most the first three steps");
	check(a.nsteps >= 1 && strncmp(a.steps[0], "Check the display", 17) == 0, "urgent: first step first");
	check(strncmp(a.response, "WARNING", 7) == 0, "urgent: the warning leads the response");
	check(strlen(a.response) < 400, "urgent: short response");

	/* general agent: no retrieval, polite */
	arena_reset(&arena);
	q.text = "thanks!";
	q.agent = AGENT_GENERAL;
	q.priority = PRIORITY_NORMAL;
	check(composer_compose(&arena, &q, NULL, &a) == LL_OK && strstr(a.response, "welcome") != NULL,
	      "general: thanks answered politely");

	/* "how long": the sentence holding the figure beats the one repeating
	 * the question's words */
	{
		static const char *cool_body =
			"Cooling a pan of chili in the walk-in is a common job and cooling chili well takes care.\n"
			"\n"
			"Cool cooked food from 135°F to 70°F within 2 hours and to 41°F within 6 hours in total.\n";

		arena_reset(&arena);
		q.text = "how long do I have to cool a pan of chili";
		q.agent = AGENT_SAFETY;
		q.priority = PRIORITY_NORMAL;
		ps = one(&p, "Cooling Cooked Food", "Cooling", cool_body, 0.6);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && strstr(a.response, "6 hours") != NULL,
		      "quantity question: the sentence with the number and unit is in the answer");
	}

	/* a code's steps come from the section that defines it, not from the
	 * section whose step merely says "see F1" */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 9, "IM-220 Guide", "equipment");

		arena_reset(&arena);
		two[0].section = "FAULT CODES > F4 - High discharge temperature";
		two[0].body = "F4 - High discharge temperature. The system runs too hot.\n\n"
		              "1. Turn the machine off for 30 minutes.\n2. Clean the condenser (see F1).\n";
		two[0].score = 0.8;
		two[1].section = "FAULT CODES > F1 - Long freeze cycle";
		two[1].body = "F1 - Long freeze cycle. The freeze cycle took longer than 35 minutes.\n\n"
		              "1. Turn the machine off.\n2. Brush the condenser fins.\n";
		two[1].score = 0.75;
		q.text = "IM-220 shows F1";
		q.agent = AGENT_EQUIPMENT;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && a.nsteps == 2 &&
		      strcmp(a.steps[1], "Brush the condenser fins.") == 0 && strstr(a.response, "35 minutes") != NULL,
		      "code: the defining section's meaning and steps");
	}

	/* the figure can live in a lower-ranked section of the same document:
	 * the intro listing how crew ask does not answer, the figure does,
	 * and it leads the response */
	{
		struct passage three[3];
		struct passages pp = one_document(three, 3, 11, "Cooking Temperatures", "safety");

		arena_reset(&arena);
		three[0].section = "Cooking Temperatures";
		three[0].body = "Every raw animal food has a minimum internal temperature. Crew often ask "
		                "\"what temp is a burger done\", \"is the burger cooked\" or \"burger temp\".\n";
		three[0].score = 0.7;
		three[1].section = "Chicken: 165°F (74°C)";
		three[1].body = "Chicken must reach 165°F (74°C).\n";
		three[1].score = 0.5;
		three[2].section = "Burgers and Ground Beef: 155°F (68°C) for 17 Seconds";
		three[2].body = "Ground meat such as burgers must reach 155°F (68°C) for 17 seconds.\n";
		three[2].score = 0.45;
		q.text = "how hot does a burger need to be inside";
		q.agent = AGENT_SAFETY;
		q.priority = PRIORITY_NORMAL;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && strstr(a.response, "155°F (68°C)") != NULL &&
		      strstr(a.response, "17 seconds") != NULL, "figure from a lower-ranked section of the document");
		check(a.response && strstr(a.response, "Crew often ask") == NULL, "the synonym list is not an answer");
		check(a.response && strstr(a.response, "165°F") == NULL, "not the other food's figure");
	}

	/* a step stating the figure asked for answers a quantity question */
	{
		static const char *wash_body =
			"Wash hands often.\n"
			"\n"
			"1. Wet hands with warm running water. The handwashing sink must supply water at least 100°F (38°C).\n"
			"2. Apply soap.\n";

		arena_reset(&arena);
		q.text = "how hot should the water be at the hand sink";
		ps = one(&p, "Handwashing", "How to Wash Hands", wash_body, 0.6);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && text_has(&a, "100°F (38°C)"),
		      "quantity question: a step with the figure is used");
	}

	/* the model number in the manual's title names every section: the
	 * cleaning list whose lead paragraph repeats it is not the answer to
	 * a calibration question */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 57, "Brightline BG-4 Clamshell Grill Operator Manual",
		                                  "equipment");

		arena_reset(&arena);
		for(int i = 0; i < 2; i++)
			two[i].chunk_id = 10 + i;
		two[0].section = "Platen Gap Calibration (Daily)";
		two[0].body = "Perform gap calibration every morning after warm-up.\n\n"
		              "1. Wait for READY.\n2. Press MENU, then Check.\n3. Press Save.\n";
		two[0].score = 0.9;
		two[1].section = "Daily Cleaning";
		two[1].body = "Clean the BG-4 at closing.\n\n"
		              "1. Press MENU, Clean. The platens rise for the daily clean.\n2. Scrape the plate.\n";
		two[1].score = 0.55;
		q.text = "how do I do the daily platen gap calibration on the BG-4";
		q.agent = AGENT_EQUIPMENT;
		q.priority = PRIORITY_NORMAL;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && a.nsteps == 3 &&
		      strcmp(a.steps[2], "Press Save.") == 0, "model number in the title: the calibration steps");
	}

	/* a code's section: what it means, and what to do when it returns */
	{
		static const char *f4_body =
			"F4 - High discharge temperature. The refrigeration system is running too hot.\n"
			"1. Turn the machine off for 30 minutes.\n"
			"2. Reset.\n"
			"Call support if F4 returns. Do not keep resetting F4: repeated resets can damage the compressor.\n";

		arena_reset(&arena);
		q.text = "IM-220 F4 high discharge temperature";
		q.agent = AGENT_EQUIPMENT;
		ps = one(&p, "Frostline IM-220 Guide", "3. FAULT CODES > F4 - High discharge temperature", f4_body, 0.9);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && strstr(a.response, "running too hot") != NULL &&
		      strstr(a.response, "compressor") != NULL && strstr(a.response, "F4 returns") != NULL,
		      "code: the section's meaning and its sentences naming the code");
	}

	/* the best sentence announces a list: that list follows it */
	{
		static const char *allergen_body =
			"The nine major food allergens are:\n"
			"\n"
			"- Milk\n- Peanuts\n- Sesame\n"
			"\n"
			"Together these foods cause most serious food allergy reactions.\n";
		struct passage two[2];
		struct passages pp = one_document(two, 2, 24, "Food Allergens", "safety");

		arena_reset(&arena);
		for(int i = 0; i < 2; i++)
			two[i].chunk_id = 100 + i;
		two[0].section = "The 9 Major Food Allergens";
		two[0].body = allergen_body;
		two[0].score = 0.9;
		two[1].section = "Answering a Guest";
		two[1].body = "1. Check the allergen chart for major food allergens.\n2. Tell the guest what it says.\n";
		two[1].score = 0.8;
		q.text = "what are the major food allergens";
		q.agent = AGENT_SAFETY;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && a.nsteps == 3 &&
		      strcmp(a.steps[1], "Peanuts") == 0, "announced list: its items are the steps");
		{
			size_t rl = a.response ? strlen(a.response) : 0;

			check(rl > 4 && strcmp(a.response + rl - 4, "are:") == 0,
			      "announced list: its sentence comes last, right before it");
			check(a.response && strstr(a.response, "steps below") == NULL, "announced list: no framing of its own");
		}
	}

	/* lists of one document scoring alike: the earlier section's, where
	 * the procedure starts; a step naming no question term counts under a
	 * heading that names one */
	{
		struct passage three[3];
		struct passages pp = one_document(three, 3, 55, "Register Training", "training");

		arena_reset(&arena);
		set_section(&three[0], "Register Training",
		            "Register training starts on a slow afternoon.\n", 249, 0.64);
		set_section(&three[1], "Register Skills",
		            "1. Enter orders and repeat the order back.\n2. Count change back.\n", 250, 0.52);
		set_section(&three[2], "Teaching the Upsell",
		            "1. Practice the script with the trainer.\n2. Ask once.\n", 251, 0.50);
		q.text = "How do I train someone on the register";
		q.agent = AGENT_TRAINING;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "repeat the order back"),
		      "alike lists: the earlier section's, under a heading naming the topic");
	}

	/* a weaker section of the document quoted gives the steps, not a
	 * stronger passage of another document sharing a number */
	{
		struct passage three[3];
		struct passages pp = {three, 3};

		arena_reset(&arena);
		memset(three, 0, sizeof(three));
		three[0].title = three[2].title = "Cash Handling";
		three[0].document_id = three[2].document_id = 13;
		set_section(&three[0], "Cash Handling",
		            "Every register drawer is counted by two people.\n", 60, 0.48);
		three[1].title = "Reheating";
		three[1].document_id = 42;
		set_section(&three[1], "Reheat to 165°F for 15 Seconds",
		            "1. Stir often.\n2. Probe until it reads 165°F for 15 seconds.\n", 200, 0.31);
		set_section(&three[2], "Drawer Over or Short",
		            "1. Count the drawer again, with a second person.\n2. Write the amount on the cash report.\n", 62, 0.28);
		for(int i = 0; i < 3; i++)
			three[i].category = "operations";
		q.text = "Register drawer is over by 15 dollars";
		q.agent = AGENT_OPERATIONS;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "Count the drawer again") &&
		      !text_has(&a, "Stir often"), "steps from the document quoted, not one sharing a number");
	}

	/* "when do I ...": the section "When to ..." lists the occasions; the
	 * figure in another section's heading is not the answer */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 21, "Handwashing", "safety");

		arena_reset(&arena);
		set_section(&two[0], "Handwashing > How to Wash Hands: 20 Seconds in All",
		            "1. Wet hands with warm water.\n2. Scrub hands for 10 to 15 seconds.\n3. Rinse and dry hands.\n", 30, 0.92);
		set_section(&two[1], "Handwashing > When to Wash Your Hands",
		            "Wash your hands:\n\n- After using the toilet.\n- After handling raw chicken.\n- Before putting on gloves.\n", 31, 0.91);
		q.text = "when do i have to wash my hands";
		q.agent = AGENT_SAFETY;
		q.secondary = AGENT_NONE;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "After using the toilet") &&
		      text_has(&a, "Before putting on gloves") && !text_has(&a, "Wet hands"),
		      "\"when do I\" answered by the \"When to\" section's list");
		q.text = "how long do i have to wash my hands";
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "20 Seconds") &&
		      !text_has(&a, "After using the toilet"), "\"how long\" still gets the figure");
	}

	/* a code's section explained in prose: its opening is the answer,
	 * past the figure in its heading; the fixes listed as bullets in the
	 * section that answers are the steps */
	{
		struct passage h1;
		struct passages pp = one(&h1, "Polar SX-2 Manual", "Fault Codes > H1: Heat treatment did not reach 151°F",
		                         "H1 means the heat cycle stopped early. The mix was not held hot long enough. "
		                         "Discard the mix in the hopper and cylinder. Clean and sanitize before refilling.\n\n"
		                         "- Check the power was not cut during the cycle.\n- Call service if H1 returns.\n", 0.9);

		arena_reset(&arena);
		q.text = "SX-2 shows H1 what do I do";
		q.agent = AGENT_EQUIPMENT;
		q.secondary = AGENT_NONE;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "Discard the mix"),
		      "a one-letter code's section quoted past its first two sentences");
		{
			bool in_steps = false;

			for(size_t i = 0; i < a.nsteps; i++)
				in_steps |= strstr(a.steps[i], "Check the power was not cut") != NULL;
			check(in_steps, "the section's bullet fixes are the steps");
		}
	}

	/* "Fault 21": the number after a code word is a code; the section
	 * defining it answers, and the steps under another code do not */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 22, "Tidewell TW-40H Manual", "equipment");

		arena_reset(&arena);
		set_section(&two[0], "ALARMS AND FAULT CODES > Faults > Fault 21: Rinse sensor open",
		            "Fault 21: Rinse sensor open. The machine cannot prove the rinse. "
		            "Until it is repaired, wash and sanitize in the 3-compartment sink.\n", 40, 0.89);
		set_section(&two[1], "ALARMS AND FAULT CODES > Alarms > AL-1: Low wash temperature",
		            "AL-1: Low wash temperature. The tank stayed below 150°F.\n\n"
		            "1. Check the tank is full.\n2. Wipe the float.\n", 41, 0.36);
		q.text = "TW40H fault 21";
		q.agent = AGENT_EQUIPMENT;
		q.secondary = AGENT_NONE;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "3-compartment sink") &&
		      !text_has(&a, "Wipe the float"), "\"Fault 21\": its section quoted, another code's steps left out");
	}

	/* a FAQ entry asking the question: its answer, without the question
	 * or the answer marker */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 23, "Tidewell TW-40H Manual", "equipment");

		arena_reset(&arena);
		set_section(&two[0], "FREQUENTLY ASKED QUESTIONS > Why does the machine pause before the final rinse?",
		            "Q: Why does the machine pause before the final rinse?\n"
		            "A: That is Rinse Hold. The machine waits up to 60 seconds for the booster to reach 180°F.\n", 50, 0.85);
		set_section(&two[1], "ALARMS > AL-2: Low final rinse temperature",
		            "AL-2: Low final rinse temperature. The rinse was below 180°F after the Rinse Hold.\n", 51, 0.46);
		q.text = "why does the TW-40H pause before the rinse";
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "That is Rinse Hold") &&
		      text_has(&a, "60 seconds") && !strstr(a.response, "Q:") && !strstr(a.response, "A:"),
		      "a FAQ entry's answer, without its question and marker");
		q.text = "how many racks an hour can the TW-40H do";
		two[0].section = "FREQUENTLY ASKED QUESTIONS > How many racks can I run before I change the tank water?";
		two[0].body = "Q: How many racks can I run before I change the tank water?\n"
		              "A: Change the tank water every 4 hours of use.\n";
		two[1].section = "SPECIFICATIONS";
		two[1].body = "Capacity: 55 racks per hour (60 s cycle).\n";
		two[1].score = 0.61;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "Capacity: 55 racks per hour"),
		      "a FAQ entry sharing one word of the question is not the whole answer");
	}

	/* the question names the machine: its manual answers, before a generic
	 * guide that shares more words and scores higher */
	{
		struct passage two[2];
		struct passages pp = {two, 2};

		arena_reset(&arena);
		memset(two, 0, sizeof(two));
		two[0].document_id = 24;
		two[0].title = "Dish Machine Care (Generic)";
		two[0].category = "equipment";
		set_section(&two[0], "Dishes Coming Out Dirty or Spotted",
		            "1. Scrape and pre-rinse dishes coming out dirty.\n2. Check the wash arms spin freely.\n", 60, 0.81);
		two[1].document_id = 25;
		two[1].title = "tidewell-tw40h-dish-machine";
		two[1].category = "equipment";
		set_section(&two[1], "SECTION 9 TROUBLESHOOTING",
		            "Dishes come out dirty \xe2\x80\x94 Possible cause: Wash arms clogged \xe2\x80\x94 Remedy: Flush the arms.\n\n"
		            "Dishes come out dirty \xe2\x80\x94 Possible cause: Detergent container empty \xe2\x80\x94 "
		            "Remedy: Replace it and prime.\n", 61, 0.45);
		q.text = "dishes coming out dirty from the tidewell";
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "Detergent container empty") &&
		      a.ncitations >= 1 && a.citations[0].document_id == 25, "the manual of the machine named answers first");
	}

	/* a second figure about other words of the question is kept: "wash
	 * tank temp" gets the setpoint beside the alarm's threshold */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 26, "Tidewell TW-40H Manual", "equipment");

		arena_reset(&arena);
		set_section(&two[0], "Alarms > AL-1: Low wash temperature",
		            "The wash tank stayed below 150°F (66°C) for more than 5 minutes.\n", 70, 0.78);
		set_section(&two[1], "SPECIFICATIONS",
		            "Wash temperature: 160°F (71°C) setpoint, 150°F (66°C) minimum.\n", 71, 0.61);
		q.text = "TW-40H wash tank temp";
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "160°F (71°C) setpoint"),
		      "a second figure naming another word of the question is kept");
	}

	/* a hyphenated compound is a term ("no" and "show" are stop words):
	 * the staffing document's no-show list answers, not the sick-employee
	 * document sharing "employee"; of the two lists under one section, the
	 * one whose own lead line names the compound, and the line announcing
	 * the other list is not quoted alone */
	{
		struct passage two[2];
		struct passages pp = {two, 2};

		arena_reset(&arena);
		memset(two, 0, sizeof(two));
		two[0].document_id = 30;
		two[0].title = "Sick Employees";
		two[0].category = "safety";
		set_section(&two[0], "Sick Employees > Reporting Symptoms",
		            "An employee with vomiting must tell the manager before the shift.\n\n"
		            "1. Send the employee home.\n2. Write the employee's symptoms on the log.\n", 80, 0.6);
		two[1].document_id = 31;
		two[1].title = "Staffing and Breaks";
		two[1].category = "operations";
		set_section(&two[1], "Staffing and Breaks > Call-Ins and No-Shows",
		            "Call-in (the employee calls ahead):\n1. Thank them for calling.\n2. Find cover.\n\n"
		            "No-show (the employee does not come and does not call):\n1. Try to reach them by phone.\n"
		            "2. Follow the attendance policy.\n", 81, 0.5);
		q.text = "How do I handle a no-show employee";
		q.agent = AGENT_OPERATIONS;
		q.secondary = AGENT_NONE;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "attendance policy") &&
		      !text_has(&a, "Send the employee home"), "\"no-show\": the compound finds its document and list");
		check(a.response && !strstr(a.response, "Call-in ("), "the line announcing the list not shown is left out");
	}

	/* two lists under one heading: the line right before each says what it
	 * is for, and the one naming the question picks the list; the line
	 * announcing the other is not quoted */
	{
		arena_reset(&arena);
		q.text = "closing shift steps";
		q.agent = AGENT_OPERATIONS;
		q.secondary = AGENT_NONE;
		ps = one(&p, "Shift Leads", "Shift Leads > Opening and Closing",
		         "Opening shift (the lead arrives first):\n1. Unlock the back door.\n2. Turn on the lights.\n\n"
		         "Closing shift (the lead leaves last):\n1. Lock the safe.\n2. Set the alarm.\n", 0.5);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && text_has(&a, "Set the alarm") &&
		      !text_has(&a, "Unlock the back door"), "the list whose lead line names the question");
		check(a.response && !strstr(a.response, "Opening shift"), "the line announcing the other list is left out");
	}

	/* a number no passage holds (the reading the crew took) does not sink
	 * the answer: the receiving rule is still found */
	{
		arena_reset(&arena);
		q.text = "shell eggs came in at 44 degrees do we accept";
		q.agent = AGENT_SAFETY;
		q.secondary = AGENT_NONE;
		ps = one(&p, "Receiving", "Receiving Dairy", "Milk and shell eggs may be received at 45°F (7°C) or below.\n", 0.3);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && a.confidence >= 0.4 && text_has(&a, "45°F (7°C)"),
		      "an unheld reading does not count against coverage");
	}

	/* lists alike in one document: the title's words are every section's,
	 * so the earlier section's list does not win over the one whose
	 * heading names the question */
	{
		struct passage two[3];
		struct passages pp = one_document(two, 3, 32, "Coffee Machine Troubleshooting", "equipment");

		arena_reset(&arena);
		set_section(&two[2], "Coffee Machine Troubleshooting > Weak Coffee",
		            "Weak coffee usually means too little ground coffee in the basket.\n", 92, 0.4);
		set_section(&two[0], "Coffee Machine Troubleshooting > Descaling",
		            "1. Soak the sprayhead in descaling solution.\n2. Flush with clean water.\n", 91, 0.64);
		set_section(&two[1], "Coffee Machine Troubleshooting > Not Brewing",
		            "1. Check the coffee brewer is switched on and not in descale mode.\n2. Check the water line is open.\n", 90, 0.62);
		q.text = "descale coffee machine";
		q.agent = AGENT_EQUIPMENT;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "Soak the sprayhead") &&
		      !text_has(&a, "switched on"), "alike lists: the section heading naming the question wins");
	}

	/* typed in a hurry: a word one typo from a passage's word is that
	 * word ("chiken tendrs" -- the retriever searched with the fixed ones) */
	{
		arena_reset(&arena);
		q.text = "chiken tendrs temp??";
		q.agent = AGENT_SAFETY;
		q.secondary = AGENT_NONE;
		ps = one(&p, "Cooking Temperatures", "Poultry",
		         "Cook chicken tenders, wings and nuggets until the inside reads 165°F (74°C).\n", 0.5);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && a.confidence >= 0.4 && text_has(&a, "165°F (74°C)"),
		      "typos: the words one letter off still find the answer");
		q.text = "how do I recalibrate the frobnicator";
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK && a.confidence < 0.4,
		      "typos: a word far from every passage word is still not found");
	}

	/* a unit after a number names what it measures: "per 24 hours" is "in
	 * a day", "115 V" the voltage */
	{
		struct passage two[2];
		struct passages pp = one_document(two, 2, 33, "Frostline IM-220 Guide", "equipment");

		arena_reset(&arena);
		set_section(&two[0], "DISPLAY AND STATUS LIGHTS",
		            "Yellow CLEAN light: the machine counts 180 days from the last clean cycle.\n"
		            "Make sure the machine is on its own 15 A circuit.\n", 95, 0.55);
		set_section(&two[1], "SPECIFICATIONS",
		            "Ice production: up to 220 lb (100 kg) per 24 hours.\nElectrical: 115 V, 60 Hz, 12 A.\n", 94, 0.42);
		q.text = "how much ice does the Frostline IM-220 make in a day";
		q.agent = AGENT_EQUIPMENT;
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "220 lb") && !text_has(&a, "180 days"),
		      "units: \"per 24 hours\" answers \"in a day\", not a count of days");
		q.text = "what voltage does the IM-220 run on";
		check(composer_compose(&arena, &q, &pp, &a) == LL_OK && text_has(&a, "115 V"),
		      "units: \"115 V\" answers \"what voltage\"");
	}

	/* helpers */
	n = composer_codes_of("BG-4 grill shows E03 and C602, not CO2", codes, 4);
	check(n == 3 && strcmp(codes[0], "BG-4") == 0 && strcmp(codes[1], "E03") == 0 &&
	      strcmp(codes[2], "C602") == 0, "codes and model numbers found");
	n = composer_codes_of("fault H1 on the unit, not H2O", codes, 4);
	check(n == 1 && strcmp(codes[0], "H1") == 0, "a letter and a digit is a code; h2o is not");
	{
		struct composer_terms t;

		composer_terms_of("What is the temp for the fryer?", &t);
		check(t.n == 2, "stop words dropped from terms");
		composer_terms_of("how long does chili take", &t);
		check(t.n == 2 && strcmp(t.term[0], "chili") == 0, "\"how long\" and \"does\" are not topic terms");
		composer_terms_of("no-show at the walk-in", &t);
		check(t.n == 3 && strcmp(t.term[0], "no-show") == 0 && strcmp(t.term[1], "walk-in") == 0 &&
		      strcmp(t.term[2], "walk") == 0, "a hyphenated compound is a term, and so are its parts");
		composer_terms_of("dish machine fault 41, 3 racks", &t);
		{
			bool fault41 = false, racks3 = false;

			for(int i = 0; i < t.n; i++) {
				fault41 |= strcmp(t.term[i], "41") == 0 && t.code[i];
				racks3 |= strcmp(t.term[i], "3") == 0 && !t.code[i];
			}
			check(fault41 && racks3, "the number after \"fault\" is a code, another number is not");
		}
	}

	/* a code another machine's manual defines ("E01" on a grill reads as
	 * "E1") does not answer for the model the question names */
	{
		struct passage two[2];

		ask(&q, "FX-8 shows E1 what do I do", AGENT_EQUIPMENT);
		memset(two, 0, sizeof(two));
		two[0].document_id = 60;
		two[0].chunk_id = 600;
		two[0].title = "Solvane FX-8 Fountain Dispenser";
		two[0].section = "6 STATUS CODES > E1: Carbonator pump ran over 3 minutes";
		two[0].category = "equipment";
		two[0].body = "E1: Carbonator pump ran over 3 minutes. What to do: Check the water supply valve "
		              "under the counter is open. If E1 comes back, call service.";
		two[0].score = 0.88;
		two[1].document_id = 57;
		two[1].chunk_id = 570;
		two[1].title = "Brightline BG-4 Clamshell Grill Operator Manual";
		two[1].section = "Error Codes > E01: Upper Platen Temperature Sensor Fault";
		two[1].category = "equipment";
		two[1].body = "The upper platen sensor reads out of range.\n\n"
		              "1. Press STOP to acknowledge the code.\n"
		              "2. If E01 returns, disable the affected platen.\n";
		two[1].score = 0.72;
		ps.items = two;
		ps.count = 2;
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose a named model's fault");
		check(text_has(&a, "water supply valve"), "the named model's own code section answers");
		check(!text_has(&a, "Press STOP") && !text_has(&a, "platen"), "no other machine's steps for its fault");
	}

	/* "when do I change it": the reading that says it is time answers,
	 * not another part's schedule */
	{
		struct passage three[3];

		ask(&q, "when do I change the CO2 cylinder on the FX-8", AGENT_EQUIPMENT);
		ps = one_document(three, 3, 60, "Solvane FX-8 Fountain Dispenser", "equipment");
		set_section(&three[0], "5 CO2 AND SYRUP SUPPLY > 5.1 Changing the CO2 cylinder",
		            "1. Close the valve on the empty CO2 cylinder.\n"
		            "2. Loosen the regulator nut and take the regulator off the CO2 cylinder.\n"
		            "3. Change the empty CO2 cylinder for a full one and fit the regulator.\n", 605, 0.55);
		set_section(&three[1], "2 SPECIFICATIONS",
		            "Water filter: Cartridge SV-2210; change every 6 months or 9,000 gallons.\n"
		            "CO2 supply: 20 lb cylinder.\n", 602, 0.42);
		set_section(&three[2], "3 DAILY OPERATION > 3.1 Opening the dispenser",
		            "1. Check the high-pressure gauge on the CO2 cylinder. Over 500 psi is good. "
		            "Under 200 psi, change the cylinder now.\n"
		            "2. Switch the carbonator on.\n", 603, 0.32);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose a \"when\" question");
		check(text_has(&a, "200 psi"), "\"when\" answered by the threshold (under 200 psi)");
	}

	/* a CAUTION of the same manual about the question's own words is
	 * added, another about something else is not */
	{
		struct passage two[2];

		ask(&q, "someone broke a glass near the FX-8 ice bin", AGENT_EQUIPMENT);
		ps = one_document(two, 2, 60, "Solvane FX-8 Fountain Dispenser", "equipment");
		set_section(&two[0], "4 CLEANING > 4.3 Ice bin and cold plate, every week",
		            "Clean the ice bin once a week, and at once after a glass breaks near it.\n\n"
		            "1. Scoop all the ice out of the bin and throw it away.\n"
		            "2. Wash the bin walls with warm detergent solution.\n", 604, 0.69);
		set_section(&two[1], "1 SAFETY",
		            "WARNING: CO2 cylinders must stand upright and be chained to the wall.\n\n"
		            "CAUTION: Never put ice that has touched the floor into the ice bin. If a glass breaks "
		            "in or near the bin, stop serving, empty all the ice and clean the bin.\n", 601, 0.30);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose a broken-glass question");
		{
			bool glass = false, co2 = false;

			for(size_t i = 0; i < a.nwarnings; i++) {
				glass |= strstr(a.warnings[i], "empty all the ice") != NULL;
				co2 |= strstr(a.warnings[i], "CO2") != NULL;
			}
			check(glass, "the manual's CAUTION about a glass by the bin is among the warnings");
			check(!co2, "its warning about something else is not");
		}
	}

	/* a line naming only the manual's own model is no answer */
	{
		struct passage two[2];

		ask(&q, "no steam coming out of the CX-10", AGENT_EQUIPMENT);
		ps = one_document(two, 2, 62, "VANTERA FOODSERVICE EQUIPMENT — CX-10 COMBI STEAMER OVEN", "equipment");
		set_section(&two[0], "2 SPECIFICATIONS", "Item: CX-10 (electric).\nDoor: side hinged.\n", 620, 0.88);
		set_section(&two[1], "7 TROUBLESHOOTING",
		            "No steam or too little steam — Cause: Water supply valve closed — Remedy: Open the water valve fully.\n", 627, 0.88);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose a model's symptom");
		check(text_has(&a, "water valve"), "the symptom's remedy answers");
		check(!text_has(&a, "Item: CX-10"), "a spec row naming only the model does not");
	}

	/* a manual's note about itself does not pad another answer */
	{
		struct passage two[2];

		ask(&q, "someone broke a glass near the FX-8 ice bin", AGENT_EQUIPMENT);
		ps = one_document(two, 2, 60, "Solvane FX-8 Fountain Dispenser", "equipment");
		set_section(&two[0], "4 CLEANING > 4.3 Ice bin and cold plate, every week",
		            "Clean the ice bin once a week, and at once after a glass breaks near it.\n", 604, 0.69);
		set_section(&two[1], "ABOUT THIS MANUAL",
		            "This manual covers the Solvane FX-8 fountain dispenser: eight valves over an ice bin.\n",
		            600, 0.48);
		check(composer_compose(&arena, &q, &ps, &a) == LL_OK, "compose beside an about-this-manual note");
		check(text_has(&a, "after a glass breaks"), "the section on the question answers");
		check(!text_has(&a, "This manual covers"), "the manual's note about itself does not pad it");
	}

	arena_free(&arena);
	return TAP_DONE();
}
