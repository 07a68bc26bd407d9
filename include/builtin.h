/*
** builtin.h: the shipped data in compiled form, made at build time so that start-up does not
** redo the work: each language's lexicon automaton, the bytecode of lua/default.lua and each
** language's time patterns in PCRE2's serialised form.
**
** The generator (engine/gen/salesim_gen.c) builds them with the same code the program runs
** from source and writes build/gen/builtin_data.c.  A compiled form is used only when the file
** the program finds at run time has exactly the bytes it was made from (length and 64-bit hash),
** so an edited lexicon or default.lua is read from source as before and takes effect at once.
** Where the build also recorded the file's stat (bi_stamp), a file that still has that device,
** inode, size and modification and change times is that file unchanged, and is not read at all.
** Builds that have no generated data (the generator itself, the fuzzers) link
** engine/gen/builtin_none.c, and everything is compiled from source.
*/
#ifndef SALESIM_BUILTIN_H
#define SALESIM_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

struct lex_table;

/* A source file as the generator saw it, by stat(2); all zero when it recorded none.  The change
** time (ctime) is the kernel's, set to the present by every write, rename or chmod and by no
** call a user makes: a file whose ctime is the recorded one has not been written since.  The
** generator records a stamp only for a file whose ctime is older than a few seconds when it
** reads it (bi_stamp_file: a write in the same clock tick as the recorded one could not be told). */
typedef struct bi_stamp {
  uint64_t dev, ino, size;
  int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
} bi_stamp;

/* One compiled form: of which file (or pattern set), made from which bytes. */
typedef struct bi_entry {
  const char *name;                /* "lexicons/en.yaml", "lua/default.lua", "timex/en",
                                   ** "messages/en.yaml" */
  size_t src_len;                  /* length and bi_hash of the source it was made from */
  uint64_t src_hash;
  const struct lex_table *lexicon; /* a lexicon image, or NULL */
  const unsigned char *bytes;      /* bytecode or serialised patterns, or NULL */
  size_t n_bytes;
  bi_stamp stamp;                  /* the source file's stat at build time, or zero */
} bi_entry;

/* The table the generator writes, ended by an entry with a NULL name. */
extern const bi_entry bi_entries[];
/* The message catalogues' compiled forms ("messages/LANG.yaml", bytes = the compiled blob,
** msg.h), a table of their own (build/gen/msg_data.c; engine/gen/msg_none.c has none). */
extern const bi_entry bi_messages[];

/* The parsed trees of the shipped YAML files (the scenarios), as ynode images, named by the
** file's path in the source tree (build/gen/yaml_data.c; engine/gen/yaml_none.c has none).  Kept
** apart so that editing a scenario rebuilds only this table. */
extern const bi_entry bi_yaml[];
/* The shipped scenarios' link indexes (link_int.h), keyed by the scenario file's length and
** bi_hash like bi_yaml, in the same generated file: made by the engine with the trained model
** (its background word frequencies weigh the terms). */
extern const bi_entry bi_links[];

/* A 64-bit hash of a file's bytes, to tell the shipped file from an edited one. */
uint64_t bi_hash(const void *data, size_t len);

/* 1 when the file at path is, by stat, the file e was made from and has not been written since
** (e's stamp: device, inode, size, both times), so its bytes are the ones e was made from; 0
** when e has no stamp or anything differs (a copy, an edit, a touch): read and bi_find it then. */
int bi_unchanged(const bi_entry *e, const char *path);
/* The stamp of the file at path, which the caller has just read as len bytes, into *out; 1, or
** 0 (out zeroed) when there must be none: the file was changed less than min_age seconds ago
** (a later write within the same clock tick would leave its times as they are: the generator
** asks for 2), its size is not len, or its file system keeps no change time. */
int bi_stamp_file(const char *path, size_t len, int min_age, bi_stamp *out);
/* The bi_yaml entry whose stamp the file at path still has (bi_unchanged), or NULL. */
const bi_entry *bi_yaml_unchanged(const char *path);

