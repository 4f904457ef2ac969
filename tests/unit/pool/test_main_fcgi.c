/* test_main_fcgi.c - pool/main_fcgi, `linelead-fcgi` as an operator or a
 * unit file starts it: -v, -h, a wrong option, -t checking a configuration
 * (a bad LLM address caught before any worker starts), and a log file that
 * cannot be opened.  The .c is included with its main renamed; each run is a
 * child process, its output read back. */
#include "config.h"

#define main linelead_fcgi_main
int linelead_fcgi_main(int argc, char **argv);
#include "main_fcgi.c"
#undef main

#include <sys/wait.h>

#include "../capture.h"
#include "../tap.h"

static char out[4096];
static char dir[] = "/tmp/linelead-test-fcgi.XXXXXX";

/* Runs linelead-fcgi with argv (NULL-terminated); stdout and stderr in out. */
static int run(char **argv)
{
	return capture_main(linelead_fcgi_main, argv, out, sizeof(out));
}

#define FCGI(...) run((char *[]){"linelead-fcgi", __VA_ARGS__, NULL})

/* dir/name holding text; its path in path. */
static const char *conf(const char *name, const char *text, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	if(f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

int main(void)
{
	char good[128], llm[128], log[128], cmd[128];

	CHECK(FCGI("-v") == 0 && strstr(out, "linelead-fcgi " VERSION), "-v prints the version");
	CHECK(FCGI("-h") == 0 && strstr(out, "usage: linelead-fcgi"), "-h prints the usage");
	CHECK(FCGI("-x") == 2 && strstr(out, "usage:"), "a wrong option: usage, exit 2");
	if(!mkdtemp(dir))
		return TAP_DONE();
	conf("good.conf", "workers = 2\nlog_level = warn\n", good, sizeof(good));
	CHECK(FCGI("-c", good, "-t") == 0 && strstr(out, "is valid"),
	      "-t accepts a good configuration and exits 0");
	CHECK(FCGI("-c", "/nonexistent/linelead.conf", "-t") == 1,
	      "-t on a file that cannot be read: exit 1");
	conf("bad.conf", "workers = lots\n", good, sizeof(good));
	CHECK(FCGI("-c", good, "-t") == 1 && strstr(out, "workers"),
	      "-t on a bad value: exit 1, naming the key");
	conf("llm.conf", "llm_base_url = http://models.example.com/v1\n", llm, sizeof(llm));
	CHECK(FCGI("-c", llm, "-t") == 1 && strstr(out, "llm_base_url"),
	      "plain http to a remote model is refused before any worker starts");
	conf("log.conf", "log_file = /nonexistent/dir/linelead.log\n", log, sizeof(log));
	CHECK(FCGI("-c", log) == 1 && strstr(out, "log_file"),
	      "a log file that cannot be opened: exit 1, saying so");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if(system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return TAP_DONE();
}
