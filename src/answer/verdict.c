/* verdict.c - a reading held against the limit a manual states (see verdict.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer/verdict.h"
#include "text/terms.h"

#define DEGREE "\xC2\xB0"
#define DASH_RANGE "\xE2\x80\x93" /* the en dash of "50–99" */
#define DASH VERDICT_DASH
#define PLUS_MINUS "\xC2\xB1"
#define WINDOW 48      /* how far around the figure the words saying its direction are read */
#define TASK_WINDOW 24 /* how far before a time the verb of a task's deadline is read */
#define HOLDING_FLOOR 135 /* the highest floor that is a holding, not a cooking, temperature */
#define COLD_READING 50   /* a reading this low is of food kept cold, never cooked or held */
#define HOT_READING 100   /* a reading this high is of food cooked or held hot */
#define COLD_LIMIT 50     /* a limit this low is a cold-holding one */
#define FROZEN 32         /* a reading below this is of frozen food, held to a freezer's limit */

enum limit { LIMIT_NONE = 0, LIMIT_MIN, LIMIT_MAX };

static bool any_in(const char *from, size_t len, const char *const *words)
{
	for(int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		/* whole words: "for less than a second" says no "or less" */
		for(size_t k = 0; k + n <= len; k++)
			if((k == 0 || !isalpha((unsigned char)from[k - 1])) &&
			   strncasecmp(from + k, words[i], n) == 0)
				return true;
	}
	return false;
}

/* How much of text (len bytes) is in the table cell it starts in: up to
 * the " — " that joins the next cell ("HOLD set: 165°F — Maximum hold: 4
 * hours": "maximum" is the hold time's, not the temperature's). */
static size_t cell_len(const char *text, size_t len)
{
	const char *cell = memmem(text, len, " " DASH, strlen(" " DASH));

	return cell ? (size_t)(cell - text) : len;
}


/* Where the clause holding at begins: past the last ',' or ';' before it,
 * at most WINDOW back and never before rule. */
static const char *clause_start(const char *rule, const char *at)
{
	const char *p = at;

	while(p > rule && at - p < WINDOW && p[-1] != ',' && p[-1] != ';')
		p--;
	return p;
}

/* Is the figure at [at, end) a floor or a ceiling?  Read from the words
 * just before it ("at least", "as hot as") and just after ("or above",
 * "or below"). */
static enum limit direction(const char *rule, const char *at, const char *end, long value)
{
	static const char *const reach[] = {"reach", NULL};
	static const char *const floor_after[] = {"or above", "or higher", "or hotter", "or more",
	                                          "and above", "minimum", NULL};
	static const char *const ceiling_after[] = {"or below", "or lower", "or colder", "or less",
	                                            "and below", "maximum", NULL};
	/* "if it reads above 41°F, reject it": the words before a figure name
	 * the wrong side of it */
	static const char *const floor_before[] = {"at least", "as hot as", "reach", "cook to",
	                                           "cooked to", "heat to", "reheat", "minimum",
	                                           "no lower than", "below", "under", NULL};
	static const char *const ceiling_before[] = {"at most", "no higher than", "no warmer than",
	                                             "above", "over ", "maximum", NULL};
	/* "check that the cavity is below 140°F": what must hold, not what
	 * is wrong */
	static const char *const must[] = {"check that", "make sure", "ensure", "must be",
	                                   "should be", "until", "wait for", NULL};
	static const char *const low[] = {"below", "under", NULL}, *const high[] = {"above", NULL};
	size_t after = cell_len(end, strnlen(end, WINDOW / 2));
	/* the words of the figure's own clause: "milk 45°F or below, then cooled
	 * to 41°F": "below" is the 45's */
	const char *own = clause_start(rule, at);
	const char *from = at - own > WINDOW / 2 ? at - WINDOW / 2 : own;
	const char *last = at - own > 8 ? at - 8 : own;
	const char *clause = at - own > WINDOW ? at - WINDOW : own;

