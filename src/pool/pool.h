/* pool.h - the master process of linelead-fcgi (after php-fpm).
 *
 * The master binds the FastCGI socket, drops privileges, forks the workers
 * and supervises them with an explicit state machine:
 *
 *   RUNNING    replace workers that exit (backoff when they crash quickly),
 *              kill workers stuck past the request time budget;
 *   RELOADING  (SIGHUP) re-read the configuration, start a new generation of
 *              workers, ask the old ones to finish their request and exit;
 *   DRAINING   (SIGTERM/SIGINT) ask every worker to finish and exit, escalate
 *              QUIT -> TERM -> KILL after shutdown_timeout_ms, then exit 0.
 *
 * Signal handlers only write a byte to a self-pipe; the loop acts on it.
 */
#ifndef LINELEAD_POOL_H
#define LINELEAD_POOL_H

#include "settings.h"

/* Runs the pool until it is told to stop; returns the process exit status.
 * config_path is re-read on SIGHUP; settings is taken over (freed by the pool). */
int pool_run(const char *config_path, struct settings *settings);

/* Opens the listening socket described by `listen` ("unix:/path" or
 * "host:port"); for a unix socket applies mode and owner.  Returns the fd or -1
 * with a message in err. */
int pool_listen(const struct settings *s, char *err, size_t errlen);

#endif
