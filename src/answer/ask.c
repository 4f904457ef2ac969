/* ask.c - what a question asks (see ask.h): its kind and figure from cue
 * phrases, and the rest of struct ask from the readers of times
 * (ask_time.c) and of numbers told (ask_reading.c). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/ask_cue.h"
#include "answer/ask_reading.h"
#include "answer/ask_time.h"

static const char *const kind_names[ASKED_KINDS] = {"procedure", "figure", "decision", "fault",
                                                    "definition"};

const char *ask_kind_name(enum asked k)
{
	return k < ASKED_KINDS ? kind_names[k] : "procedure";
}

const char *ask_figure_name(enum figure f)
{
	static const char *const names[] = {"none", "temperature", "time", "concentration",
	                                    "amount", "frequency", "electric", "pressure", "weight",
	                                    "distance", "phone"};

	return f <= FIGURE_PHONE ? names[f] : "none";
}

/* Cue phrases, matched in " <lower-cased question> " (so " can " is a word). */
static const char *const temperature_cues[] = {
	"how hot", "how cold", "how warm", "what temp", "temperature", "degree", "internal temp",
	"cook to", "cooked to", "reheat to", "hold at", "held at", "°f", "warmest", "coldest",
	"hottest", "max temp", "min temp", "lowest temp", "highest temp", " be reading",
	"supposed to read", " be set at", " be set to", " should run at", NULL};
/* a bound ("hot holding minimum?", "max for the walk-in") of what is kept
 * at a temperature asks the temperature */
static const char *const bound_cues[] = {" min ", " min?", " min,", " minimum", " max ", " max?",
                                         " max,", " maximum", " lowest", " highest", NULL};
static const char *const held_at_cues[] = {"holding", "hot hold", "cold hold", "cooler", "freezer",
                                           "fridge", "reach-in", "steam table", "final rinse",
                                           "reheat", NULL};
/* a temperature the crew found right asks none ("smells burnt but the temp is right") */
static const char *const temperature_fine[] = {
	"temperature is right", "temperature is fine", "temperature is good", "temperature is ok",
	"temperature is correct", "temperature looks fine", "temperature looks right",
	"temperature looks good", "temperatures are fine", "temperatures are good",
	/* a machine's alarm or light named by what it watches: a fault, not a figure */
	"temperature alarm", "temperature light", "temperature warning", NULL};
static const char *const frequency_cues[] = {"how often", "how many times", "how frequently",
                                             "frequency", "every how", "when do we clean",
                                             "when do we change", "when do we descale",
                                             " a minute", " per minute", " per hour", NULL};
static const char *const time_cues[] = {
	"how long", "how many hour", "how many minute", "how many day", "how many second",
	"how soon", "how much time", "shelf life", "when do ", "when should ", "when does ",
	"what time", "how many week", "hours", "days", "minutes", "last day", "what day",
	"which day", "max time", "maximum time", "longest", "time limit", "how late",
	"how far ahead", "how far in advance", "hold time", "holding time", "how fast",
	"how quick", NULL};
static const char *const concentration_cues[] = {
	"ppm", "how strong", "concentration", "how much bleach", "how much sanitizer", " ratio",
	"chlorine should", "sanitizer should", "bleach should", "quat should", "sani should",
	"chlorine level", "sanitizer level", "bleach level", "quat level",
	"sanitizer supposed to test", "sanitizer should test", "sanitizer test at",
	"sanitizer tests at", "bleach supposed to test", "bleach should test", "bleach test at",
	"chlorine supposed to test", "chlorine should test", "bucket supposed to test",
	"bucket should test", "bucket test at", NULL};
static const char *const electric_cues[] = {" amp", "amps", "amperage", "volt", "watt", " kw",
                                            "size breaker", "breaker size", "what breaker",
                                            "which breaker", "outlet", "plug into", "receptacle",
                                            NULL};
