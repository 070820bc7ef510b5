/* SPDX-License-Identifier: MIT */
/*
 * test_trace.c: ASYNC_TRACE. The trace of a small program is read back
 * line by line: each task's life is create, run, suspend (with why),
 * wake, run... done or cancelled, at virtual times that match the
 * sleeps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "async.h"
#include "helpers.h"

enum { MAXEV = 256 };

/* Logs each event of the trace since mark as "ev name" (with the reason
 * of a suspend), so that assert_log can check the whole sequence. */
static size_t
log_trace(long mark, struct trace_ev *ev)
{
    size_t n = trace_read(mark, ev, MAXEV);
    assert_true(n <= MAXEV);
    for (size_t i = 0; i < n; i++) {
        if (ev[i].why[0] != '\0')
            log_event("%s %s %s", ev[i].ev, ev[i].name, ev[i].why);
        else if (ev[i].name[0] != '\0')
            log_event("%s %s", ev[i].ev, ev[i].name);
        else
            log_event("%s", ev[i].ev);
    }
    return n;
}

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

static async_value
worker(void *arg)
{
    (void)arg;
    async_sleep(0.5);
    return ASYNC_INT(1);
}

static async_value
main_small(void *arg)
{
    (void)arg;
    async_await(async_create_task(worker, NULL));
    return ASYNC_NONE;
}

static void
test_trace_small_program_life_of_each_task(void **state)
{
    (void)state;
    /* arrange */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    /* act */
    async_run(main_small, NULL);
    log_trace(mark, ev);
    /* assert */
    assert_log("loop", "create main", "run main", "create worker",
               "suspend main task", "run worker", "suspend worker sleep",
               "timer", "wake worker", "run worker", "done worker",
               "wake main", "run main", "done main", "close");
}

static void
test_trace_times_follow_the_virtual_clock(void **state)
{
    (void)state;
    /* act */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    double t0 = async_time();
    async_run(main_small, NULL);
    size_t n = trace_read(mark, ev, MAXEV);
    /* the worker's two runs are half a second apart */
    double first = -1, second = -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ev[i].ev, "run") == 0 &&
            strcmp(ev[i].name, "worker") == 0) {
            if (first < 0)
                first = ev[i].t;
            else
                second = ev[i].t;
        }
        assert_true(ev[i].t >= t0 - 1e-6); /* never before the run */
        assert_true(i == 0 || ev[i].t >= ev[i - 1].t); /* in order */
    }
    /* assert */
    assert_true(first >= t0);
    assert_elapsed(second - first, 0.5);
    assert_true(ev[0].task == 0);
}

static async_value
victim(void *arg)
{
    (void)arg;
    async_sleep(10);
    return ASYNC_NONE;
}

static async_value
main_cancel(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(victim, NULL);
    async_sleep(0);
    async_cancel(t);
    async_sleep(0);
    return ASYNC_NONE;
}

static async_value
failing(void *arg)
{
    (void)arg;
    async_sleep(0);
    async_raise(3, "failing fails");
}

static async_value
main_failed(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(failing, NULL);
    async_sleep(0);
    async_sleep(0);
    async_task_error(t);
    return ASYNC_NONE;
}

static void
test_trace_failed_event(void **state)
{
    (void)state;
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    async_run(main_failed, NULL);
    log_trace(mark, ev);
    assert_log("loop", "create main", "run main", "create failing",
               "suspend main yield", "run failing", "suspend failing yield",
               "run main", "suspend main yield", "run failing",
               "failed failing", "run main", "done main", "close");
}

static void
test_trace_cancel_and_cancelled_events(void **state)
{
    (void)state;
    /* act */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    async_run(main_cancel, NULL);
    log_trace(mark, ev);
    /* assert */
    assert_log("loop", "create main", "run main", "create victim",
               "suspend main yield", "run victim", "suspend victim sleep",
               "run main", "cancel victim", "wake victim",
               "suspend main yield", "run victim", "cancelled victim",
               "run main", "done main", "close");
}

static async_value
waiter(void *arg)
{
    async_await((async_future *)arg);
    return ASYNC_NONE;
}

static async_value
main_reasons(void *arg)
{
    (void)arg;
    async_future *f = async_future_new();
    async_task *w = async_create_task(waiter, f);
    async_sleep(0); /* yield */
    async_future_set_result(f, ASYNC_NONE);
    async_task *t[1] = {w};
    async_gather(t, 1, NULL); /* gather */
    async_task *s = async_create_task(worker, NULL);
    async_as_completed *it = async_as_completed_new(&s, 1);
    async_as_completed_next(it); /* as_completed */
    return ASYNC_NONE;
}

static void
test_trace_suspend_gives_each_reason(void **state)
{
    (void)state;
    /* act */
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    async_run(main_reasons, NULL);
    size_t n = trace_read(mark, ev, MAXEV);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ev[i].ev, "suspend") == 0)
            log_event("%s %s", ev[i].name, ev[i].why);
    /* assert */
    assert_log("main yield", "waiter future", "main gather",
               "main as_completed", "worker sleep");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_trace_small_program_life_of_each_task),
        TEST(test_trace_times_follow_the_virtual_clock),
        TEST(test_trace_cancel_and_cancelled_events),
        TEST(test_trace_failed_event),
        TEST(test_trace_suspend_gives_each_reason),
    };
    return cmocka_run_group_tests_name("test_trace", tests, setup, teardown);
}
