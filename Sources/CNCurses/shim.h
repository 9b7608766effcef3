// ncursesw for Swift: the wide-character API plus accessors for the C globals Swift 6 will not read directly.
#ifndef WSINSPECT_CNCURSES_SHIM_H
#define WSINSPECT_CNCURSES_SHIM_H

// Without this, <ncurses.h> hides cchar_t, setcchar, mvaddwstr and get_wch.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Swift 6 rejects reads of mutable C globals as not concurrency-safe. The Terminal layer calls these only on its
// UI thread, which is the only thread that touches ncurses at all.
static inline WINDOW *wsi_stdscr(void) { return stdscr; }
static inline int wsi_colors(void) { return COLORS; }
static inline int wsi_color_pairs(void) { return COLOR_PAIRS; }
static inline int wsi_lines(void) { return LINES; }
static inline int wsi_cols(void) { return COLS; }
static inline int wsi_escdelay(void) { return ESCDELAY; }

// Key codes are macros Swift imports only when they are simple integer literals; spell out the ones we use so the
// Swift side does not depend on how a given ncurses version defines them.
static inline int wsi_key_resize(void) { return KEY_RESIZE; }
static inline int wsi_key_code_yes(void) { return KEY_CODE_YES; }
static inline int wsi_key_f(int n) { return KEY_F(n); }

// Mouse: KEY_MOUSE and the button masks are macros built from shifts Swift does not import. Presses are reported
// at once (mouseinterval 0), so a click selects on the press, and the wheel arrives as buttons 4 and 5.
static inline int wsi_key_mouse(void) { return KEY_MOUSE; }
static inline void wsi_mouse_on(void) {
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}
/// The pending mouse event's row, column and kind: 1 for a left press, 4 for wheel up, 5 for wheel down, 0 else.
static inline int wsi_get_mouse(int *row, int *col) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *row = event.y;
    *col = event.x;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

// Attribute macros are built with NCURSES_BITS, which Swift cannot import.
static inline attr_t wsi_a_normal(void) { return A_NORMAL; }
static inline attr_t wsi_a_bold(void) { return A_BOLD; }
static inline attr_t wsi_a_dim(void) { return A_DIM; }
static inline attr_t wsi_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wsi_a_reverse(void) { return A_REVERSE; }

// wcwidth is declared by <wchar.h> only under _XOPEN_SOURCE, which would change much else in libc's headers;
// declare just this one (it is in every POSIX libc). The canvas asks it which scalars ncurses can draw.
extern int wcwidth(wchar_t c);
static inline int wsi_wcwidth(wchar_t c) { return wcwidth(c); }

// ERR and OK are plain, but OK clashes with nothing; still, keep the Swift side free of guesses.
static inline int wsi_err(void) { return ERR; }

#endif
