/* edgelog.h - counts the errors nginx answered by itself (the edge), from the
 * small log its JSON error pages write (nginx/snippets/linelead-errors.conf,
 * log format linelead_errors: "<status> <request_id> <msec>" a line).
 *
 * A 502 or 504 that nginx makes never reaches a worker, so the pool's own
 * counters cannot see it; the master reads this file instead, a little at a
 * time in its loop, and keeps the counts in the scoreboard for /metrics.
 * The whole current file is counted from its start, so a restarted master
 * finds the same counts again; a rotated file (another inode, or shorter than
 * what was read) is reopened from its start and its lines are added.
 */
#ifndef LINELEAD_EDGELOG_H
#define LINELEAD_EDGELOG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Statuses 400..599 are counted; counts[status - EDGELOG_FIRST]. */
#define EDGELOG_FIRST 400
#define EDGELOG_STATUSES 200
/* What one edgelog_poll reads at most, so the master's loop stays short. */
#define EDGELOG_READ_MAX (256 * 1024)

struct edgelog {
	char path[512];        /* "" = off */
	int fd;                /* -1 until the file exists */
	dev_t dev;
	ino_t ino;
	off_t off;             /* bytes of the file read so far */
	char partial[128];     /* the start of a line not yet ended */
	size_t plen;
	int skipping;          /* a line longer than partial: ignored to its end */
};

/* path (copied; NULL or "" = off) is the file to read.  Setting the path
 * it already has changes nothing; another one starts over with that file. */
void edgelog_init(struct edgelog *e, const char *path);
void edgelog_set_path(struct edgelog *e, const char *path);
/* Reads what was appended since the last call and adds one to
 * counts[status - EDGELOG_FIRST] per complete line (atomically: workers read
 * the counts meanwhile).  A missing or unreadable file is tried again next
 * time. */
void edgelog_poll(struct edgelog *e, uint64_t *counts);
void edgelog_close(struct edgelog *e);

#endif
