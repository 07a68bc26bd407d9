/*
** term.c: readline in a game loop.  readline() itself never returns on Ctrl-C,
** so the callback interface runs under our own select() loop; our async-signal-safe handlers
** only set flags, and the loop acts on them.  A pipe or script is read with getline so
** scripted transcripts stay clean (no echoed prompts).
*/
#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "sandbox.h"
#include "term.h"
#include "text.h"
#include "util.h"
#include "wrap.h"

static void rewrap_typed(const term *t, const char *prompt, const char *line);

struct term {
  FILE *in;
  int interactive, colour;
  char *history_path;
};

static volatile sig_atomic_t got_int, got_hup;
static const char *const *completion_words;
/* the callback interface hands the line to a function: park it here */
static char *cb_line;
static int cb_done, cb_eof;

/* SIGHUP and SIGTERM also stop a behaviour script that is running now (sbx_interrupt is
** async-signal-safe): the turn ends with an "interrupted" error, the next read returns
** TERM_HANGUP, and the caller saves the transcript and exits. */
static void on_signal(int sig) {
  if (sig == SIGINT) {
    got_int = 1;
  } else {
    got_hup = 1;
    sbx_interrupt();
  }
}

static char *complete_gen(const char *text, int state) {
  static int i;
  static size_t len;
  if (!state) { i = 0; len = strlen(text); }
  while (completion_words && completion_words[i]) {
    const char *w = completion_words[i++];
    if (strncmp(w, text, len) == 0) return xstrdup(w);
  }
  return NULL;
}

/* Slash commands complete at the start of the line; nothing else (not file names). */
static char **complete(const char *text, int start, int end) {
  (void)end;
  rl_attempted_completion_over = 1;
  if (start == 0 && text[0] == '/') return rl_completion_matches(text, complete_gen);
  return NULL;
}

static void line_handler(char *line) {
  rl_callback_handler_remove();
  cb_done = 1;
  if (!line) { cb_eof = 1; return; }
  cb_line = line;
}

term *term_open(FILE *in, int colour, const char *const *completions) {
  term *t = xcalloc(1, sizeof *t);
  t->in = in ? in : stdin;
  t->interactive = !in && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  const char *nc = getenv("NO_COLOR"), *tt = getenv("TERM");
  int can = isatty(STDOUT_FILENO) && !(nc && *nc) && !(tt && strcmp(tt, "dumb") == 0);
  t->colour = colour < 0 ? can : colour && !(nc && *nc);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  if (t->interactive) {
    sigaction(SIGINT, &sa, NULL);
    completion_words = completions;
    rl_readline_name = "salesim";
    rl_catch_signals = 0;
    rl_attempted_completion_function = complete;
    using_history();
    stifle_history(1000);
    char *dir = util_xdg_dir("XDG_STATE_HOME", ".local/state");
    if (util_mkdirs(dir, 0700) == 0) {
      t->history_path = xasprintf("%s/history", dir);
      term_history_read(t->history_path);
    }
    free(dir);
  }
  return t;
}

void term_close(term *t) {
  if (!t) return;
  if (t->interactive) {
    rl_callback_handler_remove();
    if (t->history_path) history_truncate_file(t->history_path, 1000);
    clear_history();
    signal(SIGINT, SIG_DFL);
  }
  free(t->history_path);
  free(t);
}

int term_interactive(const term *t) { return t->interactive; }
int term_colour_on(const term *t) { return t->colour; }

/* Bytes kept of one line read from a script or a pipe; the rest of a longer line is dropped,
** so input without a newline (/dev/zero) cannot grow the buffer without bound.  A "line" that
** goes on past TERM_MAX_PLAIN_INPUT bytes is not text at all: it reads as the end of input. */
#define TERM_MAX_PLAIN_LINE (1u << 20)
#define TERM_MAX_PLAIN_INPUT (16u << 20)

