/* ask_reading.c - the numbers a question tells: a reading, a tested
 * concentration, temperatures to reach (see ask_reading.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/ask_cue.h"
#include "answer/ask_reading.h"
#include "answer/ask_time.h"
#include "answer/verdict.h"

#define FREEZER_LOWEST 1 /* "freezer at 0" or "-5" is no reading the verdict can hold */
/* °F: a reading below it after a hot one (ask_started_hot) is food being cooled */
#define ASK_COOLED_BELOW 110

/* Words before a temperature that make it one to reach, not one read. */
static const char *const target_cues[] = {" be at ", "get to ", "to be ", "to hit ", "to reach ",
                                          "gotta hit ", "gotta be ", " be under ", " be below ",
                                          "get it to ", "down to ", NULL};

static bool target_at(const char *t, const char *p)
{
	return ask_after_any(t, p, target_cues);
}

/* After a first, a second temperature to reach may be bare: "what time
 * does it need to be 70 by and what time 41". */
static const char *const second_target_cues[] = {"and what time ", "and when ", "and by when ",
                                                 "what time ", "and then ", "then ", "and ",
                                                 NULL};

void ask_targets_of(const char *t, int target[2])
{
	int n = 0;

	target[0] = target[1] = 0;
	for(const char *p = t + 1; *p && n < 2; p++) {
		long v;

		if(!isdigit((unsigned char)*p) || isalnum((unsigned char)p[-1]))
			continue;
		if(!target_at(t, p) && !(n == 1 && ask_after_any(t, p, second_target_cues) &&
		                         ask_clock_at(p) < 0))
			continue;
		v = strtol(p, NULL, 10);
		if(v >= 25 && v <= 220 && v != target[0])
			target[n++] = (int)v;
	}
}

int ask_reading_of(const char *t)
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
	                                    " during", " are ", " r ", " they", NULL};

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
		   !(strcmp(end, " ") == 0 || ask_starts_any(end, after) ||
		     (strncmp(end, " at ", 4) == 0 && ask_after_any(t, p, read_verbs))))
			continue;
		/* "is 44 degrees": the degree says it is a reading, whatever word came before */
		bool read = strncmp(end, " degree", 7) == 0 || strncmp(end, "\xC2\xB0", 2) == 0 ||
		            ask_after_any(t, p, cues);

		/* "needs to be at 70", "get it to 41": a target, not what was read */
		if(read && target_at(t, p))
			read = false;
		/* "46 at 3pm, was 38 at the 1pm check": what it reads now */
		if(read && ask_after_any(t, p, past)) {
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

int ask_ppm_of(const char *t)
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

bool ask_started_hot(const char *t, int reading)
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

void ask_reading_subject(const char *text, int reading, struct terms *out)
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
