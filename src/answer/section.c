/* section.c - a section read into parts, and its kind (see section.h). */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "answer/section.h"
#include "text/terms.h"

#define SECTION_MAX_PARTS 256

static const char *const kind_names[SECTION_KINDS] = {
	"plain", "steps", "fault", "specs", "faq", "overview", "quiz", "schedule"};

const char *section_kind_name(enum section_kind k)
{
	return k < SECTION_KINDS ? kind_names[k] : "plain";
}

/* "12. ", "3) ", "b. " at the start of a line: its length, else 0. */
static size_t step_marker(const char *s)
{
	size_t i = 0;

	while(isdigit((unsigned char)s[i]) && i < 3)
		i++;
	if(i == 0 && islower((unsigned char)s[0]) && (s[1] == '.' || s[1] == ')') && s[2] == ' ')
		i = 1;
	if(i > 0 && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
		return i + 2 + strspn(s + i + 2, " ");
	/* "1.: Turn the fryer off": a PDF's numbered list laid out in columns,
	 * which ingest read as a two-cell row */
	if(i > 0 && s[i] == '.' && s[i + 1] == ':' && s[i + 2] == ' ')
		return i + 3;
	return 0;
}

static size_t bullet_marker(const char *s)
{
	if((s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return 2;
	if(strncmp(s, "\xE2\x80\xA2 ", 4) == 0)   /* U+2022 BULLET */
		return 4;
	return 0;
}

/* The length of the signal word a notice starts with ("WARNING"), 0 when
 * s is no notice. */
static size_t notice_word(const char *s)
{
	static const char *const words[] = {"WARNING", "CAUTION", "DANGER", "IMPORTANT", NULL};

	for(int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);

		if(strncmp(s, words[i], n) == 0 && (s[n] == ':' || s[n] == ' ' || s[n] == '!'))
			return n;
	}
	return 0;
}

static bool is_notice(const char *s)
{
	return notice_word(s) > 0;
}

const char *section_past_notice(const char *text)
{
	size_t n = notice_word(text);

	return n && text[n] == ':' && text[n + 1] == ' ' ? text + n + 2 : text;
}

/* Does s open with an error code ("E4 — ...", "AL-2: ...")? */
static bool opens_with_code(const char *s)
{
	char token[12], codes[1][16];
	size_t first = strcspn(s, " :");

	if(first == 0 || first >= sizeof(token))
		return false;
	memcpy(token, s, first);
	token[first] = '\0';
	return terms_codes_of(token, codes, 1) > 0;
}

/* A table row as ingest writes it: cells joined by " — " (U+2014); with
 * one join only when the row starts with a code ("C04: ... — What to do:"). */
static bool is_row(const char *s)
{
	const char *dash = strstr(s, " \xE2\x80\x94 ");

	if(!dash)
		return false;
	return strstr(dash + 5, " \xE2\x80\x94 ") || opens_with_code(s);
}

static bool abbreviation_before(const char *start, const char *dot)
{
	static const char *const abbr[] = {"e.g", "i.e", "approx", "No", "no", "min", "Fig", "vs",
	                                   "etc", "St", "Dr", "Mr", "Ms", "oz", "lb", "qt", "gal",
	                                   "in", NULL};

	for(int i = 0; abbr[i]; i++) {
		size_t n = strlen(abbr[i]);

		if((size_t)(dot - start) >= n && strncmp(dot - n, abbr[i], n) == 0 &&
		   (dot - n == start || !isalpha((unsigned char)dot[-(long)n - 1])))
			return true;
	}
	return false;
}

/* The end of the sentence starting at s (within len): after ". " before a
 * capital, a digit or a quote. */
static size_t sentence_end(const char *s, size_t len)
{
	for(size_t i = 1; i + 2 < len; i++) {
		char c = s[i], next = s[i + 2];

		if((c == '.' || c == '!' || c == '?') && s[i + 1] == ' ' &&
		   (isupper((unsigned char)next) || isdigit((unsigned char)next) || next == '"') &&
		   !(c == '.' && abbreviation_before(s, s + i)))
			return i + 1;
	}
	return len;
}

static ll_result add_part(struct arena *a, struct section *s, enum part_kind kind, const char *text,
                          size_t len)
{
	char *t;

	while(len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	while(len && isspace((unsigned char)text[len - 1]))
		len--;
	if(len == 0 || s->nparts == SECTION_MAX_PARTS)
		return LL_OK;
	for(size_t i = 0; i < s->nparts; i++)      /* a chunk's overlap with the one before */
		if(strlen(s->parts[i].text) == len && memcmp(s->parts[i].text, text, len) == 0)
			return LL_OK;
	t = arena_alloc(a, len + 1);
	if(!t)
		return LL_ENOMEM;
	{
		/* Markdown emphasis and runs of spaces go */
		size_t o = 0;

		for(size_t i = 0; i < len; i++) {
			if((text[i] == '*' || text[i] == '_') && i + 1 < len &&
			   text[i + 1] == text[i]) {
				i++;
				continue;
			}
			if(text[i] == ' ' && o && t[o - 1] == ' ')
				continue;
			t[o++] = text[i];
		}
		t[o] = '\0';
	}
	s->parts[s->nparts].kind = kind;
	s->parts[s->nparts++].text = t;
	return LL_OK;
}

static bool quoted_questions(const char *s, size_t len)
{
	static const char *const cues[] = {"ask \"", "ask \xE2\x80\x9C", "asks \"",
	                                   "ask things like", NULL};

	for(int i = 0; cues[i]; i++) {
		const char *hit = strstr(s, cues[i]);

		if(hit && (size_t)(hit - s) < len)
			return true;
	}
	return false;
}

/* A prose line: one part a sentence. */
static ll_result add_prose(struct arena *a, struct section *s, const char *line, size_t len)
{
	ll_result result = LL_OK;

	while(len > 0 && !result) {
		size_t n = sentence_end(line, len);

		/* "Crew ask "...", "..."": a manual's note on the questions it
		 * answers says nothing itself and never leads */
		if(!quoted_questions(line, n))
			result = add_part(a, s, PART_PROSE, line, n);
		line += n;
		len -= n;
	}
	return result;
}

/* "Table 3-1 WH-120 data", "Figure 2": a caption over a table or drawing. */
static bool caption(const char *s)
{
	return (strncmp(s, "Table ", 6) == 0 && isdigit((unsigned char)s[6])) ||
	       (strncmp(s, "Figure ", 7) == 0 && isdigit((unsigned char)s[7]));
}

static ll_result add_line(struct arena *a, struct section *s, const char *line, size_t len)
{
	char *copy;

	size_t m;

	/* a text manual's indent, a Markdown quote's "> ", a troubleshooting
	 * list's "-> " before its cause and its fix */
	for(;;) {
		size_t skip = len && (*line == ' ' || *line == '\t') ? 1
		              : len && *line == '>' && (len == 1 || line[1] == ' ') ? 1
		              : len >= 3 && strncmp(line, "-> ", 3) == 0 ? 2
		                                                          : 0;

		if(!skip)
			break;
		line += skip;
		len -= skip;
	}
	copy = arena_strndup(a, line, len);

	if(!copy)
		return LL_ENOMEM;
	if((m = step_marker(copy)) > 0)
		return add_part(a, s, PART_STEP, copy + m, len - m);
	if((m = bullet_marker(copy)) > 0)
		return add_part(a, s, PART_BULLET, copy + m, len - m);
	if(is_notice(copy))
		return add_part(a, s, PART_WARNING, copy, len);
	if(is_row(copy) || (copy[0] == '|' && len > 2))
		return add_part(a, s, PART_ROW, copy, len);
	if(copy[0] == '#' || caption(copy))
		return LL_OK; /* a heading line, or a table's caption: says nothing itself */
	return add_prose(a, s, copy, len);
}

static bool heading_has(const char *h, const char *const *words)
{
	for(int i = 0; words[i]; i++)
		if(strcasestr(h, words[i]))
			return true;
	return false;
}

/* A table of faults: a row says a cause or a remedy, or starts with a code
 * -- not a chart of settings ("Tomatoes  12  6 mm"). */
static bool rows_are_faults(const struct section *s)
{
	static const char *const words[] = {"cause", "remedy", "fix", "action", "solution",
	                                    "what to do", "check", NULL};

	for(size_t i = 0; i < s->nparts; i++)
		if(s->parts[i].kind == PART_ROW &&
		   (heading_has(s->parts[i].text, words) || opens_with_code(s->parts[i].text)))
			return true;
	return false;
}

static enum section_kind kind_of(const struct section *s)
{
	static const char *const quiz[] = {"quiz", "test your", "questions and answers",
	                                   "check your", "review question", "answer key", NULL};
	/* commentary around the rules: an introduction, or what goes wrong
	 * ("Common Reheating Mistakes" is no answer to how hot) */
	static const char *const overview[] = {"overview", "introduction", "about this", "purpose",
	                                       "scope", "how to use", "contents", "mistakes",
	                                       "myths", NULL};
	static const char *const fault[] = {"troubleshoot", "fault", "error", "alarm", "problem",
	                                    "not heating", "won't", "will not", "diagnos", NULL};
	static const char *const specs[] = {"specification", "technical data", "rating", "capacit",
	                                    NULL};
	static const char *const schedule[] = {"schedule", "who does what", "how often",
	                                       "maintenance plan", "frequency", NULL};
	const char *h = s->heading;
	char codes[1][16];
	size_t questions = 0;

	for(size_t i = 0; i < s->nparts; i++)
		questions += s->parts[i].text[strlen(s->parts[i].text) - 1] == '?';
	if(heading_has(h, quiz) || (questions >= 3 && questions * 3 >= s->nparts))
		return SECTION_QUIZ;
	/* a manual that opens with its specifications: they are no overview */
	if(!s->path[0] || strcmp(s->path, s->title) == 0 || heading_has(h, overview) ||
	   (s->first && s->nsteps == 0 && s->nrows == 0 && !heading_has(h, specs)))
		return SECTION_OVERVIEW;
	if(h[0] && h[strlen(h) - 1] == '?')
		return SECTION_FAQ;
	if(heading_has(h, schedule))
		return SECTION_SCHEDULE;
	if(heading_has(h, specs))
		return SECTION_SPECS;
	/* a symptom of its own under "Troubleshooting" is a fault's section too */
	if(heading_has(s->path, fault) || terms_codes_of(h, codes, 1) > 0 ||
	   (s->nrows >= 3 && rows_are_faults(s)))
		return SECTION_FAULT;
	if(s->nsteps >= 2)
		return SECTION_STEPS;
	return SECTION_PLAIN;
}

static bool line_is_row(const char *s, size_t len)
{
	char copy[512];
	size_t n = len < sizeof(copy) - 1 ? len : sizeof(copy) - 1;

	memcpy(copy, s, n);
	copy[n] = '\0';
	return is_row(copy);
}

/* Does a physical line start a new unit (a step, a bullet, a notice, a
 * row, a heading) rather than continue the one before? */
static bool starts_unit(const char *s, size_t len)
{
	char copy[16];
	size_t n = len < sizeof(copy) - 1 ? len : sizeof(copy) - 1;

	memcpy(copy, s, n);
	copy[n] = '\0';
	return step_marker(copy) || bullet_marker(copy) || is_notice(copy) || s[0] == '|' ||
	       s[0] == '#';
}

/* The length of the logical line at p: a text manual's prose and steps
 * wrap over several physical lines ("... water filter. Change" / "the
 * cartridge every 6 months."); a line goes on with the next when that one
 * starts in lower case, or with a number after a word ("changes in" / "5 F
 * steps."), or this one ends in ',', '-' or '(' -- never into a blank line
 * or a new unit.  A spec table's "Label: value" lines stay apart. */
static size_t logical_line(const char *p)
{
	size_t len = strcspn(p, "\n");

	while(p[len] == '\n') {
		const char *next = p + len + 1, *text = next + strspn(next, " \t");
		size_t nlen = strcspn(next, "\n"), tlen = nlen - (size_t)(text - next);
		char end = len ? p[len - 1] : '\0';

		if(tlen == 0 || starts_unit(text, tlen) || line_is_row(text, tlen) ||
		   !(islower((unsigned char)text[0]) || end == ',' || end == '-' || end == '(' ||
		     (islower((unsigned char)end) && isdigit((unsigned char)text[0]))))
			break;
		len += 1 + nlen;
	}
	return len;
}

/* The logical line with its line breaks as spaces (hyphenated line ends
 * kept whole: "re-\nrun" -> "re-run"), in the arena; "" when out of memory. */
static const char *joined(struct arena *a, const char *p, size_t len)
{
	char *out = arena_strndup(a, p, len);
	size_t w = 0;

	if(!out)
		return "";
	for(size_t r = 0; out[r]; r++) {
		if(out[r] != '\n')
			out[w++] = out[r];
		else if(!(w && out[w - 1] == '-'))
			out[w++] = ' ';
	}
	out[w] = '\0';
	return out;
}

/* A troubleshooting entry written as labelled lines ("SYMPTOM: Tomatoes
 * mushy." / "CAUSE: Disc too thin." / "REMEDY: Use the S6 disc.") reads as
 * one table row, "Tomatoes mushy — Cause: Disc too thin — Remedy: Use the
 * S6 disc.", as a PDF's table does.  The label a line starts with (case
 * aside; "LIKELY CAUSE:" is a cause) and its name in the row, or NULL. */
static const char *entry_label(const char *line, size_t *skip)
{
	static const char *const labels[][2] = {
	        {"symptom:", ""},           {"problem:", ""},      {"likely cause:", "Cause"},
	        {"possible cause:", "Cause"}, {"cause:", "Cause"}, {"remedy:", "Remedy"},
	        {"fix:", "Fix"},            {"action:", "Action"}, {"solution:", "Solution"}};
	size_t lead = strspn(line, " \t");

	for(size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if(strncasecmp(line + lead, labels[i][0], strlen(labels[i][0])) == 0) {
			*skip = lead + strlen(labels[i][0]);
			*skip += strspn(line + *skip, " \t");
			return labels[i][1];
		}
	return NULL;
}

/* The entry that starts with line (a symptom's), its labelled lines after
 * it read from *p on (moved past them); line itself when it is no symptom. */
static const char *entry_row(struct arena *a, const char *line, const char **p)
{
	size_t skip;
	const char *name = entry_label(line, &skip);
	size_t len;
	char *row;

	if(!name || *name)
		return line;
	len = strlen(line + skip);
	row = arena_printf(a, "%.*s", (int)(len - (len && line[skip + len - 1] == '.')),
	                   line + skip);
	while(row && **p) {
		size_t n = logical_line(*p);
		const char *next = joined(a, *p, n);

		if((name = entry_label(next, &skip)) && *name)
			row = arena_printf(a, "%s \xE2\x80\x94 %s: %s", row, name, next + skip);
		else if(!name && strncmp(next, "    ", 4) == 0 && next[strspn(next, " ")])
			row = arena_printf(a, "%s %s", row, next + strspn(next, " "));
		else
			break;  /* a wrapped line of the entry is indented past its labels */
		*p += n + ((*p)[n] == '\n');
	}
	return row ? row : line;
}

ll_result section_read(struct arena *a, struct section *s)
{
	const char *p = s->body, *last = strrchr(s->path, '>');
	ll_result result = LL_OK;

	s->heading = last ? last + 2 : s->path;
	s->parts = arena_alloc(a, SECTION_MAX_PARTS * sizeof(*s->parts));
	s->nparts = 0;
	if(!s->parts)
		return LL_ENOMEM;
	while(*p && !result) {
		size_t len = logical_line(p);
		const char *line = joined(a, p, len);

		p += len + (p[len] == '\n');
		line = entry_row(a, line, &p);
		result = add_line(a, s, line, strlen(line));
	}
	s->nsteps = s->nbullets = s->nrows = s->nwarnings = s->nprose = 0;
	for(size_t i = 0; i < s->nparts; i++) {
		enum part_kind k = s->parts[i].kind;

		s->nsteps += k == PART_STEP;
		s->nbullets += k == PART_BULLET;
		s->nrows += k == PART_ROW;
		s->nwarnings += k == PART_WARNING;
		s->nprose += k == PART_PROSE;
	}
	s->kind = kind_of(s);
	return result;
}

bool section_states(const struct section *s, enum figure f)
{
	for(size_t i = 0; i < s->nparts; i++)
		if(ask_states_figure(s->parts[i].text, f))
			return true;
	return ask_states_figure(s->heading, f);
}

uint64_t section_machine(const struct section *s)
{
	uint64_t kinds = terms_machine_kinds(s->title);

	return kinds || !s->opening ? kinds : terms_machine_kinds(s->opening);
}