static const char *const pressure_cues[] = {"psi", "pressure", " bar ", NULL};
/* pressure held on a wound ("keep pressure on a cut"): first aid, not psi */
static const char *const pressing_cues[] = {"keep pressure", "apply pressure", "direct pressure",
                                            "firm pressure", "hold pressure", "pressure on a cut",
                                            "pressure on the cut", "pressure on the wound",
                                            "pressure on it", NULL};
static const char *const weight_cues[] = {"how heavy", " weight", " weigh ", "pounds", " lbs",
                                          NULL};
static const char *const distance_cues[] = {"how far", "distance", "miles", "radius", "how close",
                                            "how high off", "how high up", NULL};
/* how far a reading may be from the true one: a tolerance, not a distance
 * ("probe check on the oven, how far off is ok") */
static const char *const tolerance_cues[] = {"how far off is", "how far off can",
                                             "how far off should", "how far off before",
                                             "how far off are", "how far off do", "how much off",
                                             "off by how much", "how far out is", NULL};
static const char *const phone_cues[] = {"phone number", "phone #", "service number",
                                         "service #", "number to call", "number do i call",
                                         "number do we call", "hotline", "contact number",
                                         "support number", "helpline", "help line",
                                         "after hours number", "after-hours number",
                                         "tech support number", NULL};
static const char *const amount_cues[] = {"how much", "how many", "what size", "capacity", " amps",
                                          " amp ", "how big", " max ", "maximum", "per load",
                                          "per batch", "load size", "batch size", "how far",
                                          "distance", " gap", "volt", " weight", "how thick",
                                          "setting", NULL};
static const char *const decision_starts[] = {" can ", " is ", " should ", " do i have to",
                                              " do we have to", " does ", " are ", " do i need",
                                              " do we need", " must ", " may ", " ok to",
                                              " okay to", " is it ok", " am i ", " will ",
                                              " what if ", NULL};
/* "how heavy can i lift": a figure asked, whatever "can i" follows */
static const char *const figure_starts[] = {" how long", " how hot", " how cold", " how heavy",
                                            " how many", " how much", " how often", " how warm",
                                            " how far", " how fast", " how quick", NULL};
static const char *const decision_cues[] = {"still good", "still safe", "still ok", "still okay",
                                            "safe to", "ok to ", "okay to ", "toss", "throw out",
                                            "throw it out", "throw away", "keep it", "allowed",
                                            "can he ", "can she ", "can they ", "can i ", "can we ",
                                            "should i ", "should we ", "is it ok", "is it safe",
                                            "is it fine", "legal", "fine to", "send him home",
                                            "send her home", "work today", "come in", "come back",
                                            "good to go", "good?", " ok?", "okay?", "fine?",
                                            "safe?", "serve it", "sell it", "use it", "take it",
                                            "send it back", "we keep", "keep the", "trash it",
                                            "dump it", "still use", "still serve", "still sell",
                                            "accept it", "accept the", "sign for", "good to send",
                                            "send it out", "send it?", "send em", "good enough",
                                            "accept or", "or nah", "keep em", "use em",
                                            "keep going?", "serve em", "sell em", "reject it",
                                            "or toss", "is it done", "is it cooked", "is that done",
                                            "is that cooked", "done?", "cooked?", "cooked enough",
                                            "done enough", "done yet", "more time?",
                                            "give it more", "keep heating", "keep reheating",
                                            "give it longer", "leave it longer",
                                            "or trash", "toss or", "its good", "it's good",
                                            "still fine", "or reheat", "reheat or",
                                            "does he have to", "does she have to",
                                            "do they have to", "have to go home",
                                            "go home?", "is that ok", "is that okay",
                                            "is this ok", "is this okay", "is that fine",
                                            "is that safe", "is that bad", "is that good",
                                            " right?", " we good", " we ok ", " we okay",
                                            " we fine",
                                            NULL};
