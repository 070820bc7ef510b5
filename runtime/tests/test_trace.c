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
#include <time.h>

#include "async.h"
#include "helpers.h"
#include "internal.h"

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
    vclock_setup(state);
    clock_long_step(0.010); /* the rule these tests check; see clock.c */
    return 0;
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

/* ---- The CPU time of a step ---------------------------------------------- */

/* This thread's CPU time: what the runtime measures a step with. */
static double
thread_cpu(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Computes until its thread has used *(double *)arg seconds of CPU, in
 * one step: whatever the machine's speed, that much. */
static async_value
burn(void *arg)
{
    double until = thread_cpu() + *(double *)arg;
    volatile unsigned long spin = 0;

    while (thread_cpu() < until)
        spin++;
    async_sleep(0);
    return ASYNC_NONE;
}

static async_value
main_burns(void *arg)
{
    async_task *t[2] = {async_create_task_named(burn, arg, "burn"),
                        async_create_task_named(worker, NULL, "idle")};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

/* Runs main_burns with a burn of `seconds`; returns the burn's first run
 * and suspend in *run and *end, and the event after that in *next. Every
 * event that ends a step has a cpu field, at least 0; no other has one. */
static void
burn_trace(double seconds, struct trace_ev *run, struct trace_ev *end,
           struct trace_ev *next)
{
    struct trace_ev ev[MAXEV];
    long mark = trace_mark();
    async_run(main_burns, &seconds);
    size_t n = trace_read(mark, ev, MAXEV);
    size_t ends = 0;

    run->cpu = end->cpu = -2;
    for (size_t i = 0; i < n; i++) {
        int ends_step = strcmp(ev[i].ev, "suspend") == 0 ||
                        strcmp(ev[i].ev, "done") == 0;
        assert_true(ends_step ? ev[i].cpu >= 0 : ev[i].cpu == -1);
        ends += ends_step;
        if (strcmp(ev[i].name, "burn") == 0 && run->cpu == -2 &&
            strcmp(ev[i].ev, "run") == 0)
            *run = ev[i];
        else if (strcmp(ev[i].name, "burn") == 0 && end->cpu == -2 &&
                 ends_step && i + 1 < n) {
            *end = ev[i];
            *next = ev[i + 1];
        }
    }
    assert_int_equal(ends, 6); /* two steps each: main, burn, idle */
}

static void
test_trace_a_step_end_carries_its_cpu_time(void **state)
{
    (void)state;
    struct trace_ev run, end, next;
    /* act: 3 ms, below the 10 ms a step needs to move the virtual clock */
    burn_trace(0.003, &run, &end, &next);
    /* assert: the step computed that long, on the virtual clock it took
     * a step's microsecond only */
    assert_true(end.cpu >= 0.003);
    assert_true(end.cpu < 10); /* a CPU time, not a clock's reading */
    assert_true(end.t - run.t < 1e-6);
}

static void
test_trace_a_long_step_ends_as_late_as_it_computed(void **state)
{
    (void)state;
    struct trace_ev run, end, next;
    /* act: 30 ms, which the virtual clock charges */
    burn_trace(0.030, &run, &end, &next);
    /* assert: charged before the step's end is traced, and only once */
    assert_true(end.cpu >= 0.030);
    assert_true(end.t - run.t >= end.cpu - 2e-6);
    assert_true(next.t - end.t < 0.001);
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
        TEST(test_trace_a_step_end_carries_its_cpu_time),
        TEST(test_trace_a_long_step_ends_as_late_as_it_computed),
    };
    return cmocka_run_group_tests_name("test_trace", tests, setup, teardown);
}
