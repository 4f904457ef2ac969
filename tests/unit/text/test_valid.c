/* test_valid.c - text/valid: the UTF-8 and id checks every input goes
 * through (an overlong form or a surrogate is refused, a path-like id too). */
#include "config.h"

#include <string.h>

#include "valid.h"

#include "../tap.h"

#define UTF8(s) valid_utf8((s), sizeof(s) - 1)

int main(void)
{
	CHECK(UTF8("grill \xc3\xa9 \xe2\x82\xac \xf0\x9f\x8d\x94"), "2, 3 and 4 byte characters");
	CHECK(!UTF8("\xc0\xaf") && !UTF8("\xe0\x80\xaf"), "overlong forms are refused");
	CHECK(!UTF8("\xed\xa0\x80"), "a surrogate is refused");
	CHECK(!UTF8("caf\xc3") && !UTF8("\xe2\x82"), "a cut character is refused");
	CHECK(!UTF8("\xf4\x90\x80\x80") && !UTF8("\xff"), "past U+10FFFF and 0xFF are refused");
	CHECK(valid_utf8("", 0), "empty text is valid");
	CHECK(valid_utf8_length("h\xc3\xa9llo \xf0\x9f\x8d\x94", 11) == 7,
	      "length counts characters, not bytes");
	CHECK(valid_id("conv_abc-1.2", 64) && valid_id("a", 1), "an id of [A-Za-z0-9_.-]");
	CHECK(!valid_id(".", 64) && !valid_id("..", 64), "\".\" and \"..\" are not ids");
	CHECK(!valid_id("../etc", 64) && !valid_id("a b", 64) && !valid_id("", 64),
	      "a slash, a space or nothing are not");
	CHECK(!valid_id("abcdef", 5), "nor one over its maximum");
	return TAP_DONE();
}