static const char *const fault_cues[] = {"error", "fault", "alarm", "code", "not working", "won't",
                                         "wont ", "isn't", "isnt", "not heating", "not cooling",
                                         "broken", "leak", "flashing", "blinking", "beeping",
                                         "stopped", "doesn't", "doesnt", "keeps", "too hot",
                                         "too cold", "not cold", "not hot", "jammed", "stuck",
                                         "noise", " says ", "display", "light on", "won't turn",
                                         "no power", "tripping", "frozen up", "freeze up",
                                         "freeze lock", "not dispensing", "not making", "slow",
                                         "flat", "foamy", "warm", " dead ", " dead,", " dead.",
                                         " dead?", " dead!", "keep ", "kept ", "splitting",
                                         "bursting", "burning", "burnt", "sticking", "shredded",
                                         "runny", "watery", "soggy", "uneven", "blank",
                                         "no display", "pour", "squeak", "grinding", "rattl",
                                         "spitting", "dripping", "overflow", "tripped", NULL};
/* "is that the crews fault": blame, not a machine's fault */
static const char *const blame_cues[] = {"crews fault", "crew's fault", "my fault", "his fault",
                                         "her fault", "their fault", "whose fault", "our fault",
                                         "your fault", "anyones fault", "anyone's fault", NULL};
static const char *const persist_cues[] = {" still ", "came back", "comes back",
                                           "coming back", "keeps coming", "already", " tried ",
                                           "did that", "did all", "after the reset",
                                           "after resetting", "reset it and", "didn't work",
                                           "didnt work", "did not work", "not fixed", "same code",
                                           "same error", "right back", "popped back",
                                           "keeps showing", "won't clear", "wont clear",
                                           "doesnt clear", "doesn't clear", "didnt clear",
                                           "didn't clear", NULL};
/* The one who threatened is gone ("we got robbed, hes gone now"). */
static const char *const over_cues[] = {" gone", "he left", "they left", "she left", "ran off",
                                        "took off", "got away", "drove off", "and ran out",
                                        "ran out the door", "its over",
                                        "it's over", "is over now", "just left", "has left",
                                        "already left", "left the store", "walked out", NULL};
/* What a sanitizer's test reads ("the quat strip reads 200"). */
static const char *const tested_cues[] = {" strip ", "bleach", "sanitizer", " sani ", "quat",
                                          "chlorine", "test kit", NULL};
/* Asks what comes after an emergency ("after its out can we cook"). */
static const char *const after_cues[] = {"after its out", "after it's out", "after it is out",
                                         "once its out", "once it's out", "once it is out",
                                         "fire is out", "fire's out", "fires out", "its out now",
                                         "it's out now", "after the fire", "afterwards",
                                         "afterward", "reopen", "open back up", "back up",
                                         "back on", "cook again",
                                         "cooking again", "use it again", NULL};
/* What to do about what was told ("walk in says 48 what do i do"). */
static const char *const what_to_do_cues[] = {"what do i do", "what do we do", "what now",
                                              "what should i do", "what should we do",
                                              "what do i need to do", "what do we need to do",
                                              "now what", "what to do", NULL};
/* Food being cooled ("the chili's been cooling 2 hrs"), not a cooler's reading. */
static const char *const cooling_cues[] = {" cooling", " cooled", " cool down", " cool it",
                                           " to cool", " chill", "ice bath", "ice wand",
                                           "ice paddle", "off the heat", "off the stove",
                                           "off the burner", NULL};
/* Food being heated back up ("reheating the chili", "been warming it 2
 * hrs"), not a question whether to ("dropped to 120, reheat?"). */
static const char *const heating_cues[] = {"reheating", "reheated", " heating", " warming",
                                           " heated", " warmed", NULL};
/* A hold time told as run out ("past the timer but still 150"). */
static const char *const time_up_cues[] = {"past the timer", "past its timer", "timer went off",
                                           "timer beeped", "timer ran out", "timer is up",
                                           "timed out", "past hold time", "past the hold time",
                                           "past its hold", "hold time is up",
                                           "hold time ran out", "flashing discard",
                                           "says discard", NULL};
