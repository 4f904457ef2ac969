/* ask.c - what a question asks (see ask.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/ask.h"
#include "answer/verdict.h"

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
	"supposed to read", " be set at", " be set to", NULL};
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
	"temperature looks good", "temperatures are fine", "temperatures are good", NULL};
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
static const char *const weight_cues[] = {"how heavy", " weight", " weigh ", "pounds", " lbs",
                                          NULL};
static const char *const distance_cues[] = {"how far", "distance", "miles", "radius", "how close",
                                            NULL};
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

static bool has_any(const char *text, const char *const *cues)
{
	for(int i = 0; cues[i]; i++)
		if(strstr(text, cues[i]))
			return true;
	return false;
}

static bool starts_any(const char *text, const char *const *cues)
{
	for(int i = 0; cues[i]; i++)
		if(strncmp(text, cues[i], strlen(cues[i])) == 0)
			return true;
	return false;
}

/* Minutes of a duration at p ("3 hrs", "2 and a half hours", "45 min",
 * "1.5 hours"), *end past it; 0 for none. */
static int duration_at(const char *p, const char **end)
{
	static const char *const hours[] = {" hours", " hour", " hrs", " hr", "hrs", "hr", "h ",
	                                    NULL};
	static const char *const minutes[] = {" minutes", " minute", " mins", " min", "min", NULL};
	static const char *const half[] = {" and a half", " 1/2", "½", NULL};
	char *num;
	double v = strtod(p, &num);
	const char *q = num;

	*end = p;
	if(num == p || v <= 0 || v > 48)
		return 0;
	for(int i = 0; half[i]; i++)
		if(strncmp(q, half[i], strlen(half[i])) == 0) {
			v += 0.5;
			q += strlen(half[i]);
		}
	for(int i = 0; hours[i]; i++)
		if(strncmp(q, hours[i], strlen(hours[i])) == 0) {
			const char *m = q + strlen(hours[i]), *after;
			int more;

			*end = m;
			/* "2 hrs 40 min", "2 hours and 20 minutes" */
			m += strspn(m, " ,");
			if(strncmp(m, "and ", 4) == 0)
				m += 4;
			more = isdigit((unsigned char)*m) ? (int)strtol(m, (char **)&after, 10) : 0;
			for(int k = 0; more > 0 && more < 60 && minutes[k]; k++)
				if(strncmp(after, minutes[k], strlen(minutes[k])) == 0) {
					*end = after + strlen(minutes[k]);
					return (int)(v * 60 + 0.5) + more;
				}
			return (int)(v * 60 + 0.5);
		}
	for(int i = 0; minutes[i]; i++)
		if(strncmp(q, minutes[i], strlen(minutes[i])) == 0 && v >= 1) {
			*end = q + strlen(minutes[i]);
			return (int)(v + 0.5);
		}
	return 0;
}

/* A clock time at p ("10", "2:30", "1pm"): minutes past 12 on a 12-hour
 * clock, -1 for none. */
static int clock_at(const char *p)
{
	char *end;
	long h = strtol(p, &end, 10), m = 0;

	if(end == p || h < 1 || h > 12)
		return -1;
	if(*end == ':' && isdigit((unsigned char)end[1]) && isdigit((unsigned char)end[2])) {
		m = strtol(end + 1, &end, 10);
		if(m > 59)
			return -1;
	}
	if(*end == ' ' && (end[1] == 'a' || end[1] == 'p') && end[2] == 'm')
		end++;     /* "1 pm" */
	if(!(*end == ',' || *end == '.' || *end == ' ' || *end == '?' || !*end ||
	     strncmp(end, "am", 2) == 0 || strncmp(end, "pm", 2) == 0))
		return -1;
	return (int)((h % 12) * 60 + m);
}

/* t into out (outlen bytes) with a duration's number words as digits:
 * "an hour ago" is "1 hour ago", "two hrs" "2 hrs", "half an hour" "30 min";
 * "noon" and "midnight" are "12:00". */
