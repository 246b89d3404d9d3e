/* fuzz_theme.c: libFuzzer target: any bytes as a theme file and as a style value */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handoff/tui_theme.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/hf-fuzz-theme-XXXXXX";
	int fd = mkstemp(path);
	struct hf_theme theme;
	struct hf_style style;
	char *value;

	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (hf_theme_load_file(path, &theme) == HF_OK)
		hf_theme_clear(&theme);
	unlink(path);
	value = malloc(size + 1);
	if (!value)
		abort();
	memcpy(value, data, size);
	value[size] = '\0';
	hf_style_parse(value, &style);
	free(value);
	return 0;
}