static const char *const unknown_time_cues[] = {"nobody knows", "no one knows", "no idea",
                                                "dont know how long", "don't know how long",
                                                "not sure how long", "unknown", "idk how long",
                                                "who knows how long", "no clue", "nobody wrote",
                                                "no time on", "not marked", "nobody marked",
                                                "forgot to mark", "forgot to label",
                                                "nobody labeled", "idk when it",
                                                "dont know when it", "don't know when it",
                                                "not sure when it", "since when",
                                                "dunno when", "dunno how long", "unsure how long",
                                                "unsure when it", "nobody logged", "no one logged",
                                                "not logged", "nobody checked", "no one checked",
                                                "never logged", "never checked", "wasnt logged",
                                                "wasn't logged", "since last night", "all night",
                                                "overnight", "since yesterday", "since close",
                                                "since closing", "since we closed",
                                                "from last night", NULL};
static const char *const definition_starts[] = {
	" what is ", " what's ", " whats ", " what are ", " define ", " meaning of ", " what does ",
	NULL};

/* A question after a procedure: "whats the steps to ...", "how do i start up the PF640". */
static const char *const procedure_cues[] = {
	" steps ", " steps?", "how do i", "how do you", "how do u", "how do we", "how to ",
	"procedure",
	"walk me through", NULL};

#define CLAUSE_MAX 60 /* the longest clause read for what was found fine */

/* Where a clause of the crew's words ends. */
static const char *const clause_ends[] = {",", ".", ";", "!", "?", "|", " and ", " but ",
                                          " so ", " tho ", " though", " still ", " now ", NULL};

static bool clause_end(const char *p)
{
	return ask_starts_any(p, clause_ends);
}

/* words with the words that only link a thing to "fine" blanked ("the
 * cables look fine" -> "the cables"), in place. */
static char *blank_linking(char *words)
{
	static const char *const linking[] = {" look", " looks", " seem", " seems", " everything",
	                                      " all", " hes", " shes", " its", " they", NULL};

	for(int i = 0; linking[i]; i++) {
		size_t n = strlen(linking[i]);

		for(char *p = strstr(words, linking[i]); p; p = strstr(p + 1, linking[i]))
			if(p[n] == ' ' || p[n] == '\0')
				memset(p + 1, ' ', n - 1);
	}
	return words;
}

/* Does the clause [from, to) ask whether something is fine ("is the food
 * ok", "how long is it ok"), not say that it is? */
static bool asks_whether(const char *from, const char *to)
{
	static const char *const opens[] = {"is ", "are ", "was ", "can ", "should ", "does ",
	                                    "do ", "will ", "would ", NULL};
	/* and a person's state ("says shes fine", "i feel fine") is no cause ruled out */
	static const char *const within[] = {"how ", "what ", "if ", "whether ", "is it",
	                                     "is that", "is this", " or no", "are they",
	                                     "r they", "say", "feel", "think", "prob", " im ",
	                                     " i ", "hes ", "shes ", " he ", " she ", "are the",
	                                     "are those", "is the", NULL};
	static const char *const joins[] = {"and ", "but ", "so ", NULL};

	while(from < to && *from == ' ')
		from++;
	for(int i = 0; joins[i]; i++)
		if(strncmp(from, joins[i], strlen(joins[i])) == 0)
			from += strlen(joins[i]);
	for(int i = 0; opens[i]; i++)
		if(strncmp(from, opens[i], strlen(opens[i])) == 0)
			return true;
	for(int i = 0; within[i]; i++)
		if(memmem(from, (size_t)(to - from), within[i], strlen(within[i])))
			return true;
	return false;
}

/* The clause that says something is fine, before the word at p ("the
 * door seals look" before " fine"): false when it asks whether it is. */
static bool fine_clause(const char *t, const char *p, const char **from)
{
	/* after the word: it was asked about ("ok to serve?", "ok or no") */
	static const char *const asked_after[] = {" to ", " or no", " or not", "?", NULL};
	const char *after = p + strcspn(p + 1, " ?") + 1;

	for(*from = p; *from > t && !clause_end(*from - 1) && p - *from < CLAUSE_MAX;)
		(*from)--;
	/* "the breaker and the valve are fine": both things the "and" joins were found fine */
	if(*from - t >= 2 && strncmp(*from - 1, " and ", 5) == 0)
		for(*from -= 1; *from > t && !clause_end(*from - 1) && p - *from < CLAUSE_MAX;)
			(*from)--;
	return p - *from < CLAUSE_MAX && !asks_whether(*from, p) &&
	       !ask_starts_any(after, asked_after);
}

