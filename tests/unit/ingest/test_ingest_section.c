/* test_ingest_section.c - ingest/ingest_section: the normalised text read
 * into sections of blocks.  Markdown headings make a path ("Cleaning >
 * Daily"); an ALL-CAPS line in plain text is a heading; a numbered list is
 * one block of steps even with blank lines between its steps; a bullet
 * list is a block; a line defining a fault code opens a section of its own
 * under the last heading. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest_section.h"

#include "../tap.h"

static int section_named(const struct parse *p, const char *label)
{
	for(int i = 0; i < p->nsections; i++)
		if(strcmp(p->sections[i], label) == 0)
			return i;
	return -1;
}

static const struct block *block_with(const struct parse *p, const char *text)
{
	for(size_t i = 0; i < p->nblocks; i++)
		if(strstr(p->blocks[i].text, text))
			return &p->blocks[i];
	return NULL;
}

static void parse(struct parse *p, struct arena *a, const char *text, enum ingest_format fmt,
                  ll_result *r)
{
	memset(p, 0, sizeof(*p));
	p->a = a;
	*r = ingest_parse_blocks(p, text, strlen(text), fmt);
}

int main(void)
{
	static const char md[] = "# Grill\n\nThe grill cooks patties.\n\n## Cleaning\n\n### Daily\n\n"
	                         "1. Turn it off.\n\n2. Scrape the plate.\n\n3. Wipe it down.\n\n"
	                         "- scraper\n- cloth\n";
	static const char txt[] = "Read this first.\n\nERROR CODES\n\nE03: Over-temperature. The plate "
	                          "is too hot.\n\n1. Press STOP.\n\nE04: Probe open.\n";
	struct arena a;
	struct parse p;
	const struct block *b;
	ll_result r;
	int daily, e03;

	arena_init(&a, 64 * 1024);
	parse(&p, &a, md, INGEST_MARKDOWN, &r);
	CHECK(r == LL_OK, "a Markdown manual parses");
	daily = section_named(&p, "Cleaning > Daily");
	CHECK(section_named(&p, "Grill") >= 0 && daily >= 0, "headings make a path: 'Cleaning > Daily'");
	b = block_with(&p, "Turn it off.");
	CHECK(b && b->kind == BLOCK_STEPS && strstr(b->text, "3. Wipe it down.") && b->section == daily,
	      "a numbered list with blank lines between its steps is one block of steps, in its section");
	b = block_with(&p, "scraper");
	CHECK(b && b->kind == BLOCK_BULLETS && strstr(b->text, "cloth"), "a bullet list is one block");
	b = block_with(&p, "cooks patties");
	CHECK(b && b->kind == BLOCK_PARA && b->words == 4, "a paragraph and its words");
	parse(&p, &a, txt, INGEST_TEXT, &r);
	CHECK(r == LL_OK, "a plain text manual parses");
	e03 = -1;
	for(int i = 0; i < p.nsections; i++)
		if(strstr(p.sections[i], "E03") && strstr(p.sections[i], "ERROR CODES"))
			e03 = i;
	CHECK(e03 >= 0, "a fault code opens a section of its own under the ALL-CAPS heading");
	b = block_with(&p, "Press STOP");
	CHECK(b && b->section == e03, "the code's steps are in the code's section");
	b = block_with(&p, "Probe open");
	CHECK(b && b->section != e03, "the next code is another section");
	arena_free(&a);
	return TAP_DONE();
}
