/* action.c: the action table, key names and the keymap built from the table's default keys */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/conf.h"
#include "handoff/tui_action.h"
#include "handoff/tui_screen.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

const struct hf_action_info hf_action_table[] = {
#define ACTION_ROW(e, name, keys, help) {HF_ACTION_##e, name, keys, help},
	HF_ACTIONS(ACTION_ROW)
#undef ACTION_ROW
};
const size_t hf_action_count = sizeof(hf_action_table) / sizeof(hf_action_table[0]);

const struct hf_command_info hf_command_table[] = {
#define COMMAND_ROW(e, name, arg, help) {HF_COMMAND_##e, name, arg, help},
	HF_COMMANDS(COMMAND_ROW)
#undef COMMAND_ROW
};
const size_t hf_command_count = sizeof(hf_command_table) / sizeof(hf_command_table[0]);

enum hf_command hf_command_find(const char *name)
{
	if (!strcmp(name, "quit"))
		return HF_COMMAND_QUIT;
	for (size_t i = 0; i < hf_command_count; i++)
		if (!strcmp(hf_command_table[i].name, name))
			return hf_command_table[i].command;
	return HF_COMMAND_NONE;
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{"Space", ' '},	       {"Enter", HF_KEY_ENTER},		{"Esc", HF_KEY_ESC},
	{"Tab", HF_KEY_TAB},   {"BackTab", HF_KEY_BACKTAB},	{"Up", HF_KEY_UP},
	{"Down", HF_KEY_DOWN}, {"Left", HF_KEY_LEFT},		{"Right", HF_KEY_RIGHT},
	{"PgUp", HF_KEY_PGUP}, {"PgDn", HF_KEY_PGDN},		{"Home", HF_KEY_HOME},
	{"End", HF_KEY_END},   {"Backspace", HF_KEY_BACKSPACE}, {"Del", HF_KEY_DELETE},
	{"F1", HF_KEY_F1},
};

bool hf_action_is_edit(enum hf_action action)
{
	return action >= HF_ACTION_TICK && action <= HF_ACTION_TAG;
}

static bool edits_hidden;

void hf_action_hide_edits(bool hide)
{
	edits_hidden = hide;
}

bool hf_action_hidden(enum hf_action action)
{
	return edits_hidden && hf_action_is_edit(action);
}

enum hf_action hf_action_find(const char *name)
{
	for (size_t i = 0; i < hf_action_count; i++)
		if (!strcmp(hf_action_table[i].name, name))
			return hf_action_table[i].action;
	return HF_ACTION_NONE;
}

int hf_key_parse(const char *name)
{
	size_t len = strlen(name);
	unsigned int cp;

	if (len > 2 && name[0] == '<' && name[len - 1] == '>') {
		if (len == 5 && (name[1] == 'C' || name[1] == 'c') && name[2] == '-' &&
		    name[3] >= 'a' && name[3] <= 'z')
			return HF_KEY_CTRL(name[3]);
		for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
			if (strlen(named_keys[i].name) == len - 2 &&
			    !strncasecmp(named_keys[i].name, name + 1, len - 2))
				return named_keys[i].key;
		return hf_error(HF_EINVAL, "unknown key '%s'", name), -1;
	}
	if (len && hf_utf8_decode(name, len, &cp) == len && cp >= 0x20)
		return (int)cp;
	return hf_error(HF_EINVAL, "unknown key '%s'", name), -1;
}

void hf_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++) {
		if (named_keys[i].key == key) {
			snprintf(buf, n, "<%s>", named_keys[i].name);
			return;
		}
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, n, "<C-%c>", key + 'a' - 1);
		return;
	}
	if (key >= 0x20 && key < 0x80) {
		snprintf(buf, n, "%c", key);
		return;
	}
	if (key >= 0x80 && key < 0x110000) {
		char u[5] = {0};

		if (key < 0x800) {
			u[0] = (char)(0xC0 | (key >> 6));
			u[1] = (char)(0x80 | (key & 0x3F));
		} else if (key < 0x10000) {
			u[0] = (char)(0xE0 | (key >> 12));
			u[1] = (char)(0x80 | ((key >> 6) & 0x3F));
			u[2] = (char)(0x80 | (key & 0x3F));
		} else {
			u[0] = (char)(0xF0 | (key >> 18));
			u[1] = (char)(0x80 | ((key >> 12) & 0x3F));
			u[2] = (char)(0x80 | ((key >> 6) & 0x3F));
			u[3] = (char)(0x80 | (key & 0x3F));
		}
		snprintf(buf, n, "%s", u);
		return;
	}
	snprintf(buf, n, "<%d>", key);
}

struct binding {
	int key;
	enum hf_action action;
};
static struct binding *keymap;
static size_t nkeymap;

/* Keys of actions the user rebound (NULL: the table's default), by action. */
static char *bound[HF_ACTION__COUNT];

const char *hf_action_keys(enum hf_action action)
{
	if (action <= HF_ACTION_NONE || action >= HF_ACTION__COUNT)
		return "";
	return bound[action] ? bound[action] : hf_action_table[action - 1].keys;
}

static void keymap_build(void)
{
	size_t alloc = 0;

	free(keymap);
	keymap = NULL;
	nkeymap = 0;
	for (size_t i = 0; i < hf_action_count; i++) {
		const char *p = hf_action_keys(hf_action_table[i].action);

		while (*p) {
			size_t len = strcspn(p, " ");
			char *name = xstrndup(p, len);
			int key = hf_key_parse(name);

			free(name);
			if (key >= 0) {
				/* a key the user gave to this action leaves its default one */
				for (size_t k = 0; k < nkeymap; k++)
					if (keymap[k].key == key &&
					    bound[hf_action_table[i].action])
						keymap[k].key = -1;
				keymap = xgrow(keymap, nkeymap + 1, &alloc, sizeof(*keymap));
				keymap[nkeymap].key = key;
				keymap[nkeymap++].action = hf_action_table[i].action;
			}
			p += len;
			while (*p == ' ')
				p++;
		}
	}
}