/* t without its exact terms: words, not a reading or a code. */
static void only_words(struct terms *t)
{
	struct terms all = *t;

	t->n = 0;
	for(int i = 0; i < all.n; i++)
		if(!all.exact[i])
			terms_add(t, &all, i, all.weight[i]);
}

/* What the crew found fine, into out: the words before "fine" / "ok" /
 * "charged" in their clause ("the door seals look fine" -> door seals),
 * and after "already checked" ("already checked the breaker" -> breaker);
 * what was checked is no first check to give. */
static void ruled_out_of(const char *t, struct terms *out)
{
	static const char *const said_fine[] = {" fine", " ok ", " okay", " charged", NULL};
	static const char *const checked[] = {"already checked ", "already check ",
	                                      "already reset ", "already cleaned ",
	                                      "already tried ", NULL};
	char words[256] = "";
	size_t used = 0;

	for(const char *p = t; *p && used + 64 < sizeof(words); p++) {
		const char *from = NULL, *to = NULL;

		for(int i = 0; said_fine[i] && !from; i++)
			if(strncmp(p, said_fine[i], strlen(said_fine[i])) == 0 &&
			   fine_clause(t, p, &from))
				to = p;
		for(int i = 0; checked[i] && !from; i++)
			if(strncmp(p, checked[i], strlen(checked[i])) == 0) {
				from = p + strlen(checked[i]);
				for(to = from; *to && !clause_end(to) && to - from < CLAUSE_MAX;)
					to++;
			}
		if(from && to > from)
			used += (size_t)snprintf(words + used, sizeof(words) - used, " %.*s",
			                         (int)(to - from), from);
	}
	terms_of(blank_linking(words), out);
	only_words(out);
}

#define PPM_WEIGHT 0.05 /* the number a sanitizer test strip read, as a word */

/* t with "days" that names parts of a plan ("and days 2 and 3?") blanked
 * into out: a label, not a time asked ("good for 3 days"); t itself when it
 * names none. */
static const char *labels_blanked(const char *t, char *out, size_t outlen)
{
	const char *p = strstr(t, " days ");

	while(p && !isdigit((unsigned char)p[6]))
		p = strstr(p + 1, " days ");
	if(!p)
		return t;
	snprintf(out, outlen, "%s", t);
	for(char *q = out + (p - t); q; q = strstr(q + 1, " days "))
		if(isdigit((unsigned char)q[6]))
			memset(q + 1, ' ', 4);
	return out;
}

static const char *const what_should[] = {" what should ", " wat should ", " whats ",
                                          " what's ", " what is ", NULL};
static const char *const be_at[] = {" be at ", NULL};
/* "are the buns ok": a verdict asked at the end, with no question mark */
static const char *const verdict_ends[] = {" ok ", " okay ", " good ", " safe ", " fine ", NULL};

