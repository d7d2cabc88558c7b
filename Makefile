# uplift - A/B coupon experiment analysis.
#
#   make            build/uplift and build/libuplift.a (installs missing packages)
#   make demo       analyze experiments/coffee-w47 and print the table
#   make test       unit + end-to-end tests, report.html in headless Chromium, then the
#                   unit and end-to-end tests again under ASan + UBSan
#   make bench      time and memory on generated experiments
#   make format     apply .clang-format;  make lint: check it

CC      ?= cc
PKGS     = gsl jansson libutf8proc libseccomp xlsxwriter
# '=' (not ':='): evaluated when a recipe runs, after deps are installed
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -pthread
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L
# -O3 and link-time optimisation: about 6% faster analyses than -O2 (make bench)
OPT     ?= -O3 -g -flto=auto
AR       = gcc-ar
BUILD   ?= build
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(EXTRA_CFLAGS) -Iinclude $(PKG_CFLAGS)
LDFLAGS_ALL = $(EXTRA_LDFLAGS)

LIB_SRC  = $(wildcard src/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  = $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%) $(BUILD)/tests/test_csv_portable

.PHONY: all deps deps-test demo test test-unit test-cli test-browser test-asan bench plots fuzz calibrate \
        format lint valgrind clean
.DELETE_ON_ERROR:

all: $(BUILD)/uplift $(BUILD)/libuplift.a

deps:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh test

