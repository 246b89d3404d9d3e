/* tui_action.h: the TUI's named actions and their default keys (one table for keys, help, docs) */
#ifndef HANDOFF_TUI_ACTION_H
#define HANDOFF_TUI_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "handoff/status.h"

/*
 * Keys map to actions; views handle actions. The table below is the one
 * list: the keymap, the ? help screen and docs/keys.md all come from it.
 * X(ENUM, "name", "default keys separated by spaces", "help")
 */
#define HF_ACTIONS(X)                                                                              \
	X(VIEW_POD, "view-pod", "1", "Show the pod screen")                                        \
	X(VIEW_MODELS, "view-models", "2", "Show every model")                                     \
	X(VIEW_READINESS, "view-readiness", "3", "Show open readiness items across the pod")       \
	X(VIEW_ONCALL, "view-oncall", "4", "Show on-call rotations and the next two weeks")        \
	X(VIEW_SPRINT, "view-sprint", "5", "Show the sprint board, capacity and burndown")         \
	X(VIEW_ACTIVITY, "view-activity", "6",                                                     \
	  "Show the timeline of commits and registry changes")                                     \
	X(VIEW_LOG, "view-log", "7", "Show sync runs, errors and warnings")                        \
	X(VIEW_NEXT, "view-next", "<Tab>", "Switch to the next view")                              \
	X(VIEW_PREV, "view-prev", "<BackTab>", "Switch to the previous view")                      \
	X(MOVE_DOWN, "move-down", "j <Down>", "Select the next row")                               \
	X(MOVE_UP, "move-up", "k <Up>", "Select the previous row")                                 \
	X(PAGE_DOWN, "page-down", "<PgDn> <C-f>", "Move down one page")                            \
	X(PAGE_UP, "page-up", "<PgUp> <C-b>", "Move up one page")                                  \
	X(MOVE_FIRST, "move-first", "g <Home>", "Select the first row")                            \
	X(MOVE_LAST, "move-last", "G <End>", "Select the last row")                                \
	X(ENTER, "enter", "<Enter>", "Open the selected row")                                      \
	X(BACK, "back", "<Esc>", "Clear the filter, else go back a view")                          \
	X(QUIT, "quit", "q", "Clear the filter, else go back; on the pod screen, quit")            \
	X(QUIT_NOW, "quit-now", "<C-c>", "Quit at once")                                           \
	X(FILTER, "filter", "/", "Filter as you type (Esc clears, a leading ! excludes)")          \
	X(PROMPT, "prompt", ":", "Open the command line (its commands are listed below)")          \
	X(HELP, "help", "? <F1>", "Show every key (searchable with /)")                            \
	X(SYNC, "sync", "r", "Sync every source now, in the background")                           \
	X(GROUP, "group", "o", "Readiness: group by owner or by role")                             \
	X(SORT, "sort", "s", "Models: sort by name, stage, readiness, blockers or missed SLOs")    \
	X(MODELS_ALL, "models-all", "a",                                                           \
	  "Models: also list registered models no pod file names (again: the pod's only)")         \
	X(REDRAW, "redraw", "<C-l>", "Redraw the screen")                                          \
	X(INBOX, "inbox", "i",                                                                     \
	  "Show your inbox: what changed on your models since you last looked ([user] handle)")    \
	X(MINE, "mine", "M", "Show what is yours to do, what blocks most first ([user] handle)")   \
	X(MARK, "mark", "v",                                                                       \
	  "Model: mark the selected version to compare (two at most: a third drops the older mark)") \
	X(COMPARE, "compare", "=",                                                                 \
	  "Model: compare the two marked versions (one: with the champion; none: the candidate)")  \
	X(HIDE_EQUAL, "hide-equal", "e", "Compare: hide the rows equal on both sides (again: show them)") \
	X(TICK, "tick", "x", "Mark the selected checklist item done (asks for the evidence link)")  \
	X(WAIVE, "waive", "w", "Waive the selected checklist item (asks why)")                     \
	X(REOPEN, "reopen", "u", "Put the selected checklist item back to todo")                   \
	X(NOTE, "note", "n", "Write a note beside the selected checklist item")                    \
	X(ITEM_MOVE, "move", "m", "Sprint: move the selected item to another status")              \
	X(ITEM_ASSIGN, "assign", "@", "Sprint: give the selected item to a member of the pod")     \
	X(ITEM_POINTS, "points", "p", "Sprint: resize the selected item")                          \
	X(ITEM_BLOCK, "block", "b", "Sprint: mark the selected item blocked by another (empty: unblock)") \
	X(ITEM_ADD, "add", "A", "Sprint: add an item (TITLE points=N kind=K owner=H)")             \
	X(ITEM_REMOVE, "remove", "D", "Sprint: take the selected item out of the sprint")          \
	X(CAPACITY, "capacity", "c", "Sprint: set the selected person's capacity")                 \
	X(OVERRIDE, "override", "O", "On call: take the selected shift (asks FROM TO [REASON])")   \
	X(PROMOTE, "promote", "P", "Model: move the serving alias to the selected version (gate first)") \
	X(TAG, "tag", "t", "Model: set a tag on the selected version (KEY=VALUE)")

