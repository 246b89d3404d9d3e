/* demo.h: `handoff --demo`: a throw-away pod repository and registry in a temporary database */
#ifndef HANDOFF_DEMO_H
#define HANDOFF_DEMO_H

#include "handoff/status.h"

/*
 * hf_demo_setup makes a temporary folder (under $TMPDIR, else /tmp) and
 * builds in it a git repository from the shipped data/demo/pod/ (found with
 * hf_path_shared_file), as a history of commits by the demo's members over
 * the last weeks (times relative to hf_now(), so HANDOFF_NOW freezes them),
 * the sprint file committed in several states for the burndown. It syncs
 * that repository as source "pod" through the real git source (its cache
 * inside the folder too), then loads data/demo/registry/ as source
 * "registry" with hf_mlflow_load_dir, recorded in the sync log like a sync.
 * No network, no configuration.
 *
 * On HF_OK demo->db_path is the demo's database, valid until
 * hf_demo_release, which deletes the whole folder. On error the folder is
 * already removed and the message names what failed.
 */
struct hf_demo {
	char *dir;		/* the temporary folder; owned */
	char *db_path;		/* dir/handoff.db; owned */
};

enum hf_status hf_demo_setup(struct hf_demo *demo);
void hf_demo_release(struct hf_demo *demo);

#endif