static void durations_as_digits(const char *t, char *out, size_t outlen)
{
	static const char *const words[] = {"a", "an", "one", "two", "three", "four", "five", "six",
	                                    "seven", "eight", "nine", "ten", NULL};
	static const char *const units[] = {"hour", "hr", "min", NULL};
	static const char *const clocks[] = {"noon", "midnight", NULL};
	size_t n = 0;

	for(const char *p = t; *p && n + 4 < outlen;) {
		size_t len = strcspn(p, " ");
		const char *next = p + len + (p[len] == ' ');
		int w = -1;

		for(int i = 0; words[i] && w < 0 && (p == t || p[-1] == ' '); i++)
			if(len == strlen(words[i]) && strncmp(p, words[i], len) == 0)
				w = i;
		for(int u = 0; w >= 0 && units[u]; u++)
			if(strncmp(next, units[u], strlen(units[u])) == 0) {
				int v = w < 2 ? 1 : w - 1;   /* "a", "an": one */

				n += (size_t)snprintf(out + n, outlen - n, "%d ", v);
				p = next;
				w = -2;
			}
		if(w == -2)
			continue;
		if(strncmp(p, "half an hour", 12) == 0 && n + 8 < outlen) {
			n += (size_t)snprintf(out + n, outlen - n, "30 min");
			p += 12;
			continue;
		}
		/* "its noon", "since midnight": clock times */
		for(int c = 0; clocks[c] && p > t && p[-1] == ' '; c++)
			if(strncmp(p, clocks[c], strlen(clocks[c])) == 0 && n + 6 < outlen &&
			   !isalpha((unsigned char)p[strlen(clocks[c])])) {
				n += (size_t)snprintf(out + n, outlen - n, "12:00");
				p += strlen(clocks[c]);
				w = -2;
				break;
			}
		if(w == -2)
			continue;
		out[n++] = *p++;
	}
	out[n] = '\0';
}

/* Is the number at p a clock time with its am or pm ("10pm", "6:30 am")? */
static bool says_meridiem(const char *p)
{
	p += strspn(p, "0123456789:");
	p += *p == ' ';
	return (p[0] == 'a' || p[0] == 'p') && p[1] == 'm' && !isalpha((unsigned char)p[2]);
}

/* Does the clause from a to b say what was before ("was 38 at 1pm",
 * "last log was 10pm")? */
static bool said_past(const char *a, const char *b)
{
	static const char *const past[] = {" was ", " were ", " last ", " earlier", NULL};

	for(int i = 0; past[i]; i++)
		if(memmem(a, (size_t)(b - a), past[i], strlen(past[i])))
			return true;
	return false;
}

/* How long the food has been so, in minutes: a duration said of it ("been
 * out 3 hrs", "sat for 45 min"), not one asked ("how many hours"), quoted
 * as a rule ("within 4 hours", "every 4 hours") or still to come ("an hour
 * before close", "20 min till the rush", "2 hrs left"); else the span
 * from a clock time to the one said to be now ("came out at 10 and its
 * 2:30 now"); 0 when there is none. */
