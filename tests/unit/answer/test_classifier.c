/* test_classifier.c - routing accuracy and the classifier's promises.
 *
 * usage: test_classifier [DIR]   (default $LINELEAD_DATA_DIR, else "data")
 * DIR is the data directory (DIR/routing/) or the repository
 * (DIR/data/routing/).  Trains from routing/train.tsv, measures
 * routing/heldout.tsv (fails under 95 %), and, when present, the shared
 * public examples (../shared/eval/routing-examples.tsv beside the
 * repository, or $LINELEAD_SHARED_EVAL) and $LINELEAD_EXTRA_EVAL.  Prints
 * TAP-ish lines; LINELEAD_VERBOSE=1 lists every miss.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "classifier.h"

#include "../tap.h"

/* The shared TAP helpers, with this file's plain-string checks. */
#define check(ok, what) CHECK((ok), "%s", (what))

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Accuracy of one labeled file; -1 if it cannot be read.  Prints the
 * summary line, a per-agent confusion table and, with LINELEAD_VERBOSE,
 * every miss. */
static double evaluate(const struct classifier *c, const char *path, const char *label)
{
	FILE *fp = fopen(path, "r");
	if(!fp)
		return -1;
	int confusion[AGENT_COUNT][AGENT_COUNT] = {{0}};
	int right = 0, total = 0;
	char line[4096];
	const int verbose = getenv("LINELEAD_VERBOSE") != NULL;
	while(fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if(!tab || line[0] == '#')
			continue;
		*tab = '\0';
		enum agent_id want = agent_from_name(tab + 1);
		if(want == AGENT_NONE)
			continue; /* the header */
		struct classification r;
		classifier_classify(c, line, &r);
		/* answered by both, safety first: the expected agent must be the one
		 * chosen (a secondary is extra help, not a second guess) */
		confusion[want][r.agent]++;
		total++;
		if(r.agent == want)
			right++;
		else if(verbose)
			printf("# miss [%s] want %s got %s (%.2f, runner-up %s): %s\n", label,
			       agent_name(want), agent_name(r.agent), r.confidence,
			       agent_name(r.runner_up), line);
	}
	fclose(fp);
	double acc = total ? 100.0 * right / total : 0;
	printf("routing accuracy (%s): %d/%d = %.1f%%\n", label, right, total, acc);
	printf("#   %-11s", "want\\got");
	for(int g = 0; g < AGENT_COUNT; g++)
		printf(" %10.10s", agent_name((enum agent_id)g));
	printf("   recall\n");
	for(int a = 0; a < AGENT_COUNT; a++) {
		int n = 0;
		for(int g = 0; g < AGENT_COUNT; g++)
			n += confusion[a][g];
		printf("#   %-11s", agent_name((enum agent_id)a));
		for(int g = 0; g < AGENT_COUNT; g++)
			printf(" %10d", confusion[a][g]);
		printf("   %5.1f%%\n", n ? 100.0 * confusion[a][a] / n : 0.0);
	}
	return acc;
}

static int same(const struct classification *a, const struct classification *b)
{
	if(a->agent != b->agent || a->runner_up != b->runner_up || a->secondary != b->secondary ||
	   a->confidence != b->confidence || a->nkeywords != b->nkeywords ||
	   strcmp(a->urgency, b->urgency) || strcmp(a->reasoning, b->reasoning))
		return 0;
	for(int i = 0; i < AGENT_COUNT; i++)
		if(a->scores[i] != b->scores[i])
			return 0;
	for(int i = 0; i < a->nkeywords; i++)
		if(strcmp(a->keywords[i], b->keywords[i]))
			return 0;
	return 1;
}

static int well_formed(const struct classification *r)
{
	double sum = 0;
	for(int i = 0; i < AGENT_COUNT; i++) {
		if(!(r->scores[i] >= 0 && r->scores[i] <= 1))
			return 0;
		sum += r->scores[i];
	}
	return fabs(sum - 1) < 1e-9 && r->confidence >= 0 && r->confidence <= 1 &&
	       r->confidence == r->scores[r->agent] && r->urgency && r->nkeywords >= 0 &&
	       r->nkeywords <= 8 && r->reasoning[0] && r->runner_up != r->agent;
}