	if(any_in(end, after, floor_after))
		return LIMIT_MIN;
	if(any_in(end, after, ceiling_after))
		return LIMIT_MAX;
	if(any_in(clause, (size_t)(at - clause), must)) {
		if(any_in(last, (size_t)(at - last), low))
			return LIMIT_MAX;
		if(any_in(last, (size_t)(at - last), high))
			return LIMIT_MIN;
	}
	if(any_in(from, (size_t)(at - from), ceiling_before))
		return LIMIT_MAX;
	/* food cooled reaches a cold figure from above ("cover once it
	 * reaches 41°F") */
	if(value <= VERDICT_COLD_TARGET && any_in(last, (size_t)(at - last), reach))
		return LIMIT_MAX;
	if(any_in(from, (size_t)(at - from), floor_before))
		return LIMIT_MIN;
	return LIMIT_NONE;
}

/* Does the clause of rule before at (from the last ';' or sentence end)
 * name one of the question's terms ("milk and shell eggs 45°F")? */
static bool clause_names(const char *rule, const char *at, const struct terms *t)
{
	const char *from = at;
	char clause[160];

	while(from > rule && from[-1] != ';' &&
	      !(from[-1] == ' ' && from - 1 > rule && from[-2] == '.') &&
	      at - from < (long)sizeof(clause) - 1)
		from--;
	snprintf(clause, sizeof(clause), "%.*s", (int)(at - from), from);
	return t && terms_match(t, clause, NULL) != 0;
}

/* The "<n>°F" at p (a number not inside another): its value, *end past
 * its unit; -1 when p starts none. */
static long degrees_at(const char *rule, const char *p, char **end)
{
	long v;

	if(!isdigit((unsigned char)*p) ||
	   (p > rule && (isalnum((unsigned char)p[-1]) || p[-1] == '.')))
		return -1;
	v = strtol(p, end, 10);
	if(strncmp(*end, DEGREE "F", strlen(DEGREE "F")) == 0)
		*end += strlen(DEGREE "F");
	else if(strncmp(*end, " " DEGREE "F", strlen(" " DEGREE "F")) == 0)
		*end += strlen(" " DEGREE "F");
	else
		return -1;
	return v;
}

/* Past the "(5°C)" after a "<n>°F" at end; a figure at the end of the text
 * has none. */
static char *past_celsius(char *end)
{
	size_t paren = strcspn(end, ")");

	return end + (end[paren] == ')' && paren < 10 ? paren + 1 : 0);
}

/* The limit rule states for the question: the first "<n>°F" whose
 * direction is said, or a later one whose clause names the question's
 * subject; its value in *limit. */
static enum limit find_limit(const char *rule, const struct terms *t, long *limit)
{
	enum limit found = LIMIT_NONE;

	for(const char *p = rule; *p; p++) {
		char *end;
		long v = degrees_at(rule, p, &end);
		enum limit dir;

		if(v < 0)
			continue;
		end = past_celsius(end);
		if((dir = direction(rule, p, end, v)) == LIMIT_NONE)
			continue;
		if(found == LIMIT_NONE || clause_names(rule, p, t)) {
			*limit = v;
			found = dir;
		}
		if(clause_names(rule, p, t))
			break;
	}
	return found;
}

/* How far from a band's target a reading may be and still be read
 * against the band ("36" against "32 ±2"), not a limit the text also
 * states ("126" is no thermometer check). */
#define BAND_NEAR 20

/* A reading that must fall within a band ("It should read 32°F (0°C). A
 * reading within ±2°F (±1°C) is acceptable."): the figure the rule names
 * first and the "±<n>°F" around it; false when rule states no band. */
static bool find_band(const char *rule, long *target, long *plus_minus)
{
	const char *pm = strstr(rule, PLUS_MINUS), *from = pm;
	char *end;
	int ends = 0;

	*target = -1;
	if(!pm || (*plus_minus = degrees_at(rule, pm + strlen(PLUS_MINUS), &end)) <= 0)
		return false;
	/* the target is said in the band's sentence or the one before it */
	while(from > rule && !(from[-1] == '.' && isspace((unsigned char)from[0]) && ++ends == 2))
		from--;
	for(const char *p = from; *p && *target < 0; p++)
		if(p != pm + strlen(PLUS_MINUS))
			*target = degrees_at(rule, p, &end);
	return *target >= 0;
}

