/* SPDX-License-Identifier: MIT */
/*
 * test_event.c: asyncio.Event. Waiters wait until the flag is set, then
 * all resume on the next iteration in the order they came; waiting on a
 * set event does not suspend; a cancelled waiter leaves without
 * disturbing the others.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static void
cleanup_log(void *arg)
{
    log_event("cleanup %s", (const char *)arg);
}

static async_value
waiter(void *arg)
{
    const char *name = async_task_name(async_current_task());
    async_cleanup_push(cleanup_log, (void *)name);
    log_event("%s waits", name);
    async_event_wait(arg);
    log_event("%s wakes", name);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
test_event_set_clear_is_set(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_event *e = async_event_new();
    /* act / assert */
    assert_false(async_event_is_set(e));
    async_event_set(e);
    assert_true(async_event_is_set(e));
    async_event_set(e); /* setting twice is harmless */
    async_event_clear(e);
    assert_false(async_event_is_set(e));
    async_loop_close(loop);
}

static async_value
main_wake_all(void *arg)
{
    (void)arg;
    async_event *e = async_event_new();
    async_task *t[3] = {async_create_task_named(waiter, e, "w1"),
                        async_create_task_named(waiter, e, "w2"),
                        async_create_task_named(waiter, e, "w3")};
    async_sleep(0.5);
    async_event_set(e);
    log_event("set");
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

static void
test_event_set_wakes_waiters_in_order(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_wake_all, NULL);
    /* assert */
    assert_log("w1 waits", "w2 waits", "w3 waits", "set", "w1 wakes",
               "w2 wakes", "w3 wakes");
    assert_elapsed(async_time() - t0, 0.5);
}

static async_value
other(void *arg)
{
    (void)arg;
    log_event("other ran");
    return ASYNC_NONE;
}

static async_value
main_already_set(void *arg)
{
    (void)arg;
    async_event *e = async_event_new();
    async_event_set(e);
    async_create_task(other, NULL);
    async_event_wait(e); /* set: returns at once */
    log_event("main went on");
    return ASYNC_NONE;
}

static void
test_event_wait_when_set_does_not_suspend(void **state)
{
    (void)state;
    /* act */
    async_run(main_already_set, NULL);
    /* assert */
    assert_log("main went on", "other ran");
}

static async_value
main_cancel_waiter(void *arg)
{
    (void)arg;
    async_event *e = async_event_new();
    async_task *a = async_create_task_named(waiter, e, "a");
    async_task *b = async_create_task_named(waiter, e, "b");
    async_sleep(0.1);
    async_cancel(a);
    async_sleep(0.1);
    log_event("a cancelled %d, set %d", async_task_cancelled(a),
              async_event_is_set(e));
    async_event_set(e);
    async_await(b);
    return ASYNC_NONE;
}

static void
test_event_cancelled_waiter_leaves_others_waiting(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_waiter, NULL);
    /* assert */
    assert_log("a waits", "b waits", "cleanup a", "a cancelled 1, set 0",
               "b wakes");
}

static async_value
main_clear(void *arg)
{
    (void)arg;
    async_event *e = async_event_new();
    async_event_set(e);
    async_event_clear(e);
    async_task *w = async_create_task_named(waiter, e, "w");
    async_sleep(1);
    log_event("still waiting %d", !async_task_done(w));
    async_event_set(e);
    async_await(w);
    return ASYNC_NONE;
}

static void
test_event_clear_makes_wait_suspend_again(void **state)
{
    (void)state;
    /* act */
    async_run(main_clear, NULL);
    /* assert */
    assert_log("w waits", "still waiting 1", "w wakes");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_event_set_clear_is_set),
        TEST(test_event_set_wakes_waiters_in_order),
        TEST(test_event_wait_when_set_does_not_suspend),
        TEST(test_event_cancelled_waiter_leaves_others_waiting),
        TEST(test_event_clear_makes_wait_suspend_again),
    };
    return cmocka_run_group_tests_name("test_event", tests, vclock_setup,
                                       vclock_teardown);
}
