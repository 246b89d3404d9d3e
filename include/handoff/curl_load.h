/* curl_load.h: libcurl opened on the first HTTP request, not at start: a TUI or command that makes none never loads it */
#ifndef HANDOFF_CURL_LOAD_H
#define HANDOFF_CURL_LOAD_H

#include <curl/curl.h>

/*
 * libcurl and the ~30 libraries it pulls in (TLS, Kerberos, LDAP, IDN, ...)
 * took a third of the TUI's start-up in the dynamic loader. http.c calls
 * libcurl only through this table, filled on first use (thread-safe) by
 * dlopen of the library's soname; curl_global_init has run by then.
 */
struct hf_curl {
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *e);
	void (*easy_reset)(CURL *e);
	CURLcode (*easy_setopt)(CURL *e, CURLoption option, ...);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode code);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *m);
	CURLMcode (*multi_setopt)(CURLM *m, CURLMoption option, ...);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[], unsigned int nextra,
				int timeout_ms, int *ret);
	CURLMsg *(*multi_info_read)(CURLM *m, int *left);
	const char *(*multi_strerror)(CURLMcode code);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);
};

/* The loaded library, or NULL with the error set (naming the library and the Debian package). */
const struct hf_curl *hf_curl_load(void);

#endif
