/* path_lean.c - what a question takes from the text before it (see
 * path_lean.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "answer/ask_time.h"
#include "answer/path_lean.h"
#include "text/terms.h"

/* What a follow-up takes from the turns before: "and chicken?" asks what
 * they asked ("how hot"), "it came back" is about the code they named. */
static void inherit(struct ask *ask, const struct ask *before)
{
	/* "where does it go" asks a place of its own, never the figure before */
	if(ask->kind == ASKED_PROCEDURE && ask->figure == FIGURE_NONE &&
	   !strcasestr(ask->text, "where")) {
		ask->kind = before->kind;
		ask->figure = before->figure;
		ask->figure_inherited = ask->figure != FIGURE_NONE;
	}
	/* "how long do i wash || and how much of that is scrubbing": the same
	 * figure, a share of it */
	if(ask->figure == FIGURE_AMOUNT && before->figure != FIGURE_NONE &&
	   strcasestr(ask->text, "how much of"))
		ask->figure = before->figure;
	if(ask->ncodes == 0) {
		memcpy(ask->codes, before->codes, sizeof(ask->codes));
		ask->ncodes = before->ncodes;
	}
	/* "cooling chili || 2 hrs in and its at 90": still food being cooled */
	ask->cooling |= before->cooling;
	ask->heating |= before->heating && !ask->cooling;
	/* "register frozen || cables look fine || still frozen": what the crew
	 * found fine earlier stays ruled out (an emergency rules nothing out) */
	const struct terms *fine = &before->ruled_out;

	for(int i = 0; ask->nemergency == 0 && i < fine->n; i++)
		if(!terms_match(&ask->ruled_out, fine->term[i], NULL))
			terms_add(&ask->ruled_out, fine, i, fine->weight[i]);
	/* "walk in reading 46 || no clue when it started": the reading still stands */
	if(ask->reading == 0 && before->reading > 0) {
		ask->reading = before->reading;
		ask->subject = before->subject;
		if(ask->figure == FIGURE_NONE) {
			ask->figure = FIGURE_TEMPERATURE;
			ask->figure_inherited = true;
		}
		if(ask->kind == ASKED_PROCEDURE)
			ask->kind = ASKED_DECISION;
	}
	if(ask->elapsed == 0) {
		ask->elapsed = before->elapsed;
		ask->start = before->start;
	}
	/* "made chicken salad monday || whats the last day": the day it was
	 * made (and the day it is now) still stand */
	if(ask->made == 0 && ask->made_weekday == 0) {
		ask->made = before->made;
		ask->made_weekday = before->made_weekday;
	}
	if(ask->today == 0 && ask->today_weekday == 0) {
		ask->today = before->today;
		ask->today_weekday = before->today_weekday;
	}
}

void path_lean_on(const struct lexicon *lx, struct ask *ask, const char *earlier)
{
	struct terms prior;
	struct ask before;

	ask->followup = true;
	earlier += strspn(earlier, " ");  /* the turn as asked: "what ..." starts it */
	terms_of(earlier, &prior);
	ask_understand(lx, earlier, &before);
	inherit(ask, &before);
	/* "power went out at 9 || its 2 now": the time runs across the turns */
	if(ask->elapsed == 0) {
		char thread[1024];

		snprintf(thread, sizeof(thread), "%s %s", earlier, ask->text);
		ask->elapsed = ask_elapsed(thread, &ask->start);
	}
	if(ask->nemergency == 0 && before.nemergency > 0) {
		/* "what do i put on a burn || it stopped stinging, can i stop the water": the
		 * thread is still the emergency, its procedure still leads */
		memcpy(ask->emergency, before.emergency, sizeof(ask->emergency));
		ask->nemergency = before.nemergency;
	}
	for(int i = 0; i < ask->terms.n; i++)
		if(!terms_match(&prior, ask->terms.term[i], NULL))
			ask->terms.weight[i] *= 2;
		else
			ask->earlier |= 1u << i;
	for(int i = 0; i < prior.n; i++)
		if(!terms_match(&ask->terms, prior.term[i], NULL) && ask->terms.n < TERMS_MAX) {
			ask->earlier |= 1u << ask->terms.n;
			terms_add(&ask->terms, &prior, i, prior.weight[i] * 0.5);
		}
}
