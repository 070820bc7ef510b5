/* SPDX-License-Identifier: MIT */
/*
 * helpers.h: what every runtime test shares. An event log, so that a
 * scenario can assert the exact order in which things happened; a way to
 * run code in a child process and collect how it ended and what it
 * printed (fatal errors, deadlocks, stack overflows); the trace file.
 */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

/* ---- The event log -------------------------------------------------------
 * log_event appends one formatted line; assert_log("a", "b", ...) fails
 * the test, showing both lists, unless the log is exactly those lines.
 */
void log_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_reset(void);
size_t log_count(void);
const char *log_get(size_t i);
void log_check(const char *const *expected, const char *file, int line);
#define assert_log(...) \
    log_check((const char *const[]){__VA_ARGS__, NULL}, __FILE__, __LINE__)

/* ---- Fixtures --------------------------------------------------------------
 * TEST(f) is cmocka_unit_test(f) with a fresh log before and after.
 * vclock_setup is the group setup of most files: the virtual clock, so
 * that times are exact and nothing really waits.
 */
int log_setup(void **state);
int log_teardown(void **state);
#define TEST(f) cmocka_unit_test_setup_teardown(f, log_setup, log_teardown)
int vclock_setup(void **state);
int vclock_teardown(void **state);

/* Times are judged to a millisecond, well under the two decimals the
 * lessons print; the virtual clock's step cost is a microsecond. */
#define assert_elapsed(got, want) \
    assert_true(fabs((got) - (want)) < 1e-3)

/* stop_cb(loop): async_loop_stop as a loop callback. */
void stop_cb(void *loop);

/* The pointer-sized integer argument most tests hand their tasks. */
#define ARG(n) ((void *)(intptr_t)(n))
#define INT(p) ((long)(intptr_t)(p))

/* ---- Child processes -------------------------------------------------------
 * run_in_child forks, points the child's stdout and stderr at pipes,
 * calls fn(arg) there (then _exit(0) if fn returns) and fills r with how
 * the child ended and both outputs. Free them with child_result_free.
 */
struct child_result {
    bool exited;   /* it exited (status is valid) */
    int status;    /* its exit status */
    bool signaled; /* it was killed (sig is valid) */
    int sig;       /* by this signal */
    char *out;     /* its stdout, NUL-terminated */
    char *err;     /* its stderr, NUL-terminated */
};
typedef void child_fn(void *arg);
void run_in_child(child_fn *fn, void *arg, struct child_result *r);
void child_result_free(struct child_result *r);

/* assert_contains: hay contains needle, else show both. */
void contains_check(const char *hay, const char *needle, const char *file,
                    int line);
#define assert_contains(hay, needle) \
    contains_check((hay), (needle), __FILE__, __LINE__)

/* ---- The trace -------------------------------------------------------------
 * trace_to_temp_file (group setup, before any loop exists) points
 * ASYNC_TRACE at a fresh temporary file. trace_mark returns its current
 * end; trace_read(mark, ev, n) reads the events written since then into
 * ev[0..n-1] and returns how many there were.
 */
struct trace_ev {
    double t;       /* the "t" field */
    char ev[24];    /* the "ev" field */
    long task;      /* the "task" field, or 0 */
    char name[40];  /* the "name" field, or "" */
    char why[16];   /* the "why" field of a suspend, or "" */
    char call[16];  /* the "call" field of a blocking_call, or "" */
    double seconds; /* the "seconds" field, or 0 */
    double cpu;     /* the "cpu" field of a step's end, or -1 if none */
};
void trace_to_temp_file(void);
void trace_remove_temp_file(void);
long trace_mark(void);
size_t trace_read(long mark, struct trace_ev *ev, size_t n);

#endif /* TEST_HELPERS_H */
