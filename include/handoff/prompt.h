/* prompt.h: ask the person at the terminal for a secret (a passphrase), without echo */
#ifndef HANDOFF_PROMPT_H
#define HANDOFF_PROMPT_H

/*
 * Write prompt to the controlling terminal (/dev/tty), read one line with
 * echo off and give it back without its line end; the caller wipes it
 * (memset) and frees it. NULL when there is no terminal to ask, or on
 * end of input or an interrupt: callers then name the problem instead.
 * Only for the command line: the TUI owns the terminal and never calls it.
 */
char *hf_prompt_secret(const char *prompt);

#endif
