/* gitconfig.h: git-config syntax ([section "sub"] key = value) parsed from memory, as git parses it */
#ifndef HANDOFF_GITCONFIG_H
#define HANDOFF_GITCONFIG_H

#include <stddef.h>
#include "handoff/status.h"

/*
 * The configuration, theme and key files are git-config files. They were
 * read with libgit2, whose start-up parses the system's CA certificates
 * (a third of the TUI's first frame): this reads the same syntax without it.
 *
 * The grammar is git's (git-config(1), "Syntax"): `[section]`,
 * `[section "subsection"]` (the subsection keeps its case and takes \" and
 * \\), the old `[section.sub]`; keys start with a letter and hold letters,
 * digits and '-'; section and key names are case-insensitive (given in lower
 * case); a key without '=' is a boolean true (value NULL); in values,
 * "quotes" keep spaces and comment characters, \" \\ \n \t \b escape, a
 * backslash at the end of a line continues it, `#` and `;` start a comment,
 * spaces around a value are dropped and a run of spaces inside one is kept
 * as one space per character. CRLF line ends and a UTF-8 byte order mark are
 * accepted. Not supported: [include] (its keys are passed on like any other).
 */

/*
 * One entry: name is "section.key" or "section.subsection.key" ("key" for a
 * key before any section); value NULL for a bare key. Non-zero stops.
 */
typedef int (*hf_gitconfig_fn)(const char *name, const char *value, void *data);

/*
 * Parse text (len bytes; NUL bytes are refused) and call fn for each entry
 * in file order. what names the text in messages (a path). HF_EINVAL with
 * "WHAT:LINE: ..." at the first line that does not parse: the entries
 * before it have been given to fn.
 */
enum hf_status hf_gitconfig_parse(const char *what, const char *text, size_t len, hf_gitconfig_fn fn,
				  void *data);

#endif