/* "Yes, 33°F is within ±2°F of 32°F —" / "No, 36°F is off by 4°F, more
 * than the ±2°F allowed around 32°F —". */
static void band_verdict(int reading, long target, long plus_minus, unsigned how, char *out,
                         size_t outlen)
{
	long off = labs(reading - target);
	bool within = off <= plus_minus;
	const char *say = !(how & VERDICT_DECIDE) ? "" : within ? "Yes, " : "No, ";

	if(within)
		snprintf(out, outlen, "%s%d" DEGREE "F is within " PLUS_MINUS "%ld" DEGREE
		         "F of %ld" DEGREE "F " DASH, say, reading, plus_minus, target);
	else
		snprintf(out, outlen, "%s%d" DEGREE "F is off by %ld" DEGREE "F, more than the "
		         PLUS_MINUS "%ld" DEGREE "F allowed around %ld" DEGREE "F " DASH,
		         say, reading, off, plus_minus, target);
}

bool verdict_of_reading(int reading, const char *rule, const struct terms *subject, unsigned how,
                        char *out, size_t outlen)
{
	long limit = 0, target, plus_minus;
	enum limit dir = rule && reading > 0 ? find_limit(rule, subject, &limit) : LIMIT_NONE;
	bool fails, discard;
	const char *say;

	/* a cold reading is not held against a cooking or holding floor, nor
	 * a hot one against a cold limit, nor a frozen one against a cooler's
	 * ("patties off the truck at 43" is no undercooked patty; "fish at 146"
	 * is no mix above 40; "freezer at 8" is not within 41°F) */
	if(dir != LIMIT_NONE && ((reading <= COLD_READING && limit >= HOLDING_FLOOR) ||
	                         (reading >= HOT_READING && limit <= COLD_LIMIT) ||
	                         (reading < FROZEN && limit >= FROZEN)))
		dir = LIMIT_NONE;
	fails = (dir == LIMIT_MIN && reading < limit) || (dir == LIMIT_MAX && reading > limit);
	discard = fails && (how & VERDICT_UNKNOWN_TIME) &&
	          (dir == LIMIT_MAX || limit <= HOLDING_FLOOR);
	say = !(how & VERDICT_DECIDE) ? "" : fails ? "No, " : "Yes, ";
	/* a reading far from the band's target is held against a limit */
	if(rule && reading > 0 && find_band(rule, &target, &plus_minus) &&
	   labs(reading - target) <= BAND_NEAR) {
		band_verdict(reading, target, plus_minus, how, out, outlen);
		return true;
	}
	if(dir == LIMIT_NONE)
		return false;
	if(discard)
		snprintf(out, outlen, "%s%d" DEGREE "F is %s the %ld" DEGREE "F %s for an unknown "
		         "time: throw it away " DASH, say, reading,
		         dir == LIMIT_MIN ? "below" : "above", limit,
		         dir == LIMIT_MIN ? "minimum" : "limit");
	else if(dir == LIMIT_MIN)
		snprintf(out, outlen, "%s%d" DEGREE "F %s the %ld" DEGREE "F minimum%s " DASH,
		         say, reading, fails ? "is below" : "meets", limit,
		         fails ? ", not safe yet" : "");
	else
		snprintf(out, outlen, "%s%d" DEGREE "F is %s the %ld" DEGREE "F limit%s " DASH,
		         say, reading, fails ? "above" : "within", limit,
		         fails ? ", out of range" : "");
	return true;
}

/* Is the time at p a task's deadline ("tell the manager and recheck
 * within 30 minutes", "call back within 15 minutes"), not a limit on the
 * food? */
static bool task_deadline(const char *rule, const char *p)
{
	static const char *const tasks[] = {"recheck", "check again", "check it again", "call",
	                                    "report", "tell", "notify", "respond", "reply", NULL};
	const char *from = p - rule > TASK_WINDOW ? p - TASK_WINDOW : rule;

	return any_in(from, (size_t)(p - from), tasks);
}