enum hf_action {
	HF_ACTION_NONE = 0,
#define HF_ACTION_ENUM(e, name, keys, help) HF_ACTION_##e,
	HF_ACTIONS(HF_ACTION_ENUM)
#undef HF_ACTION_ENUM
		HF_ACTION__COUNT
};

struct hf_action_info {
	enum hf_action action;
	const char *name;
	const char *keys; /* default keys, e.g. "j <Down>" */
	const char *help;
};

/*
 * The ':' command line's commands, the one table for running them, the help
 * and docs/keys.md: X(ENUM, "name", "argument or NULL", "help").
 */
#define HF_COMMANDS(X)                                                                             \
	X(SYNC, "sync", NULL, "sync every source now, in the background")                          \
	X(THEME, "theme", "NAME", "switch colours: dark, light, high-contrast, mono or your own")  \
	X(VIEW, "view", "NAME",                                                                    \
	  "open a view: pod, models, readiness, on-call, sprint, activity, log, inbox, mine")      \
	X(DUMP_SCREEN, "dump-screen", "FILE",                                                      \
	  "write the screen as text to FILE (for bug reports)")                                    \
	X(INBOX, "inbox", NULL, "open your inbox (what changed on your models; marks it read)")    \
	X(MINE, "mine", NULL, "open what is yours to do")                                          \
	X(HELP, "help", NULL, "show every key and command")                                        \
	X(PUSH, "push", NULL, "send the actions waiting in the outbox now")                        \
	X(COMPARE, "compare", "[V1] [V2]",                                                         \
	  "in a model: compare versions V1 and V2 (V2 alone: with the champion; none: as =)")      \
	X(QUIT, "q", NULL, "quit (also :quit)")

enum hf_command {
	HF_COMMAND_NONE = 0,
#define HF_COMMAND_ENUM(e, name, arg, help) HF_COMMAND_##e,
	HF_COMMANDS(HF_COMMAND_ENUM)
#undef HF_COMMAND_ENUM
		HF_COMMAND__COUNT
};

struct hf_command_info {
	enum hf_command command;
	const char *name;
	const char *arg; /* placeholder of its argument, NULL when it takes none */
	const char *help;
};
extern const struct hf_command_info hf_command_table[];
extern const size_t hf_command_count;
/* The command called name ("quit" is "q"), or HF_COMMAND_NONE. */
enum hf_command hf_command_find(const char *name);

/* The table, HF_ACTION__COUNT - 1 entries in the order above (no NONE). */
extern const struct hf_action_info hf_action_table[];
extern const size_t hf_action_count;

/*
 * Actions that write to the pod (tick, move, override, promote, ...). With
 * hf_action_hide_edits(true) (read-only mode) they are hidden: the help
 * leaves them out and the loop refuses them, saying why.
 */
bool hf_action_is_edit(enum hf_action action);
void hf_action_hide_edits(bool hide);
bool hf_action_hidden(enum hf_action action);

/* The action named name ("move-down"), or HF_ACTION_NONE. */
enum hf_action hf_action_find(const char *name);

/*
 * Key names: a single character ("j", "/", "é"), "<Space>", "<Enter>",
 * "<Esc>", "<Tab>", "<BackTab>", "<Up>", "<Down>", "<Left>", "<Right>",
 * "<PgUp>", "<PgDn>", "<Home>", "<End>", "<Backspace>", "<Del>", "<F1>",
 * "<C-x>". hf_key_parse returns the key (enum hf_key or a code point), or
 * -1 with an hf_error naming the text.
 */
int hf_key_parse(const char *name);
/* The name of key into buf ("<Down>", "j"). */
void hf_key_name(int key, char *buf, size_t n);

/* The keymap: every key of the table bound to its action (built on first use). */
enum hf_action hf_keymap_lookup(int key);

/*
 * The user's keys: a git-config file (read through hf_conf_foreach) where
 *
 *   [action "move-down"]
 *       keys = j <Down> n
 *
 * replaces an action's default keys (a key bound elsewhere by default moves
 * to this action). Found at $XDG_CONFIG_HOME/handoff/keys; a missing file
 * is not an error. A bad entry is skipped with a warning "FILE: KEY:
 * message" appended to *warnings (caller frees each and the array).
 * data/keys (generated from the table) shows the defaults in this syntax.
 */
enum hf_status hf_keymap_load(const char *path, char ***warnings, size_t *nwarnings);
/* The keys an action answers to now ("j <Down>"); borrowed. */
const char *hf_action_keys(enum hf_action action);
/* Back to the defaults (tests). */
void hf_keymap_reset(void);
/* data/keys: the default keymap in the keys file's syntax. */
void hf_action_write_keys_file(FILE *out);

/* docs/keys.md: the table as Markdown (a check compares the file with this). */
void hf_action_write_markdown(FILE *out);

#endif
