# asyncbook: one Makefile for everything. `make help` lists the targets.
# Quiet by default (`+ cc runtime/loop.c`); V=1 shows every command.

# ---- Knobs -------------------------------------------------------------------
CC      ?= cc
V       ?= 0
SAN     ?= 0        # 1: AddressSanitizer + UndefinedBehaviorSanitizer
INVARIANTS ?= 1     # 0: the runtime's assertions compiled out (make bench only)
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
CFG   := $(CCNAME)-$(SWITCH)$(if $(filter poll,$(IO)),-poll)$(if $(filter 1,$(SAN)),-san)$(if $(filter 0,$(INVARIANTS)),-noinv)$(if $(filter 1,$(FORTIFY)),-fortify)
BUILD := build/$(CFG)

# Every compile and link flag is defined once, in runtime/flags.mk (the
# grader reads it too).
include runtime/flags.mk
CFLAGS  = $(RUNTIME_CFLAGS)
ASFLAGS = -Wa,--noexecstack
ifeq ($(SAN),1)
CFLAGS += $(SANFLAGS)
LDFLAGS += $(SANFLAGS)
endif
# The runtime asserts its invariants in every build; INVARIANTS=0 exists
# so that make bench can show what they cost, side by side.
INVARIANT_FLAGS = $(if $(filter 0,$(INVARIANTS)),-DNDEBUG)
# FORTIFY=1: what Ubuntu's gcc does by default; glibc's __longjmp_chk
# then refuses a longjmp from one coroutine stack to another.
ifeq ($(FORTIFY),1)
CFLAGS += -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
endif

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
	runtime/wait.c \
	runtime/generator.c \
	runtime/event.c \
	runtime/waitq.c \
	runtime/lock.c \
	runtime/semaphore.c \
	runtime/queue.c \
	runtime/condition.c \
	runtime/barrier.c \
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
# The library exports async_* names only (and the __wrap_* sleeps): its
# objects are linked into one (-r), whose hidden symbols (everything
# internal.h declares) and the switch files' asyncbook_* objcopy then
# makes local, so no name a student picks can clash with ours. The tests and the switch benchmark call
# internals: they link LIB_INTERNAL, the same objects archived as they are.
LIB_INTERNAL = $(BUILD)/libasync-internal.a
OBJCOPY ?= $(if $(filter %-gcc,$(CC)),$(patsubst %-gcc,%-objcopy,$(CC)),objcopy)

# ---- Runtime tests (cmocka) --------------------------------------------------
TEST_SRCS  = $(sort $(wildcard runtime/tests/test_*.c))
TEST_BINS  = $(patsubst runtime/tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
TEST_HELPERS = $(BUILD)/tests/helpers.o
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

.PHONY: fuzz determinism test-poll test-fortify test-macho timeline figures handout gradescope new-exercise bench-built all lib test test-runtime test-san test-ucontext test-clang \
        print-lib course-built \
        test-aarch64 valgrind grade watch run bench clean help deps \
        tests-built

# all: the library, every lesson example and clangd's compile database;
# neither cmocka nor apt is needed (only make test needs them).
all: lib course-built build/compile_commands.json

lib: $(LIB)

# Every output is written under a name of its own, then renamed: two makes
# at once (make watch and make run) never read a half-written file.
TMP = $@.$$$$.tmp

$(LIB): $(RUNTIME_OBJS)
	@echo "+ ld -r $@"
	$(Q)$(CC) -r -nostdlib $^ -o $(BUILD)/libasync.o && \
		$(OBJCOPY) --localize-hidden -w --localize-symbol='asyncbook_*' \
		$(BUILD)/libasync.o && \
		rm -f $@.tmp && ar rcs $@.tmp $(BUILD)/libasync.o && mv $@.tmp $@

$(LIB_INTERNAL): $(RUNTIME_OBJS)
	@echo "+ ar $@"
	$(Q)ar rcs $(TMP) $^ && mv -f $(TMP) $@

$(BUILD)/runtime/%.c.o: runtime/%.c $(wildcard runtime/*.h) runtime/flags.mk
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) $(INVARIANT_FLAGS) -c $< -o $(TMP) && mv -f $(TMP) $@

$(BUILD)/runtime/%.S.o: runtime/%.S
	@mkdir -p $(dir $@)
	@echo "+ as $<"
	$(Q)$(CC) $(CFLAGS) $(INVARIANT_FLAGS) $(ASFLAGS) -c $< -o $(TMP) && mv -f $(TMP) $@

# print-lib: where the library of this configuration is (for grader/build.py).
print-lib:
	@echo $(LIB)

# The lesson examples, built as grader/lessons.py builds them.
LESSON_SRCS = $(sort $(wildcard lessons/*/*.c))
LESSON_BINS = $(patsubst lessons/%.c,$(BUILD)/lessons/%,$(LESSON_SRCS))
$(BUILD)/lessons/%: lessons/%.c runtime/async.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(LESSON_CFLAGS) -Iruntime $< $(LIB) $(WRAP) $(LINK_LIBS) -o $(TMP) && mv -f $(TMP) $@