/* The time limit rule states: the first "<n> hours" or "<n> minutes" said
 * to be one ("within", "up to", "no more than", "at most"), in minutes,
 * not a task's deadline; 0 for none. */
static int time_limit(const char *rule, bool *in_minutes)
{
	static const char *const before[] = {"within ", "up to ", "no more than ", "at most ",
	                                     "no longer than ", "maximum of ", "for up to ",
	                                     "less than ", NULL};
	static const char *const hours[] = {" hours", " hour", "-hour", NULL};
	static const char *const minutes[] = {" minutes", " minute", "-minute", NULL};
	static const char *const or_more[] = {"hours or more", "hour or more", "minutes or more",
	                                      "hours or longer", "minutes or longer", NULL};

	for(const char *p = rule; *p; p++) {
		char *end;
		long v;
		const char *from = p - rule > WINDOW / 3 ? p - WINDOW / 3 : rule;

		if(!isdigit((unsigned char)*p) || (p > rule && isalnum((unsigned char)p[-1])))
			continue;
		v = strtol(p, &end, 10);
		/* "for 4 hours or more: throw it away" states the limit too */
		if(v <= 0 || !(any_in(from, (size_t)(p - from), before) ||
		               any_in(end, strnlen(end, 18), or_more)) || task_deadline(rule, p))
			continue;
		*in_minutes = false;
		for(int i = 0; hours[i]; i++)
			if(strncmp(end, hours[i], strlen(hours[i])) == 0)
				return (int)v * 60;
		*in_minutes = true;
		for(int i = 0; minutes[i]; i++)
			if(strncmp(end, minutes[i], strlen(minutes[i])) == 0)
				return (int)v;
	}
	return 0;
}

bool time_applies(int elapsed, const char *part)
{
	static const char *const below[] = {"less than ", "under ", "fewer than ", NULL};
	static const char *const above[] = {"more than ", "over ", "longer than ", "at least ",
	                                    NULL};
	static const char *const above_after[] = {" or more", " or longer", " and over", NULL};
	static const char *const missed[] = {"does not", "did not", "doesn't", "didn't",
	                                     "not reach", "not get", NULL};

	for(const char *p = part; elapsed > 0 && *p; p++) {
		char *end;
		long v;
		const char *from = p - part > 14 ? p - 14 : part;
		const char *clause = p - part > WINDOW ? p - WINDOW : part;
		bool hours;

		if(!isdigit((unsigned char)*p) || (p > part && isalnum((unsigned char)p[-1])))
			continue;
		v = strtol(p, &end, 10);
		hours = strncmp(end, " hour", 5) == 0;
		if(v <= 0 || !(hours || strncmp(end, " minute", 7) == 0))
			continue;
		v *= hours ? 60 : 1;
		end += strcspn(end + 1, " ") + 1;   /* past the unit: " or more" */
		/* "if it does not reach 165°F within 2 hours, throw it away" */
		if(p - part >= 7 && strncmp(p - 7, "within ", 7) == 0 &&
		   any_in(clause, (size_t)(p - clause), missed))
			return elapsed >= v;
		if(any_in(from, (size_t)(p - from), below))
			return elapsed < v;
		if(any_in(from, (size_t)(p - from), above) ||
		   any_in(end, strnlen(end, 12), above_after))
			return elapsed >= v;
	}
	return false;
}

/* "3 hours", "4 hours 30 minutes", "45 minutes" into out. */
static void say_minutes(int m, char *out, size_t outlen)
{
	if(m < 60)
		snprintf(out, outlen, "%d minute%s", m, m == 1 ? "" : "s");
	else if(m % 60 == 0)
		snprintf(out, outlen, "%d hour%s", m / 60, m == 60 ? "" : "s");
	else
		snprintf(out, outlen, "%d hour%s %d minutes", m / 60, m < 120 ? "" : "s", m % 60);
}

