/* edgelog.c - count the errors nginx answered by itself, from its log. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edgelog.h"

void edgelog_init(struct edgelog *e, const char *path)
{
	memset(e, 0, sizeof(*e));
	e->fd = -1;
	edgelog_set_path(e, path);
}

void edgelog_set_path(struct edgelog *e, const char *path)
{
	path = path ? path : "";
	if(strcmp(path, e->path) == 0)
		return;
	edgelog_close(e);
	/* A path too long for the buffer is never a real nginx log: off. */
	if(strlen(path) >= sizeof(e->path))
		path = "";
	memcpy(e->path, path, strlen(path) + 1);
}

void edgelog_close(struct edgelog *e)
{
	if(e->fd >= 0)
		close(e->fd);
	e->fd = -1;
}

/* One whole line: its first field is the status. */
static void edgelog_line(const char *s, size_t len, uint64_t *counts)
{
	int status = 0;
	size_t i = 0;

	while(i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
		status = status * 10 + (s[i++] - '0');
	if(i != 3 || (i < len && s[i] != ' '))
		return;
	if(status >= EDGELOG_FIRST && status < EDGELOG_FIRST + EDGELOG_STATUSES)
		__atomic_add_fetch(&counts[status - EDGELOG_FIRST], 1, __ATOMIC_RELAXED);
}

/* Splits what was read into lines; keeps an unfinished one for next time. */
static void edgelog_feed(struct edgelog *e, const char *s, size_t len, uint64_t *counts)
{
	while(len) {
		const char *nl = memchr(s, '\n', len);
		size_t n = nl ? (size_t)(nl - s) : len;

		if(e->skipping || e->plen + n > sizeof(e->partial)) {
			e->skipping = nl == NULL;
			e->plen = 0;
		} else if(nl && e->plen) {
			memcpy(e->partial + e->plen, s, n);
			edgelog_line(e->partial, e->plen + n, counts);
			e->plen = 0;
		} else if(nl) {
			edgelog_line(s, n, counts);
		} else {
			memcpy(e->partial + e->plen, s, n);
			e->plen += n;
		}
		s += nl ? n + 1 : n;
		len -= nl ? n + 1 : n;
	}
}

/* Forgets the position: the file starts again (new, or truncated). */
static void edgelog_restart(struct edgelog *e)
{
	e->off = 0;
	e->plen = 0;
	e->skipping = 0;
}

/* Counts what the held file has past e->off, up to EDGELOG_READ_MAX. */
static void edgelog_read(struct edgelog *e, uint64_t *counts)
{
	char chunk[16384];
	size_t total = 0;

	while(total < EDGELOG_READ_MAX) {
		ssize_t n = pread(e->fd, chunk, sizeof(chunk), e->off);

		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0)
			break;
		e->off += n;
		total += (size_t)n;
		edgelog_feed(e, chunk, (size_t)n, counts);
	}
}

void edgelog_poll(struct edgelog *e, uint64_t *counts)
{
	struct stat named;
	struct stat held;

	if(!e->path[0])
		return;
	if(stat(e->path, &named) != 0) {
		if(e->fd >= 0)
			edgelog_read(e, counts);     /* renamed away, not yet replaced */
		return;
	}
	if(e->fd >= 0 && (named.st_dev != e->dev || named.st_ino != e->ino)) {
		/* Rotated: what nginx wrote to the old file first, then the new one. */
		edgelog_read(e, counts);
		edgelog_close(e);
	}
	if(e->fd >= 0 && named.st_size < e->off)
		edgelog_restart(e);                 /* truncated in place (copytruncate) */
	if(e->fd < 0) {
		e->fd = open(e->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if(e->fd < 0 || fstat(e->fd, &held) != 0) {
			edgelog_close(e);
			return;
		}
		e->dev = held.st_dev;
		e->ino = held.st_ino;
		edgelog_restart(e);
	}
	edgelog_read(e, counts);
}
