/* prompt.c: read a secret from the controlling terminal with echo off */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "handoff/prompt.h"
#include "handoff/strbuf.h"

char *hf_prompt_secret(const char *prompt)
{
	struct termios old, quiet;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	bool restore = false, ok = false;
	char c;

	if (fd < 0)
		return NULL;
	if (!tcgetattr(fd, &old)) {
		/* byte by byte, no echo, no signals: ^C cancels here and the echo comes back */
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG);
		quiet.c_cc[VMIN] = 1;
		quiet.c_cc[VTIME] = 0;
		restore = !tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	/* on a fresh line: a progress line may be showing */
	if (write(fd, "\r\n", 2) < 0 || write(fd, prompt, strlen(prompt)) < 0)
		goto out;
	while (read(fd, &c, 1) == 1) {
		if (c == '\n' || c == '\r') {
			ok = true;
			break;
		}
		if (c == 3 || c == 4)	/* ^C, ^D: no passphrase */
			break;
		if (c == 127 || c == 8) {
			if (sb.len)
				hf_strbuf_setlen(&sb, sb.len - 1);
		} else if (c == 21) {	/* ^U */
			memset(sb.buf, 0, sb.len);
			hf_strbuf_setlen(&sb, 0);
		} else {
			hf_strbuf_addch(&sb, c);
		}
	}
	if (write(fd, "\r\n", 2) < 0)
		ok = false;
out:
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	close(fd);
	if (!ok) {
		if (sb.len)
			memset(sb.buf, 0, sb.len);
		hf_strbuf_release(&sb);
		return NULL;
	}
	return hf_strbuf_detach(&sb);
}
