/* test_clock.c - base/clock: the monotonic clock never goes back and counts
 * real time; the wall clock is the epoch's. */
#include "config.h"

#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#include "../tap.h"

int main(void)
{
	double last = clock_mono(), t0, wall = clock_wall();
	bool forward = true;

	for(int i = 0; i < 100000; i++) {
		double now = clock_mono();

		forward = forward && now >= last;
		last = now;
	}
	CHECK(forward, "clock_mono never goes back (100000 readings)");
	t0 = clock_mono();
	usleep(50 * 1000);
	CHECK(clock_mono() - t0 >= 0.049 && clock_mono() - t0 < 5, "it counts a 50 ms sleep");
	CHECK(wall > (double)time(NULL) - 2 && wall < (double)time(NULL) + 2,
	      "clock_wall is seconds since the epoch");
	CHECK(clock_wall() - wall < 5 && clock_wall() != (double)(long)clock_wall() + 0.5,
	      "with a fraction of a second");
	return TAP_DONE();
}
