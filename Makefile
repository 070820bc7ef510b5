# asyncbook: one Makefile for everything. `make help` lists the targets.
# Quiet by default (`+ cc runtime/loop.c`); V=1 shows every command.

# ---- Knobs -------------------------------------------------------------------
CC      ?= cc
V       ?= 0
SAN     ?= 0        # 1: AddressSanitizer + UndefinedBehaviorSanitizer
FORTIFY ?= 0        # 1: glibc's checks, -D_FORTIFY_SOURCE=2 (longjmp too)
EX      ?=          # an exercise: make grade EX=07
LESSON  ?=          # a lesson example: make run LESSON=07-sleeping/countasync
PYTHON  ?= python3
ARCH    := $(shell $(CC) -dumpmachine 2>/dev/null | cut -d- -f1)
# The I/O backend: epoll on Linux, poll elsewhere (make test IO=poll tries it).
IO      ?= $(if $(filter Linux,$(shell uname -s)),epoll,poll)
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
CFG   := $(CCNAME)-$(SWITCH)$(if $(filter poll,$(IO)),-poll)$(if $(filter 1,$(SAN)),-san)$(if $(filter 1,$(FORTIFY)),-fortify)
BUILD := build/$(CFG)

# -gdwarf-4: clang's default DWARF 5 is more than valgrind 3.19 can read.
CFLAGS  = -pthread -std=c11 -Wall -Wextra -Werror -gdwarf-4 -O2 -D_POSIX_C_SOURCE=200809L
ASFLAGS = -Wa,--noexecstack
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
ifeq ($(SAN),1)
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif
# FORTIFY=1: what Ubuntu's gcc does by default; glibc's __longjmp_chk
# then refuses a longjmp from one coroutine stack to another.
ifeq ($(FORTIFY),1)
CFLAGS += -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
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
	runtime/handle.c \
	runtime/runner.c \
	runtime/timer.c \
	runtime/clock.c \
	runtime/future.c \
	runtime/sleep.c \
	runtime/gather.c \
	runtime/as_completed.c \
	runtime/generator.c \
	runtime/event.c \
	runtime/waitq.c \
	runtime/lock.c \
	runtime/semaphore.c \
	runtime/queue.c \
	runtime/cancel.c \
	runtime/timeout.c \
	runtime/unwind.c \
	runtime/error.c \
	runtime/taskgroup.c \
	runtime/io.c \
	runtime/io_$(IO).c \
	runtime/stream.c \
	runtime/thread.c \
	runtime/stack.c \
	runtime/debug.c \
	runtime/lifetime.c \
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

.PHONY: test-poll test-fortify test-macho timeline figures handout gradescope new-exercise bench-built all lib test test-runtime test-san test-ucontext test-clang \
        test-aarch64 valgrind grade watch run bench clean help deps \
        tests-built

all: lib tests-built

lib: $(LIB)

$(LIB): $(RUNTIME_OBJS)
	@echo "+ ar $@"
	$(Q)rm -f $@.tmp && ar rcs $@.tmp $^ && mv $@.tmp $@

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
	$(Q)$(CC) $(LDFLAGS) $^ $(CMOCKA_LIBS) $(WRAP) -lm -pthread -o $@

tests-built: deps $(TEST_BINS)

# deps: what the tests need, installed when we are root, else one line.
# bubblewrap is optional: with it the grader sandboxes students' programs.
deps:
	$(Q)pkg-config --exists cmocka 2>/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "+ apt-get install -y libcmocka-dev bubblewrap valgrind"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmocka-dev bubblewrap valgrind || \
		  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y -qq libcmocka-dev bubblewrap valgrind; }; } >/dev/null 2>&1 || \
		{ echo "*** Error: could not install libcmocka-dev with apt-get"; exit 1; }; \
	else \
		echo "*** Error: the tests need cmocka: run 'sudo apt-get install -y libcmocka-dev' (macOS: 'brew install cmocka')"; \
		exit 1; \
	fi

# ---- Running the test suites ---------------------------------------------------
SUITES = $(PYTHON) grader/suites.py
EXTRA_SUITES = \
	--command "lessons" "$(PYTHON) grader/lessons.py" \
	--command "real twins" "$(PYTHON) grader/realtwins.py" \
	--command "course lint" "$(PYTHON) grader/courselint.py" \
	--command "readme" "$(PYTHON) grader/readme.py" \
	--command "figures" "$(PYTHON) grader/timeline.py --figures --check" \
	--unittest "grader" grader/tests \
	--command "self-check" "$(PYTHON) grader/grade.py --self-check" \
	--command "bench smoke" "$(PYTHON) runtime/bench/bench.py --smoke --bin $(BUILD)/bench"