/* A clock time (minutes past 12) as "3:05"; 12, not 0, for the hour past noon. */
static void say_clock(int m, char *out, size_t outlen)
{
	m %= 12 * 60;
	snprintf(out, outlen, "%d:%02d", m / 60 ? m / 60 : 12, m % 60);
}

bool verdict_of_time(int elapsed, int start, const char *rule, unsigned how, char *out,
                     size_t outlen)
{
	bool in_minutes = false;
	int limit = rule && elapsed > 0 ? time_limit(rule, &in_minutes) : 0;
	bool past = elapsed > limit;
	char said[48], allowed[48], ends[48] = "";

	if(limit == 0)
		return false;
	say_minutes(elapsed, said, sizeof(said));
	if(!in_minutes)
		snprintf(allowed, sizeof(allowed), "%d-hour", limit / 60);
	else
		snprintf(allowed, sizeof(allowed), "%d-minute", limit);
	if(start) {
		char end[16];

		say_clock(start - 1 + limit, end, sizeof(end));
		snprintf(ends, sizeof(ends), ", which %s out at %s", past ? "ran" : "runs", end);
	}
	snprintf(out, outlen, "%s%s is %s the %s limit%s " DASH,
	         !(how & VERDICT_DECIDE) ? "" : past ? "No, " : "Yes, ", said,
	         past ? "past" : "within", allowed, ends);
	return true;
}

/* The temperature a cooling step of rule brings food down to: the "<n>°F"
 * after "to " that is lower than a "<n>°F" before it ("From 135°F (57°C)
 * to 70°F (21°C) within 2 hours" -> 70), else 0; *step gets its time
 * limit, said before the next temperature ("... to 70°F in 2 hours and to
 * 41°F within 6 hours" has none for 70). */
static long cooled_to(const char *rule, int *step)
{
	long highest = 0;

	for(const char *p = rule; *p; p++) {
		char *end, until[160];
		long v = degrees_at(rule, p, &end);
		bool in_minutes;

		if(v < 0)
			continue;
		if(p - rule >= 3 && strncmp(p - 3, "to ", 3) == 0 && v < highest) {
			const char *next = past_celsius(end);
			size_t len = 0;

			while(next[len] && degrees_at(rule, next + len, &end) < 0)
				len++;
			snprintf(until, sizeof(until), "%.*s", (int)len, next);
			*step = time_limit(until, &in_minutes);
			return *step ? v : 0;
		}
		if(v > highest)
			highest = v;
	}
	return 0;
}

/* The verdict on a reading held against the temperature food must reach
 * (to) within limit minutes: reached in time, failed ("cooling failed"),
 * or how long it has left. */
static void say_reaching(int reading, int elapsed, long to, int limit, bool reached,
                         const char *what, unsigned how, char *out, size_t outlen)
{
	char said[48], allowed[48], left[48];
	const char *say = !(how & VERDICT_DECIDE) ? "" : reached ? "Yes, " : "No, ";

	say_minutes(elapsed, said, sizeof(said));
	say_minutes(limit, allowed, sizeof(allowed));
	if(reached)
		snprintf(out, outlen, "%s%d" DEGREE "F after %s has reached %ld" DEGREE
		         "F within the %s " DASH, say, reading, said, to, allowed);
	else if(elapsed >= limit)
		snprintf(out, outlen, "%s%d" DEGREE "F after %s has not reached %ld" DEGREE
		         "F within the %s, %s failed " DASH, say, reading, said, to, allowed, what);
	else {
		say_minutes(limit - elapsed, left, sizeof(left));
		snprintf(out, outlen, "%d" DEGREE "F after %s: it has %s left to reach %ld" DEGREE
		         "F (%s in all) " DASH, reading, said, left, to, allowed);
	}
}

/* The hot temperature rule says food must reach, with *limit the time it
 * has to ("reach 165°F (74°C) within 2 hours", "Reheat to 165°F (74°C) for
 * 15 Seconds Within 2 Hours"), else 0. */
