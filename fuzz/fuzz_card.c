/* fuzz_card.c: libFuzzer target: any bytes as a model card, a heading or the shipped checklist's shape never crash the readiness parsers */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/card.h"
#include "handoff/checklist.h"
#include "handoff/readiness.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hf_card_result r;
	struct hf_check_item *items = NULL;
	size_t n = 0;
	char *heading;

	if (!size)
		return 0;
	/* the first byte picks the parser, the rest is its input */
	switch (data[0] % 3) {
	case 0:
		hf_card_check((const char *)data + 1, size - 1, &r);
		for (int s = 0; s < HF_CARD_NSECTIONS; s++)
			if (r.empty[s] && !r.present[s])
				abort();
		break;
	case 1:
		heading = malloc(size);
		memcpy(heading, data + 1, size - 1);
		heading[size - 1] = '\0';
		if (hf_card_match_heading(heading) >= HF_CARD_NSECTIONS ||
		    hf_card_match_sections(heading) >> HF_CARD_NSECTIONS)
			abort();
		free(heading);
		break;
	default:
		if (hf_checklist_parse((const char *)data + 1, size - 1, "fuzz.json", &items, &n) == HF_OK)
			hf_check_items_free(items, n);
		break;
	}
	return 0;
}
