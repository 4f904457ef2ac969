/* test_edgelog.c - counting nginx's own errors from its log, a little at a
 * time: partial lines, junk, rotation, truncation. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edgelog.h"
#include "../tap.h"

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	if(f) {
		fputs(text, f);
		fclose(f);
	}
}

static uint64_t count(const uint64_t *counts, int status)
{
	return counts[status - EDGELOG_FIRST];
}

int main(void)
{
	char dir[] = "/tmp/linelead-edgelog-XXXXXX", path[256], old[256];
	uint64_t counts[EDGELOG_STATUSES] = {0};
	struct edgelog e;
	char big[600];

	if(!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/errors.log", dir);
	snprintf(old, sizeof(old), "%s/errors.log.1", dir);

	edgelog_init(&e, path);
	edgelog_poll(&e, counts);
	CHECK(e.fd < 0 && count(counts, 502) == 0, "a missing file counts nothing and is tried later");

	append(path, "502 aaaa 1.0\n502 bbbb 1.1\n504 cccc 1.2\n413 dd");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 502) == 2 && count(counts, 504) == 1, "whole lines are counted by status");
	CHECK(count(counts, 413) == 0, "a line not yet ended waits");
	append(path, "dd 1.3\n");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 413) == 1, "its end completes it");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 502) == 2 && count(counts, 413) == 1, "nothing new, nothing counted twice");

	memset(big, 'x', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	append(path, "200 ok 1\n5022 x 1\nabc\n\n");
	append(path, big);
	append(path, "500 eeee 1.4\n");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 500) == 1, "junk, a 2xx and an overlong line are skipped, the next line counts");

	/* logrotate: rename, nginx writes a last line to the old file, then the new one */
	rename(path, old);
	append(old, "503 ffff 1.5\n");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 503) == 1, "a renamed file is still read to its end");
	append(path, "502 gggg 1.6\n");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 502) == 3, "the new file is read from its start");

	/* copytruncate (noticed when the file is shorter than what was read,
	 * as tail -F does) */
	CHECK(truncate(path, 0) == 0, "truncate the log in place");
	append(path, "504 h 1\n");
	edgelog_poll(&e, counts);
	CHECK(count(counts, 504) == 2, "a file truncated in place is read again from its start");
	CHECK(count(counts, 502) == 3 && count(counts, 503) == 1, "nothing else counted twice");

	/* a restarted master counts the current file again: the same figures */
	{
		uint64_t again[EDGELOG_STATUSES] = {0};
		struct edgelog fresh;

		edgelog_init(&fresh, path);
		edgelog_poll(&fresh, again);
		CHECK(count(again, 504) == 1 && count(again, 502) == 0, "a new reader counts the current file");
		edgelog_set_path(&fresh, path);
		CHECK(fresh.fd >= 0, "setting the same path keeps the file open");
		edgelog_set_path(&fresh, "");
		edgelog_poll(&fresh, again);
		CHECK(fresh.fd < 0 && count(again, 504) == 1, "an empty path turns counting off");
		edgelog_close(&fresh);
	}
	edgelog_close(&e);
	unlink(path);
	unlink(old);
	rmdir(dir);
	return TAP_DONE();
}
