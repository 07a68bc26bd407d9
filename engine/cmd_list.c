/*
** cmd_list.c: `salesim list [DIR]`: the scenarios in a directory, one line each with id,
** language, difficulty, minutes and title in aligned columns.  Files that fail to load are
** named on stderr with their first problem; the exit status is then 1.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "diag.h"
#include "scenario.h"
#include "util.h"

/* 1 for names ending in .yaml or .yml. */
static int is_yaml(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted YAML file names of dir (cli.h). */
char **cli_scenario_files(const char *dir, int *n) {
  DIR *d = opendir(dir);
  if (!d) return NULL;
  char **v = NULL;
  int cap = 0;
  *n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !is_yaml(e->d_name)) continue;
    char *path = xasprintf("%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {   /* a FIFO named x.yaml would hang */
      free(path);
      continue;
    }
    if (*n == cap) { cap = cap ? cap * 2 : 16; v = xrealloc(v, (size_t)cap * sizeof *v); }
    v[(*n)++] = path;
  }
  closedir(d);
  if (*n) qsort(v, (size_t)*n, sizeof *v, cmp_str);
  if (!v) v = xcalloc(1, sizeof *v);
  return v;
}

/* Loads every scenario of the directory, then prints the good ones with aligned ids. */
int cmd_list_exec(int argc, char **argv) {
  if (argc > 2) return cli_usage_error("list", "expected at most one directory");
  if (argc == 2 && argv[1][0] == '-') return cli_usage_error("list", "unknown option '%s'", argv[1]);
  char *dir = argc == 2 ? xstrdup(argv[1]) : util_data_path("scenarios");
  if (!dir) {
    fprintf(stderr, "salesim list: cannot find the shipped scenarios (set SALESIM_DATA)\n");
    return CLI_USAGE;
  }
  int n = 0;
  char **files = cli_scenario_files(dir, &n);
  if (!files) {
    fprintf(stderr, "salesim list: cannot open %s: %s\n", dir, strerror(errno));
    free(dir);
    return CLI_USAGE;
  }
  scenario **ok = xcalloc((size_t)(n ? n : 1), sizeof *ok);
  int idw = 2, rc = CLI_OK;
  for (int i = 0; i < n; i++) {
    diag d;
    diag_init(&d);
    ok[i] = scn_load(files[i], &d);
    if (!ok[i]) {
      diag_sort(&d);
      char *msg = d.n ? diag_format(&d.v[0]) : xasprintf("%s: error: cannot load", files[i]);
      fprintf(stderr, "%s\n", msg);
      free(msg);
      rc = CLI_FAIL;
    } else if ((int)strlen(ok[i]->id) > idw) {
      idw = (int)strlen(ok[i]->id);
    }
    diag_free(&d);
  }
  for (int i = 0; i < n; i++) {
    if (ok[i])
      printf("%-*s  %-2s  %d  %3d min  %s\n", idw, ok[i]->id, ok[i]->language, ok[i]->difficulty,
             ok[i]->minutes, ok[i]->title);
    scn_free(ok[i]);
    free(files[i]);
  }
  free(ok);
  free(files);
  free(dir);
  return rc;
}
