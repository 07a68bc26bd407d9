/*
** scnfind.h: finding scenario files: the ones in a directory and its subfolders (for `list`
** and "did you mean"), and the file a name given on the command line stands for (`play it-trial`,
** `play examples/clinic-booking`, or a path).
*/
#ifndef SALESIM_SCNFIND_H
#define SALESIM_SCNFIND_H

typedef struct scn_entry {
  char *path;     /* DIR/FILE.yaml or DIR/FOLDER/FILE.yaml, owned */
  char *folder;   /* FOLDER for a file in a subfolder, NULL at the top; owned */
  char *stem;     /* FILE without .yaml / .yml; owned */
} scn_entry;

typedef struct scn_entries { scn_entry *v; int n, cap; } scn_entries;

/* The regular *.yaml / *.yml files of dir and of its subfolders one level down (hidden names
** skipped; a FIFO named x.yaml is not a file), the top ones first, each group sorted by name.
** Returns 0, or -1 with errno when dir cannot be opened (es is then empty). */
int scnfind_scan(const char *dir, scn_entries *es);
void scnfind_free(scn_entries *es);

/* The file `arg` names: an existing path as given, else the shipped scenario of that name
** ("it-trial", "examples/clinic-booking"); a name ending in .yaml is returned as it is.  Returns a malloc'd path, or NULL after printing
** "salesim CMD: no scenario 'X'" on stderr with the nearest shipped name when one is close. */
char *scnfind_resolve(const char *cmd, const char *arg);

#endif