enum hf_action hf_keymap_lookup(int key)
{
	enum hf_action found = HF_ACTION_NONE;

	if (!keymap)
		keymap_build();
	/* a rebound action wins over a default that shares the key */
	for (size_t i = 0; i < nkeymap; i++) {
		if (keymap[i].key != key)
			continue;
		if (bound[keymap[i].action])
			return keymap[i].action;
		if (found == HF_ACTION_NONE)
			found = keymap[i].action;
	}
	return found;
}

void hf_keymap_reset(void)
{
	for (int a = 0; a < HF_ACTION__COUNT; a++)
		HF_FREE(bound[a]);
	free(keymap);
	keymap = NULL;
	nkeymap = 0;
}

struct keys_load {
	const char *path;
	char ***warnings;
	size_t *nwarnings;
};

static void keys_warn(struct keys_load *kl, const char *key, const char *msg)
{
	*kl->warnings = xrealloc(*kl->warnings, (*kl->nwarnings + 1) * sizeof(**kl->warnings));
	(*kl->warnings)[(*kl->nwarnings)++] = xasprintf("%s: %s: %s", kl->path, key, msg);
}

static int keys_entry(const char *name, const char *value, void *data)
{
	struct keys_load *kl = data;
	size_t len = strlen(name);
	char *action_name, *p, *copy;
	enum hf_action a;
	bool ok = true;

	/* action.<name>.keys */
	if (strncmp(name, "action.", 7) || len < 13 || strcmp(name + len - 5, ".keys")) {
		keys_warn(kl, name, "unknown key (use [action \"NAME\"] keys = KEYS)");
		return 0;
	}
	action_name = xstrndup(name + 7, len - 12);
	a = hf_action_find(action_name);
	free(action_name);
	if (a == HF_ACTION_NONE) {
		keys_warn(kl, name, "no such action (see docs/keys.md)");
		return 0;
	}
	copy = xstrdup(value ? value : "");
	for (p = copy; *p;) {
		size_t n = strcspn(p, " \t");
		char *k = xstrndup(p, n);

		if (n && hf_key_parse(k) < 0) {
			keys_warn(kl, name, hf_last_error());
			ok = false;
		}
		free(k);
		p += n;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (ok) {
		free(bound[a]);
		bound[a] = copy;
	} else {
		free(copy);
	}
	return 0;
}

enum hf_status hf_keymap_load(const char *path, char ***warnings, size_t *nwarnings)
{
	struct keys_load kl = {path, warnings, nwarnings};
	struct stat st;
	enum hf_status rc;

	if (stat(path, &st))
		return HF_OK;
	rc = hf_conf_foreach(path, keys_entry, &kl);
	free(keymap);
	keymap = NULL;
	nkeymap = 0;
	return rc;
}

void hf_action_write_keys_file(FILE *out)
{
	fputs("# keys: the TUI's default keys, in the syntax of your own ~/.config/handoff/keys\n"
	      "# (generated from the action table: make update-keys-doc). Copy a section there\n"
	      "# and change its keys to rebind an action.\n",
	      out);
	for (size_t i = 0; i < hf_action_count; i++)
		fprintf(out, "[action \"%s\"]\n\tkeys = %s\n", hf_action_table[i].name,
			hf_action_table[i].keys);
}

void hf_action_write_markdown(FILE *out)
{
	fputs("<!-- keys.md: the TUI's keys, generated from the action table in "
	      "include/handoff/tui_action.h (make update-keys-doc) -->\n",
	      out);
	fputs("# handoff: keys of the TUI\n\n", out);
	fputs("Every key is bound to a named action; `?` in the TUI shows this table with the\n"
	      "keys in effect. Rebind an action in `~/.config/handoff/keys` (git-config syntax;\n"
	      "`data/keys` lists every default this way):\n\n"
	      "    [action \"move-down\"]\n        keys = j <Down> n\n\n",
	      out);
	fputs("| keys | action | what it does |\n|---|---|---|\n", out);
	for (size_t i = 0; i < hf_action_count; i++) {
		const struct hf_action_info *a = &hf_action_table[i];
		const char *p = a->keys;
		bool first = true;

		fputs("| ", out);
		while (*p) {
			size_t len = strcspn(p, " ");

			fprintf(out, "%s`%.*s`", first ? "" : " ", (int)len, p);
			first = false;
			p += len;
			while (*p == ' ')
				p++;
		}
		fprintf(out, " | %s | ", a->name);
		for (p = a->help; *p; p++) {
			if (*p == '|')
				fputs("\\|", out);
			else
				fputc(*p, out);
		}
		fputs(" |\n", out);
	}
	fputs("\n## Command line\n\n| command | what it does |\n|---|---|\n", out);
	for (size_t i = 0; i < hf_command_count; i++)
		fprintf(out, "| `:%s%s%s` | %s |\n", hf_command_table[i].name,
			hf_command_table[i].arg ? " " : "",
			hf_command_table[i].arg ? hf_command_table[i].arg : "",
			hf_command_table[i].help);
	fputs("\nMouse: a click selects a row or a view in the bottom line, the wheel scrolls.\n",
	      out);
}
