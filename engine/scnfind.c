/*
** scnfind.c: scenario files by directory and by name (scnfind.h).
*/
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scnfind.h"
#include "suggest.h"
#include "util.h"
#include "msg_cli.h"

/* Length of name without its .yaml / .yml suffix, or 0 when it has neither. */
static size_t yaml_stem_len(const char *name) {
  size_t n = strlen(name);
  if (n > 5 && strcmp(name + n - 5, ".yaml") == 0) return n - 5;
  if (n > 4 && strcmp(name + n - 4, ".yml") == 0) return n - 4;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted non-hidden names in dir (malloc'd array of malloc'd strings, *n of them), or NULL
** with errno. */
static char **sorted_names(const char *dir, int *n) {
  DIR *d = opendir(dir);
  if (!d) return NULL;
  char **v = NULL;
  int cap = 0;
  *n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    v = xgrow(v, *n, &cap, sizeof *v, 16);
    v[(*n)++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (*n) qsort(v, (size_t)*n, sizeof *v, cmp_str);
  return v ? v : xcalloc(1, sizeof *v);
}

static void add(scn_entries *es, char *path, const char *folder, const char *name, size_t stem) {
  es->v = xgrow(es->v, es->n, &es->cap, sizeof *es->v, 16);
  es->v[es->n++] = (scn_entry){ path, folder ? xstrdup(folder) : NULL, xstrndup(name, stem) };
}

/* Adds the scenario files directly in dir (folder: their subfolder name, or NULL at the top);
** with subdirs, collects the names of the subfolders into *subs. */
static int scan_one(const char *dir, const char *folder, scn_entries *es, char ***subs, int *nsubs) {
  int n;
  char **names = sorted_names(dir, &n);
  if (!names) return -1;
  for (int i = 0; i < n; i++) {
    char *path = xasprintf("%s/%s", dir, names[i]);
    struct stat st;
    size_t stem = yaml_stem_len(names[i]);
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && stem) {
      add(es, path, folder, names[i], stem);
      path = NULL;
    } else if (subs && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      *subs = xrealloc(*subs, (size_t)(*nsubs + 1) * sizeof **subs);
      (*subs)[(*nsubs)++] = xstrdup(names[i]);
    }
    free(path);
    free(names[i]);
  }
  free(names);
  return 0;
}

int scnfind_scan(const char *dir, scn_entries *es) {
  assert(dir && es);
  memset(es, 0, sizeof *es);
  char **subs = NULL;
  int nsubs = 0;
  if (scan_one(dir, NULL, es, &subs, &nsubs) != 0) return -1;
  for (int i = 0; i < nsubs; i++) {
    char *sub = xasprintf("%s/%s", dir, subs[i]);
    scan_one(sub, subs[i], es, NULL, NULL);   /* an unreadable subfolder lists nothing */
    free(sub);
    free(subs[i]);
  }
  free(subs);
  return 0;
}

void scnfind_free(scn_entries *es) {
  for (int i = 0; i < es->n; i++) {
    free(es->v[i].path);
    free(es->v[i].folder);
    free(es->v[i].stem);
  }
  free(es->v);
  memset(es, 0, sizeof *es);
}

char *scnfind_resolve(const char *cmd, const char *arg) {
  assert(cmd && arg);
  /* a file name is taken as it is: loading it then says why it cannot be read */
  if (access(arg, F_OK) == 0 || yaml_stem_len(arg)) return xstrdup(arg);
  char *rel = xasprintf("scenarios/%s.yaml", arg);
  char *p = util_data_path(rel);
  free(rel);
  if (p) return p;
  /* not a file and not a shipped name: say so, with the nearest shipped name */
  char *dir = util_data_path("scenarios");
  scn_entries es = {0};
  const char *near = NULL;
  char **names = NULL;
  if (dir && scnfind_scan(dir, &es) == 0 && es.n) {
    names = xcalloc((size_t)es.n, sizeof *names);
    for (int i = 0; i < es.n; i++)
      names[i] = es.v[i].folder ? xasprintf("%s/%s", es.v[i].folder, es.v[i].stem)
                                : xstrdup(es.v[i].stem);
    near = sug_nearest(arg, (const char *const *)names, (size_t)es.n);
    /* a name without its folder ("clinic-booking" for examples/clinic-booking) is near by its
    ** stem alone: the whole name is too far off (play-test 32d L9) */
    const char **stems = xcalloc((size_t)es.n, sizeof *stems);
    for (int i = 0; i < es.n; i++) stems[i] = es.v[i].stem;
    const char *stem = NULL;
    for (int i = 0; !near && !stem && i < es.n; i++)
      if (strcmp(stems[i], arg) == 0) stem = stems[i];
    if (!near && !stem) stem = sug_nearest(arg, stems, (size_t)es.n);
    for (int i = 0; stem && i < es.n; i++)
      if (stems[i] == stem) near = names[i];
    free(stems);
  }
  if (near)
    msg_eprint(cmd, "cli.no_scenario_near", "name", arg, "near", near, NULL);
  else
    msg_eprint(cmd, "cli.no_scenario", "name", arg, NULL);
  for (int i = 0; names && i < es.n; i++) free(names[i]);
  free(names);
  scnfind_free(&es);
  free(dir);
  return NULL;
}
