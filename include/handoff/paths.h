/* paths.h: where handoff keeps its files (XDG) and where its data/ and themes/ are */
#ifndef HANDOFF_PATHS_H
#define HANDOFF_PATHS_H

#include "handoff/status.h"

/*
 * All return newly allocated strings the caller frees.
 * XDG: $XDG_CONFIG_HOME (default ~/.config), $XDG_DATA_HOME (~/.local/share),
 * $XDG_CACHE_HOME (~/.cache), each with "/handoff" appended.
 */
char *hf_path_config_dir(void);
char *hf_path_data_dir(void);
char *hf_path_cache_dir(void);

/*
 * path with a leading "~" (the home: $HOME, else the password file's) or
 * "~user" expanded, as a shell would; any other path is copied as it is.
 */
char *hf_path_expand_home(const char *path);

/* The default database path: $XDG_DATA_HOME/handoff/handoff.db. */
char *hf_path_default_db(void);

/* The default config path: $XDG_CONFIG_HOME/handoff/config. */
char *hf_path_default_config(void);

/*
 * The folder holding handoff's shipped files (data/ and themes/ inside it):
 * $HANDOFF_DATADIR if set; the source tree when running uninstalled from the
 * build tree; else the installed $(pkgdatadir).
 */
const char *hf_path_share(void);

/* hf_path_share() joined with rel, e.g. hf_path_shared_file("data/checklists/default.json"). */
char *hf_path_shared_file(const char *rel);

/* mkdir -p; HF_EIO with a message naming the folder on failure. */
enum hf_status hf_mkdir_p(const char *dir);

/* Read a whole file (at most max bytes; HF_ETOOBIG beyond). *out is NUL-terminated, caller frees. */
enum hf_status hf_read_file(const char *path, size_t max, char **out, size_t *len);

#endif
