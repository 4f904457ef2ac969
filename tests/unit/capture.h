/* capture.h - what a CLI command or a program's main prints, for its unit
 * tests. */
#ifndef LINELEAD_CAPTURE_H
#define LINELEAD_CAPTURE_H

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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

/* Runs main_fn(argc, argv) (argv NULL-terminated) in a child with stdout
 * and stderr in out (cut to outlen - 1 bytes); returns its exit status,
 * or -1 when it could not be run or did not exit. */
static inline int capture_main(int (*main_fn)(int, char **), char **argv, char *out,
                               size_t outlen)
{
	int fds[2], status = -1, argc = 0;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	while(argv[argc])
		argc++;
	if(pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if(pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		status = main_fn(argc, argv);
		fflush(stdout);
		_exit(status);
	}
	close(fds[1]);
	while(len + 1 < outlen && (n = read(fds[0], out + len, outlen - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fds[0]);
	if(pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