static enum figure figure_of(const char *t, int reading)
{
	if(ask_has_any(t, phone_cues))
		return FIGURE_PHONE;
	if(ask_has_any(t, concentration_cues))
		return FIGURE_CONCENTRATION;
	if(ask_has_any(t, frequency_cues))
		return FIGURE_FREQUENCY;
	if(ask_has_any(t, electric_cues))
		return FIGURE_ELECTRIC;
	if(ask_has_any(t, pressure_cues) && !ask_has_any(t, pressing_cues) &&
	   (!strstr(t, "pressure fryer") || strstr(t, "psi")))
		return FIGURE_PRESSURE;   /* a pressure fryer is a machine, not a question of psi */
	if(ask_has_any(t, weight_cues))
		return FIGURE_WEIGHT;
	if(ask_has_any(t, tolerance_cues))
		return FIGURE_TEMPERATURE;
	/* "how far ahead" asks a time, not a distance */
	if(ask_has_any(t, distance_cues) && !ask_has_any(t, time_cues))
		return FIGURE_DISTANCE;
	if(ask_has_any(t, temperature_cues) && !ask_has_any(t, temperature_fine))
		return FIGURE_TEMPERATURE;
	/* "what should the walk in be at": what a unit runs at is its temperature */
	if(ask_starts_any(t, what_should) && ask_ends_any(t, be_at))
		return FIGURE_TEMPERATURE;
	if(ask_has_any(t, bound_cues) && ask_has_any(t, held_at_cues) && !ask_has_any(t, time_cues))
		return FIGURE_TEMPERATURE;
	if(ask_has_any(t, time_cues))
		return FIGURE_TIME;
	if(ask_has_any(t, amount_cues))
		return FIGURE_AMOUNT;
	return reading != 0 ? FIGURE_TEMPERATURE : FIGURE_NONE;
}

/* A code that is an error code (a letter and digits: E03, AL-3), not only a
 * model number: the question is then about a fault. */
static bool names_error_code(const struct ask *q, const char *t)
{
	for(int i = 0; i < q->ncodes; i++) {
		const char *c = q->codes[i];
		size_t n = strlen(c), letters = strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");

		/* "BG-4" and "AL-3" share a shape: a model-like code is a fault's
		 * only when the question asks no figure ("how long does the BG-4
		 * take to warm up" is about the machine, not a code) */
		if(letters >= 1 && letters <= 2 && n - letters <= 3 && n > letters &&
		   (!ask_model_like(c) ||
		    (q->figure == FIGURE_NONE && !ask_has_any(t, procedure_cues))))
			return true;
	}
	return false;
}

static enum asked kind_of(const char *t, const struct ask *q)
{
	bool decision = ask_starts_any(t, decision_starts) ||
	                ((ask_has_any(t, decision_cues) || ask_ends_any(t, verdict_ends)) &&
	                 !(q->figure != FIGURE_NONE && ask_starts_any(t, figure_starts)));
	bool fault = ask_has_any(t, fault_cues) && !ask_has_any(t, blame_cues) && !decision &&
	             q->figure == FIGURE_NONE;

	if(names_error_code(q, t) || fault)
		return ASKED_FAULT;
	if(decision && !ask_starts_any(t, definition_starts))
		return ASKED_DECISION;
	if(q->figure != FIGURE_NONE && !ask_starts_any(t, definition_starts))
		return ASKED_FIGURE;
	if(ask_starts_any(t, definition_starts) && q->figure != FIGURE_NONE)
		return ASKED_FIGURE;
	if(ask_starts_any(t, definition_starts) && !strstr(t, " do i ") && !strstr(t, " do we ") &&
	   !ask_has_any(t, procedure_cues))
		return ASKED_DEFINITION;
	return ASKED_PROCEDURE;
}

/* Does t ask a figure in words ("how long", "what temp"), not only report
 * one ("47 degrees for 5 hours")? */
static bool asks_figure(const char *t)
{
	static const char *const asking[] = {"what temp", "what should", "supposed to be",
	                                     " when ", "what time", "by when", NULL};

	return ask_starts_any(t, figure_starts) || ask_has_any(t, asking);
}

/* A question with a reading ("fish filet hit 146 on the probe"): the words
 * that report the reading are the act of measuring, not what is asked
 * about, and weigh as little as the number does -- the thermometer's
 * manual is not the answer. */
static void measuring_weighs_little(struct terms *t, bool reading)
{
	/* "what should the freezers read": reading and degrees always frame a
	 * question; the probe or thermometer is its subject when nothing was read */
	static const char *const always[] = {"read", "degre", NULL};
	static const char *const measured[] = {"probe", "temp", "thermomet", NULL};

	for(int i = 0; i < t->n; i++)
		if(ask_starts_any(t->term[i], always) ||
		   (reading && ask_starts_any(t->term[i], measured)))
			t->weight[i] = 0.3;
}