static term_status read_plain(term *t, char **line) {
  size_t cap = 256, n = 0, seen = 0;
  char *buf = xmalloc(cap);
  int c, any = 0;
  errno = 0;
  while ((c = getc_unlocked(t->in)) != EOF) {
    any = 1;
    if (c == '\n') break;
    if (++seen > TERM_MAX_PLAIN_INPUT) { any = 0; break; }
    if (c == '\0') c = ' ';   /* C strings end at a NUL: the rest of the line was lost (play-test 32d L5) */
    if (n < TERM_MAX_PLAIN_LINE) {
      if (n + 1 >= cap) { cap *= 2; buf = xrealloc(buf, cap); }
      buf[n++] = (char)c;
    }
  }
  if (!any) {
    free(buf);
    return got_hup ? TERM_HANGUP : TERM_EOF;
  }
  while (n > 0 && buf[n - 1] == '\r') n--;
  buf[n] = '\0';
  *line = buf;
  return TERM_LINE;
}

/* Keeps the history file current after every line, so a closed terminal loses nothing. */
static void remember(term *t, const char *line) {
  if (!*line) return;
  HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
  if (last && strcmp(last->line, line) == 0) return;
  add_history(line);
  if (!t->history_path) return;
  if (access(t->history_path, F_OK) != 0) write_history(t->history_path);
  else append_history(1, t->history_path);
}

term_status term_read(term *t, const char *prompt, char **line) {
  *line = NULL;
  if (got_hup) return TERM_HANGUP;
  if (!t->interactive) return read_plain(t, line);
  cb_line = NULL;
  cb_done = cb_eof = 0;
  got_int = 0;
  rl_callback_handler_install(prompt, line_handler);
  while (!cb_done) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    int r = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
    if (got_hup) {
      rl_callback_handler_remove();
      return TERM_HANGUP;
    }
    if (got_int) {  /* Ctrl-C: drop the line being typed, keep the game */
      got_int = 0;
      rl_point = rl_end;  /* mark the cancelled line after what was typed, as a shell does */
      rl_redisplay();
      fputs("^C\n", stdout);
      fflush(stdout);
      rl_free_line_state();
      rl_callback_sigcleanup();
      rl_callback_handler_remove();
      return TERM_CANCEL;
    }
    if (r < 0) {
      if (errno == EINTR) continue;
      rl_callback_handler_remove();
      return TERM_EOF;
    }
    rl_callback_read_char();
  }
  if (cb_eof) {
    /* Ctrl-D typed, or the terminal went away (its SIGHUP may still be on the way) */
    struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
    if (got_hup || (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))))
      return TERM_HANGUP;
    fputc('\n', stdout);
    return TERM_EOF;
  }
  remember(t, cb_line);
  rewrap_typed(t, prompt, cb_line);
  *line = cb_line;
  return TERM_LINE;
}

const char *term_esc(const term *t, term_colour c) {
  if (!t->colour) return "";
  static const char *codes[] = { "\033[0m", "\033[1m", "\033[2m", "\033[36m", "\033[33m",
                                 "\033[35m", "\033[31m", "\033[32m" };
  assert((size_t)c < sizeof codes / sizeof *codes);   /* one code per term_colour */
  return codes[c];
}

int term_width(const term *t) {
  (void)t;  /* the width is the output terminal's, whatever the input */
  struct winsize ws;
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
    return ws.ws_col > 100 ? 100 : ws.ws_col;
  const char *cols = getenv("COLUMNS");
  int c = cols ? atoi(cols) : 0;
  return c >= 20 ? c : 80;
}

int term_text_width(const char *s) { return wrap_width_n(s, strlen(s)); }

/* n spaces (fprintf's "%*s" costs more than the words it separates). */
static void put_spaces(FILE *out, int n) {
  static const char sp[] = "                                ";
  while (n > 0) {
    int k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
    fwrite(sp, 1, (size_t)k, out);
    n -= k;
  }
}

void term_write_block(FILE *out, const char *s, size_t n) {
  fflush(out);
  int fd = fileno(out);
  while (n > 0 && fd >= 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;   /* a closed terminal: what is left goes through stdio, which notes it */
    s += w;
    n -= (size_t)w;
  }
  if (n > 0) fwrite(s, 1, n, out);
}

