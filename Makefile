# asyncbook: one Makefile for everything. `make help` lists the targets.
# Quiet by default (`+ cc runtime/loop.c`); V=1 shows every command.

# ---- Knobs -------------------------------------------------------------------
CC      ?= cc
V       ?= 0
SAN     ?= 0        # 1: AddressSanitizer + UndefinedBehaviorSanitizer
EX      ?=          # an exercise: make grade EX=07
LESSON  ?=          # a lesson example: make run LESSON=07-sleeping/countasync
PYTHON  ?= python3
ARCH    := $(shell $(CC) -dumpmachine 2>/dev/null | cut -d- -f1)
SWITCH  ?= $(if $(filter x86_64,$(ARCH)),x86_64,$(if $(filter aarch64 arm64,$(ARCH)),aarch64,ucontext))

ifeq ($(V),1)
Q :=
GRADEFLAGS += -v
else
Q := @
endif
ifeq ($(CC),cc)
CCNAME := cc
else
CCNAME := $(notdir $(firstword $(CC)))
endif
CFG   := $(CCNAME)-$(SWITCH)$(if $(filter 1,$(SAN)),-san)
BUILD := build/$(CFG)

CFLAGS  = -std=c11 -Wall -Wextra -Werror -g -O2 -D_POSIX_C_SOURCE=200809L
ASFLAGS = -Wa,--noexecstack
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
ifeq ($(SAN),1)
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif
ifeq ($(SWITCH),ucontext)
CFLAGS += -DASYNC_SWITCH_UCONTEXT
endif
# A student's blocking sleep is caught at link time (runtime/blocking.c).
WRAP = -Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep

# ---- The runtime -------------------------------------------------------------
RUNTIME_SRCS = \
	runtime/task.c \
	runtime/loop.c \
	runtime/timer.c \
	runtime/future.c \
	runtime/sleep.c \
	runtime/gather.c \
	runtime/as_completed.c \
	runtime/generator.c \
	runtime/cancel.c \
	runtime/stack.c \
	runtime/debug.c \
	runtime/trace.c \
	runtime/blocking.c
ifeq ($(SWITCH),ucontext)
SWITCH_SRC = runtime/switch_ucontext.c
else
SWITCH_SRC = runtime/switch_$(SWITCH).S
endif
RUNTIME_OBJS = $(patsubst runtime/%,$(BUILD)/runtime/%.o,$(RUNTIME_SRCS) $(SWITCH_SRC))
LIB = $(BUILD)/libasync.a

