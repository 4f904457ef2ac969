/* main_fcgi.c - linelead-fcgi: the FastCGI pool. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "llm.h"
#include "log.h"
#include "pool.h"
#include "settings.h"

#define DEFAULT_CONFIG SYSCONFDIR "/linelead/linelead.conf"

static void usage(FILE *f)
{
	fprintf(f, "usage: linelead-fcgi [-c FILE] [-t] [-v]\n"
	           "  -c FILE  configuration file (default " DEFAULT_CONFIG ")\n"
	           "  -t       check the configuration and exit\n"
	           "  -v       print the version and exit\n");
}

int main(int argc, char **argv)
{
	const char *config = NULL;
	bool test_only = false;
	struct settings s;
	char err[512];
	int opt, fd;

	while((opt = getopt(argc, argv, "c:tvh")) != -1) {
		switch(opt) {
		case 'c': config = optarg; break;
		case 't': test_only = true; break;
		case 'v': printf("linelead-fcgi %s\n", VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if(settings_load(&s, config ? config : DEFAULT_CONFIG, config == NULL, err,
	                 sizeof(err)) != LL_OK) {
		fprintf(stderr, "linelead-fcgi: %s\n", err);
		return 1;
	}
	/* A bad LLM address is a configuration error, caught here rather than
	 * by workers failing to start one after another. */
	if(settings_llm_enabled(&s) &&
	   llm_check_url(s.llm_base_url, s.llm_allow_http, err, sizeof(err)) != LL_OK) {
		fprintf(stderr, "linelead-fcgi: llm_base_url: %s\n", err);
		settings_free(&s);
		return 1;
	}
	if(test_only) {
		printf("linelead-fcgi: configuration %s is valid\n",
		       config ? config : "(defaults)");
		settings_free(&s);
		return 0;
	}
	fd = 2;
	if(s.log_file[0]) {
		fd = open(s.log_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if(fd < 0) {
			fprintf(stderr, "linelead-fcgi: log_file %s: %s\n", s.log_file,
			        strerror(errno));
			settings_free(&s);
			return 1;
		}
	}
	log_setup((enum log_level)s.log_level, fd);
	/* Once, before any worker forks: libcurl's global state is not fork-safe
	 * to set up later. */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return pool_run(config ? config : DEFAULT_CONFIG, &s);
}
