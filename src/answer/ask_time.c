/* ask_time.c - the times a question tells: how long, since when, which day
 * (see ask_time.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer/ask_cue.h"
#include "answer/ask_time.h"

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

int ask_clock_at(const char *p)
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
		             ? ask_clock_at(p)
		             : -1;
		/* "around 8", "since 1": a start, not a time something happened at */
		if(start < 0 && (at >= 0 || ((size_t)(p - t) >= 8 &&
		                            strncmp(p - 8, " around ", 8) == 0) ||
		                 ((size_t)(p - t) >= 7 && strncmp(p - 7, " since ", 7) == 0)))
		{
			start = at >= 0 ? at : ask_clock_at(p);
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
				int clock = said ? ask_clock_at(p) : -1;

				if(clock >= 0) {
					*from = 1 + start;
					return (clock - start + 12 * 60) % (12 * 60);
				}
			}
		}
	}
	return 0;
}

int ask_since_of(const char *t)
{
	const char *at = strstr(t, " at ");
	int clock;

	if(!strstr(t, " when ") && !strstr(t, " what time ") && !strstr(t, " by when "))
		return 0;
	for(; at; at = strstr(at + 1, " at "))
		if((clock = ask_clock_at(at + 4)) >= 0)
			return clock + 1;
	return 0;
}

void ask_days_of(const char *t, int *made, int *today)
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

void ask_weekdays_of(const char *t, int *made, int *today)
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

int ask_elapsed(const char *text, int *start)
{
	char lower[1024], digits[1024];

	*start = 0;
	ask_lowered(text, lower, sizeof(lower));
	durations_as_digits(lower, digits, sizeof(digits));
	return elapsed_of(digits, start);
}
