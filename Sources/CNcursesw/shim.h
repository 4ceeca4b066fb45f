/* The one header Swift sees for ncursesw.
 *
 * Why each part is here (docs/terminal-layer.md has the longer story):
 * - NCURSES_WIDECHAR must be defined before curses.h or the wide API (wget_wch, cchar_t,
 *   mvwinnwstr) is silently hidden; SwiftPM would drop a -D flag from pkg-config anyway.
 * - Some distributions only make <ncursesw/curses.h> wide, so prefer it.
 * - Swift cannot import macros built from expressions (A_*, KEY_F(n)) or touch C globals such as
 *   stdscr/cur_term under Swift 6 strict concurrency, so small static inline wrappers stand in.
 * - Glibc's Swift module hides wcwidth (an X/Open declaration), so it is declared here.
 */
#ifndef DMF_CNCURSESW_SHIM_H
#define DMF_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

extern int wcwidth(wchar_t c);

static inline attr_t nc_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t nc_A_BOLD(void) { return A_BOLD; }
static inline attr_t nc_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t nc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t nc_A_DIM(void) { return A_DIM; }

static inline int nc_KEY_F(int n) { return KEY_F(n); }

static inline WINDOW *nc_stdscr(void) { return stdscr; }

/* Frees the terminfo entry loaded by a validating setupterm() call. */
static inline int nc_del_cur_term(void) { return del_curterm(cur_term); }

/* 1 when the current terminfo entry has string capability `name` (e.g. "cup"). tigetstr returns
 * NULL for an absent capability and (char *)-1 for a name that is not a string capability. */
static inline int nc_has_string_cap(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1;
}

/* The string capability `name`, or NULL when absent. */
static inline const char *nc_string_cap(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

#endif
