/*
** recover.c: a visit read back from its transcript or its journal, and its debrief rebuilt
** (recover.h).  Shared by `salesim replay` and `salesim record` (play-test 30c #4: record could
** not take the journal of a killed visit, and replay called a killed visit a Ctrl-C).
*/
#include <dirent.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "recover.h"
#include "journal.h"
#include "scncheck.h"
#include "debrief.h"
#include "score.h"
#include "session.h"
#include "text.h"
#include "util.h"
#include "msg.h"
#include "msg_cli.h"

/* Is path inside dir's tree (both resolved)? */
static int under(const char *path, const char *dir) {
  if (!dir) return 0;
  char *rp = realpath(path, NULL), *rd = realpath(dir, NULL);
  size_t n = rd ? strlen(rd) : 0;
  int in = rp && rd && strncmp(rp, rd, n) == 0 && (rp[n] == '/' || (n == 1 && rd[0] == '/'));
  free(rp);
  free(rd);
  return in;
}

/* May the debrief be rebuilt by running the scenario at path?  Rebuilding runs its Lua in this
** process, and a transcript can name any file: allowed without asking for the shipped
** scenarios, the transcript's own folder and the current one; anything else only when the
** user says yes on a terminal. */
static int may_rebuild_from(const char *cmd, const char *file, const char *path) {
  struct stat st;
  char *safe = txt_sanitize(path, strlen(path), NULL);
  int ok = 0;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
    msg_eprint(cmd, "cli.replay.scenario_unreadable", "path", file, "scenario", safe, NULL);
    free(safe);
    return 0;
  }
  char *shipped = util_data_path("scenarios");
  char *fdir = xstrdup(file);
  char *slash = strrchr(fdir, '/');
  if (slash) *slash = '\0'; else { free(fdir); fdir = xstrdup("."); }
  ok = under(path, shipped) || under(path, fdir) || under(path, ".");
  free(shipped);
  free(fdir);
  if (!ok && isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
    char *q = msg_get(MSG_CLI_LANG, "cli.replay.ask_rebuild", "path", file, "scenario", safe, NULL);
    fprintf(stderr, "salesim %s: %s ", cmd, q);   /* the answer follows on the same line */
    free(q);
    char ans[16] = "";
    ok = fgets(ans, sizeof ans, stdin) && (ans[0] == 'y' || ans[0] == 'Y');
  } else if (!ok) {
    msg_eprint(cmd, "cli.replay.scenario_outside", "path", file, "scenario", safe, NULL);
  }
  free(safe);
  return ok;
}

json_t *rcv_debrief(const char *cmd, const char *file, json_t *tr) {
  json_t *sj = json_object_get(tr, "scenario");
  const char *path = json_string_value(json_object_get(sj, "file"));
  const char *hash = json_string_value(json_object_get(sj, "hash"));
  if (!path || !may_rebuild_from(cmd, file, path)) return NULL;
  diag d;
  diag_init(&d);
  scenario *sc = scc_load(path, &d);
  if (!sc) {
    char *safe = txt_sanitize(path, strlen(path), NULL);
    msg_eprint(cmd, "cli.replay.scenario_broken", "path", file, "scenario", safe, NULL);
    free(safe);
    diag_print(&d, stderr);
    diag_free(&d);
    return NULL;
  }
  if (hash && strcmp(hash, sc->hash) != 0) {
    char *safe = txt_sanitize(path, strlen(path), NULL);
    msg_eprint(cmd, "cli.replay.scenario_changed", "scenario", safe, NULL);
    free(safe);
  }
  const char *lang = json_string_value(json_object_get(tr, "language"));
  const char *trainee = json_string_value(json_object_get(tr, "trainee"));
  sess_options so = { .seed = (uint64_t)json_integer_value(json_object_get(tr, "seed")),
                      .lang = lang, .trainee = trainee, .transcript = "" };
  session *s = sess_new(sc, &so, &d);
  json_t *deb = NULL;
  if (s) {
    sess_start(s);
    size_t i;
    json_t *turn;
    json_array_foreach(json_object_get(tr, "turns"), i, turn) {
      const char *text = json_string_value(json_object_get(turn, "text"));
      if (text && !sess_over(s)) sess_say(s, text, strlen(text));
    }
    /* a document that never says how it ended was cut off by the program's death: a Ctrl-C,
    ** a /quit or a closed terminal each write their end (play-test 30c #4) */
    sess_end why = sess_end_parse(json_string_value(json_object_get(tr, "ended_by")));
    if (why == SESS_END_NONE) why = SESS_END_KILLED;
    sess_finish(s, why);
    score_result r;
    score_session(s, &r);
    deb = deb_build(s, &r);
    score_result_free(&r);
    json_object_set_new(deb, "started", json_string(json_string_value(json_object_get(tr, "started"))));
    /* the visit's own end time, not this rebuild's: the same document gives the same debrief */
    json_t *ended = json_object_get(tr, "ended");
    if (json_is_string(ended)) json_object_set(deb, "ended", ended);
    sess_free(s);
  }
  diag_print(&d, stderr);
  diag_free(&d);
  scn_free(sc);
  return deb;
}

