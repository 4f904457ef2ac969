/* ingest_tool.c - the converters' tools run under limits; pdftotext. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "result.h"
#include "ingest_ocr.h"
#include "ingest_tool.h"

/* The TSV of a PDF's words is this many times its text at most. */
#define PDF_TSV_PER_TEXT 8

/* Limits of a tool (pdftotext, pdfinfo, ...) run on an uploaded file:
 * wall clock, CPU time (the kernel's backstop) and address space. */
#define TOOL_TIMEOUT_S 30
#define TOOL_CPU_SECONDS 30
#define TOOL_MEMORY_BYTES (1024UL * 1024 * 1024)

/* In the child, before exec: a tool must not outlive the process that runs
 * it (a worker killed mid-ingest, or the CLI), nor take more than its share.
 * PR_SET_PDEATHSIG kills it when the parent dies; the getppid() check covers a
 * parent that died before the prctl.  RLIMIT_CPU backs the wall-clock limit
 * of run_tool, RLIMIT_AS bounds a hostile PDF's memory.  Any failure exits:
 * a tool without its limits does not run. */
static void tool_child_limits(pid_t parent)
{
	struct rlimit cpu = {TOOL_CPU_SECONDS, TOOL_CPU_SECONDS + 1};
	struct rlimit mem = {TOOL_MEMORY_BYTES, TOOL_MEMORY_BYTES};
	struct rlimit none = {0, 0};

	if(prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		_exit(126);
	if(setrlimit(RLIMIT_CPU, &cpu) != 0 || setrlimit(RLIMIT_AS, &mem) != 0 ||
	   setrlimit(RLIMIT_CORE, &none) != 0)
		_exit(126);
}

/* The child's side of run_tool: limits, stdin from in_fd (or /dev/null),
 * stdout to the pipe, stderr to /dev/null, then exec. */
static void tool_child(char *const argv[], int in_fd, int out_fd, pid_t parent)
{
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

	tool_child_limits(parent);
	if(devnull < 0 || dup2(in_fd >= 0 ? in_fd : devnull, 0) < 0 || dup2(out_fd, 1) < 0 ||
	   dup2(devnull, 2) < 0)
		_exit(126);
	execvp(argv[0], argv);
	_exit(127);
}

/* Runs a poppler tool (argv[0] found on PATH; fork/exec, no shell) with
 * in_fd (or /dev/null) as its standard input, and appends its standard
 * output to out.  LL_EIO when it fails or takes over TOOL_TIMEOUT_S. */
static ll_result run_tool(char *const argv[], int in_fd, struct buf *out)
{
	int fds[2] = {-1, -1};
	pid_t pid = -1, parent = getpid();
	char chunk[65536];
	time_t deadline = time(NULL) + TOOL_TIMEOUT_S;
	int status = 0;
	ll_result result = LL_OK;

	if(pipe2(fds, O_CLOEXEC) != 0) {
		result = LL_EIO;
		goto out;
	}
	pid = fork();
	if(pid < 0) {
		result = LL_EIO;
		goto out;
	}
	if(pid == 0)
		tool_child(argv, in_fd, fds[1], parent);
	close(fds[1]);
	fds[1] = -1;
	for(;;) {
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if(left <= 0) {
			result = LL_EIO;
			break;
		}
		if(poll(&pfd, 1, left * 1000) <= 0) {
			if(errno == EINTR)
				continue;
			result = LL_EIO;
			break;
		}
		n = read(fds[0], chunk, sizeof(chunk));
		if(n < 0 && errno == EINTR)
			continue;
		if(n <= 0)
			break;
		result = buf_append(out, chunk, (size_t)n);
		if(result)
			break;
	}
out:
	if(fds[0] >= 0)
		close(fds[0]);
	if(fds[1] >= 0)
		close(fds[1]);
	if(pid > 0) {
		if(result)
			kill(pid, SIGKILL);
		while(waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if(!result && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
			result = LL_EIO;
	}
	return result;
}

ll_result ingest_run_tool(char *const argv[], int in_fd, struct buf *out)
{
	return run_tool(argv, in_fd, out);
}

/* Each page of pdftotext's TSV (a row of level 1 opens a page) laid out
 * by ingest_ocr_layout, a form feed after it as pdftotext -layout ends a
 * page. */
static ll_result lay_out_pages(const char *tsv, size_t len, struct buf *out)
{
	ll_result result = LL_OK;
	size_t page = 0;

	for(size_t i = 0; i <= len && !result;) {
		const char *nl = i < len ? memchr(tsv + i, '\n', len - i) : NULL;

		if(i == len || (i > page && strncmp(tsv + i, "1\t", 2) == 0)) {
			result = ingest_ocr_layout(tsv + page, i - page, out);
			if(!result && i > 0)
				result = buf_append(out, "\f", 1);
			page = i;
		}
		i = nl ? (size_t)(nl - tsv) + 1 : len + (i == len);
	}
	return result;
}

ll_result ingest_pdf_text_fd(int fd, struct buf *out)
{
	char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-tsv", "-", "-", NULL};
	struct buf tsv;
	ll_result result;

	if(lseek(fd, 0, SEEK_SET) != 0)
		return LL_EIO;
	buf_init(&tsv, out->limit > SIZE_MAX / PDF_TSV_PER_TEXT ? SIZE_MAX
	                                                          : out->limit * PDF_TSV_PER_TEXT);
	result = run_tool(argv, fd, &tsv);
	if(!result && tsv.len)
		result = lay_out_pages(buf_str(&tsv), tsv.len, out);
	buf_free(&tsv);
	return result;
}

ll_result ingest_pdf_text(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ll_result result;

	if(fd < 0)
		return LL_EIO;
	result = ingest_pdf_text_fd(fd, out);
	close(fd);
	return result;
}
