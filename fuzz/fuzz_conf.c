/* fuzz_conf.c: libFuzzer target: any bytes as a config file load with warnings or fail with a message */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handoff/conf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/hf-fuzz-conf-XXXXXX";
	int fd = mkstemp(path);
	struct hf_conf conf;

	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (hf_conf_load(path, &conf) == HF_OK)
		hf_conf_clear(&conf);
	unlink(path);
	return 0;
}
