/* git_child.c: the git fetch in a child process the sync can kill: timeout watchdog, cancel, progress over a pipe */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/paths.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "git_internal.h"

/*
 * libgit2 1.5 has no server timeout: a git:// or http server that accepts
 * and never answers blocks its connect or read forever, and no callback
 * runs meanwhile to notice. So the fetch runs in a child process, and the
 * parent watches it: every line the child writes to the pipe (progress,
 * trace) is a sign of life; none for the source's timeout, or the sync's
 * cancel flag, and the child is killed. The child only writes the bare
 * cache (objects, then refs/handoff/tip); the parent reads it afterwards.
 *
 * The pipe carries lines: "P done total what" (progress), "T text"
 * (trace), "W 1" / "W 0" (a person is being asked for a passphrase: no
 * timeout meanwhile), and at the end "R status tip branch", "E message".
 */

#define DEFAULT_TIMEOUT_S 30
#define POLL_MS 100

static int child_fd = -1;

static void child_write(const char *kind, const char *text)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t off = 0;

	hf_strbuf_init(&sb);
	hf_strbuf_addf(&sb, "%s ", kind);
	/* one line each: a newline inside a message becomes a space */
	for (const char *p = text; *p; p++)
		hf_strbuf_addch(&sb, *p == '\n' || *p == '\r' ? ' ' : *p);
	hf_strbuf_addch(&sb, '\n');
	while (off < sb.len) {
		ssize_t n = write(child_fd, sb.buf + off, sb.len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	hf_strbuf_release(&sb);
}

static void child_trace(void *data, const char *line)
{
	(void)data;
	child_write("T", line);
}

static void child_progress(void *data, const char *source, const char *what, size_t done,
			   size_t total)
{
	char *line = xasprintf("%zu %zu %s", done, total, what ? what : "");

	(void)data;
	(void)source;
	child_write("P", line);
	free(line);
}

/* The child: fetch, say how it went, and end without running the parent's exit handlers. */
static void child_run(struct hf_git_sync *gs, int fd, pid_t parent)
{
	struct hf_sync_progress progress = { child_progress, NULL };
	int null;
	enum hf_status rc;
	char *line;

#ifdef __linux__
	/* a parent killed outright (kill -9) takes the fetch with it, not left hanging on a silent remote */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(1);
	null = open("/dev/null", O_RDWR);
	child_fd = fd;
	/* the terminal belongs to the parent (curses, a progress line) */
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	hf_trace_after_fork();
	hf_trace_set_sink(child_trace, NULL);
	gs->progress = &progress;
	gs->cancel = NULL;	/* the parent kills us instead */
	rc = hf_git_fetch_here(gs);
	line = xasprintf("%d %s %s", (int)rc, rc ? "-" : git_oid_tostr_s(&gs->tip),
			 gs->branch ? gs->branch : "-");
	child_write("R", line);
	free(line);
	if (rc)
		child_write("E", hf_last_error());
	_exit(0);
}

void hf_git_child_waiting(bool waiting)
{
	if (child_fd >= 0)
		child_write("W", waiting ? "1" : "0");
}

/* What the parent gathers from the pipe. */
struct child_result {
	struct hf_strbuf buf;	/* bytes not yet a whole line */
	bool waiting;		/* on a person typing a passphrase */
	bool have_result;
	int status;
	char *tip, *branch, *error;
};

static void take_line(struct hf_git_sync *gs, struct child_result *res, char *line)
{
	char kind = line[0];
	char *text = line[1] == ' ' ? line + 2 : line + 1;

	if (kind == 'T') {
		hf_trace("%s", text);
	} else if (kind == 'P') {
		char *end;
		size_t done = (size_t)strtoull(text, &end, 10);
		size_t total = (size_t)strtoull(end, &end, 10);

		hf_sync_progress_report(gs->progress, gs->conf->name, *end == ' ' ? end + 1 : end,
					done, total);
	} else if (kind == 'R') {
		char tip[GIT_OID_HEXSZ + 2], branch[1024];

		if (sscanf(text, "%d %41s %1023s", &res->status, tip, branch) == 3) {
			res->have_result = true;
			free(res->tip);
			free(res->branch);
			res->tip = xstrdup(tip);
			res->branch = xstrdup(branch);
		}
	} else if (kind == 'W') {
		res->waiting = text[0] == '1';
	} else if (kind == 'E') {
		free(res->error);
		res->error = xstrdup(text);
	}
}

/* Read what the child wrote; false at the end of the pipe. */
static bool read_child(struct hf_git_sync *gs, int fd, struct child_result *res)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));
	char *nl;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	hf_strbuf_add(&res->buf, chunk, (size_t)n);
	while ((nl = memchr(res->buf.buf, '\n', res->buf.len))) {
		size_t len = (size_t)(nl - res->buf.buf);
		char *line = xstrndup(res->buf.buf, len);

		take_line(gs, res, line);
		free(line);
		memmove(res->buf.buf, nl + 1, res->buf.len - len - 1);
		hf_strbuf_setlen(&res->buf, res->buf.len - len - 1);
	}
	return true;
}