/* The compiled form of name (in either table) when it was made from exactly src[0..len), else
** NULL. */
const bi_entry *bi_find(const char *name, const void *src, size_t len);

/* The YAML image (bi_yaml) made from exactly src[0..len), wherever the file now lives, or NULL. */
const bi_entry *bi_find_yaml(const void *src, size_t len);
/* The link index image (bi_links) of the scenario file of that length and bi_hash, or NULL. */
const bi_entry *bi_find_links(size_t len, uint64_t hash);
/* The shipped scenarios' own English words for the typo corrector (words.h), keyed like
** bi_links: bytes are the words' hashes in increasing order (wd_words_sorted), as uint64_t. */
extern const bi_entry bi_words[];
/* The words (bi_words) of the scenario file of that length and bi_hash, or NULL. */
const bi_entry *bi_find_words(size_t len, uint64_t hash);
/* The shipped scenarios' own phrases (their `lexicon:` entries and items' keywords) as built
** automata (lexicon_int.h: lex_take_added), keyed like bi_links: the entry's lexicon. */
extern const bi_entry bi_phrases[];
const bi_entry *bi_find_phrases(size_t len, uint64_t hash);
/* The shipped scenarios' transcript hashes (scenario.h's `hash`: FNV-1a of the file, 16 hex
** digits, the entry's bytes without a NUL), keyed like bi_links. */
extern const bi_entry bi_scn_hash[];
const bi_entry *bi_find_scn_hash(size_t len, uint64_t hash);
/* The shipped scenarios' behaviour scripts compiled to bytecode at build time, named by the
** script's file name (the chunk name their messages carry), made from the source of that length
** and bi_hash (parsing the text was a third of the largest scenario's start-up).  Only the
** generator's own compilation of a shipped file is ever found: any other script, or an edited
** one, is read from its source. */
extern const bi_entry bi_scripts[];
const bi_entry *bi_find_script(const char *name, const void *src, size_t len);

/* The shipped scenarios' conditions (each reaction's when:, each commitment's realistic_when:)
** as the one chunk the customer compiles for them (customer_int.h, cust_conds_chunk), compiled
** at build time with every name kept (sbx_compile_full: errors read as from source), named by
** the scenario's file name (the chunk name) and keyed by the chunk's own length and bi_hash: any
** other text, or the same under another name, is compiled from source. */
extern const bi_entry bi_conds[];
const bi_entry *bi_find_conds(const char *name, const void *src, size_t len);

/* The default behaviour's built-in lines (lua/default.lua's top-level `LINES` block: language ->
** key -> variants), made by the generator from the block it blanks out of default.lua's bytecode
** (salesim_gen.c put_default): the customer reads them here whenever default.lua runs from that
** bytecode, and from the Lua table when it runs from source (customer.c builtin_line).  Texts
** are offsets in one pool (no pointers: nothing to relocate at start).  Sorted by lang, then
** key. */
typedef struct bi_line {
  int lang, key;    /* offsets in bi_line_strings */
  int text;         /* the line's offset when the entry is a string, else -1 ... */
  int n, first;     /* ... and it is a list of n variants at bi_line_at[first..first+n) */
} bi_line;
extern const bi_line bi_lines[];
extern const int bi_n_lines;
extern const char bi_line_strings[];
extern const int bi_line_at[];
/* The built-in line of key in lang, or NULL (binary search). */
const bi_line *bi_find_line(const char *lang, const char *key);
/* The entry's text when it is a string (else NULL); its variants, at most max, into v and their
** number into *n when it is a list. */
const char *bi_line_get(const bi_line *b, const char **v, int max, int *n);

/* The concepts of linking (lexicons/concepts.yaml, link_concepts.h) as the generator read them
** (bytes: lcn_blob's form), in the scenarios' table (scn_data.c): at most one entry. */
extern const bi_entry bi_concepts[];

/* The compiled form of name whatever it was made from, or NULL: for data the program must have
** even when no data directory is installed (the message catalogues, msg.h). */
const bi_entry *bi_named(const char *name);

#endif
