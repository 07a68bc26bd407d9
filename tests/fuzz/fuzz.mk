# fuzz.mk: builds the libFuzzer targets with clang into build-fuzz/ (tests/fuzz/run.sh calls it:
#   make -f tests/fuzz/fuzz.mk).  The engine is compiled with ASan+UBSan and the fuzzer's
# coverage instrumentation (all but main.c), in an archive;
# each tests/fuzz/fuzz_NAME.c links with libFuzzer's main and what it needs of the engine.
FZ_CC    ?= clang
FZ_BUILD ?= build-fuzz
PKGS      = lua5.4 yaml-0.1 readline sqlite3 jansson libutf8proc libpcre2-8
SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FZ_CFLAGS = -std=c11 -Wall -Wextra -Wshadow -g -O1 $(SANFLAGS) -Iinclude \
            -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSALESIM_FUZZING \
            $(shell pkg-config --cflags $(PKGS) libpq)
FZ_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -ldl

# engine/gen/builtin_none.c: no built-in data, so the fuzzers run the from-source paths
# (lexicon YAML, time patterns, default.lua) that a changed data file takes (include/builtin.h).
# engine/gen/model_none.c: no model either (the rules alone).  The Traditional-to-Simplified
# table is data made by the main build (build/gen/t2s_table.c, text.h).
FZ_ENGINE  = $(filter-out engine/main.c,$(wildcard engine/*.c)) engine/gen/builtin_none.c engine/gen/msg_none.c engine/gen/scn_none.c engine/gen/model_none.c
FZ_OBJS    = $(patsubst engine/%.c,$(FZ_BUILD)/engine/%.o,$(FZ_ENGINE)) $(FZ_BUILD)/t2s_table.o
FZ_TARGETS = $(patsubst tests/fuzz/%.c,$(FZ_BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

all: $(FZ_TARGETS)

$(FZ_BUILD)/engine/%.o: engine/%.c $(wildcard include/*.h engine/*.h) | $(FZ_BUILD)/engine
	@mkdir -p $(dir $@)
	$(FZ_CC) $(FZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FZ_BUILD)/t2s_table.o: build/gen/t2s_table.c | $(FZ_BUILD)/engine
	$(FZ_CC) $(FZ_CFLAGS) -c -o $@ $<
build/gen/t2s_table.c:
	$(MAKE) -f Makefile build/gen/t2s_table.c

# An archive, so each target links only the modules it reaches.
$(FZ_BUILD)/libengine.a: $(FZ_OBJS)
	rm -f $@ && ar rcs $@ $^

$(FZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FZ_BUILD)/libengine.a
	$(FZ_CC) $(FZ_CFLAGS) -Werror -fsanitize=fuzzer -o $@ $< $(FZ_BUILD)/libengine.a $(FZ_LIBS)

$(FZ_BUILD)/engine:
	mkdir -p $@

.PHONY: all
