/* test_compose.c - answer/compose: the answer from hand-made sections.
 * An emergency's own procedure leads, whole and in order, with no step that
 * contradicts it; a figure question leads with the sentence stating it; a
 * code that came back leads with what to do next; a two-part question keeps
 * the first part's sentence whole; a decision on a list leads with the
 * list's verdict; an unknown model is admitted; an emergency no manual tags
 * still gets 911.  Questions are read with the shipped lexicon. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/compose.h"
#include "answer_fixture.h"
#include "../tap.h"

static bool said(const struct answer *a, const char *needle)
{
	if(strstr(a->response, needle))
		return true;
	for(size_t i = 0; i < a->nsteps; i++)
		if(strstr(a->steps[i], needle))
			return true;
	return false;
}

/* q understood from text, and in holding it with ranked as the one section. */
static void ask_of(const struct lexicon *lx, const char *text, const struct section *ranked,
                   struct ask *q, struct compose_in *in)
{
	ask_understand(lx, text, q);
	memset(in, 0, sizeof(*in));
	in->ask = q;
	in->ranked = ranked;
	in->nranked = 1;
}

/* q understood from text, and in holding the emergency's card with the n
 * sections ranked for the question. */
static void emergency_of(const struct lexicon *lx, const char *text, const struct section *card,
                         const struct section *ranked, size_t n, struct ask *q,
                         struct compose_in *in)
{
	ask_of(lx, text, ranked, q, in);
	in->nranked = n;
	in->cards = card;
	in->ncards = 1;
}

/* The answer to text from the n sections ranked ("" when composing fails). */
static const char *answer_to(const struct lexicon *lx, const char *text, const struct section *ranked,
                             size_t n, struct ask *q, struct compose_in *in, struct answer *a)
{
	ask_of(lx, text, ranked, q, in);
	in->nranked = n;
	return compose_answer(&arena, in, a) == LL_OK ? a->response : "";
}

