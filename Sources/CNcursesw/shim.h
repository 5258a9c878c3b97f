#ifndef SITCEN_CNCURSESW_SHIM_H
#define SITCEN_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// What Swift cannot import on its own: the attribute macros (built by NCURSES_BITS), the
// stdscr/COLS/LINES/COLORS/COLOR_PAIRS globals (not concurrency-safe in Swift 6), getmaxyx,
// the window size ioctl and sigaction (a union in glibc's struct).

static inline attr_t sitcen_a_normal(void) { return A_NORMAL; }
static inline attr_t sitcen_a_bold(void) { return A_BOLD; }
static inline attr_t sitcen_a_dim(void) { return A_DIM; }
static inline attr_t sitcen_a_italic(void) { return A_ITALIC; }
static inline attr_t sitcen_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sitcen_a_reverse(void) { return A_REVERSE; }
static inline attr_t sitcen_a_blink(void) { return A_BLINK; }

static inline WINDOW *sitcen_stdscr(void) { return stdscr; }
static inline int sitcen_lines(void) { return LINES; }
static inline int sitcen_cols(void) { return COLS; }
static inline int sitcen_colors(void) { return COLORS; }
static inline int sitcen_color_pairs(void) { return COLOR_PAIRS; }
static inline int sitcen_key_code_yes(void) { return KEY_CODE_YES; }

/// newterm on the process's own stdout/stdin (those globals do not import cleanly in Swift 6).
static inline SCREEN *sitcen_newterm(const char *type) { return newterm(type, stdout, stdin); }

/// getmaxyx(stdscr, rows, cols).
static inline void sitcen_getmaxyx(WINDOW *w, int *rows, int *cols) {
    int r = 0, c = 0;
    if (w) { getmaxyx(w, r, c); }
    *rows = r; *cols = c;
}

/// The size of the terminal on `fd` from the kernel (TIOCGWINSZ); 0 on success.
static inline int sitcen_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

/// Installs `handler` for `sig` (SA_RESTART off, so poll(2) is interrupted); the previous
/// action is stored in `old` so it can be chained to. 0 on success.
static inline int sitcen_sigaction(int sig, void (*handler)(int), struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, old);
}

/// Puts back an action saved by sitcen_sigaction.
static inline int sitcen_sigaction_restore(int sig, const struct sigaction *old) {
    return sigaction(sig, old, NULL);
}

/// Sets the default action for `sig`.
static inline int sitcen_sigaction_default(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

/// Unblocks `sig` in the calling thread (a handler re-raising its own signal needs this).
static inline void sitcen_unblock(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
#endif