static long heated_to(const char *rule, int *limit)
{
	static const char *const reach[] = {"to ", "reach ", "reaches ", NULL};

	for(const char *p = rule; *p; p++) {
		char *end;
		long v = degrees_at(rule, p, &end);
		const char *from = p - rule > 8 ? p - 8 : rule;
		bool in_minutes;

		if(v < VERDICT_HOT_TARGET || !any_in(from, (size_t)(p - from), reach))
			continue;
		*limit = time_limit(end, &in_minutes);
		return *limit ? v : 0;
	}
	return 0;
}

bool verdict_of_reaching(bool cooling, int reading, int elapsed, const char *rule, unsigned how,
                         char *out, size_t outlen)
{
	int limit = 0;
	long to = !rule || reading <= 0 || elapsed <= 0 ? 0
	          : cooling                             ? cooled_to(rule, &limit)
	                                                : heated_to(rule, &limit);

	if(to == 0)
		return false;
	say_reaching(reading, elapsed, to, limit, cooling ? reading <= to : reading >= to,
	             cooling ? "cooling" : "reheating", how, out, outlen);
	return true;
}

/* The part of rule about reaching target: from a "<target>°F" it names as
 * one to reach ("to 41°F", "reached 70°F", "41°F or below") to the end of
 * its sentence, into out; the whole rule when it names no temperature;
 * false when it names others only. */
static bool target_clause(const char *rule, int target, char *out, size_t outlen)
{
	static const char *const reach[] = {"to ", "reach ", "reached ", "below ", "under ", NULL};
	bool any = false;

	for(const char *p = rule; *p; p++) {
		char *end;
		long v = degrees_at(rule, p, &end);
		const char *from = p - rule > 8 ? p - 8 : rule;
		size_t len;

		any |= v >= 0;
		if(v != target)
			continue;
		end = past_celsius(end);
		if(!any_in(from, (size_t)(p - from), reach) && strncmp(end, " or below", 9) != 0)
			continue;
		for(len = 0; p[len] && !(p[len] == '.' && (p[len + 1] == ' ' || !p[len + 1]));)
			len++;
		snprintf(out, outlen, "%.*s", (int)len, p);
		return true;
	}
	if(!any)
		snprintf(out, outlen, "%s", rule);
	return !any;
}

bool deadline_of(int since, int target, const char *rule, char *out, size_t outlen)
{
	bool in_minutes;
	char clause[256], allowed[48], to[32] = "", end[16], from[16];
	int limit;

	if(!rule || (target && !target_clause(rule, target, clause, sizeof(clause))))
		return false;
	limit = time_limit(target ? clause : rule, &in_minutes);
	if(limit == 0)
		return false;
	say_minutes(limit, allowed, sizeof(allowed));
	say_clock(since + limit, end, sizeof(end));
	say_clock(since, from, sizeof(from));
	if(target)
		snprintf(to, sizeof(to), "%d" DEGREE "F by", target);
	snprintf(out, outlen, "%s %s, %s after %s " DASH, target ? to : "By", end, allowed, from);
	return true;
}

/* "1st", "2nd", "3rd", "4th", "11th", "22nd". */
static const char *ordinal(int d)
{
	if(d % 100 >= 11 && d % 100 <= 13)
		return "th";
	return d % 10 == 1 ? "st" : d % 10 == 2 ? "nd" : d % 10 == 3 ? "rd" : "th";
}

/* The days rule says food may be kept ("for up to 7 days"), or 0. */
static int days_limit(const char *rule)
{
	static const char *const before[] = {"up to ", "within ", "no more than ", "at most ",
	                                     "no longer than ", NULL};

	for(const char *p = rule; *p; p++) {
		const char *from = p - rule > WINDOW / 3 ? p - WINDOW / 3 : rule;
		char *end;
		long v;

		if(!isdigit((unsigned char)*p) || (p > rule && isalnum((unsigned char)p[-1])))
			continue;
		v = strtol(p, &end, 10);
		if(v > 0 && v < 28 && strncmp(end, " day", 4) == 0 &&
		   any_in(from, (size_t)(p - from), before))
			return (int)v;
	}
	return 0;
}