/* "PATH.journal" without its suffix; a copy of path when it has none. */
static char *strip_journal(const char *path) {
  size_t n = strlen(path), k = strlen(".journal");
  return n > k && strcmp(path + n - k, ".journal") == 0 ? xstrndup(path, n - k) : xstrdup(path);
}

int rcv_load(const char *cmd, const char *file, size_t max, rcv_visit *v) {
  memset(v, 0, sizeof *v);
  char err[512];
  size_t len;
  char *jpath = NULL;
  struct stat st;   /* a device (/dev/zero) would fill the buffer to the cap for nothing */
  if (stat(file, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    msg_eprint(cmd, "cli.replay.not_regular", "path", file, NULL);
    return -1;
  }
  char *buf = util_read_file(file, max, &len, err, sizeof err);
  if (!buf && access(file, F_OK) != 0) {
    jpath = sess_journal_path(file);
    buf = util_read_file(jpath, max, &len, NULL, 0);
    if (!buf) { free(jpath); jpath = NULL; }
  }
  size_t k = strlen(".journal"), n = strlen(file);
  if (!buf && n > k && strcmp(file + n - k, ".journal") == 0 && access(file, F_OK) != 0) {
    /* a journal `record` already rebuilt: its document is in its place (play-test 32d L6: the
    ** same command again failed instead of saying "already in ...") */
    jpath = strip_journal(file);
    buf = util_read_file(jpath, max, &len, NULL, 0);
    if (!buf) { free(jpath); jpath = NULL; }
  }
  if (!buf) {
    msg_eprint(cmd, "cli.path_error", "path", file, "error", err, NULL);
    return -1;
  }
  v->source = jpath ? jpath : xstrdup(file);
  if (sess_is_journal(buf, len)) {
    diag d;
    diag_init(&d);
    v->from_journal = 1;
    v->tr = sess_journal_transcript(buf, len, v->source, &d, &v->ended);
    diag_print(&d, stderr);
    diag_free(&d);
    v->live = !v->ended && jrn_busy(v->source);
    if (v->tr && !v->ended && !v->live) {
      /* nobody writes it and it has no end: the program was stopped mid-visit */
      json_object_set_new(v->tr, "ended_by", json_string(sess_end_name(SESS_END_KILLED)));
      char when[32];
      util_iso_time(stat(v->source, &st) == 0 ? (long long)st.st_mtime : 0, when);
      json_object_set_new(v->tr, "ended", json_string(when));
    }
    if (v->tr) {
      char turns[24];
      snprintf(turns, sizeof turns, "%zu", json_array_size(json_object_get(v->tr, "turns")));
      msg_eprint(cmd, v->ended ? "cli.replay.journal_ended" : v->live ? "cli.replay.journal_live"
                                                                     : "cli.replay.journal_open",
                 "path", v->source, "turns", turns, NULL);
    }
  } else {
    json_error_t jerr;
    v->tr = json_loadb(buf, len, 0, &jerr);
    if (!v->tr)
      fprintf(stderr, "%s:%d:%d: error: %s\n", v->source, jerr.line > 0 ? jerr.line : 1,
              jerr.column > 0 ? jerr.column : 1, jerr.text);
  }
  free(buf);
  if (!v->tr) { rcv_free(v); return -1; }
  v->transcript = v->from_journal ? strip_journal(v->source) : xstrdup(v->source);
  return 0;
}

void rcv_free(rcv_visit *v) {
  json_decref(v->tr);
  free(v->source);
  free(v->transcript);
  memset(v, 0, sizeof *v);
}

typedef struct orphan { char *path; long long mtime; } orphan;

static int newest_first(const void *a, const void *b) {
  const orphan *x = a, *y = b;
  return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : strcmp(x->path, y->path);
}

/* 1 when the journal at path holds a turn after its start record: a visit cut off before its
** first line (the journal is opened when the visit starts, play-test 32d H1) has nothing to
** record and is not named. */
static int has_turn(const char *path) {
  size_t len;
  char err[256];
  char *buf = util_read_file(path, (size_t)64 << 20, &len, err, sizeof err);
  if (!buf) return 1;   /* unreadable here: named, so `record` says why */
  jrn_records rs;
  jrn_split(buf, len, &rs);
  int yes = rs.n > 1 || (rs.n == 1 && rs.truncated);
  jrn_records_free(&rs);
  free(buf);
  return yes;
}

/* 1 when the journal at p is a cut-off visit's: a regular file whose document was never
** written, that no process writes, holding a turn. */
static int is_orphan(const char *p) {
  struct stat st;
  char *doc = strip_journal(p);
  /* a visit whose document exists has ended (its journal outlived a crash after the save) */
  int yes = lstat(p, &st) == 0 && S_ISREG(st.st_mode) && access(doc, F_OK) != 0 && !jrn_busy(p) && has_turn(p);
  free(doc);
  return yes;
}

/* Adds p (taken) to v when it is an orphan not already there; frees it otherwise. */
static void add_orphan(orphan **v, int *n, int *cap, char *p) {
  struct stat st;
  for (int i = 0; i < *n; i++)
    if (strcmp((*v)[i].path, p) == 0) { free(p); return; }
  if (!is_orphan(p) || lstat(p, &st) != 0) { free(p); return; }
  if (*n == *cap) { *cap = *cap ? *cap * 2 : 8; *v = xrealloc(*v, (size_t)*cap * sizeof **v); }
  (*v)[(*n)++] = (orphan){ p, (long long)st.st_mtime };
}

void rcv_note_journal(const char *list, const char *journal) {
  char *abs = realpath(journal, NULL);
  if (!abs || strchr(abs, '\n')) { free(abs); return; }
  char *slash = strrchr(list, '/');
  if (slash && slash != list) {
    char *d = xstrndup(list, (size_t)(slash - list));
    util_mkdirs(d, 0755);
    free(d);
  }
  /* one short append: lines of plays at once never mix (O_APPEND, under PIPE_BUF) */
  int fd = open(list, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd >= 0) {
    char *line = xasprintf("%s\n", abs);
    (void)!write(fd, line, strlen(line));
    free(line);
    close(fd);
  }
  free(abs);
}

int rcv_orphans(const char *dir, const char *list, char **out, int max) {
  orphan *v = NULL;
  int n = 0, cap = 0;
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name), k = strlen(".journal");
    if (len <= k || strcmp(e->d_name + len - k, ".journal") != 0) continue;
    add_orphan(&v, &n, &cap, xasprintf("%s/%s", dir, e->d_name));
  }
  if (d) closedir(d);
  size_t len;
  char err[256];
  char *text = list ? util_read_file(list, (size_t)1 << 20, &len, err, sizeof err) : NULL;
  for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
    nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    if (*line == '/') add_orphan(&v, &n, &cap, xstrdup(line));
  }
  free(text);
  if (n > 1) qsort(v, (size_t)n, sizeof *v, newest_first);
  for (int i = 0; i < n; i++) {
    if (i < max) out[i] = v[i].path;
    else free(v[i].path);
  }
  free(v);
  return n;
}