# test: everything, in a plain and a sanitizer build and under valgrind
# (where it is installed), then one total line.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
test: deps
	$(Q)$(MAKE) --no-print-directory tests-built bench-built
	$(Q)$(MAKE) --no-print-directory tests-built SAN=1
	$(Q)$(MAKE) --no-print-directory tests-built FORTIFY=1
	$(Q)command -v valgrind >/dev/null || \
		echo "note: valgrind is not installed, so its suite is left out (sudo apt-get install -y valgrind)"
	$(Q)$(SUITES) \
		--cmocka "runtime ($(CFG))" $(BUILD)/tests \
		--cmocka "runtime ($(CFG)-san)" build/$(CFG)-san/tests \
		--cmocka "runtime ($(CFG)-fortify)" build/$(CFG)-fortify/tests \
		$(EXTRA_SUITES) \
		$(if $(shell command -v valgrind 2>/dev/null),--runner "$(VALGRIND)" \
		--cmocka "runtime ($(CFG)) under valgrind" $(BUILD)/tests)

test-runtime: tests-built
	$(Q)$(SUITES) --cmocka "runtime ($(CFG))" $(BUILD)/tests

test-san:
	$(Q)$(MAKE) --no-print-directory test-runtime SAN=1

test-fortify:
	$(Q)$(MAKE) --no-print-directory test-runtime FORTIFY=1

test-ucontext:
	$(Q)$(MAKE) --no-print-directory test-runtime SWITCH=ucontext

test-clang:
	$(Q)$(MAKE) --no-print-directory test-runtime CC=clang

# test-poll: the runtime tests with the poll(2) backend that non-Linux
# systems use, on this machine.
test-poll:
	$(Q)$(MAKE) --no-print-directory test-runtime IO=poll

