/* SPDX-License-Identifier: MIT */
/*
 * unit.h: the unit-test harness of the labs. It offers the part of
 * cmocka's API the runtime's own tests use (runtime/tests/test_*.c), so a
 * lab's tests read like the runtime's, and needs nothing installed.
 *
 *     #include "unit.h"       (first: it asks for POSIX)
 *     static void test_x(void **state) { assert_int_equal(f(2), 4); }
 *     int main(int argc, char **argv) {
 *         const struct CMUnitTest tests[] = { cmocka_unit_test(test_x) };
 *         unit_args(argc, argv);
 *         return cmocka_run_group_tests(tests, NULL, NULL);
 *     }
 *
 * Run as `./tests [SEED] [TEST...]`: SEED (digits) is what unit_seed()
 * returns (drawn from the clock when absent, and printed, so a failing
 * run can be repeated); TEST names run only those tests.
 *
 * Each test runs in a child process of its own (fork), so a crash, an
 * endless loop or an exit() in one fails that test alone. The parent
 * prints one verdict line per test, and nothing else starts with '[':
 *
 *     [       OK ] test_x
 *     [  FAILED  ] test_y: tests.c:40: lab_result(f) is 3, expected 4
 *     [  FAILED  ] test_z: crashed: SIGSEGV (segmentation fault)
 *
 * What a test prints is passed on indented ("    | ..."), after its
 * [ RUN      ] line. A test passes only if its child ran to the end of
 * the test function and said so on a pipe of its own before exiting
 * with status 0: returning early through exit(0) in the code under test
 * fails it. The grader (grader/unit.py) reads these lines; what they can
 * be trusted for is in grader/INSTRUCTORS.md ("Labs").
 *
 * Differences from cmocka: a group's setup and teardown run in each
 * test's child (before and after the test's own), since no state
 * crosses from one child to the next; assert_int_equal(got, want) names
 * the first argument as what came and the second as what was expected.
 */
#ifndef UNIT_H
#define UNIT_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Real seconds a test may take before it fails as timed out. */
#ifndef UNIT_TIMEOUT
#define UNIT_TIMEOUT 3
#endif

/* Every function here is static: one test file includes this header. */
#define UNIT_FN static __attribute__((unused))

typedef void CMUnitTestFunction(void **state);
typedef int CMFixtureFunction(void **state);

struct CMUnitTest {
    const char *name;
    CMUnitTestFunction *test_func;
    CMFixtureFunction *setup_func;
    CMFixtureFunction *teardown_func;
    void *initial_state;
};

#define cmocka_unit_test(f) {#f, f, NULL, NULL, NULL}
#define cmocka_unit_test_setup_teardown(f, setup, teardown) \
    {#f, f, setup, teardown, NULL}
#define cmocka_unit_test_prestate(f, state) {#f, f, NULL, NULL, state}

#define cmocka_run_group_tests(tests, setup, teardown)                     \
    unit_run_group(#tests, tests, sizeof(tests) / sizeof((tests)[0]),     \
                   setup, teardown)
#define cmocka_run_group_tests_name(name, tests, setup, teardown)          \
    unit_run_group(name, tests, sizeof(tests) / sizeof((tests)[0]),       \
                   setup, teardown)

/* ---- The child's side: assertions ------------------------------------- */

/* What the parent hands its child: where to say how the test ended. */
static struct {
    int verdict_fd;          /* the pipe the child reports on */
    unsigned long seed;      /* unit_seed() */
    int seed_given;          /* SEED came on the command line */
    char **only;             /* TEST names to run (NULL: all) */
    int n_only;
    uint64_t rng;            /* unit_rand()'s state, per test */
} unit_;

#define UNIT_PASSED 'P'
#define UNIT_FAILED 'F'
#define UNIT_SKIPPED 'S'
/* The child's exit status after a failed assertion: what matters is the
 * message on the verdict pipe, this only tells it from a plain exit. */
#define UNIT_FAIL_STATUS 87


/* unit_report: the child says how its test ended (kind, then a message,
 * in one write, so the parent reads it whole) and exits at once, without
 * the atexit handlers of the code under test. */
UNIT_FN _Noreturn void
unit_report(char kind, const char *text)
{
    char buf[1024];
    size_t n = strlen(text);

    if (n > sizeof buf - 2)
        n = sizeof buf - 2;
    buf[0] = kind;
    memcpy(buf + 1, text, n);
    fflush(stdout);
    fflush(stderr);
    if (write(unit_.verdict_fd, buf, n + 1) != (ssize_t)(n + 1))
        _exit(UNIT_FAIL_STATUS + 1);
    _exit(kind == UNIT_FAILED ? UNIT_FAIL_STATUS : 0);
}

/* unit_fail: a failed assertion at file:line, and what went wrong. */
UNIT_FN _Noreturn __attribute__((format(printf, 3, 4))) void
unit_fail(const char *file, int line, const char *fmt, ...)
{
    char what[1000];
    const char *base = strrchr(file, '/');
    int n = snprintf(what, sizeof what, "%s:%d: ", base ? base + 1 : file,
                     line);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what + n, sizeof what - (size_t)n, fmt, ap);
    va_end(ap);
    unit_report(UNIT_FAILED, what);
}

