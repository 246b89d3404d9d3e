/* out.h: command output: sanitised text for terminals, JSON documents, aligned tables */
#ifndef HANDOFF_OUT_H
#define HANDOFF_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include "handoff/store.h"
#include "handoff/strbuf.h"

/*
 * All text from outside (pod files, registry, commits) that a command prints
 * goes through hf_out_text/hf_out_cell, which sanitise it. JSON output goes
 * through hf_out_json alone: jansson's encoder escapes C0 controls, and
 * hf_out_json escapes DEL and what hf_codepoint_hostile() names (C1
 * controls, bidi controls, U+2028/U+2029) as \u009b and the like, so the
 * document keeps the exact text and a terminal showing it obeys none of it.
 */

/* Print s sanitised (single line: newlines become visible too). */
void hf_out_text(FILE *out, const char *s);

/* Append s sanitised and fitted to exactly `cols` columns (ellipsis when cut). */
void hf_out_cell(struct hf_strbuf *sb, const char *s, int cols);

/*
 * Print s sanitised and escaped as Markdown inline text, so it renders as
 * written and adds no markup: newlines become visible (so it never starts a
 * line), \ ` * _ { } [ ] ( ) # ! > get a backslash (honoured by CommonMark,
 * GitHub and Python-Markdown alike), and < & | ~ become entities (&lt;
 * &amp; &#124; &#126;: HTML, table cells, strikethrough).
 */
void hf_out_markdown(FILE *out, const char *s);

/*
 * Print problems one a line, sanitised, as hf_podfile_problem_text writes
 * them (prefix before each path; NULL names the source). Warnings are left
 * out when errors_only. Returns how many of them are errors.
 */
size_t hf_out_problems(FILE *out, const struct hf_problem *p, size_t n, const char *prefix,
		       bool errors_only);

/* Print the document (with "schema": 1 set first) as indented JSON and a newline; steals doc. */
int hf_out_json(FILE *out, json_t *doc);

/* json_string of s, or json_null() for NULL (a new reference). */
json_t *hf_json_str(const char *s);

#endif