# test-aarch64: cross-compile the runtime tests for AArch64 and run them
# under qemu-user, with Debian's arm64 cmocka (multiarch).
AARCH64_CC = aarch64-linux-gnu-gcc
test-aarch64:
	$(Q)if ! command -v $(AARCH64_CC) >/dev/null || ! command -v qemu-aarch64 >/dev/null || \
	   ! [ -e /usr/lib/aarch64-linux-gnu/libcmocka.so ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "+ apt-get install -y gcc-aarch64-linux-gnu qemu-user libcmocka-dev:arm64"; \
			{ dpkg --add-architecture arm64 && apt-get update -qq && \
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			  gcc-aarch64-linux-gnu qemu-user libcmocka-dev:arm64; } >/dev/null 2>&1 || \
			{ echo "*** Error: could not install the AArch64 cross compiler, qemu-user and arm64 cmocka"; exit 1; }; \
		else \
			echo "*** Error: test-aarch64 needs: sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install -y gcc-aarch64-linux-gnu qemu-user libcmocka-dev:arm64"; \
			exit 1; \
		fi; \
	fi
	$(Q)$(MAKE) --no-print-directory tests-built CC=$(AARCH64_CC)
	$(Q)$(SUITES) --runner "qemu-aarch64 -L /" \
		--cmocka "runtime (aarch64 under qemu)" build/$(AARCH64_CC)-aarch64/tests

# test-macho: the AArch64 switch must assemble for macOS (Mach-O) too.
test-macho:
	$(Q)mkdir -p build
	$(Q)if clang --target=arm64-apple-macos11 -c runtime/switch_aarch64.S \
		-o build/switch_aarch64.macho.o 2>build/macho.log; then \
		echo "mach-o: 1 passed, 0 failed"; \
	else cat build/macho.log; echo "mach-o: 0 passed, 1 failed"; exit 1; fi

# valgrind: the runtime tests under memcheck, no errors and no leaks.
valgrind: tests-built
	$(Q)$(SUITES) --runner "$(VALGRIND)" \
		--cmocka "runtime under valgrind" $(BUILD)/tests

# ---- Grading -------------------------------------------------------------------
grade:
	$(Q)$(PYTHON) grader/grade.py $(GRADEFLAGS) $(EX)

watch:
	$(Q)$(PYTHON) grader/grade.py --watch $(GRADEFLAGS) $(EX)

# ---- Benchmarks: runtime/bench/*.c against their asyncio twins -----------------
BENCH_SRCS = $(sort $(wildcard runtime/bench/*.c))
BENCH_BINS = $(patsubst runtime/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))

$(BUILD)/bench/%: runtime/bench/%.c runtime/bench/bench.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) $< $(LIB) -lm -pthread -o $@

bench-built: $(BENCH_BINS)

bench: bench-built
	$(Q)$(PYTHON) runtime/bench/bench.py --bin $(BUILD)/bench

# run: build and run one lesson example (LESSON=07-sleeping/countasync) or
# your exercise (EX=13), under the virtual clock unless REAL=1.
RUN_ENV = $(if $(filter 1,$(REAL)),,ASYNC_CLOCK=virtual)
EXDIR   = $(firstword $(wildcard exercises/$(EX)-*) $(wildcard exercises/$(EX)))
EX_SRCS = $(filter-out %/driver.c %/puzzle.c,$(wildcard $(EXDIR)/*.c))
STUDENT_CFLAGS = -std=c11 -Wall -Wextra -g -O1 -D_DEFAULT_SOURCE -Iruntime
run: lib
ifneq ($(LESSON),)
	@test -f lessons/$(LESSON).c || { echo "*** Error: no lesson example lessons/$(LESSON).c (try: ls lessons/*/)"; exit 1; }
	@mkdir -p build/run
	@echo "+ cc lessons/$(LESSON).c"
	$(Q)$(CC) $(STUDENT_CFLAGS) lessons/$(LESSON).c $(LIB) $(WRAP) -lm -pthread -o build/run/lesson
	$(Q)$(RUN_ENV) build/run/lesson
else ifneq ($(EX),)
	@test -n "$(EXDIR)" || { echo "*** Error: no exercise $(EX) (try: make grade)"; exit 1; }
	@test -n "$(EX_SRCS)" || { echo "*** Error: exercise $(EX) asks for a prediction, not a program: write it in $(EXDIR)/, then make grade EX=$(EX)"; exit 1; }
	@mkdir -p build/run
	@echo "+ cc $(EXDIR)"
	$(Q)$(CC) $(STUDENT_CFLAGS) $(EX_SRCS) $(LIB) $(WRAP) -lm -pthread -o build/run/exercise
	$(Q)$(RUN_ENV) build/run/exercise
else
	@echo "*** Error: say what to run: make run LESSON=07-sleeping/countasync, or make run EX=13"; exit 1
endif

# ---- Seeing a run: timelines and lesson figures ---------------------------------
timeline: lib
	$(Q)$(PYTHON) grader/timeline.py --run $(if $(EX),exercise:$(EX),lesson:$(LESSON))

figures: lib
	$(Q)$(PYTHON) grader/timeline.py --figures

# ---- For instructors ---------------------------------------------------------------
# A student's handout has none of these tools: say so rather than fail.
INSTRUCTORS_ONLY = @test -f grader/$(1) || { echo "*** Error: make $@ is for \
instructors: it needs the full course (grader/$(1) is not in this copy)"; exit 1; }

handout:
	$(call INSTRUCTORS_ONLY,handout.py)
	$(Q)$(PYTHON) grader/handout.py --dest "$(DEST)"

gradescope: lib
	$(call INSTRUCTORS_ONLY,gradescope.py)
	$(Q)$(PYTHON) grader/gradescope.py --output build/autograder.zip

new-exercise:
	$(call INSTRUCTORS_ONLY,scaffold.py)
	$(Q)$(PYTHON) grader/scaffold.py "$(NAME)" $(if $(LESSON),--lesson $(LESSON))

clean:
	rm -rf build

help:
	@echo "make grade          grade your exercises (EX=07 for one, verbose)"
	@echo "make watch          re-grade the exercise you are editing on every save"
	@echo "make run LESSON=..  build and run a lesson example (EX=.. an exercise)"
	@echo "make test           every test: runtime (plain, sanitizers, valgrind), lessons, grader"
	@echo "make test-fortify   runtime tests built with -D_FORTIFY_SOURCE=2"
	@echo "make test-ucontext  runtime tests with the portable context switch"
	@echo "make test-clang     runtime tests built with clang"
	@echo "make test-poll      runtime tests with the poll(2) I/O backend (not epoll)"
	@echo "make test-aarch64   runtime tests cross-built for AArch64, run under qemu"
	@echo "make test-macho     the AArch64 switch assembles for macOS"
	@echo "make valgrind       runtime tests under valgrind"
	@echo "make timeline EX=07 a timeline of your exercise's tasks (LESSON=.. a lesson example)"
	@echo "make figures        regenerate the lessons' timeline figures"
	@echo "make bench          the runtime against CPython's asyncio"
	@echo "make handout DEST=..  a student repository, without solutions"
	@echo "make gradescope     build/autograder.zip for Gradescope"
	@echo "make new-exercise NAME=.. LESSON=..  scaffold a new exercise"
	@echo "make clean          remove build/"
	@echo "knobs: V=1 verbose, SAN=1 sanitizers, FORTIFY=1, SWITCH=ucontext, CC=clang"
