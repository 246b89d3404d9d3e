/* proc.h: is a process still alive (the sync lock's holder), robust against a reused pid */
#ifndef HANDOFF_PROC_H
#define HANDOFF_PROC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The start time of process pid (clock ticks after boot, from
 * /proc/PID/stat), or 0 when it cannot be read (no such process, no /proc).
 */
int64_t hf_proc_start(int64_t pid);

/*
 * Whether process pid is alive and, when start is not 0, is the same
 * process that had that start time (not a later one given the same pid).
 */
bool hf_proc_alive(int64_t pid, int64_t start);

#endif