# ---- Runtime tests (cmocka) --------------------------------------------------
TEST_SRCS  = $(sort $(wildcard runtime/tests/test_*.c))
TEST_BINS  = $(patsubst runtime/tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
TEST_HELPERS = $(BUILD)/tests/helpers.o
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

.PHONY: all lib test test-runtime test-san test-ucontext test-clang \
        test-aarch64 valgrind grade watch run bench clean help deps \
        tests-built

all: lib tests-built

lib: $(LIB)

$(LIB): $(RUNTIME_OBJS)
	@echo "+ ar $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/runtime/%.c.o: runtime/%.c runtime/async.h runtime/internal.h
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/runtime/%.S.o: runtime/%.S
	@mkdir -p $(dir $@)
	@echo "+ as $<"
	$(Q)$(CC) $(CFLAGS) $(ASFLAGS) -c $< -o $@

$(BUILD)/tests/%.o: runtime/tests/%.c runtime/tests/helpers.h runtime/async.h runtime/internal.h
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -Iruntime -c $< -o $@

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(TEST_HELPERS) $(LIB)
	@echo "+ ld $@"
	$(Q)$(CC) $(LDFLAGS) $^ $(CMOCKA_LIBS) $(WRAP) -lm -o $@

tests-built: deps $(TEST_BINS)

# deps: what the tests need, installed when we are root, else one line.
deps:
	$(Q)pkg-config --exists cmocka 2>/dev/null || [ -f /usr/include/cmocka.h ] || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "+ apt-get install -y libcmocka-dev"; \
		{ apt-get install -y -qq libcmocka-dev || { apt-get update -qq && \
		  apt-get install -y -qq libcmocka-dev; }; } >/dev/null 2>&1 || \
		{ echo "*** Error: could not install libcmocka-dev with apt-get"; exit 1; }; \
	else \
		echo "*** Error: the tests need cmocka: run 'sudo apt-get install -y libcmocka-dev' (macOS: 'brew install cmocka')"; \
		exit 1; \
	fi

# ---- Running the test suites ---------------------------------------------------
SUITES = $(PYTHON) grader/suites.py

# test: everything, in a plain and a sanitizer build, then one total line.
test: deps
	$(Q)$(MAKE) --no-print-directory tests-built
	$(Q)$(MAKE) --no-print-directory tests-built SAN=1
	$(Q)$(SUITES) \
		--cmocka "runtime ($(CFG))" $(BUILD)/tests \
		--cmocka "runtime ($(CFG)-san)" build/$(CFG)-san/tests \
		$(EXTRA_SUITES)

test-runtime: tests-built
	$(Q)$(SUITES) --cmocka "runtime ($(CFG))" $(BUILD)/tests

test-san:
	$(Q)$(MAKE) --no-print-directory test-runtime SAN=1

test-ucontext:
	$(Q)$(MAKE) --no-print-directory test-runtime SWITCH=ucontext

test-clang:
	$(Q)$(MAKE) --no-print-directory test-runtime CC=clang

# test-aarch64: cross-compile and run the runtime tests under qemu-user.
AARCH64_CC = aarch64-linux-gnu-gcc
test-aarch64:
	$(Q)command -v $(AARCH64_CC) >/dev/null && command -v qemu-aarch64 >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "+ apt-get install -y gcc-aarch64-linux-gnu qemu-user libcmocka-dev:arm64"; \
		{ apt-get install -y -qq gcc-aarch64-linux-gnu qemu-user || { apt-get update -qq && \
		  apt-get install -y -qq gcc-aarch64-linux-gnu qemu-user; }; } >/dev/null 2>&1 || \
		{ echo "*** Error: could not install gcc-aarch64-linux-gnu and qemu-user"; exit 1; }; \
	else \
		echo "*** Error: test-aarch64 needs 'sudo apt-get install -y gcc-aarch64-linux-gnu qemu-user'"; exit 1; \
	fi
	$(Q)$(MAKE) --no-print-directory aarch64-tests
	$(Q)QEMU_LD_PREFIX=/usr/aarch64-linux-gnu $(SUITES) \
		--runner qemu-aarch64 --cmocka "runtime (aarch64 under qemu)" build/aarch64-cross/tests

# The cross build links cmocka from source (runtime/tests/vendor is not
# ours to keep), so it uses the tiny cmocka-compatible shim when the arm64
# cmocka is absent: see runtime/tests/README.md.
aarch64-tests:
	$(Q)$(MAKE) --no-print-directory tests-built CC=$(AARCH64_CC) SWITCH=aarch64 \
		BUILD=build/aarch64-cross CMOCKA_CFLAGS="$(CMOCKA_CROSS_CFLAGS)" \
		CMOCKA_LIBS="$(CMOCKA_CROSS_LIBS)"

# valgrind: the runtime tests under memcheck, no errors and no leaks.
valgrind: tests-built
	$(Q)$(SUITES) \
		--runner "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
		--cmocka "runtime under valgrind" $(BUILD)/tests

# ---- Grading -------------------------------------------------------------------
grade:
	$(Q)$(PYTHON) grader/grade.py $(GRADEFLAGS) $(EX)

watch:
	$(Q)$(PYTHON) grader/grade.py --watch $(GRADEFLAGS) $(EX)

bench:
	@echo "*** Error: make bench is not written yet"; exit 1

run:
	@echo "*** Error: make run is not written yet"; exit 1

clean:
	rm -rf build

help:
	@echo "make grade          grade your exercises (EX=07 for one, verbose)"
	@echo "make watch          re-grade the exercise you are editing on every save"
	@echo "make run LESSON=..  build and run a lesson example (EX=.. an exercise)"
	@echo "make test           every test: runtime (plain + sanitizers), lessons, grader"
	@echo "make test-ucontext  runtime tests with the portable context switch"
	@echo "make test-clang     runtime tests built with clang"
	@echo "make test-aarch64   runtime tests cross-built for AArch64, run under qemu"
	@echo "make valgrind       runtime tests under valgrind"
	@echo "make bench          the runtime against CPython's asyncio"
	@echo "make clean          remove build/"
	@echo "knobs: V=1 verbose, SAN=1 sanitizers, SWITCH=ucontext, CC=clang"
