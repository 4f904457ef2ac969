/* child.h - a pool worker process: accept a FastCGI request, route it,
 * answer, then count and log it (after php-fpm's fpm_children). */
#ifndef LINELEAD_CHILD_H
#define LINELEAD_CHILD_H

#include "worker.h"

/* The worker process's main loop on listen_fd; returns the exit status.
 * Owns, for as long as it runs, the worker's key cache and request_log rows.
 * A pool worker (w->master set) finishes the request in hand and exits when
 * its master dies. */
int child_run(struct worker *w, int listen_fd);

#endif