bool verdict_of_days(int made, int today, const char *rule, unsigned how, char *out,
                     size_t outlen)
{
	int limit = rule && made > 0 ? days_limit(rule) : 0, last = made + limit - 1;
	const char *say = !(how & VERDICT_DECIDE) ? "" : today > last ? "No, " : "Yes, ";

	if(limit == 0 || last > 28 || (today && today < made))
		return false;
	if(today > last)
		snprintf(out, outlen, "%sits last day was the %d%s (day %d, counting the %d%s as "
		         "day 1) " DASH, say, last, ordinal(last), limit, made, ordinal(made));
	else if(today)
		snprintf(out, outlen, "%sthe %d%s is day %d; its last day is the %d%s " DASH, say,
		         today, ordinal(today), today - made + 1, last, ordinal(last));
	else
		snprintf(out, outlen, "Its last day is the %d%s: the %d%s is day 1, the %d%s day "
		         "%d " DASH, last, ordinal(last), made, ordinal(made), last, ordinal(last),
		         limit);
	return true;
}

static const char *weekday(int d)
{
	static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
	                                    "Friday", "Saturday", "Sunday"};

	return names[(d - 1) % 7];
}

bool verdict_of_weekdays(int made, int today, const char *rule, unsigned how, char *out,
                         size_t outlen)
{
	int limit = rule && made > 0 ? days_limit(rule) : 0, last = (made - 1 + limit - 1) % 7 + 1;
	int day = today ? (today - made + 7) % 7 + 1 : 0;  /* within the week it was made */
	const char *say = !(how & VERDICT_DECIDE) ? "" : day > limit ? "No, " : "Yes, ";

	if(limit == 0 || limit > 7)
		return false;
	if(day > limit)
		snprintf(out, outlen, "%sits last day was %s (day %d, counting %s as day 1) " DASH,
		         say, weekday(last), limit, weekday(made));
	else if(today)
		snprintf(out, outlen, "%s%s is day %d; its last day is %s " DASH, say,
		         weekday(today), day, weekday(last));
	else
		snprintf(out, outlen, "Its last day is %s: %s is day 1, %s day %d " DASH,
		         weekday(last), weekday(made), weekday(last), limit);
	return true;
}

/* The "<low>–<high> ppm" at p ("50–99 ppm", "12.5-25 ppm", "200 to 400
 * ppm"): true with the range in *low and *high. */
static bool ppm_range_at(const char *rule, const char *p, double *low, double *high)
{
	static const char *const dashes[] = {"\xE2\x80\x93", "-", " to ", NULL};
	char *end;

	if(!isdigit((unsigned char)*p) || (p > rule && (isalnum((unsigned char)p[-1]) ||
	                                                p[-1] == '.')))
		return false;
	*low = strtod(p, &end);
	for(int i = 0; dashes[i]; i++)
		if(strncmp(end, dashes[i], strlen(dashes[i])) == 0) {
			const char *h = end + strlen(dashes[i]);

			if(!isdigit((unsigned char)*h))
				return false;
			*high = strtod(h, &end);
			return *high > *low && strncmp(end, " ppm", 4) == 0;
		}
	return false;
}

bool verdict_of_ppm(int ppm, const char *rule, unsigned how, char *out, size_t outlen)
{
	double low, high;
	const char *say;

	for(const char *p = rule; p && *p; p++) {
		if(!ppm_range_at(rule, p, &low, &high))
			continue;
		say = !(how & VERDICT_DECIDE) ? "" : ppm >= low && ppm <= high ? "Yes, " : "No, ";
		if(ppm < low)
			snprintf(out, outlen, "%s%d ppm is below the %g" DASH_RANGE "%g ppm range, "
			         "too weak to sanitize " DASH, say, ppm, low, high);
		else if(ppm > high)
			snprintf(out, outlen, "%s%d ppm is above the %g" DASH_RANGE "%g ppm range, "
			         "too strong " DASH, say, ppm, low, high);
		else
			snprintf(out, outlen, "%s%d ppm is within the %g" DASH_RANGE "%g ppm "
			         "range " DASH, say, ppm, low, high);
		return true;
	}
	return false;
}
