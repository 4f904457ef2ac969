/* capture.h - what a CLI command prints on stdout, for its unit tests. */
#ifndef LINELEAD_CAPTURE_H
#define LINELEAD_CAPTURE_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct worker;

/* Runs fn(w, argc, argv) with stdout in out (cut to outlen - 1 bytes);
 * returns its exit status, or -1 when stdout could not be redirected. */
static inline int capture(int (*fn)(struct worker *, int, char **), struct worker *w, int argc,
                          char **argv, char *out, size_t outlen)
{
	FILE *tmp = tmpfile();
	int saved = dup(1), status = -1;
	size_t n = 0;

	out[0] = '\0';
	if(!tmp || saved < 0)
		goto out;
	fflush(stdout);
	if(dup2(fileno(tmp), 1) < 0)
		goto out;
	status = fn(w, argc, argv);
	fflush(stdout);
	dup2(saved, 1);
	rewind(tmp);
	n = fread(out, 1, outlen - 1, tmp);
	out[n] = '\0';
out:
	if(saved >= 0)
		close(saved);
	if(tmp)
		fclose(tmp);
	return status;
}

#endif
