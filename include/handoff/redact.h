/* redact.h: the one place credentials are taken out of URLs and of any text that quotes them */
#ifndef HANDOFF_REDACT_H
#define HANDOFF_REDACT_H

/*
 * A source URL may carry a secret (`https://tok:PW@host/...`,
 * `ssh://user:PW@host/...`, `git+ssh://`, `ssh+git://`, the scp-like
 * `user:PW@host:path`), and libraries quote URLs in their error text
 * (libgit2's "malformed URL '...'"). Every message handoff records
 * (hf_error) and every trace line (hf_trace) passes through
 * hf_redact_in_place(), so a secret is never shown, traced, logged or
 * stored, whichever library or server put it into the text.
 *
 * What is removed:
 *  - in `scheme://USERINFO@host`: the whole USERINFO for any scheme but
 *    the ssh ones (a token often sits in the user name of an https URL);
 *    for ssh://, git+ssh:// and ssh+git:// only the `:password`, so the
 *    login name stays visible ("which user was tried");
 *  - in the scp-like `user:password@host:path`: the `:password`;
 *  - every secret registered with hf_redact_add_secret() or
 *    hf_redact_add_url(), wherever it appears, becomes "***" (this catches
 *    a library that quotes only a piece of a URL, or decodes it).
 * The text only ever gets shorter, so it can be redacted in place.
 * The registry of secrets is process-wide and thread-safe.
 */

/* Redact s (NUL-terminated) in place. */
void hf_redact_in_place(char *s);

/* A redacted copy of s (a URL or any message; NULL gives NULL); caller frees. */
char *hf_redact(const char *s);

/*
 * Only the host (and ":port" when the URL names one) of url, for URLs whose
 * path or query is itself a secret (a private calendar feed): "cal.example"
 * for "https://u:p@cal.example/private/TOKEN.ics"; "" when there is no host.
 * Caller frees.
 */
char *hf_redact_host(const char *url);

/* Never show secret (secrets shorter than 4 bytes are ignored: they would blank ordinary words). */
void hf_redact_add_secret(const char *secret);

/*
 * Never show the password of url's userinfo, raw or %-decoded; nor its user
 * name when there is no password and the scheme is not an ssh one (then the
 * user name is the token, as in https://TOKEN@host/).
 */
void hf_redact_add_url(const char *url);

/*
 * Never show what follows the host (and port) of url: its path, query and
 * fragment, raw and %-decoded, nor its userinfo. For URLs whose path is the
 * secret, as a private calendar feed's is ("https://cal.example/private-
 * 0a1b.../basic.ics" shows as "https://cal.example***"); name such a URL in
 * a message with hf_redact_host.
 */
void hf_redact_add_url_path(const char *url);

#endif
