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
