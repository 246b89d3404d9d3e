/* fuzz_sanitize.c: libFuzzer target: the sanitiser's output is valid UTF-8 with no control, bidi or separator characters */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/sanitize.h"
#include "handoff/width.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t i = 0;

	hf_strbuf_init(&sb);
	hf_sanitize_append(&sb, (const char *)data, size, 0);
	while (i < sb.len) {
		unsigned int cp;
		size_t n = hf_utf8_decode(sb.buf + i, sb.len - i, &cp);

		if (!n || cp < 0x20 || cp == 0x7f || hf_codepoint_hostile(cp))
			abort();
		i += n;
	}
	(void)hf_width(sb.buf);
	hf_strbuf_release(&sb);
	return 0;
}
