/*
** ynode.h: a YAML document as a tree of nodes that remember where they came from.
** Built on libyaml's event parser.  Every node keeps its 1-based line and column, so that
** each later validation message can point at the exact spot in the trainer's file.
**
** Safety (the file may come from anywhere): aliases and anchors are refused, nesting depth and
** file size are capped, invalid UTF-8 is reported with its position, only one document is read.
** All strings are NUL-terminated UTF-8 owned by the tree; yn_free releases everything.
*/
#ifndef SALESIM_YNODE_H
#define SALESIM_YNODE_H

#include <stddef.h>
#include <string.h>
#include "diag.h"
#include "util.h"

#define YN_MAX_DEPTH 64
#define YN_MAX_FILE  (4u << 20)   /* 4 MiB: a scenario is a few KiB */
#define YN_MAX_NODES 200000       /* values in one file; bounds memory for hostile input */

typedef enum { YN_SCALAR, YN_MAP, YN_SEQ } yn_kind;

typedef struct yn_node yn_node;
struct yn_node {   /* 64 bytes: a large scenario is tens of thousands of them */
  yn_kind kind;
  int line, col;          /* 1-based position of the node's first character */
  unsigned char quoted;   /* scalar: 1 when written in quotes or as a block: never a number/bool */
  unsigned char literal;  /* scalar: 1 for a literal block (|): its line breaks are the author's */
  const char *file;       /* shared, owned by the yn_doc */
  /* scalar */
  const char *str;        /* value, UTF-8 (a shipped file's: in its image, read-only) */
  size_t len;
  /* map: keys[i] (scalar) -> vals[i]; seq: vals[i] */
  yn_node **keys;
  yn_node **vals;
  int n, cap;
};

typedef struct yn_doc {
  char *file;             /* path as given, for messages */
  yn_node *root;          /* NULL for an empty document */
  arena arena;            /* where the nodes and their strings live */
} yn_doc;

/* Parses a file.  Returns a document (possibly with root NULL when empty), or NULL after
** adding a positioned error to d.  Duplicate map keys are reported as errors too. */
yn_doc *yn_load_file(const char *path, diag *d);
/* Reads a YAML file's bytes under the size cap (malloc'd, NUL-terminated); NULL after adding
** an error to d.  For callers that need the bytes as well as the tree (the scenario hash). */
char *yn_read_file(const char *path, size_t *len, diag *d);
/* Parses a buffer; name is used in messages.  A buffer with exactly the bytes of a shipped
** file is not parsed: its tree is rebuilt from the image made at build time (builtin.h). */
yn_doc *yn_load_string(const char *name, const char *buf, size_t len, diag *d);
/* Parses a buffer with libyaml, never from an image: for the generator that makes the images
** and the test that compares both ways. */
yn_doc *yn_parse_string(const char *name, const char *buf, size_t len, diag *d);

/* A tree as a flat image (ynode_image.c): malloc'd, *n_bytes long; the caller frees it. */
unsigned char *yn_image(const yn_doc *doc, size_t *n_bytes);
/* The tree an image holds, named name in messages; owned by the caller (yn_free).  The image
** must come from yn_image of this build (asserted, not checked: it is not input) and outlive
** the tree: the scalars' texts are the image's own.  With skip not NULL, the value of the root
** map's key skip is made empty (its kind and position kept, no children), for a reader that
** will not look at it (play reads no shipped file's tests:). */
yn_doc *yn_from_image(const char *name, const unsigned char *img, size_t n_bytes, const char *skip);
void yn_free(yn_doc *doc);
/* 1 after reporting (at 1:1) that a regular file is larger than YN_MAX_FILE; else 0. */
int yn_too_large(const char *path, diag *d);

/* Lookup helpers.  Return NULL when absent or when node is not a map.  yn_get_n takes the
** key's length; yn_get, inline, lets the compiler count a literal key's (the readers look up
** every key they know in every item). */
yn_node *yn_get_n(const yn_node *map, const char *key, size_t len);
static inline yn_node *yn_get(const yn_node *map, const char *key) {
  return key ? yn_get_n(map, key, strlen(key)) : NULL;
}
const char *yn_kind_name(yn_kind k);   /* "text", "mapping", "list" (trainer words) */

/* Scalar conversions; return 0 on success, -1 when the scalar is not of that type. */
int yn_to_int(const yn_node *n, long *out);
int yn_to_double(const yn_node *n, double *out);
int yn_to_bool(const yn_node *n, int *out);   /* true/false/yes/no (unquoted) */
int yn_is_null(const yn_node *n);             /* ~, null, or empty unquoted scalar */

#endif
