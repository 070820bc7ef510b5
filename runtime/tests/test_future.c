/* SPDX-License-Identifier: MIT */
/*
 * test_future.c: futures. A future is pending until set; setting it
 * schedules its done-callbacks (and its awaiters) in the order they were
 * added, never running them on the spot; awaiting a done future returns
 * at once; a task is a future too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static void
cb_stop(void *loop)
{
    async_loop_stop(loop);
}

static void
on_done(async_future *f, void *arg)
{
    log_event("callback %s: %ld", (const char *)arg, async_future_result(f).i);
}

static void
test_future_new_is_pending_until_set(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_future *f = async_future_new();
    /* act / assert */
    assert_false(async_future_done(f));
    async_future_set_result(f, ASYNC_INT(17));
    assert_true(async_future_done(f));
    assert_true(async_done(f)); /* the generic form */
    assert_int_equal(async_future_result(f).i, 17);
    assert_int_equal(async_result(f).i, 17); /* the generic form */
    async_loop_close(loop);
}

static void
test_future_set_result_schedules_callbacks_not_runs(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_future *f = async_future_new();
    async_future_add_done_callback(f, on_done, "a");
    async_future_add_done_callback(f, on_done, "b");
    /* act */
    async_future_set_result(f, ASYNC_INT(1));
    log_event("set");
    async_call_soon(cb_stop, loop);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert: in the order added, after the setter went on */
    assert_log("set", "callback a: 1", "callback b: 1");
}

static void
test_future_add_done_callback_when_done_runs_soon(void **state)
{
    (void)state;
    /* act */
    async_loop *loop = async_loop_new();
    async_future *f = async_future_new();
    async_future_set_result(f, ASYNC_INT(2));
    async_future_add_done_callback(f, on_done, "late");
    log_event("added");
    async_call_soon(cb_stop, loop);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert */
    assert_log("added", "callback late: 2");
}

static async_value
setter(void *arg)
{
    async_sleep(0.75);
    log_event("setting");
    async_future_set_result(arg, ASYNC_INT(99));
    log_event("setter goes on");
    return ASYNC_NONE;
}

static async_value
main_await_future(void *arg)
{
    (void)arg;
    async_future *f = async_future_new();
    async_create_task(setter, f);
    double t0 = async_time();
    long v = async_await(f).i;
    log_event("got %ld after %.2f", v, async_time() - t0);
    return ASYNC_NONE;
}

static void
test_future_await_suspends_until_set(void **state)
{
    (void)state;
    /* act */
    async_run(main_await_future, NULL);
    /* assert */
    assert_log("setting", "setter goes on", "got 99 after 0.75");
}

static async_value
other(void *arg)
{
    (void)arg;
    log_event("other ran");
    return ASYNC_NONE;
}

static async_value
main_await_done_future(void *arg)
{
    (void)arg;
    async_future *f = async_future_new();
    async_future_set_result(f, ASYNC_INT(5));
    async_create_task(other, NULL); /* ready: runs when main suspends */
    log_event("await");
    log_event("got %ld", async_future_await(f).i);
    return ASYNC_NONE;
}

static void
test_future_await_done_future_does_not_suspend(void **state)
{
    (void)state;
    /* act */
    async_run(main_await_done_future, NULL);
    /* nothing ran between "await" and "got 5" */
    /* assert */
    assert_log("await", "got 5", "other ran");
}

static async_value
adder(void *arg)
{
    async_sleep(0.1);
    return ASYNC_INT(INT(arg) + 1);
}

static void
task_done(async_future *f, void *arg)
{
    (void)arg;
    log_event("task finished with %ld", async_future_result(f).i);
}

static async_value
main_task_future(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(adder, ARG(41));
    async_future_add_done_callback(async_task_future(t), task_done, NULL);
    long v = async_await(async_task_future(t)).i; /* await it as a future */
    log_event("awaited %ld", v);
    return ASYNC_NONE;
}

static void
test_task_future_is_a_future(void **state)
{
    (void)state;
    /* act */
    async_run(main_task_future, NULL);
    /* the callback was added first, so it runs before the awaiter */
    /* assert */
    assert_log("task finished with 42", "awaited 42");
}

static void
child_result_pending(void *arg)
{
    (void)arg;
    async_loop_new();
    async_future_result(async_future_new());
}

static void
test_future_result_of_pending_future_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_result_pending, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_future_result: the future is not done yet");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_future_new_is_pending_until_set),
        TEST(test_future_set_result_schedules_callbacks_not_runs),
        TEST(test_future_add_done_callback_when_done_runs_soon),
        TEST(test_future_await_suspends_until_set),
        TEST(test_future_await_done_future_does_not_suspend),
        TEST(test_task_future_is_a_future),
        TEST(test_future_result_of_pending_future_is_fatal),
    };
    return cmocka_run_group_tests_name("test_future", tests, vclock_setup,
                                       vclock_teardown);
}