/*
 * Kill the child and reap it. A process stuck in the kernel (a hung NFS
 * mount) may not die at once: wait a second at most and leave it.
 */
static void kill_child(pid_t pid)
{
	kill(pid, SIGKILL);
	for (int i = 0; i < 100; i++) {
		struct timespec ts = { 0, 10 * 1000000L };

		if (waitpid(pid, NULL, WNOHANG) != 0)
			return;
		nanosleep(&ts, NULL);
	}
	hf_trace("git: the fetch process %ld did not end after SIGKILL: left behind", (long)pid);
}

/* A lock file a killed fetch left in the cache would refuse the next one. */
static void remove_stale_locks(const char *source)
{
	char *cache = hf_git_cache_path(source);
	char *lock = xasprintf("%s/refs/handoff/tip.lock", cache);

	if (unlink(lock) == 0)
		hf_trace("git: removed '%s' left by a fetch that was stopped", lock);
	free(lock);
	free(cache);
}

enum hf_status hf_git_fetch(struct hf_git_sync *gs)
{
	long timeout = gs->conf->timeout > 0 ? gs->conf->timeout : DEFAULT_TIMEOUT_S;
	struct child_result res = { HF_STRBUF_INIT, false, false, 0, NULL, NULL, NULL };
	int64_t deadline;
	enum hf_status rc = HF_OK;
	int fds[2], wstatus = 0;
	bool open = true;
	pid_t pid, parent;

	remove_stale_locks(gs->conf->name);
	if (pipe(fds) != 0)
		return hf_error(HF_ERR, "source '%s': cannot make a pipe: %s", gs->conf->name,
				strerror(errno));
	fflush(NULL);
	parent = getpid();
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return hf_error(HF_ERR, "source '%s': cannot start the fetch: %s", gs->conf->name,
				strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
		child_run(gs, fds[1], parent);
	}
	close(fds[1]);
	hf_strbuf_init(&res.buf);
	hf_trace("git: fetch of '%s' in process %ld (timeout %ld s)", gs->url, (long)pid, timeout);
	deadline = hf_mono_ms() + timeout * 1000;
	while (open) {
		struct pollfd p = { fds[0], POLLIN, 0 };

		if (hf_cancelled(gs->cancel)) {
			kill_child(pid);
			rc = hf_error(HF_ECANCEL, "source '%s': sync cancelled while fetching '%s'",
				      gs->conf->name, gs->url);
			break;
		}
		if (res.waiting)
			deadline = hf_mono_ms() + timeout * 1000;
		if (hf_mono_ms() > deadline) {
			kill_child(pid);
			rc = hf_error(HF_ENET, "source '%s': '%s' did not answer for %ld s (timeout)",
				      gs->conf->name, gs->url, timeout);
			break;
		}
		if (poll(&p, 1, POLL_MS) > 0) {
			open = read_child(gs, fds[0], &res);
			deadline = hf_mono_ms() + timeout * 1000;	/* a sign of life */
		}
	}
	close(fds[0]);
	if (!rc) {
		while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		if (!res.have_result)
			rc = hf_error(HF_ERR, "source '%s': the fetch of '%s' ended without a result "
				      "(%s %d)", gs->conf->name, gs->url,
				      WIFSIGNALED(wstatus) ? "signal" : "exit status",
				      WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus));
		else if (res.status)
			rc = hf_error((enum hf_status)res.status, "%s",
				      res.error ? res.error : "the fetch failed");
	}
	if (!rc && git_oid_fromstr(&gs->tip, res.tip) < 0)
		rc = hf_error(HF_ERR, "source '%s': the fetch gave no commit", gs->conf->name);
	if (!rc) {
		gs->branch = xstrdup(res.branch);
		rc = hf_git_open_cache(gs);
	}
	hf_strbuf_release(&res.buf);
	free(res.tip);
	free(res.branch);
	free(res.error);
	return rc;
}
