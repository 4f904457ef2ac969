/* test_answer.c - core/answer: the priorities a question is asked with. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "answer.h"

#include "../tap.h"

int main(void)
{
	static const char *const names[] = {"low", "normal", "high", "urgent"};
	bool round_trip = true;

	for(int p = PRIORITY_LOW; p <= PRIORITY_URGENT; p++)
		round_trip = round_trip && strcmp(priority_name((enum priority)p), names[p]) == 0 &&
		             priority_parse(names[p]) == p;
	CHECK(round_trip, "low, normal, high and urgent parse and print back");
	CHECK(priority_parse("asap") == -1 && priority_parse("") == -1, "anything else is -1");
	CHECK(PRIORITY_URGENT > PRIORITY_HIGH && PRIORITY_HIGH > PRIORITY_NORMAL,
	      "they are ordered");
	return TAP_DONE();
}
