/* keys_doc.c: print docs/keys.md from the action table (make update-keys-doc; checked by keys_doc.sh) */
#include "config.h"

#include <stdio.h>

#include "handoff/tui_action.h"

int main(void)
{
	hf_action_write_markdown(stdout);
	return 0;
}
