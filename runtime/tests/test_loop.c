/* SPDX-License-Identifier: MIT */
/*
 * test_loop.c: the loop by hand, and its Handle layer. call_soon runs
 * callbacks in FIFO order, one iteration at a time; call_later in
 * deadline order; a cancelled handle never runs; run_forever ends with
 * the iteration in which stop was called; close cancels what is left.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static void
cb_log(void *arg)
{
    log_event("%s", (const char *)arg);
}

static void
cb_schedules_more(void *arg)
{
    log_event("%s", (const char *)arg);
    async_call_soon(cb_log, "scheduled by a");
}

static void
cb_stop(void *loop)
{
    log_event("stop");
    async_loop_stop(loop);
}

static void
test_call_soon_runs_in_fifo_order(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_call_soon(cb_log, "one");
    async_call_soon(cb_log, "two");
    async_call_soon(cb_log, "three");
    async_call_soon(cb_stop, loop);
    /* act */
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert */
    assert_log("one", "two", "three", "stop");
}

static void
test_loop_stop_finishes_iteration_and_keeps_new_callbacks(void **state)
{
    (void)state;
    /* arrange: a schedules a callback during the iteration that stops */
    async_loop *loop = async_loop_new();
    async_call_soon(cb_schedules_more, "a");
    async_call_soon(cb_stop, loop);
    async_call_soon(cb_log, "b");
    /* act: the first run ends after b; the second runs what a queued */
    async_loop_run_forever(loop);
    log_event("between runs");
    async_call_soon(cb_stop, loop);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert */
    assert_log("a", "stop", "b", "between runs", "scheduled by a", "stop");
}

static void
test_call_later_runs_in_deadline_order(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    double t0 = async_time();
    async_call_later(0.3, cb_log, "0.3 first");
    async_call_later(0.1, cb_log, "0.1");
    async_call_later(0.3, cb_log, "0.3 second");
    async_call_later(-1, cb_log, "negative is now");
    async_call_soon(cb_log, "soon");
    async_call_later(0.4, cb_stop, loop);
    /* act */
    async_loop_run_forever(loop);
    double el = async_time() - t0;
    async_loop_close(loop);
    /* assert: a soon callback is ready before any timer is due */
    assert_log("soon", "negative is now", "0.1", "0.3 first", "0.3 second",
               "stop");
    assert_elapsed(el, 0.4);
}

static void
test_handle_cancel_soon_callback_never_runs(void **state)
{
    (void)state;
    /* act */
    async_loop *loop = async_loop_new();
    async_call_soon(cb_log, "kept");
    async_handle *h = async_call_soon(cb_log, "cancelled");
    async_call_soon(cb_stop, loop);
    async_handle_cancel(h);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert */
    assert_log("kept", "stop");
}

static void
test_handle_cancel_later_callback_never_runs(void **state)
{
    (void)state;
    /* act */
    async_loop *loop = async_loop_new();
    async_handle *h = async_call_later(0.1, cb_log, "cancelled");
    async_call_later(0.2, cb_log, "kept");
    async_call_later(0.3, cb_stop, loop);
    async_handle_cancel(h);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert */
    assert_log("kept", "stop");
}

static async_value
stopper_task(void *loop)
{
    log_event("task runs");
    async_sleep(0.5);
    log_event("task stops the loop");
    async_loop_stop(loop);
    async_sleep(0.5);
    log_event("task resumes in the second run");
    return ASYNC_NONE;
}

static void
test_loop_run_forever_until_task_stops_it(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, stopper_task, loop);
    double t0 = async_time();
    /* act */
    async_loop_run_forever(loop);
    double el = async_time() - t0;
    log_event("run_forever returned, done %d", async_task_done(t));
    async_loop_run_until_complete(loop, t);
    async_loop_close(loop);
    /* assert */
    assert_log("task runs", "task stops the loop",
               "run_forever returned, done 0",
               "task resumes in the second run");
    assert_elapsed(el, 0.5);
}