bool ask_wants_steps(const char *text)
{
	char lower[1024];

	ask_lowered(text, lower, sizeof(lower));
	return ask_has_any(lower, procedure_cues);
}

void ask_understand(const struct lexicon *lx, const char *text, struct ask *out)
{
	char lower[1024], unlabelled[1024];
	int reading;

	memset(out, 0, sizeof(*out));
	out->text = text;
	ask_lowered(text, lower, sizeof(lower));
	terms_of(text, &out->terms);
	for(int i = 0; i < out->terms.n; i++)
		if(out->terms.exact[i] && !out->terms.code[i])
			out->terms.weight[i] = 0.3;
	out->ncodes = terms_codes_of(text, out->codes, ASK_MAX_CODES);
	out->nemergency = lexicon_emergencies(lx, text, out->emergency, LEXICON_MAX_EMERGENCIES);
	reading = ask_reading_of(lower);
	out->ppm = ask_ppm_of(lower);
	/* "bleach bucket strip reads like 200": a concentration, no temperature */
	if(!out->ppm && reading > 0 && ask_has_any(lower, tested_cues) &&
	   !ask_has_any(lower, temperature_cues) && !strstr(lower, " temp")) {
		out->ppm = reading;
		reading = 0;
	}
	out->figure = figure_of(labels_blanked(lower, unlabelled, sizeof(unlabelled)), reading);
	if(out->ppm && out->figure == FIGURE_NONE)
		out->figure = FIGURE_CONCENTRATION;
	/* what the strip read picks no sanitizer: "200" is no quat's "200-400" */
	for(int i = 0; out->ppm && i < out->terms.n; i++)
		if(out->terms.exact[i] && strtol(out->terms.term[i], NULL, 10) == out->ppm)
			out->terms.weight[i] = PPM_WEIGHT;
	out->kind = kind_of(lower, out);
	/* "E6 again" came back; "how long till i can load again" asks when */
	out->persists = ask_has_any(lower, persist_cues) ||
	                (strstr(lower, "again") && out->kind != ASKED_FIGURE);
	out->unknown_time = ask_has_any(lower, unknown_time_cues);
	out->time_up = ask_has_any(lower, time_up_cues);
	out->over = ask_has_any(lower, over_cues);
	out->after = ask_has_any(lower, after_cues);
	out->machines = terms_machine_kinds(text);
	out->cooling = ask_has_any(lower, cooling_cues);
	out->heating = !out->cooling && ask_has_any(lower, heating_cues);
	out->reading = reading > 0 ? reading : 0;
	out->cooling |= !out->heating && out->reading && ask_started_hot(lower, out->reading);
	out->elapsed = ask_elapsed(text, &out->start);
	out->since = ask_since_of(lower);
	/* a reading and how long it has been so, no figure asked ("walk in at 47,
	 * last log said 38 at 6am and its 1pm"), or that no one knows how long
	 * ("walk in at 50, food 52, nobody knows since when"): what to do with
	 * the food */
	if((out->kind == ASKED_FIGURE ||
	    (out->kind == ASKED_PROCEDURE && !ask_has_any(lower, procedure_cues))) &&
	   reading && ((out->elapsed && !asks_figure(lower)) || out->unknown_time))
		out->kind = ASKED_DECISION;
	/* "walk in says 48 what do i do w the food": a reading and what to do */
	if(out->kind == ASKED_FIGURE && reading > 0 && ask_has_any(lower, what_to_do_cues) &&
	   !asks_figure(lower))
		out->kind = ASKED_DECISION;
	ask_targets_of(lower, out->target);
	if(out->nemergency == 0)   /* life safety first: nothing ruled out of it */
		ruled_out_of(lower, &out->ruled_out);
	ask_days_of(lower, &out->made, &out->today);
	ask_weekdays_of(lower, &out->made_weekday, &out->today_weekday);
	if(out->reading)
		ask_reading_subject(text, out->reading, &out->subject);
	measuring_weighs_little(&out->terms, out->reading != 0);
}