course-built: $(LESSON_BINS)

# clangd looks for build/compile_commands.json above every source file, so
# it finds async.h from any exercise, lesson or solution.
build/compile_commands.json: runtime/flags.mk Makefile
	@mkdir -p build
	@echo "+ $@"
	$(Q)$(PYTHON) grader/build.py --compile-commands $@ || \
		echo "note: $@ needs $(PYTHON); clangd will not find async.h without it"

$(BUILD)/tests/%.o: runtime/tests/%.c runtime/tests/helpers.h $(wildcard runtime/*.h)
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -Iruntime -c $< -o $@

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(TEST_HELPERS) $(LIB_INTERNAL)
	@echo "+ ld $@"
	$(Q)$(CC) $(LDFLAGS) $^ $(CMOCKA_LIBS) $(WRAP) $(LINK_LIBS) -o $@

tests-built: deps $(LIB) $(TEST_BINS)

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
	--command "runtime budget" "$(PYTHON) grader/budget.py" \
	--command "figures" "$(PYTHON) grader/timeline.py --figures --check" \
	--unittest "grader" grader/tests \
	--command "self-check" "$(PYTHON) grader/grade.py --self-check" \
	--command "determinism (a daily sample)" "$(PYTHON) grader/determinism.py --sample 12 --runs 4" \
	--command "bench smoke" "$(PYTHON) runtime/bench/bench.py --smoke --bin $(BUILD)/bench" \
	--command "symbols" "$(PYTHON) runtime/tests/symbols.py --cc '$(CC)' \
		--cflags '$(SANFLAGS)' $(LIB) build/$(CFG)-san/libasync.a" \
	--command "difftest" "$(PYTHON) runtime/tests/diff/run.py --seeds $(DIFF_SEEDS) --regressions --lib $(DIFF_LIB)"

# The differential test against CPython (runtime/tests/diff): the fixed
# seeds make test runs, and `make fuzz SEEDS=N [START=S]` for any number.
DIFF_SEEDS ?= 1-300
DIFF_LIB = build/$(patsubst %-san,%,$(CFG))-san/libasync.a
SEEDS ?= 1000
START ?= 1
fuzz:
	$(Q)$(MAKE) --no-print-directory lib SAN=1
	$(Q)$(PYTHON) runtime/tests/diff/run.py --count $(SEEDS) --start $(START) \
		--lib $(DIFF_LIB)

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

# determinism: every solution graded 10 times, two gradings at once, under
# AddressSanitizer; every grading must agree (make test checks a sample).
determinism:
	$(Q)$(PYTHON) grader/determinism.py

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
		--cmocka "runtime (aarch64 under qemu)" build/$(AARCH64_CC)-aarch64/tests \
		--command "symbols (aarch64)" "$(PYTHON) runtime/tests/symbols.py \
		--cc $(AARCH64_CC) --runner 'qemu-aarch64 -L /' \
		build/$(AARCH64_CC)-aarch64/libasync.a"

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

BENCH_LIB = $(LIB)
$(BUILD)/bench/switch: BENCH_LIB = $(LIB_INTERNAL) # it times switch_context
$(BUILD)/bench/%: runtime/bench/%.c runtime/bench/bench.h $(LIB) $(LIB_INTERNAL)
	@mkdir -p $(dir $@)
	@echo "+ cc $<"
	$(Q)$(CC) $(CFLAGS) $< $(BENCH_LIB) $(LINK_LIBS) -o $@

bench-built: $(BENCH_BINS)

# bench: also a build with the invariants compiled out, to show their cost.
bench: bench-built
	$(Q)$(MAKE) --no-print-directory bench-built INVARIANTS=0
	$(Q)$(PYTHON) runtime/bench/bench.py --bin $(BUILD)/bench \
		--bin-noinv build/$(CFG)-noinv/bench

# run: build and run one lesson example (LESSON=07-sleeping/countasync) or
# your exercise (EX=13), under the virtual clock unless REAL=1. ARGS are
# the program's arguments (a lab's tests: ARGS="SEED test_name").
RUN_ENV = $(if $(filter 1,$(REAL)),,ASYNC_CLOCK=virtual)
EXDIR   = $(firstword $(wildcard exercises/$(EX)-*) $(wildcard exercises/$(EX)))
EX_SRCS = $(filter-out %/driver.c %/puzzle.c,$(wildcard $(EXDIR)/*.c))
# An asyncio exercise (EX=21py) runs under grader/vclock.py's virtual clock.
EX_PY   = $(if $(EXDIR),$(firstword $(filter-out %/driver.py %/puzzle.py,$(wildcard $(EXDIR)/*.py))))
PY_RUN  = $(if $(filter 1,$(REAL)),,$(CURDIR)/grader/vclock.py)
# Each run builds into a folder of its own, removed after, so that two at
# once (or make run beside make watch) never collide.
RUN_IN = d=$$(mktemp -d build/run/run.XXXXXX) && trap 'rm -rf "$$d"' EXIT &&
run: lib
ifneq ($(LESSON),)
	@test -f lessons/$(LESSON).c || { echo "*** Error: no lesson example lessons/$(LESSON).c (try: ls lessons/*/)"; exit 1; }
	@mkdir -p build/run
	@echo "+ cc lessons/$(LESSON).c"
	$(Q)$(RUN_IN) $(CC) $(STUDENT_CFLAGS) -Iruntime lessons/$(LESSON).c $(LIB) $(WRAP) $(LINK_LIBS) -o "$$d/lesson" && \
		$(RUN_ENV) "$$d/lesson"