$(BUILD)/obj/%.o: src/%.c $(wildcard include/*.h) $(wildcard src/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c $(wildcard include/*.h) $(wildcard src/cli/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/cli -c $< -o $@

$(BUILD)/libuplift.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/uplift: $(CLI_OBJ) $(BUILD)/libuplift.a
	$(CC) $(OPT) $(EXTRA_CFLAGS) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libuplift.a $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libuplift.a | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libuplift.a \
		$(PKG_LIBS) -lcmocka

# test_cli walks the program's command table: the CLI's objects but main.o
CLI_LIB_OBJ = $(filter-out %/main.o,$(CLI_OBJ))
$(BUILD)/tests/test_cli: tests/unit/test_cli.c tests/unit/testutil.h $(CLI_LIB_OBJ) \
		$(BUILD)/libuplift.a | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Isrc/cli -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(CLI_LIB_OBJ) \
		$(BUILD)/libuplift.a $(PKG_LIBS) -lcmocka

# test_csv again, over a reader built with the byte-wise chunk step that
# machines without SSE2 use (UPLIFT_PORTABLE_SCAN)
$(BUILD)/tests/test_csv_portable: tests/unit/test_csv.c tests/unit/testutil.h $(LIB_SRC) \
		$(wildcard include/*.h) $(wildcard src/*.h) | deps-test
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DUPLIFT_PORTABLE_SCAN -Itests/unit $(LDFLAGS_ALL) -o $@ $< \
		$(LIB_SRC) $(PKG_LIBS) -lcmocka

demo: $(BUILD)/uplift
	@scripts/deps.sh plots
	$(BUILD)/uplift analyze experiments/coffee-w47

test-unit: $(TEST_BIN)
	@tests/run-unit.sh $(TEST_BIN)

test-cli: $(BUILD)/uplift
	@UPLIFT=$(BUILD)/uplift tests/cli/run.sh
	@UPLIFT=$(BUILD)/uplift tests/sql/run.sh
	@UPLIFT=$(BUILD)/uplift tests/security/run.sh
	@/usr/bin/python3 scripts/check-names.py

# report.html and review.html in headless Chromium at 390 and 1280 px; a
# screenshot of each in $(BUILD)/html-shots (tests/browser/check.sh)
test-browser: $(BUILD)/uplift
	@UPLIFT=$(BUILD)/uplift SHOTS=$(BUILD)/html-shots sh tests/browser/check.sh

# make test: the plain build, then the whole suite again under ASan + UBSan
test: deps-test
	@$(MAKE) --no-print-directory test-unit test-cli test-browser
	@$(MAKE) --no-print-directory test-asan

test-asan:
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" \
		EXTRA_CFLAGS="$(SAN)" EXTRA_LDFLAGS="$(SAN)" test-unit test-cli

# The unit tests (but the calibration simulations, pure arithmetic that would
# take minutes under valgrind) and the CLI on the fixtures, under memcheck
VALGRIND_CMD = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all
valgrind: $(BUILD)/uplift $(TEST_BIN)
	@scripts/deps.sh check
	@VALGRIND="$(VALGRIND_CMD)" tests/run-unit.sh $(filter-out %test_calibration,$(TEST_BIN))
	@n=0; for args in "analyze tests/fixtures/small --format json" \
		"analyze experiments/coffee-w47 --by rfm_segment,spend_level --cuped --sequential" \
		"segment tests/fixtures/rfm" "validate tests/fixtures/small" \
		"report tests/fixtures/small --out build/valgrind-pack"; do \
		$(VALGRIND_CMD) $(BUILD)/uplift $$args >/dev/null 2>build/valgrind.err || \
			{ cat build/valgrind.err; echo "valgrind: uplift $$args"; exit 1; }; \
		n=$$((n + 1)); \
	done; echo "valgrind cli: $$n passed, 0 failed"

# libFuzzer over the loader, the analysis and the JSON writer (clang, ASan, UBSan)
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
build-fuzz/fuzz_loader: tests/fuzz/fuzz_loader.c $(LIB_SRC) $(wildcard include/*.h) src/table.h
	@scripts/deps.sh fuzz
	@mkdir -p build-fuzz
	clang $(CSTD) $(WARN) $(FUZZ_FLAGS) -Iinclude $(PKG_CFLAGS) -o $@ \
		tests/fuzz/fuzz_loader.c $(LIB_SRC) $(PKG_LIBS)

build-fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c $(LIB_SRC) $(wildcard include/*.h) $(wildcard src/*.h)
	@scripts/deps.sh fuzz
	@mkdir -p build-fuzz
	clang $(CSTD) $(WARN) $(FUZZ_FLAGS) -Iinclude $(PKG_CFLAGS) -o $@ \
		tests/fuzz/fuzz_csv.c $(LIB_SRC) $(PKG_LIBS)

build-fuzz/fuzz_ini: tests/fuzz/fuzz_ini.c $(LIB_SRC) $(wildcard include/*.h)
	@scripts/deps.sh fuzz
	@mkdir -p build-fuzz
	clang $(CSTD) $(WARN) $(FUZZ_FLAGS) -Iinclude $(PKG_CFLAGS) -o $@ \
		tests/fuzz/fuzz_ini.c $(LIB_SRC) $(PKG_LIBS)

# fuzz_csv: the plain-line CSV path against libcsv, a third of the time;
# fuzz_ini: experiment.ini alone (memory and file must agree), a quarter
fuzz: build-fuzz/fuzz_loader build-fuzz/fuzz_csv build-fuzz/fuzz_ini
	@mkdir -p build-fuzz/corpus-ini build-fuzz/crashes
	build-fuzz/fuzz_ini -max_total_time=$$(( ($(FUZZ_SECONDS) + 3) / 4 )) -max_len=4096 \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/ \
		-print_final_stats=1 build-fuzz/corpus-ini tests/fuzz/corpus-ini
	@mkdir -p build-fuzz/corpus-csv build-fuzz/crashes
	build-fuzz/fuzz_csv -max_total_time=$$(( ($(FUZZ_SECONDS) + 2) / 3 )) -max_len=4096 \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/ \
		-print_final_stats=1 build-fuzz/corpus-csv tests/fuzz/corpus-csv
	@mkdir -p build-fuzz/corpus build-fuzz/crashes
	@cp -n tests/fuzz/corpus/* build-fuzz/corpus/ 2>/dev/null || true
	build-fuzz/fuzz_loader -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 \
		build-fuzz/corpus tests/fuzz/corpus
	@for f in tests/fuzz/regressions/*; do case "$$f" in *.md) continue;; esac; [ -f "$$f" ] || continue; \
		build-fuzz/fuzz_loader "$$f" >/dev/null 2>&1 || { echo "regression $$f fails"; exit 1; }; done

$(BUILD)/bench_reader: bench/reader.c $(BUILD)/libuplift.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libuplift.a $(PKG_LIBS)

bench: $(BUILD)/uplift $(BUILD)/bench_reader
	@scripts/deps.sh check
	@bench/run.sh $(BUILD)/uplift
	@if [ -n "$(BENCH_OLD)" ]; then bench/turns.sh "$(BENCH_OLD)" $(BUILD)/uplift; fi

# uplift target on 200 seeded A/A folders: interval coverage and false gains (about 25 s)
calibrate: $(BUILD)/uplift
	@UPLIFT=$(BUILD)/uplift sh scripts/aa-target.sh 200

plots: $(BUILD)/uplift
	@scripts/deps.sh plots
	$(BUILD)/uplift report experiments/coffee-w47 --out plots/coffee-w47

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) include/*.h src/*.h src/cli/*.h tests/unit/*.h tests/fuzz/*.c bench/*.c

lint:
	clang-format --dry-run --Werror $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) include/*.h src/*.h src/cli/*.h tests/unit/*.h tests/fuzz/*.c bench/*.c
	@# the umbrella header brings every public header
	@for h in include/uplift_*.h; do grep -q "\"$${h#include/}\"" include/uplift.h || \
		{ echo "lint: include/uplift.h does not include $${h#include/}"; exit 1; }; done

clean:
	rm -rf build build-asan build-fuzz
