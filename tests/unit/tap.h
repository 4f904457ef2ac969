/* tap.h - the smallest test protocol: "ok N - what" / "not ok N - what",
 * a summary, and a non-zero exit when anything failed. */
#ifndef LINELEAD_TAP_H
#define LINELEAD_TAP_H

#include <stdio.h>

static int tap_n, tap_failed;

/* cond is evaluated once: it may have side effects (allocations). */
#define CHECK(cond, ...) do { \
	int tap_ok_ = (cond) ? 1 : 0; \
	tap_n++; \
	if(tap_ok_) { printf("ok %d - ", tap_n); } \
	else { tap_failed++; printf("not ok %d - ", tap_n); } \
	printf(__VA_ARGS__); \
	if(!tap_ok_) printf("  [%s:%d: %s]", __FILE__, __LINE__, #cond); \
	printf("\n"); \
} while(0)

#define TAP_DONE() (printf("1..%d\n# %d passed, %d failed\n", tap_n, tap_n - tap_failed, tap_failed), tap_failed ? 1 : 0)

#endif