static void show(const char *q, const struct classification *r)
{
	printf("#   %-45s -> %s %.2f (runner-up %s, secondary %s, urgency %s) [", q,
	       agent_name(r->agent), r->confidence, agent_name(r->runner_up),
	       r->secondary == AGENT_NONE ? "none" : agent_name(r->secondary), r->urgency);
	for(int i = 0; i < r->nkeywords; i++)
		printf("%s%s", i ? ", " : "", r->keywords[i]);
	printf("] %s\n", r->reasoning);
}

static void unit_checks(const struct classifier *c)
{
	struct classification r, r2;
	char name[160];

	static const struct {
		const char *q;
		enum agent_id agent;
		enum agent_id secondary; /* AGENT_COUNT: do not care */
	} cases[] = {
		{"grease fire on the fryer", AGENT_SAFETY, AGENT_EQUIPMENT},
		{"walk-in cooler is at 50F should we toss food", AGENT_SAFETY, AGENT_COUNT},
		{"how do I clean the grill", AGENT_EQUIPMENT, AGENT_COUNT},
		{"teach new guy to clean the fryer", AGENT_TRAINING, AGENT_COUNT},
		{"sanitizer bucket strength", AGENT_SAFETY, AGENT_COUNT},
		{"FRYER SHOWING E-03 WONT HEAT", AGENT_EQUIPMENT, AGENT_COUNT},
		{"thanks!", AGENT_GENERAL, AGENT_NONE},
	};
	for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		classifier_classify(c, cases[i].q, &r);
		show(cases[i].q, &r);
		snprintf(name, sizeof(name), "\"%s\" goes to %s", cases[i].q, agent_name(cases[i].agent));
		check(r.agent == cases[i].agent, name);
		if(cases[i].secondary != AGENT_COUNT) {
			snprintf(name, sizeof(name), "\"%s\" consults %s too", cases[i].q,
			         cases[i].secondary == AGENT_NONE ? "no one" : agent_name(cases[i].secondary));
			check(r.secondary == cases[i].secondary, name);
		}
		snprintf(name, sizeof(name), "\"%s\": scores sum to 1, confidence in [0,1]", cases[i].q);
		check(well_formed(&r), name);
	}

	classifier_classify(c, "grease fire on the fryer", &r);
	check(!strcmp(r.urgency, "critical"), "a fire is critical");
	check(r.nkeywords > 0 && r.keywords[0][0], "keywords non-empty for a non-general question");
	classifier_classify(c, "fryer says e03", &r);
	check(r.nkeywords > 0 && strstr(r.reasoning, r.keywords[0]) != NULL,
	      "the reasoning names the deciding word");

	classifier_classify(c, "the Zorblat is beeping", &r);
	check(r.nunknown == 1 && strcmp(r.unknown[0], "zorblat") == 0,
	      "a word the model never saw is kept for the caller, lower-cased");
	classifier_classify(c, "fryer says e03", &r);
	check(r.nunknown == 0, "known words and short ones are not kept");

	classifier_classify(c, "Customer allergic reaction, throat closing, call 911 now", &r);
	classifier_classify(c, "Customer allergic reaction, throat closing, call 911 now", &r2);
	check(same(&r, &r2), "deterministic: same output twice");

	classifier_classify(c, "", &r);
	check(r.agent == AGENT_GENERAL && r.confidence < 0.5 && well_formed(&r),
	      "empty string -> general with low confidence");
	check(!strcmp(r.urgency, "low"), "empty string is low urgency");
	classifier_classify(c, NULL, &r);
	check(r.agent == AGENT_GENERAL, "NULL is taken as empty");

	/* bounded input: a long message is cut, not overrun */
	size_t big = 100000;
	char *long_text = malloc(big + 1);
	if(long_text) {
		for(size_t i = 0; i < big; i++)
			long_text[i] = "fryer E03 wont heat "[i % 20];
		long_text[big] = '\0';
		classifier_classify(c, long_text, &r);
		check(r.agent == AGENT_EQUIPMENT && well_formed(&r), "100 kB input is truncated and classified");
		free(long_text);
	}
	classifier_classify(c, "\xff\xfe\x01 $$$ --- '' \xc2\xb0\xc2\xb0 +++ %%% E- -E 99999999999999999999", &r);
	check(well_formed(&r), "garbage input is well-formed output");

	/* speed: < 50 microseconds per question */
	const char *qs[] = {"fryer wont heat after filtering", "how long can chili sit out at 120 degrees",
	                    "register short $20 after close", "quiz for new hires on the grill", "hello"};
	int n = 20000;
	double t0 = now_s();
	for(int i = 0; i < n; i++)
		classifier_classify(c, qs[i % 5], &r);
	double us = (now_s() - t0) / n * 1e6;
	printf("# %.2f us per question\n", us);
	/* Timings are reported, not judged: they belong to `make bench`. */
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("LINELEAD_DATA_DIR");
	char path[4096];
	struct classifier *c = NULL;
	if(!dir)
		dir = "data";

	/* DIR may be the data directory or the repository (as in `make check`) */
	char routing[2048];
	if(strlen(dir) > 1000) {
		fprintf(stderr, "test_classifier: directory name too long\n");
		return 1;
	}
	snprintf(routing, sizeof(routing), "%s/routing", dir);
	snprintf(path, sizeof(path), "%s/train.tsv", routing);
	if(access(path, R_OK) != 0)
		snprintf(routing, sizeof(routing), "%s/data/routing", dir);
	snprintf(path, sizeof(path), "%s/train.tsv", routing);
	/* the best of three loads: a busy CI machine should not fail the budget */
	double ms = 1e9;
	ll_result result = LL_OK;
	for(int i = 0; i < 3 && !result; i++) {
		classifier_free(c);
		c = NULL;
		double t0 = now_s();
		result = classifier_load(path, &c);
		double t = (now_s() - t0) * 1e3;
		if(t < ms)
			ms = t;
	}
	check(result == LL_OK && c, "load routing/train.tsv");
	if(result) {
		fprintf(stderr, "test_classifier: cannot load %s: %s\n", path, result_code(result));
		return 1;
	}
	printf("# trained in %.1f ms\n", ms);
	(void)ms;

	struct classifier *bad = NULL;
	check(classifier_load_buffer("query\tagent\nhello\tnobody\n", 25, &bad) == LL_ECONFIG && !bad,
	      "an unknown agent in training data is refused");
	check(classifier_load("/nonexistent/train.tsv", &bad) == LL_EIO && !bad, "a missing file is LL_EIO");

	unit_checks(c);

	snprintf(path, sizeof(path), "%s/heldout.tsv", routing);
	double held = evaluate(c, path, "heldout");
	check(held >= 95, "held-out routing accuracy >= 95%");

	/* the shared public examples sit beside the repository */
	const char *shared = getenv("LINELEAD_SHARED_EVAL");
	if(!shared) {
		snprintf(path, sizeof(path), "%s/../../../shared/eval/routing-examples.tsv", routing);
		shared = path;
	}
	double pub = evaluate(c, shared, "shared examples");
	if(pub < 0)
		printf("# shared examples not found at %s (skipped)\n", shared);
	const char *extra = getenv("LINELEAD_EXTRA_EVAL");
	if(extra && evaluate(c, extra, "extra") < 0) {
		printf("# cannot read LINELEAD_EXTRA_EVAL %s\n", extra);
		check(0, "LINELEAD_EXTRA_EVAL is readable");
	}

	classifier_free(c);
	return TAP_DONE();
}
