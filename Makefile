# salesim: a terminal sales-practice game.
#   make            build ./salesim
#   make play       set up (if needed), build and play the default scenario
#   make test       set up (if needed), build and run every test; ends with "N passed, N failed"
#                   (make test T=PATTERN runs only the suites whose name contains PATTERN)
#   make deps       install the Debian packages building and playing need (scripts/deps.sh play)
#   make test-deps  those plus the tools the tests drive (scripts/deps.sh test)
#   make bench      run the benchmarks and rewrite docs/performance.md
#   make install PREFIX=/usr/local
# Debug switches: make SAN=1 (ASan+UBSan build in build-san/), make CC=clang.

PREFIX   ?= /usr/local
CC       ?= cc
BUILD    ?= build
OPT      ?= -O2 -g
PKGS      = lua5.4 yaml-0.1 readline sqlite3 jansson libutf8proc libpcre2-8 libpq
# libpq is opened at run time for a postgresql:// gradebook (engine/gb_pg.c): its header only.
LINK_PKGS = $(filter-out libpq,$(PKGS))
TEST_PKGS = cmocka
# The Debian package lists, resolved per release, are in scripts/deps.sh.

ifeq ($(SAN),1)
BUILD    := build-san
OPT      := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDSAN    := -fsanitize=address,undefined
endif

WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wundef -Wpointer-arith -Wstrict-prototypes
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# The libraries are linked statically when their archives are installed (Debian's -dev packages
# ship them): start-up then maps libc and libm only instead of ten shared objects, a third of
# the time to the first prompt (docs/performance.md).  LINK=shared links them dynamically.
LINK     ?= static
SYS_LIBS  = -lm -ldl -lpthread -lz
STATIC_OK := $(shell for l in $(patsubst -l%,lib%.a,$(filter-out $(SYS_LIBS),$(shell pkg-config \
               --static --libs $(LINK_PKGS) 2>/dev/null))); do [ -f "$$($(CC) -print-file-name=$$l)" ] \
               || exit 0; done; echo yes)
ifeq ($(LINK)$(STATIC_OK),staticyes)
PKG_LIBS   = -Wl,-Bstatic $(filter-out $(SYS_LIBS),$(shell pkg-config --static --libs $(LINK_PKGS))) \
             -Wl,-Bdynamic -lm -ldl -lpthread
else
PKG_LIBS   = $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null) -lm -ldl
endif
ALL_CFLAGS = $(WARN) $(OPT) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS)
# Relative relocations packed (DT_RELR, glibc 2.36+): the statically linked libraries leave
# 16,000 of them, and applying them from the old table was a third of a start-up on a VM
# (docs/performance.md).  Used only where the linker and the C library both have it.
RELR_LD := $(shell t=$$(mktemp -d) && printf 'int main(void){return 0;}' >$$t/r.c && \
             $(CC) -o $$t/r $$t/r.c -Wl,-z,pack-relative-relocs >/dev/null 2>&1 && $$t/r && \
             echo -Wl,-z,pack-relative-relocs; rm -rf $$t)

