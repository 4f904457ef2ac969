/* replay.c - runs a fuzz target over the files of its corpus, so `make
 * check` replays every input the fuzzers found interesting (curl-fuzzer's
 * way).  usage: replay-<target> FILE|DIR... */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long size;

	if(!f)
		return 1;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc(size > 0 ? (size_t)size : 1);
	if(!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t)size);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int files = 0, failed = 0;
	char corpus[4096];
	char *fallback[2];

	/* Under `make check`: the target's own corpus in the source tree. */
	if(argc < 2) {
		const char *top = getenv("LINELEAD_DATA_DIR");

		snprintf(corpus, sizeof(corpus), "%s/tests/fuzz/corpus/%s", top ? top : ".", FUZZ_NAME);
		fallback[0] = argv[0];
		fallback[1] = corpus;
		argv = fallback;
		argc = 2;
	}
	for(int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;

		if(stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: missing\n", argv[i]);
			return 1;
		}
		if(!S_ISDIR(st.st_mode)) {
			failed += replay_file(argv[i]);
			files++;
			continue;
		}
		d = opendir(argv[i]);
		while(d && (de = readdir(d)) != NULL) {
			char path[4096];

			if(de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			failed += replay_file(path);
			files++;
		}
		if(d)
			closedir(d);
	}
	printf("replayed %d corpus files, %d unreadable\n", files, failed);
	return failed ? 1 : 0;
}