static int elapsed_of(const char *t, int *from)
{
	static const char *const asked[] = {"how many", "how long", "every", "within", "up to",
	                                    "longer than", "more than", NULL};
	static const char *const now[] = {" its ", " it's ", " now ", " now its ", " and its ",
	                                  NULL};
	static const char *const ahead[] = {" before clos", " before open", " before we clos",
	                                    " before we open", " before the rush", " before lunch",
	                                    " before dinner", " before shift", " early", " earlier",
	                                    " ahead", " till", " til ", " until", " from now",
	                                    " away", " to go", " out,", " out.", " out!", NULL};
	int start = -1;
	bool start_now = false;
	const char *start_at = NULL;

	for(const char *p = t + 1; *p; p++) {
		const char *end;
		int d, at;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]) || p[-1] == '.' ||
		   p[-1] == ':')
			continue;
		if((d = duration_at(p, &end)) > 0) {
			const char *win = p - t > 16 ? p - 16 : t;
			bool quoted = false;

			for(int i = 0; asked[i]; i++)
				quoted |= memmem(win, (size_t)(p - win), asked[i],
				                 strlen(asked[i])) != NULL;
			for(int i = 0; ahead[i]; i++)
				quoted |= strncmp(end, ahead[i], strlen(ahead[i])) == 0;
			if(!quoted)
				return d;
			continue;
		}
		at = strncmp(p - 4, " at ", 4) == 0 || ((size_t)(p - t) >= 8 &&
		                                        strncmp(p - 8, " at the ", 8) == 0) ||
		             (start >= 0 && strncmp(p - 5, " was ", 5) == 0 && says_meridiem(p))
		             ? clock_at(p)
		             : -1;
		/* "around 8", "since 1": a start, not a time something happened at */
		if(start < 0 && (at >= 0 || ((size_t)(p - t) >= 8 &&
		                            strncmp(p - 8, " around ", 8) == 0) ||
		                 ((size_t)(p - t) >= 7 && strncmp(p - 7, " since ", 7) == 0)))
		{
			start = at >= 0 ? at : clock_at(p);
			start_at = p;
			start_now = (size_t)(p - t) >= 8 && (strncmp(p - 8, " now at ", 8) == 0 ||
			                                     strncmp(p - 4, "its ", 4) == 0);
		} else if(start >= 0 && at >= 0 && at != start) {
			/* "went off at 2:10, fixed at 3:30", "off at 10, at 12:20 reads";
			 * "now at 8am, it was 38 at 6am", "46 at 3pm, was 38 at the 1pm
			 * check": the later said first */
			bool back = start_now || said_past(start_at, p);

			*from = 1 + (back ? at : start);
			return back ? (start - at + 12 * 60) % (12 * 60)
			            : (at - start + 12 * 60) % (12 * 60);
		} else if(start >= 0) {
			for(int i = 0; now[i]; i++) {
				size_t n = strlen(now[i]);
				bool said = (size_t)(p - t) >= n && strncmp(p - n, now[i], n) == 0;
				int clock = said ? clock_at(p) : -1;

				if(clock >= 0) {
					*from = 1 + start;
					return (clock - start + 12 * 60) % (12 * 60);
				}
			}
		}
	}
	return 0;
}

/* A question asking when, from a clock time it names ("we pulled them at
 * 10:30, when do they get tossed"): 1 + the time in minutes past 12; 0 when
 * it asks no when or names no time. */
static int since_of(const char *t)
{
	const char *at = strstr(t, " at ");
	int clock;

	if(!strstr(t, " when ") && !strstr(t, " what time ") && !strstr(t, " by when "))
		return 0;
	for(; at; at = strstr(at + 1, " at "))
		if((clock = clock_at(at + 4)) >= 0)
			return clock + 1;
	return 0;
}

/* The days of the month t names ("made it on the 3rd, its the 10th"): the
 * one said to be now into *today, the first other into *made; 0 for none. */
static void days_of(const char *t, int *made, int *today)
{
	static const char *const now[] = {"today", "its the", "it's the", "now", "is the", NULL};

	*made = *today = 0;
	for(const char *p = t + 1; *p; p++) {
		char *end;
		long d;
		const char *from = p - t > 14 ? p - 14 : t;
		bool is_now = false;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]))
			continue;
		d = strtol(p, &end, 10);
		if(d < 1 || d > 31 || !(strncmp(end, "st", 2) == 0 || strncmp(end, "nd", 2) == 0 ||
		                        strncmp(end, "rd", 2) == 0 || strncmp(end, "th", 2) == 0) ||
		   isalnum((unsigned char)end[2]))
			continue;
		for(int i = 0; now[i]; i++)
			is_now |= memmem(from, (size_t)(p - from), now[i], strlen(now[i])) != NULL;
		if(is_now && !*today)
			*today = (int)d;
		else if(!is_now && !*made)
			*made = (int)d;
	}
}

/* The weekdays t names ("opened it on a tuesday, today is friday"): the
 * one said to be now into *today, the first other into *made (1 Monday ..
 * 7 Sunday); 0 for none. */
static void weekdays_of(const char *t, int *made, int *today)
{
	static const char *const days[] = {" monday", " tuesday", " wednesday", " thursday",
	                                   " friday", " saturday", " sunday", NULL};
	static const char *const now[] = {"today is", "today's", "todays", "its ", "it's ",
	                                  "now ", NULL};

	*made = *today = 0;
	for(const char *p = t; *p; p++)
		for(int d = 0; days[d]; d++) {
			size_t n = strlen(days[d]);
			const char *from = p - t > 10 ? p - 10 : t;
			bool is_now = false;

			if(strncmp(p, days[d], n) != 0 || isalpha((unsigned char)p[n]))
				continue;
			for(int i = 0; now[i]; i++)
				is_now |= memmem(from, (size_t)(p - from + 1), now[i],
				                 strlen(now[i])) != NULL;
			if(is_now && !*today)
				*today = d + 1;
			else if(!is_now && !*made)
				*made = d + 1;
		}
}

