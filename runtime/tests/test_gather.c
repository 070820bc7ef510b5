/* SPDX-License-Identifier: MIT */
/*
 * test_gather.c: async_gather and async_gather_fn. The tasks start in
 * argument order and run concurrently (the whole takes as long as the
 * longest); results come back in argument order; a cancelled child
 * cancels the gathering task at once, as asyncio's gather does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static async_value
delayed(void *arg)
{
    long ms = INT(arg);
    log_event("start %ld", ms);
    async_sleep(ms / 1000.0);
    log_event("end %ld", ms);
    return ASYNC_DOUBLE(ms / 1000.0);
}

static async_value
main_gather_fn(void *arg)
{
    double *elapsed = arg;
    void *args[4] = {ARG(300), ARG(100), ARG(400), ARG(200)};
    async_value r[4];
    double t0 = async_time();
    async_gather_fn(delayed, args, 4, r);
    *elapsed = async_time() - t0;
    log_event("results %.1f %.1f %.1f %.1f", r[0].d, r[1].d, r[2].d, r[3].d);
    return ASYNC_NONE;
}

static void
test_gather_fn_starts_in_order_results_in_order(void **state)
{
    (void)state;
    /* arrange */
    double el;
    /* act */
    async_run(main_gather_fn, &el);
    /* assert: concurrent, so 0.4 s in all, not 1.0 s */
    assert_log("start 300", "start 100", "start 400", "start 200", "end 100",
               "end 200", "end 300", "end 400", "results 0.3 0.1 0.4 0.2");
    assert_elapsed(el, 0.4);
}

static async_value
main_empty(void *arg)
{
    (void)arg;
    async_create_task(delayed, ARG(0));
    log_event("gather nothing");
    async_gather(NULL, 0, NULL);
    log_event("back at once");
    return ASYNC_NONE;
}

static void
test_gather_empty_returns_without_suspending(void **state)
{
    (void)state;
    /* act */
    async_run(main_empty, NULL);
    /* assert */
    assert_log("gather nothing", "back at once", "start 0");
}

static async_value
identity(void *arg)
{
    return ASYNC_PTR(arg);
}

static async_value
main_null_args(void *arg)
{
    (void)arg;
    async_value r[2] = {ASYNC_PTR(&r), ASYNC_PTR(&r)};
    async_gather_fn(identity, NULL, 2, r);
    log_event("%s %s", r[0].p == NULL ? "null" : "set",
              r[1].p == NULL ? "null" : "set");
    return ASYNC_NONE;
}

static void
test_gather_fn_null_args_gives_each_task_null(void **state)
{
    (void)state;
    /* act */
    async_run(main_null_args, NULL);
    /* assert */
    assert_log("null null");
}

static async_value
main_finished_children(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(delayed, ARG(10)),
                        async_create_task(delayed, ARG(20))};
    async_sleep(0.05); /* both finish meanwhile */
    async_value r[2];
    async_gather(t, 2, r);
    async_gather(t, 2, NULL); /* again, results not wanted */
    log_event("%.2f %.2f", r[0].d, r[1].d);
    return ASYNC_NONE;
}

static void
test_gather_finished_tasks_and_null_results(void **state)
{
    (void)state;
    /* act */
    async_run(main_finished_children, NULL);
    /* assert */
    assert_log("start 10", "start 20", "end 10", "end 20", "0.01 0.02");
}

static async_value
self_cancel(void *arg)
{
    async_sleep(INT(arg) / 1000.0);
    log_event("child cancels itself");
    async_cancel(async_current_task());
    async_sleep(0);
    log_event("never");
    return ASYNC_NONE;
}

static void
gatherer_cleanup(void *arg)
{
    log_event("gatherer cancelled at %.2f", async_time() - *(double *)arg);
}

static async_value
gatherer(void *arg)
{
    async_task *t[2] = {async_create_task(delayed, ARG(1000)),
                        async_create_task(self_cancel, ARG(100))};
    async_cleanup_push(gatherer_cleanup, arg);
    async_gather(t, 2, NULL);
    log_event("gatherer never gets here");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_child_cancelled(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_task *g = async_create_task(gatherer, &t0);
    async_sleep(2);
    log_event("gatherer cancelled: %d", async_task_cancelled(g));
    return ASYNC_NONE;
}

static void
test_gather_cancelled_child_cancels_gatherer_at_once(void **state)
{
    (void)state;
    /* act */
    async_run(main_child_cancelled, NULL);
    /* asyncio's gather raises CancelledError as soon as a child is
     * cancelled; the other child goes on by itself. */
    /* assert */
    assert_log("start 1000", "child cancels itself",
               "gatherer cancelled at 0.10", "end 1000",
               "gatherer cancelled: 1");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_gather_fn_starts_in_order_results_in_order),
        TEST(test_gather_empty_returns_without_suspending),
        TEST(test_gather_fn_null_args_gives_each_task_null),
        TEST(test_gather_finished_tasks_and_null_results),
        TEST(test_gather_cancelled_child_cancels_gatherer_at_once),
    };
    return cmocka_run_group_tests_name("test_gather", tests, vclock_setup,
                                       vclock_teardown);
}
