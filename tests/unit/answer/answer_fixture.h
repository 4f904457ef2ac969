/* answer_fixture.h - what the answer path's unit tests share: an arena, the
 * shipped crew words and emergencies (data/answers in the source tree,
 * TOP_SRCDIR, as the worker reads them from data_dir), and a hand-made
 * section read as the composer reads one.  Each test_<module>.c includes it
 * once; everything here is static to that program. */
#ifndef LINELEAD_TEST_ANSWER_FIXTURE_H
#define LINELEAD_TEST_ANSWER_FIXTURE_H

#include <string.h>

#include "answer/lexicon.h"
#include "answer/section.h"
#include "arena.h"

__attribute__((unused)) static struct arena arena;

/* The shipped lexicon (vocabulary.tsv, emergencies.tsv, known-words.txt),
 * or NULL when it does not load. */
static inline struct lexicon *fixture_lexicon(void)
{
	struct lexicon *lx = NULL;

	if(lexicon_load(TOP_SRCDIR "/data/answers", &lx) != LL_OK)
		return NULL;
	return lx;
}

/* A section of manual 7 ("safety", scored 0.8, covering the question)
 * read into its parts in the fixture's arena. */
static inline struct section make_section(const char *title, const char *path, const char *body)
{
	struct section s;

	memset(&s, 0, sizeof(s));
	s.document_id = 7;
	s.title = title;
	s.path = path;
	s.category = "safety";
	s.body = body;
	s.score = 0.8;
	s.coverage = 1;
	if(section_read(&arena, &s) != LL_OK)
		s.nparts = 0;
	return s;
}

#endif