/* Words before a temperature that make it one to reach, not one read. */
static const char *const target_cues[] = {" be at ", "get to ", "to be ", "to hit ", "to reach ",
                                          "gotta hit ", "gotta be ", " be under ", " be below ",
                                          "get it to ", "down to ", NULL};

/* Does one of cues end at p, in t? */
static bool after_any(const char *t, const char *p, const char *const *cues)
{
	for(int i = 0; cues[i]; i++) {
		size_t n = strlen(cues[i]);

		if((size_t)(p - t) >= n && strncmp(p - n, cues[i], n) == 0)
			return true;
	}
	return false;
}

static bool target_at(const char *t, const char *p)
{
	return after_any(t, p, target_cues);
}

/* After a first, a second temperature to reach may be bare: "what time
 * does it need to be 70 by and what time 41". */
static const char *const second_target_cues[] = {"and what time ", "and when ", "and by when ",
                                                 "what time ", "and then ", "then ", "and ",
                                                 NULL};

/* The temperatures the question asks to be reached ("when does it have to
 * hit 70 and when does it have to be 41"), two at most, into target. */
static void targets_of(const char *t, int target[2])
{
	int n = 0;

	target[0] = target[1] = 0;
	for(const char *p = t + 1; *p && n < 2; p++) {
		long v;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]))
			continue;
		if(!target_at(t, p) && !(n == 1 && after_any(t, p, second_target_cues) &&
		                         clock_at(p) < 0))
			continue;
		v = strtol(p, NULL, 10);
		if(v >= 25 && v <= 220 && v != target[0])
			target[n++] = (int)v;
	}
}

#define CLAUSE_MAX 60 /* the longest clause read for what was found fine */

/* Where a clause of the crew's words ends. */
static const char *const clause_ends[] = {",", ".", ";", "!", "?", "|", " and ", " but ",
                                          " so ", " tho ", " though", " still ", " now ", NULL};

static bool clause_end(const char *p)
{
	return starts_any(p, clause_ends);
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
	return p - *from < CLAUSE_MAX && !asks_whether(*from, p) && !starts_any(after, asked_after);
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
#define FREEZER_LOWEST 1 /* "freezer at 0" or "-5" is no reading the verdict can hold */

/* A reading the crew took: a bare number a thermometer could show, after a
 * word that reports one ("reading 46", "came in at 44", "temped at 158",
 * "its at 48"), followed by nothing, a degree or a plain word, never by
 * another figure's unit ("at 30 min"); of one said now and one said of
 * before ("was 38"), the one now; 0 when there is none, -1 when there are
 * several. */
static int reading_of(const char *t)
{
	static const char *const cues[] = {"reading ", "reads ", "read ", " at ", "temped ",
	                                   "temps ", "probed ", "probes ", "probing ", "showing ",
	                                   "showed ",
	                                   "shows ", "says ", "only ", "temp is ", "temp was ",
	                                   " is ", " was ",
	                                   " hit ", " hits ", " like ", "around ", " its ",
	                                   " it's ", "still ", "cooler ", "freezer ", "walk-in ",
	                                   "reach-in ", NULL};
	static const char *const after[] = {",", ".", "?", "!", ";", "f ", "f,", "f.", "f?",
	                                    "\xC2\xB0", " degree", " f ", " and ", " on ", " in ",
	                                    " the ", " all ", " for ", " after ", " since ", " now",
	                                    " we ", " so ", " but ", " still", " what", " is ",
	                                    " it", " can ", " should", " do ", " keep", " take",
	                                    " or ", " toss", " throw", " serve", " ok", " good",
	                                    " off", " from", " when", " this", " today",
	                                    " yesterday", " last", " out", " by", " with",
	                                    " straight", " right", " rn", " inside", " middle",
	                                    " center", " same", " accept", " reject", " send",
	                                    " use", " sitting", " sittin", " sat ",
	                                    " during", NULL};

	static const char *const read_verbs[] = {"reading ", "reads ", "read ", "temped ",
	                                         "probed ", "showed ", "shows ", NULL};
	static const char *const past[] = {" was ", " were ", " was at ", " was like ",
	                                   " was around ", NULL};
	long found = 0, was = 0;
	/* a freezer's reading may be below freezing ("freezer reading 8") */
	long lowest = strstr(t, "freez") ? FREEZER_LOWEST : 25;

	for(const char *p = t + 1; *p; p++) {
		char *end;
		long v;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]) || p[-1] == '.' ||
		   p[-1] == '-')
			continue;
		v = strtol(p, &end, 10);
		/* "read 50 at 6am" (but "came off at 135 at noon" is where it started) */
		if(v < lowest || v > 220 ||
		   !(strcmp(end, " ") == 0 || starts_any(end, after) ||
		     (strncmp(end, " at ", 4) == 0 && after_any(t, p, read_verbs))))
			continue;
		/* "is 44 degrees": the degree says it is a reading, whatever word came before */
		bool read = strncmp(end, " degree", 7) == 0 || strncmp(end, "\xC2\xB0", 2) == 0 ||
		            after_any(t, p, cues);

		/* "needs to be at 70", "get it to 41": a target, not what was read */
		if(read && target_at(t, p))
			read = false;
		/* "46 at 3pm, was 38 at the 1pm check": what it reads now */
		if(read && after_any(t, p, past)) {
			if(was && was != v)
				return -1;
			was = v;
			continue;
		}
		if(read && found && found != v)
			return -1;   /* two readings ("at 46, milk at 44"): no one verdict */
		if(read)
			found = v;
	}
	return (int)(found ? found : was);
}

