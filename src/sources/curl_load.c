/* curl_load.c: opens libcurl on the first HTTP request (dlopen) and fills the table http.c calls through */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "handoff/curl_load.h"
#include "handoff/status.h"

static struct hf_curl api;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Each entry: where its pointer goes in the table, and the symbol that fills it. */
#define ENTRY(field, symbol) { offsetof(struct hf_curl, field), #symbol }
static const struct {
	size_t offset;
	const char *symbol;
} entries[] = {
	ENTRY(easy_init, curl_easy_init),
	ENTRY(easy_cleanup, curl_easy_cleanup),
	ENTRY(easy_reset, curl_easy_reset),
	ENTRY(easy_setopt, curl_easy_setopt),
	ENTRY(easy_getinfo, curl_easy_getinfo),
	ENTRY(easy_strerror, curl_easy_strerror),
	ENTRY(multi_init, curl_multi_init),
	ENTRY(multi_cleanup, curl_multi_cleanup),
	ENTRY(multi_setopt, curl_multi_setopt),
	ENTRY(multi_add_handle, curl_multi_add_handle),
	ENTRY(multi_remove_handle, curl_multi_remove_handle),
	ENTRY(multi_perform, curl_multi_perform),
	ENTRY(multi_poll, curl_multi_poll),
	ENTRY(multi_info_read, curl_multi_info_read),
	ENTRY(multi_strerror, curl_multi_strerror),
	ENTRY(slist_append, curl_slist_append),
	ENTRY(slist_free_all, curl_slist_free_all),
};

static void load(void)
{
	void *lib = dlopen(HF_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	CURLcode (*global_init)(long flags);
	const char *missing = NULL;

	if (!lib) {
		snprintf(load_error, sizeof(load_error), "%s", dlerror());
		return;
	}
	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		void *fn = dlsym(lib, entries[i].symbol);

		if (!fn) {
			missing = entries[i].symbol;
			break;
		}
		/* POSIX: a function pointer converts to and from the void * dlsym returns */
		memcpy((char *)&api + entries[i].offset, &fn, sizeof(fn));
	}
	*(void **)&global_init = dlsym(lib, "curl_global_init");
	if (missing || !global_init) {
		snprintf(load_error, sizeof(load_error), "%s has no %s (libcurl 7.68 or later is needed)",
			 HF_LIBCURL_SONAME, missing ? missing : "curl_global_init");
		memset(&api, 0, sizeof(api));
		return;	/* the library stays open: dlclose would unmap what a racing reader holds */
	}
	if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(load_error, sizeof(load_error), "curl_global_init failed");
		memset(&api, 0, sizeof(api));
	}
}

const struct hf_curl *hf_curl_load(void)
{
	pthread_once(&load_once, load);
	if (!api.easy_init) {
		hf_error(HF_ERR, "cannot load libcurl, which every HTTP source needs: %s (on Debian: apt-get install libcurl4)",
			 load_error);
		return NULL;
	}
	return &api;
}
