/*
** stem_probe: may words.c call Snowball's English stemmer directly?  (Makefile, STEM_DIRECT)
**
** Linked against libstemmer's archive, the program would otherwise pull in libstemmer.o, whose
** table of every language brings 320 KB of relocated Snowball tables into each start (about 80
** pages written by the dynamic loader: docs/performance.md, start-up).  The direct calls need the
** first fields of Snowball's struct SN_env, which its installed header does not show; this probe
** stems words both ways and exits 0 only when every stem and length agree.
*/
#include <libstemmer.h>
#include <string.h>

struct SN_env { unsigned char *p; int c; int l; };   /* the first fields of Snowball 2's */
struct SN_env *english_ISO_8859_1_create_env(void);
void english_ISO_8859_1_close_env(struct SN_env *z);
int english_ISO_8859_1_stem(struct SN_env *z);
int SN_set_current(struct SN_env *z, int size, const unsigned char *s);

int main(void) {
  static const char *const words[] = {
    "running", "generously", "nationalization", "hopefully", "engineer's", "dying", "skies",
    "agreed", "conditional", "troubles", "a", "caresses", "ponies", "cats'", "relational",
    "effective", "warehouse", "handhelds", "monitoring", "availability", "sized", "feed",
  };
  struct sb_stemmer *sb = sb_stemmer_new("english", "ISO_8859_1");
  struct SN_env *z = english_ISO_8859_1_create_env();
  if (!sb || !z) return 1;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    int n = (int)strlen(words[i]);
    const sb_symbol *a = sb_stemmer_stem(sb, (const sb_symbol *)words[i], n);
    int la = sb_stemmer_length(sb);
    if (!a || SN_set_current(z, n, (const unsigned char *)words[i]) || english_ISO_8859_1_stem(z) < 0) return 1;
    if (z->l != la || la < 1 || la > n || memcmp(z->p, a, (size_t)la) != 0) return 1;
  }
  english_ISO_8859_1_close_env(z);
  sb_stemmer_delete(sb);
  return 0;
}