static void
cleanup_log(void *arg)
{
    log_event("cleanup %s", (const char *)arg);
}

static async_value
long_task(void *arg)
{
    async_cleanup_push(cleanup_log, arg);
    log_event("%s started", (const char *)arg);
    async_sleep(100);
    log_event("%s never gets here", (const char *)arg);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
quick(void *arg)
{
    (void)arg;
    return ASYNC_INT(3);
}

static void
test_loop_close_cancels_pending_tasks(void **state)
{
    (void)state;
    /* arrange: one task runs to its sleep, one never starts */
    async_loop *loop = async_loop_new();
    async_loop_create_task(loop, long_task, "x");
    async_task *q = async_loop_create_task(loop, quick, NULL);
    async_loop_run_until_complete(loop, q);
    async_loop_create_task(loop, long_task, "never started");
    double t0 = async_time();
    /* act */
    async_loop_close(loop);
    /* assert: x unwinds; the unstarted task never runs */
    assert_log("x started", "cleanup x");
    assert_elapsed(async_time() - t0, 0.0);
}

static void
test_loop_new_becomes_current_loop(void **state)
{
    (void)state;
    /* act */
    async_loop *a = async_loop_new();
    async_loop_close(a);
    async_loop *b = async_loop_new();
    async_call_soon(cb_log, "on b");
    async_call_soon(cb_stop, b);
    async_loop_run_forever(b);
    async_loop_close(b);
    /* assert */
    assert_log("on b", "stop");
}

static void
child_call_soon_without_loop(void *arg)
{
    (void)arg;
    async_call_soon(cb_log, "nowhere");
}

static void
test_call_soon_without_loop_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_call_soon_without_loop, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_call_soon: there is no event loop");
    child_result_free(&r);
}

static void
child_idle_forever(void *arg)
{
    (void)arg;
    async_loop *loop = async_loop_new();
    async_loop_run_forever(loop); /* nothing could ever stop it */
}

static void
test_loop_run_forever_with_nothing_to_do_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_idle_forever, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "nothing left to do and was never stopped");
    child_result_free(&r);
}

static async_value
nested_run(void *arg)
{
    (void)arg;
    async_run(quick, NULL);
    return ASYNC_NONE;
}

static void
child_nested_run(void *arg)
{
    (void)arg;
    async_run(nested_run, NULL);
}

static void
test_run_inside_a_task_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_nested_run, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_run: a loop is already running");
    child_result_free(&r);
}

static async_value
cancelled_self(void *arg)
{
    (void)arg;
    async_cancel(async_current_task());
    async_sleep(1);
    log_event("never");
    return ASYNC_INT(1);
}

static void
test_loop_run_until_complete_cancelled_task_gives_none(void **state)
{
    (void)state;
    /* act */
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, cancelled_self, NULL);
    async_value v = async_loop_run_until_complete(loop, t);
    /* assert */
    assert_int_equal(v.i, 0);
    assert_true(async_task_cancelled(t));
    async_loop_close(loop);
    assert_int_equal(log_count(), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_call_soon_runs_in_fifo_order),
        TEST(test_loop_stop_finishes_iteration_and_keeps_new_callbacks),
        TEST(test_call_later_runs_in_deadline_order),
        TEST(test_handle_cancel_soon_callback_never_runs),
        TEST(test_handle_cancel_later_callback_never_runs),
        TEST(test_loop_run_forever_until_task_stops_it),
        TEST(test_loop_close_cancels_pending_tasks),
        TEST(test_loop_new_becomes_current_loop),
        TEST(test_call_soon_without_loop_is_fatal),
        TEST(test_loop_run_forever_with_nothing_to_do_is_fatal),
        TEST(test_run_inside_a_task_is_fatal),
        TEST(test_loop_run_until_complete_cancelled_task_gives_none),
    };
    return cmocka_run_group_tests_name("test_loop", tests, vclock_setup,
                                       vclock_teardown);
}
