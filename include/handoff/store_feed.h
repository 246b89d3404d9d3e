/* store_feed.h: the expanded events of calendar sources, kept until a newer read of the feed replaces them */
#ifndef HANDOFF_STORE_FEED_H
#define HANDOFF_STORE_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/feed.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Replace the events of calendar source `source` with feed's (expanded over
 * [from, to), read at `at`), inside the caller's transaction. *changes is
 * the number of occurrences added or removed (an occurrence is its times,
 * summary and people).
 */
enum hf_status hf_store_feed_put(struct hf_store *store, const char *source, const struct hf_feed *feed,
				 int64_t at, int64_t from, int64_t to, size_t *changes);

/* When the source's feed was last read whole (*at 0: never); *n events kept. */
enum hf_status hf_store_feed_state(struct hf_store *store, const char *source, int64_t *at, size_t *n);

/* The kept events of source, sorted by start (empty when never read). */
enum hf_status hf_store_feed_events(struct hf_store *store, const char *source, struct hf_feed *out);

#endif