ENGINE_SRCS = $(wildcard engine/*.c)
ENGINE_OBJS = $(patsubst engine/%.c,$(BUILD)/engine/%.o,$(ENGINE_SRCS))
LIB_OBJS    = $(filter-out $(BUILD)/engine/main.o,$(ENGINE_OBJS))
UNIT_SRCS   = $(wildcard tests/unit/test_*.c)
UNIT_BINS   = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
TOOL_SRCS   = $(wildcard tests/tools/*.c)
TOOL_BINS   = $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(TOOL_SRCS))
SALESIM     = $(if $(filter 1,$(SAN)),$(BUILD)/salesim,salesim)

# Built-in data (include/builtin.h): the generator builds the lexicon automata, time patterns
# and default.lua's bytecode from source with the engine itself (linked without built-in data,
# engine/gen/builtin_none.c) and writes them as C, so start-up does not redo that work.
GEN_DIR  = $(BUILD)/gen
GEN_TOOL = $(GEN_DIR)/salesim-gen
GEN_OBJ  = $(GEN_DIR)/builtin_data.o
# The message catalogues (include/msg.h), compiled by the same tool into a table of their own, so
# that editing one does not retrain the model.
MSG_C    = $(GEN_DIR)/msg_data.c
MSG_OBJ  = $(GEN_DIR)/msg_data.o
MSG_NONE = $(GEN_DIR)/msg_none.o
# The shipped scenarios' parsed trees and link indexes (ynode.h, link_int.h, builtin.h), by the
# same tool linked with the trained model (salesim-gen-scn: the index weighs terms by the model's
# background frequencies), into tables of their own: editing a scenario rebuilds only them, and
# the program neither parses nor indexes a shipped scenario at start.
SCN_SRC   = $(sort $(wildcard scenarios/*.yaml scenarios/examples/*.yaml))
SCN_TOOL  = $(GEN_DIR)/salesim-gen-scn
SCN_C     = $(GEN_DIR)/scn_data.c
SCN_OBJ   = $(GEN_DIR)/scn_data.o
SCN_NONE  = $(GEN_DIR)/scn_none.o
CORE_ARCHIVE = $(BUILD)/libcore.a
T2S_TOOL = $(GEN_DIR)/salesim-t2s
T2S_C    = $(GEN_DIR)/t2s_table.c
T2S_OBJ  = $(GEN_DIR)/t2s_table.o
TRAIN_TOOL = $(GEN_DIR)/salesim-train
MODEL_C  = $(GEN_DIR)/model_data.c
MODEL_OBJ = $(GEN_DIR)/model_data.o
# Snowball's English stemmer (libstemmer has no pkg-config file); its archive when installed.
STEM_STATIC = -Wl,-Bstatic -lstemmer -Wl,-Bdynamic
STEM_ARCHIVE = $(and $(filter static,$(LINK)),$(wildcard /usr/lib/*/libstemmer.a))
STEM_LIBS = $(if $(STEM_ARCHIVE),$(STEM_STATIC),-lstemmer)
# With the archive, words.c calls the English stemmer directly when scripts/stem_probe.c finds
# that this Snowball agrees (engine/words.c): libstemmer's own API links every language's tables,
# 320 KB the dynamic loader writes at each start.  The stamp rebuilds words.o when this changes.
STEM_DIRECT := $(if $(STEM_ARCHIVE),$(shell t=$$(mktemp -d) && \
                 $(CC) -std=c11 -o $$t/p scripts/stem_probe.c $(STEM_STATIC) >/dev/null 2>&1 && \
                 $$t/p && echo -DSALESIM_STEM_DIRECT; rm -rf $$t))
STEM_STAMP := $(BUILD)/stem-mode
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(STEM_STAMP) 2>/dev/null)" = "$(STEM_DIRECT)" ] || \
          echo "$(STEM_DIRECT)" >$(STEM_STAMP); })

.PHONY: all play test check-deps check-test-deps deps test-deps bench install uninstall clean fuzz unit-bins

all: $(SALESIM)

$(SALESIM): $(ENGINE_OBJS) $(T2S_OBJ) $(GEN_OBJ) $(MSG_OBJ) $(SCN_OBJ) $(MODEL_OBJ)
	$(CC) $(OPT) $(LDSAN) $(RELR_LD) -o $@ $^ $(PKG_LIBS) $(STEM_LIBS) $(LDFLAGS)

