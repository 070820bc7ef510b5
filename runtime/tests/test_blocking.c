/* SPDX-License-Identifier: MIT */
/*
 * test_blocking.c: libc's sleep, usleep and nanosleep, wrapped at link
 * time. Inside a task each one is a blocking_call event in the trace,
 * moves the virtual clock by exactly the time asked for (no real
 * waiting), delays every other task, and in debug mode is named with the
 * task that made it.
 */
#define _DEFAULT_SOURCE /* usleep */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "async.h"
#include "helpers.h"

enum { MAXEV = 128 };

static int
setup(void **state)
{
    trace_to_temp_file(); /* before the first loop reads the environment */
    return vclock_setup(state);
}

static int
teardown(void **state)
{
    trace_remove_temp_file();
    return vclock_teardown(state);
}

/* Makes the blocking call named by arg, for 1.5 s. */
static async_value
blocker(void *arg)
{
    const char *call = arg;
    double t0 = async_time();

    if (strcmp(call, "sleep") == 0) {
        sleep(1);
        usleep(500000);
    } else if (strcmp(call, "usleep") == 0) {
        usleep(1500000);
    } else {
        struct timespec ts = {.tv_sec = 1, .tv_nsec = 500000000};
        nanosleep(&ts, NULL);
    }
    return ASYNC_DOUBLE(async_time() - t0);
}

static void
check_call(const char *call)
{
    /* arrange */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    /* act */
    async_value took = async_run(blocker, (void *)call);
    /* assert: exactly the time asked for, and one event per call */
    assert_true(fabs(took.d - 1.5) < 1e-9);
    size_t n = trace_read(mark, ev, MAXEV);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ev[i].ev, "blocking_call") != 0)
            continue;
        log_event("%s by %s", ev[i].call, ev[i].name);
        total += ev[i].seconds;
    }
    assert_true(fabs(total - 1.5) < 1e-9);
}

static void
test_sleep_wrapped_in_task_traced_and_charged(void **state)
{
    (void)state;
    /* act */
    check_call("sleep");
    /* assert */
    assert_log("sleep by main", "usleep by main");
}

static void
test_usleep_wrapped_in_task_traced_and_charged(void **state)
{
    (void)state;
    /* act */
    check_call("usleep");
    /* assert */
    assert_log("usleep by main");
}

static void
test_nanosleep_wrapped_in_task_traced_and_charged(void **state)
{
    (void)state;
    /* act */
    check_call("nanosleep");
    /* assert */
    assert_log("nanosleep by main");
}

static void
test_sleep_wrapped_outside_task_moves_clock_untraced(void **state)
{
    (void)state;
    /* arrange */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    double t0 = async_time();
    /* act */
    unsigned left = sleep(2);
    /* assert */
    assert_int_equal(left, 0);
    assert_true(fabs(async_time() - t0 - 2.0) < 1e-9);
    size_t n = trace_read(mark, ev, MAXEV);
    assert_int_equal(n, 0);
}

static async_value
ticker(void *arg)
{
    (void)arg;
    double t0 = async_time();
    for (int i = 0; i < 3; i++) {
        async_sleep(0.25);
        log_event("tick at %.2f", async_time() - t0);
    }
    return ASYNC_NONE;
}

static async_value
main_starve(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(ticker, NULL);
    async_sleep(0.3);
    log_event("main blocks");
    usleep(1000000);
    log_event("main unblocks");
    async_await(t);
    return ASYNC_NONE;
}

static void
test_usleep_in_task_starves_others_by_exact_time(void **state)
{
    (void)state;
    /* act */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    async_run(main_starve, NULL);
    /* the tick due at 0.5 comes at 1.3, when main gives the loop back */
    /* assert */
    assert_log("tick at 0.25", "main blocks", "main unblocks", "tick at 1.30",
               "tick at 1.55");
    size_t n = trace_read(mark, ev, MAXEV);
    int blocked = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ev[i].ev, "blocked") == 0) {
            blocked++;
            assert_string_equal(ev[i].name, "main");
            assert_true(fabs(ev[i].seconds - 1.0) < 1e-2);
        }
    assert_int_equal(blocked, 1);
}

static async_value
napper(void *arg)
{
    (void)arg;
    sleep(1);
    return ASYNC_NONE;
}

static async_value
main_napper(void *arg)
{
    (void)arg;
    async_await(async_create_task_named(napper, NULL, "napper"));
    return ASYNC_NONE;
}

static void
child_debug_sleep(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_napper, NULL);
}

static void
test_sleep_wrapped_debug_warning_names_task(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_debug_sleep, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "task 'napper' called sleep()");
    assert_contains(r.err, "Use async_sleep(1) instead");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_sleep_wrapped_in_task_traced_and_charged),
        TEST(test_usleep_wrapped_in_task_traced_and_charged),
        TEST(test_nanosleep_wrapped_in_task_traced_and_charged),
        TEST(test_sleep_wrapped_outside_task_moves_clock_untraced),
        TEST(test_usleep_in_task_starves_others_by_exact_time),
        TEST(test_sleep_wrapped_debug_warning_names_task),
    };
    return cmocka_run_group_tests_name("test_blocking", tests, setup,
                                       teardown);
}
