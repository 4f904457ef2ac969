/* clock.h - the two clocks every layer reads (the clock lives at the bottom,
 * as nginx's ngx_times.h lives in core/, so that nothing below http includes
 * http for the time).
 */
#ifndef LINELEAD_CLOCK_H
#define LINELEAD_CLOCK_H

/* Monotonic seconds: durations, deadlines, budgets.  Never goes back. */
double clock_mono(void);

/* Wall-clock seconds since the epoch: what is shown, stored or compared
 * across processes (the scoreboard's "since", uptime, breaker deadlines). */
double clock_wall(void);

#endif