/* A concentration the crew tested: the one number followed by "ppm"
 * ("strip says 300 ppm", "like 10ppm"); 0 when none or several. */
static int ppm_of(const char *t)
{
	long found = 0;

	for(const char *p = t + 1; *p; p++) {
		char *end;
		long v;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]) || p[-1] == '.')
			continue;
		v = strtol(p, &end, 10);
		if(strncmp(end, " ppm", 4) != 0 && strncmp(end, "ppm", 3) != 0)
			continue;
		if(found && found != v)
			return 0;
		found = v;
	}
	return found > 0 && found < 10000 ? (int)found : 0;
}

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

static enum figure figure_of(const char *t, int reading)
{
	if(has_any(t, phone_cues))
		return FIGURE_PHONE;
	if(has_any(t, concentration_cues))
		return FIGURE_CONCENTRATION;
	if(has_any(t, frequency_cues))
		return FIGURE_FREQUENCY;
	if(has_any(t, electric_cues))
		return FIGURE_ELECTRIC;
	if(has_any(t, pressure_cues) && (!strstr(t, "pressure fryer") || strstr(t, "psi")))
		return FIGURE_PRESSURE;   /* a pressure fryer is a machine, not a question of psi */
	if(has_any(t, weight_cues))
		return FIGURE_WEIGHT;
	if(has_any(t, tolerance_cues))
		return FIGURE_TEMPERATURE;
	/* "how far ahead" asks a time, not a distance */
	if(has_any(t, distance_cues) && !has_any(t, time_cues))
		return FIGURE_DISTANCE;
	if(has_any(t, temperature_cues) && !has_any(t, temperature_fine))
		return FIGURE_TEMPERATURE;
	if(has_any(t, bound_cues) && has_any(t, held_at_cues) && !has_any(t, time_cues))
		return FIGURE_TEMPERATURE;
	if(has_any(t, time_cues))
		return FIGURE_TIME;
	if(has_any(t, amount_cues))
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
		    (q->figure == FIGURE_NONE && !has_any(t, procedure_cues))))
			return true;
	}
	return false;
}

static enum asked kind_of(const char *t, const struct ask *q)
{
	bool decision = starts_any(t, decision_starts) ||
	                (has_any(t, decision_cues) &&
	                 !(q->figure != FIGURE_NONE && starts_any(t, figure_starts)));
	bool fault = has_any(t, fault_cues) && !has_any(t, blame_cues) && !decision &&
	             q->figure == FIGURE_NONE;

	if(names_error_code(q, t) || fault)
		return ASKED_FAULT;
	if(decision && !starts_any(t, definition_starts))
		return ASKED_DECISION;
	if(q->figure != FIGURE_NONE && !starts_any(t, definition_starts))
		return ASKED_FIGURE;
	if(starts_any(t, definition_starts) && q->figure != FIGURE_NONE)
		return ASKED_FIGURE;
	if(starts_any(t, definition_starts) && !strstr(t, " do i ") && !strstr(t, " do we ") &&
	   !has_any(t, procedure_cues))
		return ASKED_DEFINITION;
	return ASKED_PROCEDURE;
}