else ifneq ($(EX_PY),)
	@echo "+ python3 $(EX_PY)"
	$(Q)cd $(EXDIR) && $(PYTHON) -X dev $(PY_RUN) $(notdir $(EX_PY))
else ifneq ($(EX),)
	@test -n "$(EXDIR)" || { echo "*** Error: no exercise $(EX) (try: make grade)"; exit 1; }
	@test -n "$(EX_SRCS)" || { echo "*** Error: exercise $(EX) asks for a prediction, not a program: write it in $(EXDIR)/, then make grade EX=$(EX)"; exit 1; }
	@mkdir -p build/run
	@echo "+ cc $(EXDIR)"
	$(Q)$(RUN_IN) $(CC) $(STUDENT_CFLAGS) -Iruntime -Igrader $(EX_SRCS) $(LIB) $(WRAP) $(LINK_LIBS) -o "$$d/exercise" && \
		$(RUN_ENV) "$$d/exercise" $(ARGS)
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
	@echo "make determinism    every solution graded 10 times: the same verdicts and times"
	@echo "make timeline EX=07 a timeline of your exercise's tasks (LESSON=.. a lesson example)"
	@echo "make figures        regenerate the lessons' timeline figures"
	@echo "make bench          the runtime against CPython's asyncio"
	@echo "make fuzz SEEDS=N   N random asyncio programs against their C twins"
	@echo "make handout DEST=..  a student repository, without solutions"
	@echo "make gradescope     build/autograder.zip for Gradescope"
	@echo "make new-exercise NAME=.. LESSON=..  scaffold a new exercise"
	@echo "make clean          remove build/"
	@echo "knobs: V=1 verbose, SAN=1 sanitizers, FORTIFY=1, SWITCH=ucontext, CC=clang,"
	@echo "       INVARIANTS=0 the runtime's assertions compiled out (benchmarks only)"
