/* proc.c: process liveness for the sync lock: kill(pid, 0) and /proc/PID/stat's start time */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "handoff/proc.h"

int64_t hf_proc_start(int64_t pid)
{
	char path[64], buf[1024], *p, *end;
	FILE *f;
	size_t n;
	long long start;

	snprintf(path, sizeof(path), "/proc/%lld/stat", (long long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) state ppid ...": comm may hold spaces and ')', so count from the last ')' */
	if (!(p = strrchr(buf, ')')))
		return 0;
	p++;
	/* field 3 (state) starts after the ')': starttime is field 22, 19 fields further */
	for (int field = 3; field < 22; field++) {
		p = strchr(p + 1, ' ');
		if (!p)
			return 0;
	}
	start = strtoll(p + 1, &end, 10);
	return end == p + 1 ? 0 : (int64_t)start;
}

bool hf_proc_alive(int64_t pid, int64_t start)
{
	int64_t now;

	if (pid <= 0)
		return false;
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return false;
	if (!start)
		return true;
	now = hf_proc_start(pid);
	/* without /proc we cannot tell a reused pid: assume it is the same process */
	return !now || now == start;
}