/* Does t ask a figure in words ("how long", "what temp"), not only report
 * one ("47 degrees for 5 hours")? */
static bool asks_figure(const char *t)
{
	static const char *const asking[] = {"what temp", "what should", "supposed to be",
	                                     " when ", "what time", "by when", NULL};

	return starts_any(t, figure_starts) || has_any(t, asking);
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
		if(starts_any(t->term[i], always) || (reading && starts_any(t->term[i], measured)))
			t->weight[i] = 0.3;
}

/* Did t name a hot food's temperature (hot holding's minimum to boiling)
 * before the one it reads now, well below hot holding ("was at 135 at 1pm,
 * now its only at 80")?  Then the food is being cooled; a hot-held pan that
 * slipped to 120 is not. */
#define ASK_COOLED_BELOW 110 /* °F */
static bool started_hot(const char *t, int reading)
{
	char number[16];
	const char *at;

	if(reading >= ASK_COOLED_BELOW)
		return false;
	snprintf(number, sizeof(number), " %d", reading);
	at = strstr(t, number);
	for(const char *p = t + 1; at && p < at; p++) {
		long v;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]))
			continue;
		v = strtol(p, NULL, 10);
		if(v >= VERDICT_HOT_TARGET && v <= 212)
			return true;
	}
	return false;
}

/* The clause a reading was taken in ("truck chicken temped 46" of "truck
 * chicken temped 46 and the milk is 44"): from the last join or stop
 * before the number up to it; its terms in *out (none when the number is
 * not found). */
static void reading_subject(const char *text, int reading, struct terms *out)
{
	static const char *const joins[] = {" and ", " but ", " while ", NULL};
	char number[16], clause[256];
	const char *at = text, *from;

	out->n = 0;
	snprintf(number, sizeof(number), "%d", reading);
	while((at = strstr(at, number)) && at > text && isdigit((unsigned char)at[-1]))
		at++;
	if(!at)
		return;
	for(from = at; from > text && !strchr(".,;?!", from[-1]); from--) {
		bool join = false;

		for(int i = 0; joins[i] && !join; i++) {
			size_t n = strlen(joins[i]);

			join = (size_t)(from - text) >= n &&
			       strncasecmp(from - n, joins[i], n) == 0;
		}
		if(join)
			break;
	}
	snprintf(clause, sizeof(clause), "%.*s", (int)(at - from), from);
	terms_of(clause, out);
}

/* " <text lower-cased> " into out (len bytes), as the cues are matched. */
static void lowered(const char *text, char *out, size_t len)
{
	size_t n = 1;

	out[0] = ' ';
	for(const char *p = text; *p && n + 2 < len; p++)
		out[n++] = (char)tolower((unsigned char)*p);
	out[n++] = ' ';
	out[n] = '\0';
}

bool ask_wants_steps(const char *text)
{
	char lower[1024];

	lowered(text, lower, sizeof(lower));
	return has_any(lower, procedure_cues);
}

int ask_elapsed(const char *text, int *start)
{
	char lower[1024], digits[1024];

	*start = 0;
	lowered(text, lower, sizeof(lower));
	durations_as_digits(lower, digits, sizeof(digits));
	return elapsed_of(digits, start);
}