static void test_compose(const struct lexicon *lx)
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

	emergency_of(lx, "smells like gas by the fryers, whats wrong with the pilot", &card, &other, 1,
	             &q, &in);
	CHECK(compose_answer(&arena, &in, &a) == LL_OK, "compose an emergency");
	CHECK(strncmp(a.response, "Get everyone out", 16) == 0, "the emergency's own summary leads");
	CHECK(a.nsteps == 4 && strcmp(a.steps[0], "Do not touch any switch.") == 0 &&
	      strcmp(a.steps[3], "Wait for the gas company.") == 0, "its procedure whole and in order");
	CHECK(!said(&a, "pilot light") && !said(&a, "Light the pilot"), "no step that contradicts it");

	{
		/* an emergency's other part is never answered by a machine's error code */
		struct section robbery = make_section("Emergencies", "Robbery",
		                                      "Do what the robber asks and call 911 when safe.\n\n"
		                                      "1. Stay calm.\n2. Call 911.\n");
		struct section e1 = make_section("Soda dispenser", "Error codes > E1: Carbonator pump",
		                                 "E1: Carbonator pump ran too long \xE2\x80\x94 What to do: keep "
		                                 "serving drinks after you check the water valve is open.\n");

		emergency_of(lx, "we got robbed at the counter, can we keep serving after", &robbery, &e1, 1,
		             &q, &in);
		CHECK(e1.kind == SECTION_FAULT && compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Do what the robber", 18) == 0 && !said(&a, "Carbonator") &&
		      !said(&a, "water valve"),
		      "a robbery's 'can we keep serving' takes nothing from a soda machine's error code");
	}
	{
		/* an emergency's other part: when an error code ranks first for it, the
		 * next section answers; one that shares a single word with it does not */
		struct section burn = make_section("Emergencies", "Burns",
		                                   "Cool the burn under running water for 20 minutes.\n\n"
		                                   "1. Cool it.\n2. Cover it.\n");
		struct section others[3] = {
			make_section("Dish machine", "Error codes > E3: Rinse under temperature",
			             "E3: Rinse below 180°F \xE2\x80\x94 What to do: call service.\n"),
			make_section("Dish machine", "Final Rinse",
			             "The final rinse must reach 180°F at the manifold.\n"),
			make_section("Holding", "Vegetables",
			             "Hold vegetables at a temperature of 135°F or above.\n")};
		struct ask q2;

		for(int i = 0; i < 3; i++)
			others[i].document_id = 8 + i;
		emergency_of(lx,
		             "got scalded on the wrist by dish machine steam, plus how hot does the "
		             "final rinse get",
		             &burn, others, 3, &q, &in);
		ask_understand(lx, "how hot does the final rinse get", &q2);
		in.other = others;
		in.nother = 3;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Cool the burn", 13) == 0 &&
		      strstr(a.response, "final rinse must reach 180°F"),
		      "a burn, then the final rinse's own figure, past its error code: %s", a.response);
		ask_understand(lx, "whats the fryer temperature", &q2);
		others[1] = others[2];
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "135°F"),
		      "no other food's temperature for the fryer's: %s", a.response);
	}
	{
		/* "can we keep using the toaster" after a shock: the card's own word on
		 * the machine (past the steps the lead shows), not the toaster's manual */
		struct section shock = make_section("Emergencies", "Electric Shock",
		                                    "Do not touch the person until the power is off.\n\n"
		                                    "1. Do not touch them.\n2. Turn off the breaker.\n"
		                                    "3. Call 911.\n4. Start CPR if needed.\n"
		                                    "5. Cool any burn.\n6. Tag the equipment \"Do not use\" "
		                                    "until an electrician has checked it.\n");
		struct section toaster = make_section("Toaster", "Daily Cleaning",
		                                      "Run the toaster only after its belt is clean, "
		                                      "using the cleaners the manual allows.\n");
		struct ask q2;

		toaster.document_id = 12;
		emergency_of(lx, "line cook got a jolt off the toaster plug, ok to run the toaster after", &shock,
		             &toaster, 1, &q, &in);
		ask_understand(lx, "ok to run the toaster after", &q2);
		in.other = &toaster;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Do not touch the person", 23) == 0 &&
		      strstr(a.response, "Tag the equipment") && !strstr(a.response, "its belt is clean"),
		      "a shock, then the card's tag-out for 'can we keep using it': %s", a.response);
		emergency_of(lx, "the toaster plug gave the closer a jolt, can we still run it", &shock,
		             &toaster, 1, &q, &in);
		ask_understand(lx, "can we still run it", &q2);
		in.other = &toaster;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "Tag the equipment"),
		      "the machine named in the emergency's clause: the tag-out still answers: %s",
		      a.response);
	}

	{
		/* a turn going on about the thread's emergency, asking nothing of its
		 * own: the card alone, no other section's sentence on a word it shares */
		struct section fumes = make_section("Emergencies", "Chemical Fumes",
		                                    "Get everyone out into fresh air and call 911.\n\n"
		                                    "1. Leave the room.\n2. Call 911.\n\n"
		                                    "DANGER: Never go back in alone.\n");
		struct section outage = make_section("Outages", "Power Outage",
		                                     "Note when the power went out; check on "
		                                     "anyone still in there.\n");
		struct ask before;

		outage.document_id = 9;
		emergency_of(lx, "devon went in to check and hasnt come out", &fumes, &outage,
		             1, &q, &in);
		ask_understand(lx, "ammonia smell pouring out of the chemical closet", &before);
		q.followup = true;
		memcpy(q.emergency, before.emergency, sizeof(q.emergency));
		q.nemergency = before.nemergency;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Get everyone out", 16) == 0 &&
		      !strstr(a.response, "power went out"),
		      "the thread's emergency goes on: its card, nothing on a shared word: %s",
		      a.response);
	}
	{
		/* a follow-up telling a step done ("ran it under the tap ..., now
		 * what"): the card's step for after it follows the summary */
		struct section scald = make_section("Emergencies", "Scalds",
		                                    "Cool the scald under the tap and call 911 if it "
		                                    "is large.\n\n"
		                                    "1. Move away from the steam.\n"
		                                    "2. Cool the scald under running tap water for 20 "
		                                    "minutes.\n3. Take off rings.\n"
		                                    "4. After cooling, cover it with cling film.\n");
		struct section none = make_section("Steamer", "Descaling", "Descale weekly.\n");

		none.document_id = 12;
		emergency_of(lx, "kept the scald under tap water 20 minutes, now what", &scald, &none,
		             1, &q, &in);
		q.followup = true;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Cool the scald", 14) == 0 &&
		      strstr(a.response, "After cooling, cover it"),
		      "a step told done: the card's step for after it next: %s", a.response);
	}
	{
		/* what to do once the emergency is over: the first word of its
		 * manual's "After ..." section, over a card sentence naming the machine */
		struct section fire = make_section("Fire", "Grease Fire Steps",
		                                   "Smother it with a lid and call 911.\n\n"
		                                   "1. Smother it.\n2. Pull the hood station.\n"
		                                   "3. Call 911.\n4. Leave if it spreads.\n\n"
		                                   "If the fire is in the fryer, pull the hood station.\n");
		struct section later[2] = {
			make_section("Fire", "After the Fire Is Out",
			             "1. Do not restart any equipment until the fire department "
			             "approves it.\n2. Throw away the oil of the fryer that burned.\n"),
			make_section("Fryer", "Fryer Start-Up", "Fill the fryer and turn it on.\n")};
		struct ask q2;

		later[1].document_id = 9;
		emergency_of(lx, "flames in the fryer!! once its out can we run the fryer again",
		             &fire, later, 2, &q, &in);
		ask_understand(lx, "once its out can we run the fryer again", &q2);
		in.other = later;
		in.nother = 2;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Smother it", 10) == 0 &&
		      strstr(a.response, "Do not restart any equipment"),
		      "the fire, then what its manual says after it is out: %s", a.response);
	}
	{
		/* the other part asks a figure: the section stating it answers, past
		 * an overview ranked above it for the part */
		struct section ways = make_section("Chilling", "Ways to Chill Stew",
		                                   "Chill stew in shallow pans.\n\n"
		                                   "1. Split it into shallow pans.\n"
		                                   "2. Set the pans in ice water.\n");
		struct section others[3] = {
			ways,
			make_section("Chilling", "Chilling Stew: Overview",
			             "This document covers chilling stew for later use.\n"),
			make_section("Chilling", "Two Stages for Stew",
			             "Chill stew from 135°F to 70°F within 2 hours, then to 41°F "
			             "within 6 hours.\n")};
		struct ask q2;

		others[1].kind = SECTION_OVERVIEW;
		others[2].coverage = 0.35;
		ask_of(lx, "how do i chill a kettle of stew", &ways, &q, &in);
		ask_understand(lx, "how quick must the stew be chilled", &q2);
		in.other = others;
		in.nother = 3;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "within 2 hours"),
		      "steps asked, then the figure the other part asks, past an overview: %s",
		      a.response);
	}

	ask_of(lx, "how hot for fish", &temps, &q, &in);
	CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Fish is safe at 145°F", 21) == 0 &&
	      !strstr(a.response, "3 minutes"), "a figure question leads with the sentence stating that figure");

	{
		/* a code's heading and what to do are one sentence, the first */
		struct section f4 = make_section("Ice machine", "Fault codes > F4: Water supply low",
		                                 "Open the water valve behind the unit. Wait 10 "
		                                 "minutes for the next fill.\n");

		ask_of(lx, "cuber in the back stopped, F4 up on it", &f4, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "F4: Water supply low \xE2\x80\x94 Open the water valve", 40) == 0,
		      "a code's meaning and its first check share the first sentence: %s", a.response);
	}
	{
		/* tried without a code: the step for when it comes back leads, not the
		 * one that only names whom to call */
		struct section hl = make_section("Fryer", "Overheat Cutoff Tripped",
		                                 "The cutoff stops the heat when the oil overheats.\n\n"
		                                 "1. Switch the fryer off and let the oil cool.\n"
		                                 "2. Push the cutoff button only as the manual says; "
		                                 "some models need a technician.\n"
		                                 "3. Push it once. If it trips again, leave it off: "
		                                 "the fryer needs service.\n");

		ask_of(lx, "overheat cutoff on the fryer tripped again after i pushed it, push it "
		       "once more?", &hl, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "If it trips again, leave it off", 31) == 0,
		      "tried once, it came back: what the manual says to do then leads: %s",
		      a.response);
	}
	{
		/* what the crew found fine is no check to give them again */
		struct section slow = make_section("Bagel toaster", "Toasting Too Slow",
		                                   "Slow toasting usually has a simple cause.\n\n"
		                                   "1. Check the breaker is on.\n"
		                                   "2. Check the conveyor speed dial is at 4.\n"
		                                   "3. Clean the heater guards.\n");

		ask_of(lx, "bagel toaster super slow, we already checked the breaker", &slow, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && a.nsteps == 2 &&
		      strstr(a.steps[0], "conveyor speed") && !said(&a, "breaker is on"),
		      "the check the crew already made is left out: %zu steps, first %s", a.nsteps,
		      a.nsteps ? a.steps[0] : "");
	}
	{
		/* the threat is gone: the card's step for when it is safe leads, the
		 * procedure still whole below */
		struct section hold = make_section("Emergencies", "Hold-Up",
		                                   "Give them what they ask and call 911 when safe.\n\n"
		                                   "1. Do not resist.\n"
		                                   "2. When it is safe, lock up and call 911.\n"
		                                   "3. Note what you saw.\n");

		emergency_of(lx, "someone just held us up at gunpoint, they drove off", &hold, &hold,
		             1, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "When it is safe, lock up", 24) == 0 && a.nsteps == 3,
		      "a threat gone: what to do now it is safe leads: %s", a.response);
		emergency_of(lx, "someone is holding us up at gunpoint right now", &hold, &hold, 1, &q,
		             &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Give them what they ask", 23) == 0,
		      "a threat still there: the procedure's summary leads: %s", a.response);
	}
	{
		/* a step the lead already says is not said again among the steps */
		struct section warm = make_section("Reheating", "Reheating Soup",
		                                   "Reheated soup must reach 165°F.\n\n"
		                                   "1. Take the soup from the walk-in.\n"
		                                   "2. Never warm soup in the holding well; use the "
		                                   "stove.\n"
		                                   "3. Probe the center of the pot.\n");
		size_t told = 0;

		ask_of(lx, "can i warm the soup up in the holding well", &warm, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK, "composed");
		for(size_t i = 0; i < a.nsteps; i++)
			told += strstr(a.steps[i], "holding well") != NULL;
		CHECK(strstr(a.response, "Never warm soup in the holding well") && told == 0 &&
		      a.nsteps == 2, "the step that leads is not repeated: %s (%zu steps)", a.response,
		      a.nsteps);
	}
	{
		/* the fix was tried: what to do when it comes back leads */
		struct section e9 = make_section("Fry dispenser", "Fault codes > E-9: Basket jam",
		                                 "E-9: Basket jam. \xE2\x80\x94 What to do: Switch POWER off. Clear the basket "
		                                 "guide. If it jams again, call Service.\n");

		ask_of(lx, "the fry dispenser threw E-9 a second time, i already reset it once", &e9, &q, &in);
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

		ask_understand(lx, "how long is opened ham good, what date goes on the label", &q);
		ask_understand(lx, "what date goes on the label", &q2);
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
		/* the same manual's section holding less than half of the part, but
		 * not much less, still answers it */
		mark.coverage = 0.45;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "Write the earliest date") != NULL,
		      "a second part answered by a section holding 45%% of it: %s", a.response);
		mark.coverage = 1;
		/* a second part's answer that introduces a list says its first items */
		{
			struct section kit = make_section("Dates", "Label Kit",
			                                  "A label kit holds:\n\n1. Day dots.\n"
			                                  "2. A grease pencil.\n3. Spare tape.\n");

			in.other = &kit;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "A label kit holds: day dots; a grease pencil.") &&
			      !strstr(a.response, "spare tape"),
			      "a list's intro carries its first two items: %s", a.response);
			in.other = &mark;
		}
		/* a figure asked first: the lead's sentence stating it, not its
		 * first sentence, comes before the second part's answer */
		{
			struct section lift = make_section("Lifting", "How to Lift",
			                                   "CAUTION: Never carry a hot pan of oil. Get help for "
			                                   "anything heavier than 50 lb (23 kg).\n");

			ask_understand(lx, "how heavy can i lift, what date goes on the label", &q);
			in.ranked = &lift;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "heavier than 50 lb (23 kg). Write the earliest") != NULL,
			      "the figure's sentence answers the first part: %s", a.response);
			in.ranked = &keep;
			ask_understand(lx, "how long is opened ham good, what date goes on the label", &q);
		}
		/* a heading stating the figure asked joins the lead in one sentence,
		 * so that the second part's answer comes within the first two */
		{
			struct section soup = make_section("Holding", "Soup in the Well: 135°F or Above",
			                                   "Stir the soup and probe it every hour. "
			                                   "Keep the lid on between orders.\n");

			ask_understand(lx, "how hot does the soup stay in the well, what date goes on "
			               "the label", &q);
			in.ranked = &soup;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "135°F or Above \xe2\x80\x94 Stir the soup and probe it "
			             "every hour. Write the earliest") != NULL,
			      "the heading, the lead, then the second part's answer: %s", a.response);
			in.ranked = &keep;
			ask_understand(lx, "how long is opened ham good, what date goes on the label", &q);
		}
		/* the first part's lead only opens a list: it carries its first
		 * items, never "The trainee can." alone */
		{
			struct section sign = make_section("Training", "Fryer Sign-Off",
			                                   "The trainee can:\n\n1. Drop the baskets.\n"
			                                   "2. Skim the oil.\n3. Filter the oil.\n");

			ask_understand(lx, "what does a fryer trainee learn, what date goes on the label",
			               &q);
			in.ranked = &sign;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "The trainee can: drop the baskets; skim the oil.") &&
			      !strstr(a.response, "The trainee can."),
			      "a list's opening leads with its first items: %s", a.response);
			in.ranked = &keep;
		}
		/* a verdict states the first part's rule: the second part's answer
		 * comes next, not the rule again */
		{
			struct section wings = make_section("Cooking", "Wings: 165°F",
			                                    "Cook wings to 165°F or above inside.\n");
			struct section patty = make_section("Cooking", "Patties: 155°F",
			                                    "Cook patties to 155°F inside.\n");

			ask_understand(lx, "wing probed 150 is that ok, and what do patties need", &q);
			ask_understand(lx, "what do patties need", &q2);
			in.ranked = &wings;
			in.other = &patty;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "below the 165°F minimum") &&
			      strstr(a.response, "Cook patties to 155°F") &&
			      !strstr(a.response, "Cook wings to"),
			      "after a verdict, the second part's answer: %s", a.response);
			in.ranked = &keep;
			in.other = &mark;
			ask_understand(lx, "how long is opened ham good, what date goes on the label", &q);
			ask_understand(lx, "what date goes on the label", &q2);
		}
		/* another manual's section, best for the second part's figure and
		 * stating it, answers it though it holds less of its words */
		{
			struct section wash = make_section("Hands", "Washing: 20 Seconds",
			                                   "A proper scrub lasts 20 seconds in all.\n");

			wash.document_id = 8;
			wash.coverage = 0.4;
			ask_understand(lx, "how long is opened ham good, how long do i scrub my hands",
			               &q);
			ask_understand(lx, "how long do i scrub my hands", &q2);
			in.other = &wash;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "A proper scrub lasts 20 seconds") != NULL,
			      "a two-part figure from another manual's section stating it: %s",
			      a.response);
			/* ranked first for the part too, the first part's own section is
			 * passed over: the next one is the best for the part */
			{
				struct section both[2] = {keep, wash};

				in.other = both;
				in.nother = 2;
				CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
				      strstr(a.response, "A proper scrub lasts 20 seconds") != NULL,
				      "the part's best section after the first part's own: %s",
				      a.response);
				in.nother = 1;
			}
			in.other = &mark;
		}
		/* another maker's manual never answers a part: its figure is another
		 * machine's */
		{
			struct section spec = make_section("Zorvik ZT-9 Toaster Manual", "Specifications",
			                                   "Scrub time: 45 seconds per side.\n");

			spec.document_id = 9;
			ask_understand(lx, "how long is opened ham good, how long do i scrub my hands",
			               &q);
			ask_understand(lx, "how long do i scrub my hands", &q2);
			in.other = &spec;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      !strstr(a.response, "45 seconds"),
			      "no part answered from another maker's manual: %s", a.response);
			in.other = &mark;
		}
		/* the heading states the figure: the sentence stating the same figure
		 * answers, not the first one stating any */
		{
			struct section scrub = make_section("Hands", "Washing: 20 Seconds in All",
			                                    "Wash your hands: scrub them for 10 to 15 seconds. The whole "
			                                    "wash takes 20 seconds.\n");

			scrub.document_id = 8;
			ask_understand(lx, "how long is opened ham good, how long do i wash my hands",
			               &q);
			ask_understand(lx, "how long do i wash my hands", &q2);
			in.other = &scrub;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "The whole wash takes 20 seconds") != NULL,
			      "a second part's figure: the sentence stating its heading's: %s",
			      a.response);
			in.other = &mark;
		}
		/* the same section answers both parts: its sentence for the second
		 * follows the lead, unless the lead already says it */
		{
			struct section reheat = make_section("Reheating", "Reheat Leftovers",
			                                     "Reheat soup to 165°F in all parts. Use a clean pot.\n\n"
			                                     "Get it there within 2 hours of taking it out.\n");

			ask_understand(lx, "what temp do i reheat soup to and how long do i have", &q);
			ask_understand(lx, "how long do i have", &q2);
			in.ask = &q;
			in.ranked = in.other = &reheat;
			CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
			      strstr(a.response, "in all parts. Get it there within 2 hours") != NULL,
			      "a two-part question one section answers: both of its sentences lead: %s", a.response);
			ask_understand(lx, "soup 165", &q2);
			CHECK(compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "2 hours."),
			      "a second part the lead already answers adds nothing: %s", a.response);
		}
	}
	{
		/* two figures asked of two units: the lead's sentence pointing back
		 * at the rule stays with it, in one sentence, and the other unit's
		 * figure follows from the first section past the overview that
		 * answers it */
		struct section units[3] = {
			make_section("Unit temps", "Unit temps > Reach-in settings",
			             "Chilled food has to stay at 41°F or below. To keep the food there, set "
			             "the reach-in near 36°F.\n"),
			make_section("Unit temps", "Unit temps",
			             "This manual covers the reach-in, the chest freezer and the logs.\n"),
			make_section("Unit temps", "Unit temps > Chest freezer",
			             "Run the chest freezer at 0°F or colder.\n")};
		struct ask q2;

		for(int i = 0; i < 3; i++)
			units[i].document_id = 30;
		ask_understand(lx, "reach-in should sit at what number, what number for the chest freezer", &q);
		ask_understand(lx, "what number for the chest freezer", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = units;
		in.nranked = 2;
		in.other_ask = &q2;
		in.other = units;
		in.nother = 3;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "41°F or below; to keep the food there, set the reach-in near 36°F. "
		                         "Run the chest freezer at 0°F") != NULL,
		      "two units: the rule and its setting in one sentence, then the other unit's: %s",
		      a.response);
	}
	{
		/* the other part's figure, already stated by the first answer, is
		 * not said again in another section's words */
		struct section sinks[2] = {
			make_section("Sinks", "Sinks > Prep sink",
			             "The prep sink must run water at least 100°F for rinsing produce. "
			             "Scalding water warps the strainers.\n"),
			make_section("Sinks", "Sinks > Prep sink water",
			             "Prep sink water must be at least 100°F when it leaves the tap.\n")};
		struct ask q2;

		sinks[0].document_id = sinks[1].document_id = 32;
		ask_understand(lx, "prep sink is lukewarm, ok to rinse lettuce there? how warm should it be",
		               &q);
		ask_understand(lx, "how warm should it be", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = sinks;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &sinks[1];
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "leaves the tap"),
		      "the figure asked is said once: %s", a.response);
	}
	{
		/* an emergency's other part answered by another manual's overview,
		 * when a sentence of it holds two of the part's words */
		struct section burn = make_section("Emergencies", "Burns",
		                                   "Cool the burn under running water for 20 minutes.\n\n"
		                                   "1. Cool it.\n2. Cover it.\n");
		struct section dates[2] = {
			make_section("Shelf life", "Shelf life",
			             "Opened sliced cheese and deli meat are each good for up to 7 days cold.\n"),
			make_section("Shelf life", "Shelf life > Labels",
			             "Write the discard day on the label.\n")};
		struct ask q2;

		dates[0].document_id = dates[1].document_id = 31;
		emergency_of(lx, "scorched two fingers on the broiler rack. also sliced cheese once opened "
		                 "lasts how many days",
		             &burn, dates, 2, &q, &in);
		ask_understand(lx, "sliced cheese once opened lasts how many days", &q2);
		in.other = dates;
		in.nother = 2;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Cool the burn", 13) == 0 &&
		      strstr(a.response, "up to 7 days"),
		      "a burn, then the other part's figure from another manual's overview: %s", a.response);
	}
	{
		/* an emergency's other part: a yes or no is never answered by another
		 * manual ("keep cooking" under a gas smell) */
		struct section gas = make_section("Emergencies", "Gas Smell",
		                                  "Get everyone out and call the gas company from outside.\n\n"
		                                  "1. Do not touch switches.\n2. Leave the building.\n");
		struct section thighs = make_section("Cooking", "Poultry",
		                                     "If the thigh reads below 165°F, keep cooking it and "
		                                     "probe again.\n");
		struct ask q2;

		thighs.document_id = 40;
		emergency_of(lx, "reeks of gas near the range, ok to keep cooking the thighs", &gas, &thighs,
		             1, &q, &in);
		ask_understand(lx, "ok to keep cooking the thighs", &q2);
		in.other = &thighs;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Get everyone out", 16) == 0 &&
		      !strstr(a.response, "keep cooking"),
		      "a gas smell: no other manual's 'keep cooking': %s", a.response);
	}
	{
		/* a code that stays after a fix: a reading reported of what was
		 * checked is no figure asked, what to do next leads */
		struct section al2 = make_section("Dish machine", "Alarm codes > AL-2: Low final rinse",
		                                  "AL-2: Low final rinse temperature.\n\n"
		                                  "1. Check the incoming water is at least 110°F.\n"
		                                  "2. Check the rinse nozzles for scale.\n"
		                                  "3. If AL-2 stays after these checks, call service.\n");
		const char *r = answer_to(lx, "AL-2 still on, incoming water is 120 what now", &al2, 1, &q,
		                          &in, &a);

		CHECK(q.persists && q.ncodes == 1 && strstr(r, "call service") &&
		      !strstr(r, "at least 110°F"),
		      "a code that stays: what to do next, not the check the reading answers: %s",
		      a.response);
	}
	{
		/* a reading decided when the best section only says what to do: the
		 * limit comes from another of the manual's best sections */
		struct section two[2] = {
			make_section("Receiving", "Rejecting Product",
			             "Write each rejected item and the reason on the invoice.\n"),
			make_section("Receiving", "Refrigerated Food",
			             "Refrigerated chicken must be received at 41°F or below.\n")};
		const char *r = answer_to(lx, "raw chicken off the delivery read 46, ok to take it", two, 2,
		                          &q, &in, &a);

		CHECK(q.kind == ASKED_DECISION && strncmp(r, "No, 46°F is above the 41°F limit", 33) == 0,
		      "the verdict on a reading from the manual's section that states its limit: %s",
		      a.response);
	}
	{
		/* a symptom asked of a troubleshooting table: the row with its fix
		 * leads, though a schedule's row answers no procedure */
		struct section table = make_section("Oven", "Troubleshooting",
		                                    "Pizza pale on top \xE2\x80\x94 Cause: Belt too fast \xE2\x80\x94 "
		                                    "Fix: Add 15 seconds of belt time.\n\n"
		                                    "Smoke from the ends \xE2\x80\x94 Cause: Crumbs \xE2\x80\x94 "
		                                    "Fix: Empty the crumb trays.\n");
		const char *r = answer_to(lx, "how do i fix pizzas coming out pale on top", &table, 1, &q,
		                          &in, &a);

		CHECK(q.kind == ASKED_PROCEDURE && strncmp(r, "Pizza pale on top", 17) == 0,
		      "a troubleshooting row with its fix answers a how-do-i: %s", a.response);
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

		ask_of(lx, "box of nuggets frozen into one lump, do we sign for it", &recv, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strncmp(a.response, "Reject frozen product with:", 27) == 0,
		      "a listed sign leads with the verdict on the list: %s", a.response);
		ask_understand(lx, "soup reads 120, no idea how long, dump it?", &q);
		in.ranked = &hold;
		CHECK(q.unknown_time && compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "throw it away") &&
		      strstr(a.response, "throw it away") < strstr(a.response, "reheat"),
		      "nobody knows how long: the rule for an unknown time first: %s", a.response);
	}
	{
		/* the section's first sentence states no limit ("set at 34°F"), another
		 * part does: the verdict comes first, against that limit */
		struct section recv = make_section("Coolers", "Cooler Settings",
		                                   "Most stores set the cooler at 34°F.\n\n"
		                                   "- Cold food must stay at 41°F or below.\n");

		ask_of(lx, "cooler reads 47, keep the food?", &recv, &q, &in);
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "47°F is above the 41°F limit") != NULL &&
		      strstr(a.response, "41°F limit") < strstr(a.response, "Cooler Settings"),
		      "the verdict against the limit another part states: %s", a.response);
	}
	{
		/* "how many days" is answered only by a section that states days */
		struct section thaw = make_section("Thawing", "Thawing in the Cooler",
		                                   "Keep raw food at 41°F or below; never more than 4 hours "
		                                   "above it.\n");
		struct section dates = make_section("Date Marking", "The 7-Day Rule",
		                                    "Ready-to-eat food may be kept for 7 days at 41°F.\n");

		ask_of(lx, "how many days is raw chicken good in the walk in", &thaw, &q, &in);
		CHECK(q.kind == ASKED_FIGURE && compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "couldn't find") && !strstr(a.response, "4 hours"),
		      "days asked, only hours stated: not found: %s", a.response);
		ask_understand(lx, "how many days is opened deli ham good for", &q);
		in.ranked = &dates;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "7 days"),
		      "days asked, days stated: answered: %s", a.response);
	}
	ask_understand(lx, "kelvinator KX-9 ice machine flashing", &q);
	in.unknown = "Kelvinator KX-9 ice machine";
	in.nranked = 0;
	CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
	      strncmp(a.response, "I don't have the manual for the Kelvinator KX-9", 47) == 0,
	      "an unknown model: the admission leads");
	{
		/* an unknown model and no machine named: no other machine's steps */
		struct section ice = make_section("Ice Machine Troubleshooting (Generic)",
		                                  "Descaling the Ice Machine",
		                                  "Scale builds up in hard water.\n\n"
		                                  "1. Empty the bin.\n2. Run the descale cycle.\n");

		ice.category = "equipment";
		ask_of(lx, "descaling steps for the zorvac z9 please", &ice, &q, &in);
		in.unknown = "Zorvac";
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && !said(&a, "Descaling the Ice") &&
		      a.nsteps == 0, "an unknown machine of no named kind gets no ice machine's steps: %s",
		      a.response);
		ask_of(lx, "descaling steps for the zorvac z9 ice machine please", &ice, &q, &in);
		in.unknown = "Zorvac ice machine";
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && a.nsteps == 2,
		      "an unknown ice machine gets the ice machine's general steps: %s", a.response);
	}
	{
		/* a word no manual holds is what the question is about: admitted first */
		struct section dates = make_section("Date Marking", "The 7-Day Rule",
		                                    "Opened ready-to-eat food may be kept for 7 days at "
		                                    "41°F.\n");
		struct section cash = make_section("Cash Handling", "Taking Payment",
		                                   "Take cash, cards and gift cards at the register.\n");

		ask_of(lx, "can a guest pay with venmo here", &cash, &q, &in);
		in.topic = "venmo";
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strcmp(a.response, "I don't have anything on \"venmo\" in this store's manuals. "
		                         "Ask your shift manager.") == 0,
		      "a topic no manual holds: the admission, not a section that shares one word: %s",
		      a.response);
		ask_of(lx, "jar of salsa verde got opened monday, how many days do we keep it", &dates, &q, &in);
		in.topic = "salsa";
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "I don't have anything on \"salsa\" in this store's manuals; "
		              "the nearest I have: ", 78) == 0 &&
		      strstr(a.response, "7 days") && !strstr(a.response, "shift manager"),
		      "a section that holds the question's other words follows the admission: %s",
		      a.response);
		in.topic = NULL;
	}
	{
		/* a lead that points back ("to keep the food there") is read with
		 * the sentence it points at */
		struct section cooler = make_section("Cooler Temperatures", "Walk-In Cooler Settings",
		                                     "Cold food must stay at 41°F or below. To keep the "
		                                     "food there, set the walk-in cooler air to 36°F.\n");
		const char *r = answer_to(lx, "how cold do we run the walk-in cooler air",
		                          &cooler, 1, &q, &in, &a);

		CHECK(strncmp(r, "Cold food must stay at 41°F or below. To keep the food there", 60) == 0,
		      "the sentence a lead points back at comes with it: %s", r);
	}

	{
		/* beside a card, another manual's sentence sharing one word with the
		 * other part ("rinse") answers nothing */
		struct section eye = make_section("Chemicals", "Chemical in the Eye",
		                                  "Flush the eye with water for 15 minutes.\n\n"
		                                  "1. Flush it.\n2. Call 911.\n3. Tell the manager.\n");
		struct section dish = make_section("Dish Machine", "Final Rinse",
		                                   "The final rinse must reach 180°F at the arms.\n");
		struct ask q2;

		dish.document_id = 12;
		emergency_of(lx, "sanitizer squirted in my eye how long do i rinse and should i see a doc",
		             &eye, &dish, 1, &q, &in);
		ask_understand(lx, "how long do i rinse and should i see a doc", &q2);
		in.other = &dish;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "180°F"),
		      "no other manual's sentence on one shared word: %s", a.response);
	}
	{
		/* after the emergency, its manual's "After ..." step that answers and the
		 * one on the other thing the part names, in one sentence */
		struct section fire = make_section("Fire", "Oven Fire",
		                                   "Keep the oven door shut and turn it off.\n\n"
		                                   "1. Keep the door shut.\n2. Turn it off.\n"
		                                   "3. Call 911.\n");
		struct section after = make_section("Fire", "After an Oven Fire",
		                                    "1. Leave the oven off until the manager approves "
		                                    "using it.\n2. Throw out the pizzas that were inside."
		                                    "\n3. Clean the racks.\n");
		struct ask q2;

		after.kind = SECTION_STEPS;
		emergency_of(lx, "flames in the pizza oven, once its out can we use the oven and the pizzas "
		             "inside", &fire, &after, 1, &q, &in);
		ask_understand(lx, "once its out can we use the oven and the pizzas inside", &q2);
		in.other = &after;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "using it; throw out the pizzas that were inside."),
		      "the After section's step and its step on the pizzas asked of: %s", a.response);
		/* a step that opens with a code keeps its capitals after the "; " */
		after = make_section("Fire", "After an Oven Fire",
		                     "1. Leave the oven off until the manager approves using it.\n"
		                     "2. CO2 cylinders near the oven are checked by the supplier.\n");
		after.kind = SECTION_STEPS;
		ask_understand(lx, "once its out can we use the oven and the co2 cylinders", &q2);
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "using it; CO2 cylinders near the oven"),
		      "a code keeps its capitals where sentences are joined: %s", a.response);
	}
	{
		/* two emergencies: the lead shows the first card's first steps, not the
		 * second's, so the second card's step stating the figure asked follows
		 * the summaries */
		struct section cards[2] = {
		        make_section("First Aid", "Choking",
		                     "Give back blows and abdominal thrusts.\n\n1. Ask if they can "
		                     "talk.\n2. Give thrusts.\n3. Call 911.\n4. Stay with them.\n"),
		        make_section("First Aid", "Collapse",
		                     "Call 911, check breathing and start CPR.\n\n1. Push on the "
		                     "chest hard and fast, about 100 to 120 a minute.\n2. Use the "
		                     "AED.\n")};

		emergency_of(lx, "kid choking on a nugget and if he goes limp how many chest pushes a "
		             "minute", &cards[0], &cards[0], 1, &q, &in);
		in.cards = cards;
		in.ncards = 2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strncmp(a.response, "Give back blows", 15) == 0 &&
		      strstr(a.response, "start CPR. Push on the chest hard and fast, about 100 to 120"),
		      "the second card's step stating the rate asked follows the summaries: %s",
		      a.response);
	}
	{
		/* an emergency's other part that its lead already half answers ("how long
		 * under the water"): what is left of it ("a report") picks the part */
		struct section burn = make_section("Burns", "Burns",
		                                   "Cool the burn under running water for 20 minutes.\n\n"
		                                   "1. Cool it.\n2. Take off rings.\n3. Cover it loosely.\n"
		                                   "4. Tell the manager and write a report of the burn.\n");
		struct section steam = make_section("Burns", "Steam Burns",
		                                    "Steam burns: hold the skin under running water for at "
		                                    "least 20 minutes.\n");
		struct ask q2;

		emergency_of(lx, "steam burned my wrist at the dish machine, how long under the water and "
		             "do i write a report for it", &burn, &steam, 1, &q, &in);
		ask_understand(lx, "how long under the water and do i write a report for it", &q2);
		in.other = &steam;
		in.nother = 1;
		in.other_ask = &q2;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "20 minutes. Tell the manager and write a report"),
		      "what the card's lead has not said picks the other part's answer: %s", a.response);
	}
	{
		/* the other part's best sentence is the first answer's: said once, then
		 * what follows it */
		struct section grind = make_section("Slicer", "Sharpening",
		                                    "1. Unplug the slicer.\n2. Hold SHARPEN for 20 "
		                                    "seconds.\n3. Keep holding SHARPEN and tap POLISH for "
		                                    "2 seconds only. Polishing longer dulls the blade.\n");
		struct ask q2;

		/* the same steps under the chapter's heading */
		struct section chapter = grind;

		chapter.heading = "Sharpening the Blade";
		chapter.path = "Sharpening the Blade";
		ask_understand(lx, "sharpener on the slicer, how many secs on sharpen, how long on polish",
		               &q);
		ask_understand(lx, "how long on polish", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &grind;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &chapter;
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "holding SHARPEN") &&
		      !strstr(strstr(a.response, "holding SHARPEN") + 1, "holding SHARPEN"),
		      "a sentence is never said twice: %s", a.response);
	}
	{
		/* the other part's figure stated in the second sentence of a step: that
		 * sentence follows the lead, not the step's first */
		struct section gloves = make_section("Gloves", "Changing Gloves",
		                                     "Change gloves between raw and ready-to-eat food.\n\n"
		                                     "1. Wash your hands first. Wash for a full 20 seconds, "
		                                     "with the water at 100°F or warmer.\n"
		                                     "2. Put on new gloves.\n");
		struct ask q2;

		ask_understand(lx, "when do glove changes happen and how hot is the water for the hand wash",
		               &q);
		ask_understand(lx, "how hot is the water for the hand wash", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &gloves;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &gloves;
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK &&
		      strstr(a.response, "Wash for a full 20 seconds, with the water at 100°F") &&
		      !strstr(a.response, "Wash your hands first"),
		      "the step's sentence stating the figure asked answers the other part: %s",
		      a.response);
	}
	{
		/* a second part that asks only another figure ("whats the max time") asks
		 * it of the first part's subject: the first section's step that states it */
		struct section sink = make_section("Thawing", "Thawing in the Prep Sink",
		                                   "Thaw fish fillets under running water at 70°F or colder.\n\n"
		                                   "1. Keep the fillets sealed.\n2. Keep them under the water.\n"
		                                   "3. Cook them within 4 hours of the start of thawing.\n");
		struct section chart = make_section("Holding chart", "Product Holding Chart",
		                                    "Fish fillets: hold 20 minutes at most.\n");
		struct ask q2;

		ask_understand(lx, "fish fillets in the prep sink how cold is the water, whats the max time",
		               &q);
		ask_understand(lx, "whats the max time", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &sink;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &chart;
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "within 4 hours") &&
		      !strstr(a.response, "20 minutes"),
		      "a second part asking only a figure is answered from the first's section: %s",
		      a.response);
	}
	{
		/* the other part's section opens with a frame; the part that says
		 * what is asked leads ("a label shows ... initials") */
		struct section shelf = make_section("Date Marking", "Seven-Day Rule",
		                                    "Opened deli meat is good for 7 days at 41°F.\n");
		struct section label = make_section("Date Marking", "Labels on Pans",
		                                    "Every pan in the reach-in needs a label.\n\n"
		                                    "- The label shows the product name, the date made "
		                                    "and the initials of the cook.\n");
		struct ask q2;

		ask_understand(lx, "how long is opened turkey good and whose initials go on the label",
		               &q);
		ask_understand(lx, "whose initials go on the label", &q2);
		memset(&in, 0, sizeof(in));
		in.ask = &q;
		in.ranked = &shelf;
		in.nranked = 1;
		in.other_ask = &q2;
		in.other = &label;
		in.nother = 1;
		CHECK(compose_answer(&arena, &in, &a) == LL_OK && strstr(a.response, "7 days") &&
		      strstr(a.response, "initials of the cook"),
		      "the other part's answer, not its section's frame: %s", a.response);
	}
	{
		/* a temperature and a time asked: the heading states both, the
		 * body's first sentence only the temperature */
		struct section warm = make_section("Reheating", "Reheat Gravy to 165°F Within 2 Hours",
		                                   "Reheated gravy must reach 165°F in every part.\n\n"
		                                   "1. Stir it.\n2. Probe it.\n");
		const char *r = answer_to(lx, "warming gravy back up, what temp and how fast", &warm, 1,
		                          &q, &in, &a);

		CHECK(strstr(r, "Within 2 Hours") && strstr(r, "165"),
		      "the time asked too comes from the heading that states it: %s", r);
	}
	{
		/* two codes asked: both are told in the lead, each from its own row */
		struct section codes[2] = {
			make_section("Norlund NP-3 Proofer", "Error Codes > H2: Humidity sensor open",
			             "H2: Humidity sensor open.\n1. Switch off and call service.\n"),
			make_section("Norlund NP-3 Proofer", "Error Codes > H5: Water tank empty",
			             "H5: Water tank empty.\n1. Fill the tank to the MAX mark.\n")};
		const char *r = answer_to(lx, "proofer showing H2 and H5 what do they mean", codes, 2,
		                          &q, &in, &a);

		CHECK(strstr(r, "H2: Humidity sensor open.") &&
		      strstr(r, "H5: Water tank empty \xe2\x80\x94 Fill the tank to the MAX mark."),
		      "the second code asked is told after the first: %s", r);
	}

	ask_understand(lx, "someone got zapped by the mixer", &q);
	memset(&in, 0, sizeof(in));
	in.ask = &q;
	CHECK(q.nemergency == 1 && compose_answer(&arena, &in, &a) == LL_OK && !strstr(a.response, "couldn't find") &&
	      strstr(a.response, "911"), "an emergency no manual tags still gets 911, never 'couldn't find'");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx)
		test_compose(lx);
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
