/* test_rank.c - answer/rank: the learned ranker.  Its weights file read by
 * name (an unknown feature or a weight that is no number refused), and the
 * shipped weights (data/answers/ranker.tsv) putting the section a question
 * asks about above one it does not name, with scores in (0, 1). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask.h"
#include "answer/rank.h"
#include "answer_fixture.h"
#include "buf.h"
#include "../tap.h"

static void test_ranker_format(void)
{
	struct ranker r;

	CHECK(ranker_parse("# w\nbias\t-1.5\nheading\t2\n", &r) == LL_OK && r.w[F_BIAS] == -1.5 && r.w[F_HEADING] == 2,
	      "weights by name");
	CHECK(ranker_parse("no_such_feature\t1\n", &r) == LL_EINVAL, "an unknown feature is an error");
	CHECK(ranker_parse("bias\tx\n", &r) == LL_EINVAL, "a weight must be a number");
}

/* The shipped weights, on two sections of one manual. */
static void test_shipped_ranker(const struct lexicon *lx)
{
	struct ranker r;
	struct buf w;
	struct section s[2];
	struct ask q;
	double f[RANK_FEATURES] = {0};

	buf_init(&w, 1 << 20);
	CHECK(buf_read_file(&w, TOP_SRCDIR "/data/answers/ranker.tsv") == LL_OK &&
	      ranker_parse(buf_str(&w), &r) == LL_OK, "the shipped weights parse");
	buf_free(&w);
	CHECK(rank_score(&r, f) > 0 && rank_score(&r, f) < 1, "a score is in (0, 1)");
	s[0] = make_section("Fryer", "Cleaning the Grill Plates", "Scrape the plates while warm.\n");
	s[1] = make_section("Fryer", "Filtering the Oil", "Filter the oil every day.\n\n"
	                    "1. Turn the fryer off.\n2. Open the drain valve.\n3. Run the filter pump.\n");
	s[0].rank = 0;
	s[1].rank = 1;
	ask_understand(lx, "how do i filter the fryer oil", &q);
	rank_sections(&r, NULL, &q, AGENT_EQUIPMENT, s, 2, NULL);
	CHECK(strcmp(s[0].path, "Filtering the Oil") == 0 && s[0].score > s[1].score,
	      "the section whose heading and steps the question names ranks first");
	CHECK(s[1].score > 0 && s[0].score < 1, "scores stay in (0, 1)");
	{
		struct section t = make_section("Roller grill", "Troubleshooting > Sausages bursting",
		                                "-> Rollers too hot.\n-> Lower the COOK setting.\n");
		double idf[TERMS_MAX], feat[RANK_FEATURES];

		ask_understand(lx, "sausages bursting on the rollers", &q);
		rank_rarity(&q, &t, 1, idf);
		rank_features(&q, &t, AGENT_EQUIPMENT, idf, NULL, feat);
		CHECK(feat[F_PART_BEST] > 0.9, "a fix is read under its symptom's heading: %.2f",
		      feat[F_PART_BEST]);
	}
	{
		/* "closer never showed || phoned him two times, now what": a
		 * follow-up still about what the turn before named */
		struct section t[2] = {
		        make_section("Staffing", "No-Shows", "When the closer does not show, phone "
		                     "him, then find cover.\n"),
		        make_section("Scale", "Calibration", "Press MENU two times, then weigh.\n")};
		double idf[TERMS_MAX], feat[2][RANK_FEATURES];

		ask_understand(lx, "phoned him two times now what closer showed", &q);
		q.followup = true;
		q.earlier = terms_match(&q.terms, "closer showed", NULL);
		rank_rarity(&q, t, 2, idf);
		rank_features(&q, &t[0], AGENT_OPERATIONS, idf, NULL, feat[0]);
		rank_features(&q, &t[1], AGENT_OPERATIONS, idf, NULL, feat[1]);
		CHECK(feat[0][F_THREAD] > 0.4 && !feat[0][F_THREAD_NONE] && !feat[1][F_THREAD] &&
		      feat[1][F_THREAD_NONE],
		      "a follow-up's sections are told by the earlier turn's words they hold");
		CHECK(r.w[F_THREAD] > 0 && r.w[F_THREAD_NONE] < 0,
		      "the shipped weights favour a section that keeps the thread");
	}
	{
		/* a maker's manual answers only a question naming its machine or maker */
		struct section t[2] = {
		        make_section("Brimvale PX-40 Cabinet Manual", "Overview",
		                     "Dough proofs in 40 minutes.\n"),
		        make_section("Dough Handling", "Proofing Dough", "Proof dough 40 minutes.\n")};
		double idf[TERMS_MAX], feat[2][RANK_FEATURES];

		ask_understand(lx, "how long does dough proof", &q);
		rank_rarity(&q, t, 2, idf);
		rank_features(&q, &t[0], AGENT_OPERATIONS, idf, NULL, feat[0]);
		rank_features(&q, &t[1], AGENT_OPERATIONS, idf, NULL, feat[1]);
		CHECK(feat[0][F_MAKER_UNNAMED] && !feat[1][F_MAKER_UNNAMED] &&
		      r.w[F_MAKER_UNNAMED] < 0,
		      "a maker's manual the question never names weighs against it");
		ask_understand(lx, "brimvale cabinet, minutes to proof dough?", &q);
		t[0].matched = false;
		rank_rarity(&q, t, 1, idf);
		rank_features(&q, &t[0], AGENT_OPERATIONS, idf, NULL, feat[0]);
		CHECK(!feat[0][F_MAKER_UNNAMED], "named by its maker, it does not");
	}
	CHECK(strcmp(rank_feature_name(F_HEADING), "heading") == 0 &&
	      strcmp(rank_feature_name(F_BIAS), "bias") == 0, "features are named as the weights file names them");
}

int main(void)
{
	struct lexicon *lx;

	arena_init(&arena, 64 * 1024);
	test_ranker_format();
	lx = fixture_lexicon();
	CHECK(lx != NULL, "the shipped data/answers lexicon loads");
	if(lx)
		test_shipped_ranker(lx);
	lexicon_free(lx);
	arena_free(&arena);
	return TAP_DONE();
}