void term_wrap(const term *t, FILE *out, const char *prefix, int indent, const char *text) {
  /* the terminal's habits: runs of spaces kept (the columns of /help), a long word overflows */
  wrap_style st = { .width = term_width(t), .indent = indent, .keep_spaces = 1, .kinsoku = 0,
                    .cut_long = 0, .break_first = 1 };
  fputs(prefix, out);
  const char *nl = strrchr(prefix, '\n');
  int col = term_text_width(nl ? nl + 1 : prefix);   /* a colour escape takes no column */
  size_t total = strlen(text);   /* YAML block text ends in a newline: not a blank line */
  while (total && (text[total - 1] == '\n' || text[total - 1] == ' ')) total--;
  for (const char *p = text, *stop = text + total;;) {
    const char *end = memchr(p, '\n', (size_t)(stop - p));
    size_t n = end ? (size_t)(end - p) : (size_t)(stop - p);
    char *clean = txt_sanitize(p, n, NULL);  /* never send control characters raw */
    strbuf b = {0};
    wrap_para(&b, clean, strlen(clean), &st, &col);
    if (b.len) fwrite(b.s, 1, b.len, out);
    sb_free(&b);
    free(clean);
    if (!end) break;
    fputc('\n', out);
    put_spaces(out, indent);
    col = indent;
    p = end + 1;
  }
  fputc('\n', out);
}

void term_heading(const term *t, FILE *out, const char *rule, const char *text) {
  int width = term_width(t), rw = term_text_width(rule);
  fputs(term_esc(t, TERM_C_BOLD), out);
  if (rw + 1 + term_text_width(text) + 1 + rw <= width) {
    fprintf(out, "%s %s %s", rule, text, rule);
    fprintf(out, "%s\n", term_esc(t, TERM_C_RESET));
    return;
  }
  char *prefix = xasprintf("%s ", rule);
  term_wrap(t, out, prefix, rw + 1, text);   /* ends the line */
  free(prefix);
  fputs(term_esc(t, TERM_C_RESET), out);
}

/* Rows the terminal of `cols` columns took for text written from column 0, as it wraps: a
** wide character that does not fit at the end of a row goes to the next.  *at_edge is set when
** the text ends exactly at the last column: whether the cursor is then on that row (tmux, whose
** readline leaves the wrap pending) or on the next (readline forcing the wrap) depends on the
** terminal. */
static int rows_used(const char *s, int cols, int *at_edge) {
  int rows = 1, col = 0;
  size_t len = strlen(s);
  while (len) {
    size_t adv = wrap_control_len(s, len);
    int w = 0;
    if (!adv) {
      txt_decode(s, len, &adv);
      w = txt_width_n(s, adv);
    }
    if (col + w > cols) { rows++; col = 0; }
    col += w;
    s += adv; len -= adv;
  }
  *at_edge = col >= cols;
  return rows;
}

/* Readline wraps a long typed line at the last column, inside words; once it is sent, the rows
** it took are written again wrapped at word boundaries, as the rest of the conversation is. */
static void rewrap_typed(const term *t, const char *prompt, const char *line) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col < 20) return;
  strbuf all = {0};
  sb_printf(&all, "%s%s", prompt, line);
  int at_edge = 0, rows = rows_used(all.s, ws.ws_col, &at_edge);
  sb_free(&all);
  if (rows < 2 || rows > ws.ws_row) return;   /* one row: nothing to mend; taller: scrolled away */
  /* a line ending at the last column: where the cursor stands is the terminal's choice, and one
  ** row too many erased the customer's last reply (found in play, tmux): readline's wrapping stays */
  if (at_edge) return;
  /* the prompt without readline's \001 \002 markers */
  strbuf pr = {0};
  for (const char *p = prompt; *p; p++) if (*p != '\001' && *p != '\002') sb_putc(&pr, *p);
  printf("\033[%dA\r\033[J", rows);   /* up to the prompt's row, clear to the end of the screen */
  term_wrap(t, stdout, pr.s ? pr.s : "", 2, line);
  fflush(stdout);
  sb_free(&pr);
}
