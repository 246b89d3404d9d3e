# curses_confined.sh: only src/tui/draw.c and src/tui/screen.c may include or call curses
set -u
# nothing from the caller's locale, zone or home
export LC_ALL=C.UTF-8 TZ=UTC HOME=/nonexistent
cd "${HF_SRCDIR:?run through make check}" || exit 2
fail=0
allowed='^src/tui/(draw|screen)\.c$'
calls='\b(initscr|newterm|endwin|refresh|wrefresh|doupdate|wnoutrefresh|mvw?add(n)?str|w?addn?str|mvw?addch|w?addch|mvw?printw|w?printw|attr(on|off|set)|wattr(on|off|set)|init_pair|start_color|getch|wgetch|get_wch|keypad|mousemask|getmouse|mvhline|clear|werase|erase|curs_set|COLOR_PAIR|A_BOLD|A_REVERSE)[[:space:]]*\('
for f in $(find src include -name '*.[ch]' | sort); do
	if [[ "$f" =~ $allowed ]]; then
		continue
	fi
	if grep -nE '#[[:space:]]*include[[:space:]]*<(n?curses(w)?/)?(n?curses|term|panel|menu|form)\.h>' "$f"; then
		echo "$f: includes curses (only src/tui/draw.c and src/tui/screen.c may)"
		fail=1
	fi
	if [[ "$f" == src/tui/* ]] && grep -nE "$calls" "$f"; then
		echo "$f: calls curses (draw through include/handoff/tui_draw.h instead)"
		fail=1
	fi
done
exit $fail
