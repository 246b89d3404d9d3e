/* screen.c: the terminal under curses: start/stop, size, keys, mouse and resizes */
#include "config.h"

#include <curses.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "handoff/tui_screen.h"
#include "handoff/xmalloc.h"

static bool active;
static SCREEN *screen;
static int screen_rows, screen_cols;

/*
 * Signals. SIGINT, SIGQUIT, SIGTERM and SIGHUP only set a flag (nothing
 * else is safe in a handler): the blocking read returns (the handlers do
 * not restart it), the main loop sees hf_screen_caught(), stops the sync,
 * restores the terminal through endwin and exits 128 + the signal. An
 * abort (out of memory, in any thread) cannot go back to the loop: its
 * handler writes the bytes that leave curses' modes, prepared at start,
 * and restores the terminal settings with tcsetattr, both async-signal-
 * safe, then dies as asked.
 */
static volatile sig_atomic_t caught;
static struct termios saved_tio;
static bool have_tio;
static char restore_seq[256];
static size_t restore_len;
static const int quit_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };

static void on_quit_signal(int sig)
{
	if (!caught)
		caught = sig;
}

static void restore_and_die(int sig)
{
	if (active) {
		ssize_t n = write(STDOUT_FILENO, restore_seq, restore_len);

		(void)n;
		if (have_tio)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Append terminfo capability cap (if the terminal has it) to the restore bytes. */
static void restore_add(const char *cap)
{
	char *v = tigetstr((char *)cap);
	size_t len;

	if (!v || v == (char *)-1)
		return;
	len = strlen(v);
	if (restore_len + len < sizeof(restore_seq)) {
		memcpy(restore_seq + restore_len, v, len);
		restore_len += len;
	}
}

static void catch_signals(bool on)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: the read in progress returns and the loop sees the flag */
	sa.sa_handler = on ? on_quit_signal : SIG_DFL;
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = on ? restore_and_die : SIG_DFL;
	sigaction(SIGABRT, &sa, NULL);
}

int hf_screen_caught(void)
{
	return caught;
}

void hf_screen_block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		sigaddset(&set, quit_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

enum hf_status hf_screen_start(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (!term || !*term || !strcmp(term, "dumb"))
		return hf_error(HF_EINVAL, "the terminal cannot show the TUI (TERM is '%s')",
				term && *term ? term : "unset");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return hf_error(HF_EINVAL,
				"the TUI needs a terminal (standard input and output are not one)");
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return hf_error(HF_EINVAL, "the terminal type '%s' is unknown to terminfo", term);
	if (!cursor_address) {
		del_curterm(cur_term);
		return hf_error(HF_EINVAL, "the terminal '%s' cannot move the cursor", term);
	}
	/* what an abort writes to leave the modes curses sets (attributes, cursor, keypad, screen) */
	restore_len = 0;
	restore_add("sgr0");
	restore_add("cnorm");
	restore_add("rmkx");
	restore_add("rmcup");
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	del_curterm(cur_term);
	/* Esc alone should act at once, not after a second */
	set_escdelay(25);
	/* newterm, unlike initscr, returns NULL instead of exiting when it cannot start */
	if (!(screen = newterm(NULL, stdout, stdin)))
		return hf_error(HF_EINVAL, "cannot start curses on terminal '%s'", term);
	active = true;
	caught = 0;
	catch_signals(true);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	getmaxyx(stdscr, screen_rows, screen_cols);
	return HF_OK;
}

void hf_screen_stop(void)
{
	bool alternate;

	if (!active)
		return;
	active = false;
	alternate = enter_ca_mode && enter_ca_mode != (char *)-1 && *enter_ca_mode;
	endwin();
	/* no alternate screen (vt100, linux): clear, or the TUI stays under the shell's prompt */
	if (!alternate && clear_screen && clear_screen != (char *)-1) {
		putp(clear_screen);
		fflush(stdout);
	}
	delscreen(screen);
	screen = NULL;
	catch_signals(false);
}

bool hf_screen_active(void)
{
	return active;
}

void hf_screen_size(int *rows, int *cols)
{
	*rows = screen_rows;
	*cols = screen_cols;
}

int hf_screen_colors(void)
{
	int n;

	if (!has_colors())
		return 0;
	/* COLORS is only known after start_color(): ask terminfo */
	n = tigetnum("colors");
	return n > 0 ? n : 0;
}

void hf_screen_erase(void)
{
	erase();
}

void hf_screen_update(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

void hf_screen_cursor(int y, int x)
{
	if (y < 0) {
		curs_set(0);
		return;
	}
	move(y, x);
	curs_set(1);
}

static int translate(int c)
{
	switch (c) {
	case KEY_UP:
		return HF_KEY_UP;
	case KEY_DOWN:
		return HF_KEY_DOWN;
	case KEY_LEFT:
		return HF_KEY_LEFT;
	case KEY_RIGHT:
		return HF_KEY_RIGHT;
	case KEY_PPAGE:
		return HF_KEY_PGUP;
	case KEY_NPAGE:
		return HF_KEY_PGDN;
	case KEY_HOME:
		return HF_KEY_HOME;
	case KEY_END:
		return HF_KEY_END;
	case KEY_BACKSPACE:
		return HF_KEY_BACKSPACE;
	case KEY_DC:
		return HF_KEY_DELETE;
	case KEY_BTAB:
		return HF_KEY_BACKTAB;
	case KEY_F(1):
		return HF_KEY_F1;
	case KEY_ENTER:
		return HF_KEY_ENTER;
	default:
		return -1;
	}
}

bool hf_screen_read(struct hf_input *in, int timeout_ms)
{
	wint_t wc;
	int r;

	memset(in, 0, sizeof(*in));
	timeout(timeout_ms);
	r = get_wch(&wc);
	if (r == ERR)
		return false;
	if (r == KEY_CODE_YES) {
		MEVENT ev;

		if (wc == KEY_RESIZE) {
			getmaxyx(stdscr, screen_rows, screen_cols);
			in->type = HF_INPUT_RESIZE;
			return true;
		}
		if (wc == KEY_MOUSE) {
			if (getmouse(&ev) != OK)
				return false;
			in->y = ev.y;
			in->x = ev.x;
			if (ev.bstate & BUTTON4_PRESSED)
				in->type = HF_INPUT_WHEEL_UP;
			else if (ev.bstate & BUTTON5_PRESSED)
				in->type = HF_INPUT_WHEEL_DOWN;
			else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
				in->type = HF_INPUT_CLICK;
			else
				return false;
			return true;
		}
		in->key = translate((int)wc);
		if (in->key < 0)
			return false;
		in->type = HF_INPUT_KEY;
		return true;
	}
	in->type = HF_INPUT_KEY;
	/* raw + nonl: Enter arrives as CR; Backspace as DEL or ^H */
	if (wc == '\r')
		in->key = HF_KEY_ENTER;
	else if (wc == 0x7f || wc == 0x08)
		in->key = HF_KEY_BACKSPACE;
	else
		in->key = (int)wc;
	return true;
}

enum hf_status hf_screen_dump(const char *path)
{
	FILE *f = fopen(path, "w");
	wchar_t *line;

	if (!f)
		return hf_error(HF_EIO, "cannot write '%s'", path);
	line = xcalloc((size_t)screen_cols + 1, sizeof(*line));
	for (int y = 0; y < screen_rows; y++) {
		int n = mvinnwstr(y, 0, line, screen_cols);
		char mb[8];

		if (n < 0)
			n = 0;
		while (n > 0 && line[n - 1] == L' ')
			n--;
		for (int i = 0; i < n; i++) {
			mbstate_t st;
			size_t len;

			memset(&st, 0, sizeof(st));
			len = wcrtomb(mb, line[i], &st);
			if (len != (size_t)-1)
				fwrite(mb, 1, len, f);
		}
		fputc('\n', f);
	}
	free(line);
	if (fclose(f))
		return hf_error(HF_EIO, "cannot write '%s'", path);
	return HF_OK;
}