$(BUILD)/engine/%.o: engine/%.c $(wildcard include/*.h) | $(BUILD)/engine
	$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<
$(BUILD)/engine/words.o: engine/words.c $(wildcard include/*.h) $(STEM_STAMP) | $(BUILD)/engine
	$(CC) $(ALL_CFLAGS) $(STEM_DIRECT) -MMD -c -o $@ $<

$(CORE_ARCHIVE): $(LIB_OBJS) $(T2S_OBJ)
	rm -f $@ && ar rcs $@ $^
# OpenCC's Traditional-to-Simplified mapping of single characters, as a table (text.h): the
# tool runs OpenCC once at build time; the program does not load its dictionaries (4 ms).
$(T2S_TOOL): engine/gen/salesim_t2s.c | $(GEN_DIR)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags opencc) -o $@ $< $(shell pkg-config --libs opencc)
$(T2S_C): $(T2S_TOOL)
	$(T2S_TOOL) $@
$(T2S_OBJ): $(T2S_C)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(GEN_DIR)/builtin_none.o: engine/gen/builtin_none.c include/builtin.h | $(GEN_DIR)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(GEN_TOOL): engine/gen/salesim_gen.c $(GEN_DIR)/builtin_none.o $(MSG_NONE) $(SCN_NONE) $(GEN_DIR)/model_none.o $(CORE_ARCHIVE)
	$(CC) $(ALL_CFLAGS) -Iengine -o $@ $^ $(LDSAN) $(PKG_LIBS) $(STEM_LIBS) $(LDFLAGS)
$(GEN_DIR)/model_none.o: engine/gen/model_none.c include/model.h | $(GEN_DIR)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
# The reader's linear model (include/model.h): trained at build time with liblinear on the
# labelled corpus (engine/corpus/LANG/*.tsv), with the engine's own features and the shipped
# lexicons, and written as C.  The program only reads the weights; liblinear is not linked in.
$(TRAIN_TOOL): engine/gen/salesim_train.c $(GEN_DIR)/model_none.o $(GEN_OBJ) $(MSG_NONE) $(SCN_NONE) $(CORE_ARCHIVE)
	$(CC) $(ALL_CFLAGS) -Iengine -o $@ $^ $(LDSAN) $(PKG_LIBS) $(STEM_LIBS) -llinear -lstdc++ $(LDFLAGS)
# English word lists (Debian's wamerican, wbritish): a real word is never "corrected" (words.h)
WORD_LISTS = /usr/share/dict/american-english /usr/share/dict/british-english
# (concepts.yaml is no lexicon of the reader: linking's concepts, link_concepts.h, read with the
# scenarios' indexes below)
LEXICON_YAML = $(filter-out engine/lexicons/concepts.yaml,$(wildcard engine/lexicons/*.yaml))
$(MODEL_C): $(TRAIN_TOOL) $(wildcard engine/corpus/*/*.tsv) $(wildcard engine/corpus/*/) $(LEXICON_YAML)
	$(TRAIN_TOOL) engine $@ $(WORD_LISTS)
$(MODEL_OBJ): $(MODEL_C) include/model.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(GEN_DIR)/builtin_data.c: $(GEN_TOOL) $(LEXICON_YAML) engine/lua/default.lua
	$(GEN_TOOL) engine $@
$(GEN_OBJ): $(GEN_DIR)/builtin_data.c engine/lexicon_int.h include/builtin.h include/lexicon.h
	$(CC) $(ALL_CFLAGS) -Iengine -c -o $@ $<
$(MSG_NONE): engine/gen/msg_none.c include/builtin.h | $(GEN_DIR)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(MSG_C): $(GEN_TOOL) $(wildcard engine/messages/*.yaml)
	$(GEN_TOOL) --messages engine $@
$(MSG_OBJ): $(MSG_C) include/builtin.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(SCN_NONE): engine/gen/scn_none.c include/builtin.h | $(GEN_DIR)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(SCN_TOOL): engine/gen/salesim_gen.c $(GEN_DIR)/builtin_none.o $(MSG_NONE) $(SCN_NONE) $(MODEL_OBJ) $(CORE_ARCHIVE)
	$(CC) $(ALL_CFLAGS) -Iengine -o $@ $^ $(LDSAN) $(PKG_LIBS) $(STEM_LIBS) $(LDFLAGS)
$(SCN_C): $(SCN_TOOL) $(SCN_SRC) $(wildcard scenarios/*.lua scenarios/examples/*.lua) engine/lexicons/concepts.yaml
	$(SCN_TOOL) --scenarios engine $@ $(SCN_SRC)
$(SCN_OBJ): $(SCN_C) include/builtin.h engine/lexicon_int.h include/lexicon.h
	$(CC) $(ALL_CFLAGS) -Iengine -c -o $@ $<
$(GEN_DIR):
	mkdir -p $@

# Tests and tools link an archive of the engine, so they pull only the objects they use (the
# commands' cmd_*.o need main.o's CLI helpers, which a test does not have).
LIB_ARCHIVE = $(BUILD)/libsalesim.a
$(LIB_ARCHIVE): $(LIB_OBJS) $(T2S_OBJ) $(GEN_OBJ) $(MSG_OBJ) $(SCN_OBJ) $(MODEL_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(LIB_ARCHIVE) tests/unit/testutil.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -MF $@.d -Itests/unit -Iengine $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< $(LIB_ARCHIVE) \
	  $(LDSAN) $(PKG_LIBS) $(STEM_LIBS) $(shell pkg-config --libs $(TEST_PKGS)) $(LDFLAGS)

$(BUILD)/tools/%: tests/tools/%.c $(LIB_ARCHIVE) | $(BUILD)/tools
	$(CC) $(ALL_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(LIB_ARCHIVE) $(LDSAN) $(PKG_LIBS) $(STEM_LIBS) $(LDFLAGS)

$(BUILD)/engine $(BUILD)/tests $(BUILD)/tools:
	mkdir -p $@

unit-bins: $(UNIT_BINS) $(TOOL_BINS)

# the headers each object, test and tool was built with (-MMD): an edited header rebuilds them
-include $(wildcard $(BUILD)/engine/*.d $(BUILD)/tests/*.d $(BUILD)/tools/*.d)

# --- set-up ---------------------------------------------------------------------------------
# `make play` and `make test` install the packages themselves when something is missing, so on
# a fresh Debian or Ubuntu machine they are the whole set-up.  `play` needs only the compiler
# and the libraries; `test` adds the tools the tests drive (scripts/deps.sh has both lists).
check-deps:
	@if ! command -v cc >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1 || \
	    ! pkg-config --exists $(PKGS) opencc 2>/dev/null || [ ! -f /usr/include/libstemmer.h ] || \
	    [ ! -f /usr/include/linear.h ] || [ ! -f /usr/share/dict/american-english ] || \
	    [ ! -f /usr/share/dict/british-english ]; then scripts/deps.sh play; fi

# the tests also drive these programs (a real terminal, JSON checks, memcheck, libFuzzer), a
# PostgreSQL server (its initdb and pg_ctl, which tests/pg.sh runs, not only the client tools)
# and a Chinese font (the HTML report's glyph test)
TEST_CMDS = tmux jq valgrind sqlite3 clang hyperfine lua5.4 python3 fc-list
check-test-deps: check-deps
	@missing=; pkg-config --exists $(TEST_PKGS) 2>/dev/null || missing=1; \
	 for c in $(TEST_CMDS); do command -v $$c >/dev/null 2>&1 || missing=1; done; \
	 ls /usr/lib/postgresql/*/bin/initdb /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing=1; \
	 fc-list :lang=zh 2>/dev/null | grep -q . || missing=1; \
	 python3 -c 'import yaml, jsonschema' 2>/dev/null || missing=1; \
	 [ -z "$$missing" ] || scripts/deps.sh test

deps:
	@scripts/deps.sh play
test-deps:
	@scripts/deps.sh test

# --- the two commands of README.md ----------------------------------------------------------
play: check-deps
	@$(MAKE) --no-print-directory all
	./salesim play scenarios/campus-platform.yaml

test: check-test-deps
	@$(MAKE) --no-print-directory all unit-bins
	@$(MAKE) --no-print-directory SAN=1 all unit-bins
	@tests/run.sh $(T)

bench: check-test-deps
	@$(MAKE) --no-print-directory all unit-bins
	@tests/bench/run.sh

fuzz: check-deps
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

# --- install --------------------------------------------------------------------------------
DATADIR = $(DESTDIR)$(PREFIX)/share/salesim
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DATADIR)/lexicons $(DATADIR)/messages $(DATADIR)/lua \
	  $(DATADIR)/scenarios $(DATADIR)/templates $(DATADIR)/docs \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/salesim
	install -m 755 salesim $(DESTDIR)$(PREFIX)/bin/salesim
	install -m 644 engine/lexicons/*.yaml $(DATADIR)/lexicons/
	install -m 644 engine/messages/*.yaml $(DATADIR)/messages/
	install -m 644 engine/lua/*.lua $(DATADIR)/lua/
	install -m 644 engine/templates/*.yaml $(DATADIR)/templates/
	install -m 644 docs/scenario.schema.json $(DATADIR)/docs/
	cp -R scenarios/. $(DATADIR)/scenarios/
	install -m 644 docs/*.md docs/*.json $(DESTDIR)$(PREFIX)/share/doc/salesim/
	if [ -f docs/salesim.1 ]; then install -m 644 docs/salesim.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/salesim $(DATADIR) $(DESTDIR)$(PREFIX)/share/doc/salesim \
	  $(DESTDIR)$(PREFIX)/share/man/man1/salesim.1

clean:
	rm -rf build build-san salesim
