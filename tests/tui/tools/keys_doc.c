/* keys_doc.c: print docs/keys.md (or data/keys with --keys-file) from the tables */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "handoff/tui_action.h"
#include "handoff/tui_draw.h"

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--keys-file")) {
		hf_action_write_keys_file(stdout);
		return 0;
	}
	hf_action_write_markdown(stdout);
	fputs("\n## Colour roles\n\n"
	      "Views ask for these roles; a theme (`themes/NAME.theme`, or your own in\n"
	      "`~/.config/handoff/themes/NAME.theme`, chosen with `[ui] theme = NAME` or\n"
	      "`:theme NAME`) maps each to colours and attributes in git's colour syntax:\n\n"
	      "    [color]\n        selected = black cyan\n        bad = \"#d75f5f\" bold\n\n"
	      "| role | used for |\n|---|---|\n",
	      stdout);
	for (int r = 0; r < HF_COLOR__COUNT; r++)
		printf("| %s | %s |\n", hf_color_name((enum hf_color)r),
		       hf_color_help((enum hf_color)r));
	fputs("\nColours: `default`, `black`, `red`, `green`, `yellow`, `blue`, `magenta`, "
	      "`cyan`,\n"
	      "`white`, `bright<colour>`, `0`-`255`, `#rrggbb` (degraded to what the terminal "
	      "has).\n"
	      "Attributes: `bold`, `dim`, `ul`, `reverse`, `italic`, `blink`. With `NO_COLOR`,\n"
	      "`--no-color` or a terminal without colours the `mono` theme's attributes are "
	      "used.\n",
	      stdout);
	return 0;
}