#define UNIT_AT __FILE__, __LINE__

#define assert_true(c) \
    ((c) ? (void)0 : unit_fail(UNIT_AT, "expected %s to be true", #c))
#define assert_false(c) \
    (!(c) ? (void)0 : unit_fail(UNIT_AT, "expected %s to be false", #c))
#define assert_int_equal(got, want)                                        \
    unit_int_equal((intmax_t)(got), (intmax_t)(want), #got, #want, UNIT_AT)
#define assert_int_not_equal(got, other)                                   \
    (((intmax_t)(got) != (intmax_t)(other))                                \
         ? (void)0                                                         \
         : unit_fail(UNIT_AT, "%s is %jd, expected anything but that",     \
                     #got, (intmax_t)(got)))
#define assert_in_range(got, lo, hi)                                       \
    unit_in_range((intmax_t)(got), (intmax_t)(lo), (intmax_t)(hi), #got,   \
                  UNIT_AT)
#define assert_ptr_equal(got, want)                                        \
    unit_ptr_equal((const void *)(got), (const void *)(want), #got, #want, \
                   UNIT_AT)
#define assert_ptr_not_equal(got, other)                                   \
    (((const void *)(got) != (const void *)(other))                        \
         ? (void)0                                                         \
         : unit_fail(UNIT_AT, "%s is %s, expected another pointer", #got,  \
                     #other))
#define assert_null(p)                                                     \
    (((const void *)(p) == NULL)                                           \
         ? (void)0                                                         \
         : unit_fail(UNIT_AT, "expected %s to be NULL, got %p", #p,        \
                     (const void *)(p)))
#define assert_non_null(p)                                                 \
    (((const void *)(p) != NULL)                                           \
         ? (void)0                                                         \
         : unit_fail(UNIT_AT, "expected %s not to be NULL", #p))
#define assert_string_equal(got, want) \
    unit_string_equal((got), (want), #got, UNIT_AT)
#define assert_string_not_equal(got, other)                                \
    unit_string_not_equal((got), (other), #got, UNIT_AT)
#define assert_memory_equal(got, want, n)                                  \
    (memcmp((got), (want), (n)) == 0                                       \
         ? (void)0                                                         \
         : unit_fail(UNIT_AT, "the %zu bytes at %s differ from those at %s", \
                     (size_t)(n), #got, #want))
#define fail() unit_fail(UNIT_AT, "failed")
#define fail_msg(...) unit_fail(UNIT_AT, __VA_ARGS__)
#define skip() unit_report(UNIT_SKIPPED, "")
#define print_message(...) printf(__VA_ARGS__)
#define print_error(...) fprintf(stderr, __VA_ARGS__)

UNIT_FN void
unit_int_equal(intmax_t got, intmax_t want, const char *got_text,
               const char *want_text, const char *file, int line)
{
    char num[32];

    if (got == want)
        return;
    snprintf(num, sizeof num, "%jd", want);
    if (strcmp(num, want_text) == 0)
        unit_fail(file, line, "%s is %jd, expected %jd", got_text, got, want);
    unit_fail(file, line, "%s is %jd, expected %s = %jd", got_text, got,
              want_text, want);
}

UNIT_FN void
unit_in_range(intmax_t got, intmax_t lo, intmax_t hi, const char *got_text,
              const char *file, int line)
{
    if (got < lo || got > hi)
        unit_fail(file, line, "%s is %jd, expected %jd to %jd", got_text,
                  got, lo, hi);
}

UNIT_FN void
unit_ptr_equal(const void *got, const void *want, const char *got_text,
               const char *want_text, const char *file, int line)
{
    if (got != want)
        unit_fail(file, line, "%s is %p, expected %s = %p", got_text, got,
                  want_text, want);
}

UNIT_FN void
unit_string_equal(const char *got, const char *want, const char *got_text,
                  const char *file, int line)
{
    if (got == NULL || want == NULL) {
        if (got != want)
            unit_fail(file, line, "%s is %s%s%s, expected %s%s%s", got_text,
                      got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
                      want ? "\"" : "", want ? want : "NULL",
                      want ? "\"" : "");
        return;
    }
    if (strcmp(got, want) != 0)
        unit_fail(file, line, "%s is \"%s\", expected \"%s\"", got_text, got,
                  want);
}

UNIT_FN void
unit_string_not_equal(const char *got, const char *other,
                      const char *got_text, const char *file, int line)
{
    if (got != NULL && other != NULL && strcmp(got, other) == 0)
        unit_fail(file, line, "%s is \"%s\", expected another string",
                  got_text, got);
}

/* ---- Drawn inputs --------------------------------------------------------- */

/* unit_seed: the run's seed (the grader draws one for each grading), so
 * tests can draw inputs no hard-coded answer knows in advance. */
UNIT_FN unsigned long
unit_seed(void)
{
    return unit_.seed;
}

/* unit_rand: the next number of this test's own sequence, drawn from the
 * seed and the test's name: a test draws the same numbers whatever runs
 * before it. */
UNIT_FN unsigned long
unit_rand(void)
{
    uint64_t z = (unit_.rng += 0x9e3779b97f4a7c15u); /* splitmix64 */

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return (unsigned long)(z ^ (z >> 31));
}

/* unit_rand_below: a number in [0, n), n > 0. */
UNIT_FN unsigned long
unit_rand_below(unsigned long n)
{
    return n ? unit_rand() % n : 0;
}

/* unit_shuffle: the n ints at a in an order drawn from the seed. */
UNIT_FN void
unit_shuffle(int *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = unit_rand_below(i);
        int t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ---- The parent's side: one child per test --------------------------------- */

/* unit_args: the command line, `tests [SEED] [TEST...]`. */
UNIT_FN void
unit_args(int argc, char **argv)
{
    int i = 1;

    if (argc > 1 && argv[1][0] != '\0'
        && strspn(argv[1], "0123456789") == strlen(argv[1])) {
        unit_.seed = strtoul(argv[1], NULL, 10);
        unit_.seed_given = 1;
        i = 2;
    }
    unit_.only = argv + i;
    unit_.n_only = argc > i ? argc - i : 0;
}

UNIT_FN const char *
unit_signal_name(int sig)
{
    static const struct { int sig; const char *name; } names[] = {
        {SIGSEGV, "SIGSEGV (segmentation fault)"},
        {SIGBUS, "SIGBUS (bus error)"},
        {SIGABRT, "SIGABRT (abort: a failed assert() or abort())"},
        {SIGFPE, "SIGFPE (arithmetic error)"},
        {SIGILL, "SIGILL (illegal instruction)"},
        {SIGKILL, "SIGKILL (killed)"},
        {SIGTERM, "SIGTERM (terminated)"},
        {SIGPIPE, "SIGPIPE (broken pipe)"},
        {SIGSYS, "SIGSYS (a forbidden system call)"},
    };
    static char other[32];

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    snprintf(other, sizeof other, "signal %d", sig);
    return other;
}

/* What the parent keeps of a test's output to explain its end. */
struct unit_seen {
    char todo[300];      /* a `file:line: TODO: ...` line */
    char sanitizer[300]; /* a sanitizer's SUMMARY or runtime error line */
    char last[300];      /* the last line it printed */
    int lines;           /* lines passed on so far */
};

#define UNIT_MAX_LINES 40

/* unit_line: one line of a test's output, passed on indented (so it can
 * never pass for a verdict) and looked at for a TODO or a sanitizer. */
UNIT_FN void
unit_line(struct unit_seen *seen, const char *line)
{
    if (seen->todo[0] == '\0' && strstr(line, ": TODO: ") != NULL)
        snprintf(seen->todo, sizeof seen->todo, "%s", line);
    if (seen->sanitizer[0] == '\0'
        && (strncmp(line, "SUMMARY: ", 9) == 0
            || strstr(line, ": runtime error: ") != NULL))
        snprintf(seen->sanitizer, sizeof seen->sanitizer, "%s", line);
    if (line[0] != '\0')
        snprintf(seen->last, sizeof seen->last, "%s", line);
    if (++seen->lines <= UNIT_MAX_LINES)
        printf("    | %s\n", line);
    else if (seen->lines == UNIT_MAX_LINES + 1)
        printf("    | ... (the rest of this test's output is cut)\n");
}

/* unit_relay: everything the child writes, line by line, until it and
 * whatever it started have closed the pipe. */
UNIT_FN void
unit_relay(int fd, struct unit_seen *seen)
{
    char line[300], chunk[4096];
    size_t len = 0;
    ssize_t n;

    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
                line[len] = '\0';
                unit_line(seen, line);
                len = 0;
            } else if (len < sizeof line - 1) {
                line[len++] = chunk[i] == '\r' ? ' ' : chunk[i];
            }
        }
    }
    if (len > 0) {
        line[len] = '\0';
        unit_line(seen, line);
    }
}

/* unit_child: in the test's own process; never returns. */
UNIT_FN _Noreturn void
unit_child(const struct CMUnitTest *t, CMFixtureFunction *setup,
           CMFixtureFunction *teardown, int out, int verdict)
{
    struct rlimit cpu = {UNIT_TIMEOUT + 2, UNIT_TIMEOUT + 2};
    void *group = NULL, *state;
    uint64_t h = 1469598103934665603u; /* FNV-1a of the test's name */

    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close(out);
    unit_.verdict_fd = verdict;
    for (const char *c = t->name; *c != '\0'; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    unit_.rng = h ^ unit_.seed;
    signal(SIGALRM, SIG_DFL);
    setrlimit(RLIMIT_CPU, &cpu); /* a backstop, if the alarm is blocked */
    alarm(UNIT_TIMEOUT);
    if (setup != NULL && setup(&group) != 0)
        unit_report(UNIT_FAILED, "the group's setup failed");
    state = t->initial_state != NULL ? t->initial_state : group;
    if (t->setup_func != NULL && t->setup_func(&state) != 0)
        unit_report(UNIT_FAILED, "the test's setup failed");
    t->test_func(&state);
    if (t->teardown_func != NULL && t->teardown_func(&state) != 0)
        unit_report(UNIT_FAILED, "the test's teardown failed");
    if (teardown != NULL && teardown(&group) != 0)
        unit_report(UNIT_FAILED, "the group's teardown failed");
    unit_report(UNIT_PASSED, "");
}

/* unit_why: how a test that did not report ended, in words. */
UNIT_FN void
unit_why(char *why, size_t size, int status, const struct unit_seen *seen)
{
    if (WIFSIGNALED(status)
        && (WTERMSIG(status) == SIGALRM || WTERMSIG(status) == SIGXCPU))
        snprintf(why, size, "timed out: still running after %d s (an "
                 "endless loop, or a wait that nothing ends?)",
                 UNIT_TIMEOUT);
    else if (seen->todo[0] != '\0')
        snprintf(why, size, "not done yet: %s", seen->todo);
    else if (seen->sanitizer[0] != '\0')
        snprintf(why, size, "crashed: %s", seen->sanitizer);
    else if (WIFSIGNALED(status))
        snprintf(why, size, "crashed: %s",
                 unit_signal_name(WTERMSIG(status)));
    else if (seen->last[0] != '\0')
        snprintf(why, size, "exited with status %d before the end of the "
                 "test, after printing: %s", WEXITSTATUS(status),
                 seen->last);
    else
        snprintf(why, size, "exited with status %d before the end of the "
                 "test (an exit() in the code under test?)",
                 WEXITSTATUS(status));
}

/* unit_one: run test t in a child; print and return its verdict
 * (1 passed, 0 failed, -1 skipped). */
UNIT_FN int
unit_one(const struct CMUnitTest *t, CMFixtureFunction *setup,
         CMFixtureFunction *teardown)
{
    int out[2], verdict[2], status = 0;
    struct unit_seen seen = {{0}, {0}, {0}, 0};
    char said[1024], why[1100];
    ssize_t n = 0;
    pid_t pid;

    printf("[ RUN      ] %s\n", t->name);
    fflush(stdout);
    fflush(stderr);
    if (pipe(out) != 0 || pipe(verdict) != 0 || (pid = fork()) < 0) {
        printf("[  FAILED  ] %s: could not start its process: %s\n", t->name,
               strerror(errno));
        return 0;
    }
    if (pid == 0) {
        close(out[0]);
        close(verdict[0]);
        unit_child(t, setup, teardown, out[1], verdict[1]);
    }
    close(out[1]);
    close(verdict[1]);
    unit_relay(out[0], &seen);
    close(out[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    do /* the child is gone: what it said is all in the pipe */
        n = read(verdict[0], said, sizeof said - 1);
    while (n < 0 && errno == EINTR);
    close(verdict[0]);
    said[n > 0 ? n : 0] = '\0';
    if (n > 0 && said[0] == UNIT_PASSED && WIFEXITED(status)
        && WEXITSTATUS(status) == 0) {
        printf("[       OK ] %s\n", t->name);
        return 1;
    }
    if (n > 0 && said[0] == UNIT_SKIPPED && WIFEXITED(status)
        && WEXITSTATUS(status) == 0) {
        printf("[  SKIPPED ] %s\n", t->name);
        return -1;
    }
    if (n > 0 && said[0] == UNIT_FAILED)
        snprintf(why, sizeof why, "%s", said + 1);
    else
        unit_why(why, sizeof why, status, &seen);
    printf("[  FAILED  ] %s: %s\n", t->name, why);
    return 0;
}

/* unit_wanted: whether the command line asks for test name. */
UNIT_FN int
unit_wanted(const char *name)
{
    if (unit_.n_only == 0)
        return 1;
    for (int i = 0; i < unit_.n_only; i++)
        if (strcmp(unit_.only[i], name) == 0)
            return 1;
    return 0;
}

UNIT_FN int
unit_run_group(const char *group, const struct CMUnitTest *tests, size_t n,
               CMFixtureFunction *setup, CMFixtureFunction *teardown)
{
    size_t ran = 0, passed = 0, failed = 0;

    for (int i = 0; i < unit_.n_only; i++) {
        size_t k = 0;
        while (k < n && strcmp(tests[k].name, unit_.only[i]) != 0)
            k++;
        if (k == n) {
            fprintf(stderr, "%s: no test is named '%s'; the tests are in "
                    "main()'s list\n", group, unit_.only[i]);
            return 2;
        }
    }
    if (!unit_.seed_given)
        unit_.seed = ((unsigned long)time(NULL) ^ (unsigned long)getpid())
                     % 2147483648ul;
    printf("[==========] %s: %zu test(s), seed %lu\n", group, n, unit_.seed);
    fflush(stdout);
    for (size_t i = 0; i < n; i++) {
        if (!unit_wanted(tests[i].name))
            continue;
        int v = unit_one(&tests[i], setup, teardown);
        ran++;
        passed += v == 1;
        failed += v == 0;
    }
    printf("[==========] %s: %zu test(s) run: %zu passed, %zu failed\n",
           group, ran, passed, failed);
    if (failed > 0)
        printf("(the same inputs again: give %lu as the first argument)\n",
               unit_.seed);
    fflush(stdout);
    return failed > 0 ? 1 : 0;
}

#endif /* UNIT_H */