void ask_understand(const struct lexicon *lx, const char *text, struct ask *out)
{
	char lower[1024], unlabelled[1024];
	int reading;

	memset(out, 0, sizeof(*out));
	out->text = text;
	lowered(text, lower, sizeof(lower));
	terms_of(text, &out->terms);
	for(int i = 0; i < out->terms.n; i++)
		if(out->terms.exact[i] && !out->terms.code[i])
			out->terms.weight[i] = 0.3;
	out->ncodes = terms_codes_of(text, out->codes, ASK_MAX_CODES);
	out->nemergency = lexicon_emergencies(lx, text, out->emergency, LEXICON_MAX_EMERGENCIES);
	reading = reading_of(lower);
	out->ppm = ppm_of(lower);
	/* "bleach bucket strip reads like 200": a concentration, no temperature */
	if(!out->ppm && reading > 0 && has_any(lower, tested_cues) &&
	   !has_any(lower, temperature_cues) && !strstr(lower, " temp")) {
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
	out->persists = has_any(lower, persist_cues) ||
	                (strstr(lower, "again") && out->kind != ASKED_FIGURE);
	out->unknown_time = has_any(lower, unknown_time_cues);
	out->over = has_any(lower, over_cues);
	out->after = has_any(lower, after_cues);
	out->machines = terms_machine_kinds(text);
	out->cooling = has_any(lower, cooling_cues);
	out->heating = !out->cooling && has_any(lower, heating_cues);
	out->reading = reading > 0 ? reading : 0;
	out->cooling |= !out->heating && out->reading && started_hot(lower, out->reading);
	out->elapsed = ask_elapsed(text, &out->start);
	out->since = since_of(lower);
	/* a reading and how long it has been so, no figure asked ("walk in at 47,
	 * last log said 38 at 6am and its 1pm"), or that no one knows how long
	 * ("walk in at 50, food 52, nobody knows since when"): what to do with
	 * the food */
	if((out->kind == ASKED_FIGURE ||
	    (out->kind == ASKED_PROCEDURE && !has_any(lower, procedure_cues))) &&
	   reading && ((out->elapsed && !asks_figure(lower)) || out->unknown_time))
		out->kind = ASKED_DECISION;
	/* "walk in says 48 what do i do w the food": a reading and what to do */
	if(out->kind == ASKED_FIGURE && reading > 0 && has_any(lower, what_to_do_cues) &&
	   !asks_figure(lower))
		out->kind = ASKED_DECISION;
	targets_of(lower, out->target);
	if(out->nemergency == 0)   /* life safety first: nothing ruled out of it */
		ruled_out_of(lower, &out->ruled_out);
	days_of(lower, &out->made, &out->today);
	weekdays_of(lower, &out->made_weekday, &out->today_weekday);
	if(out->reading)
		reading_subject(text, out->reading, &out->subject);
	measuring_weighs_little(&out->terms, out->reading != 0);
}

/* A number followed (after spaces) by one of units, case-insensitive. */
static bool number_then(const char *text, const char *const *units)
{
	for(const char *p = text; *p; p++) {
		const char *q = p;

		if(!isdigit((unsigned char)*p) || (p > text && isdigit((unsigned char)p[-1])))
			continue;
		while(isdigit((unsigned char)*q) || *q == '.' || *q == ',')
			q++;
		while(*q == ' ' || *q == '-')
			q++;
		for(int i = 0; units[i]; i++)
			if(strncasecmp(q, units[i], strlen(units[i])) == 0)
				return true;
	}
	return false;
}

/* A sum of money in text: "$5", "$1,000", "20 dollars", "50 cents". */
static bool states_money(const char *text)
{
	static const char *const units[] = {"dollar", "cent", "buck", NULL};

	for(const char *p = strchr(text, '$'); p; p = strchr(p + 1, '$'))
		if(isdigit((unsigned char)p[1]))
			return true;
	return number_then(text, units);
}

/* A telephone number in text: "1-800-555-0143", "(800) 555-0143",
 * "800.555.0143" -- three digits, a separator, four digits, after three
 * digits and a separator. */
static bool states_phone(const char *text)
{
	for(const char *p = text; *p; p++) {
		const char *q = p + 3;

		if(strspn(p, "0123456789") != 3 || (p > text && isdigit((unsigned char)p[-1])))
			continue;
		q += strspn(q, "-. )") <= 2 ? strspn(q, "-. )") : 3;
		if(q == p + 3 || strspn(q, "0123456789") != 3 || !strchr("-. ", q[3]) || !q[3] ||
		   strspn(q + 4, "0123456789") != 4 || isdigit((unsigned char)q[8]))
			continue;
		return true;
	}
	return false;
}

/* Does text say "every" of a period ("every 4 hours", "every shift",
 * "every other day"), not of things ("every cooler and freezer")? */
static bool every_period(const char *text)
{
	static const char *const periods[] = {"hour", "hr", "day", "shift", "week", "month",
	                                      "year", "minute", "min", "morning", "night",
	                                      "evening", "time", "other", "opening", "close",
	                                      "closing", "use", "batch", "load", "change", NULL};

	for(const char *p = strcasestr(text, "every "); p; p = strcasestr(p + 1, "every ")) {
		const char *w = p + 6;

		if(isdigit((unsigned char)*w) || strncasecmp(w, "few ", 4) == 0)
			return true;
		for(int i = 0; periods[i]; i++)
			if(strncasecmp(w, periods[i], strlen(periods[i])) == 0)
				return true;
	}
	return false;
}

bool ask_states_figure(const char *text, enum figure f)
{
	static const char *const temperature[] = {"\xC2\xB0", "degree", "F ", "F.", "F,", NULL};
	static const char *const time[] = {"hour", "minute", "day", "second", "week", "month", "hr",
	                                   "min", "sec", NULL};
	static const char *const concentration[] = {"ppm", "parts per", "%", NULL};
	static const char *const amount[] = {"lb", "kg", "oz", "fl oz", "fl. oz", "fluid ounce",
	                                     "ounce", "gal", "qt", "quart", "pint", "liter",
	                                     "litre", "l ", "ml", "pan", "cup", "case", "in ",
	                                     "inch", "mm", "cm", "%", "rack", "piece", "basket",
	                                     "bag", "box", "tablespoon", "tbsp", "teaspoon", "tsp",
	                                     "scoop", "pump", "packet", "pouch", NULL};
	static const char *const electric[] = {"A ", "A,", "A.", "A)", "amp", "V ", "V,", "V.",
	                                       "volt", "W ", "kW", "watt", NULL};
	static const char *const pressure[] = {"psi", "bar", "kPa", "mbar", "in W.C", "in. W.C",
	                                       "in WC", "inches W.C", "inches of water",
	                                       "in. water", "\" W.C", "W.C.", NULL};
	static const char *const weight[] = {"lb", "pound", "kg", "oz", NULL};
	static const char *const distance[] = {"mi", "mile", "km", "ft", "feet", "foot", "yard",
	                                       "block", "minute", "inch", "in ", "in.", "cm",
	                                       "meter", "metre", NULL};
	static const char *const frequency[] = {"daily", "weekly", "monthly", "each day",
	                                        "each shift", "per day", "a day", "a week",
	                                        "once a", "times a", "yearly", "quarterly",
	                                        "each week", "each month", "a minute",
	                                        "per minute", "per hour", NULL};

	switch(f) {
	case FIGURE_TEMPERATURE:
		return number_then(text, temperature);
	case FIGURE_TIME:
		return number_then(text, time);
	case FIGURE_CONCENTRATION:
		return number_then(text, concentration);
	case FIGURE_AMOUNT:
		return number_then(text, amount) || states_money(text);
	case FIGURE_ELECTRIC:
		return number_then(text, electric);
	case FIGURE_PRESSURE:
		return number_then(text, pressure);
	case FIGURE_WEIGHT:
		return number_then(text, weight);
	case FIGURE_DISTANCE:
		return number_then(text, distance);
	case FIGURE_PHONE:
		return states_phone(text);
	case FIGURE_FREQUENCY:
		if(every_period(text))
			return true;
		for(int i = 0; frequency[i]; i++)
			if(strcasestr(text, frequency[i]))
				return true;
		return false;
	default:
		return false;
	}
}

bool ask_same_code(const char *a, const char *b)
{
	char x[32], y[32];

	terms_code_normalise(a, x, sizeof(x));
	terms_code_normalise(b, y, sizeof(y));
	return strcasecmp(x, y) == 0;
}

bool ask_holds_code(const char *text, const char *code)
{
	char codes[32][16];
	int n = terms_codes_of(text, codes, 32);

	for(int i = 0; i < n; i++)
		if(ask_same_code(codes[i], code))
			return true;
	return false;
}

bool ask_model_like(const char *w)
{
	size_t letters = 0, digits = 0;

	if(strchr(w, ' '))
		return false;       /* "Code 4": a code written as a word and a number */

	for(const char *p = w; *p; p++) {
		letters += isalpha((unsigned char)*p) != 0;
		digits += isdigit((unsigned char)*p) != 0;
	}
	return letters >= 3 || (letters >= 2 && (strchr(w, '-') || digits >= 3));
}

bool ask_names_model(const char *text)
{
	char codes[4][16];
	int n = terms_codes_of(text, codes, 4);

	for(int i = 0; i < n; i++)
		if(ask_model_like(codes[i]))
			return true;
	return false;
}
