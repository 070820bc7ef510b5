/* SPDX-License-Identifier: MIT */
/*
 * test_cancel.c: cancellation and cleanup handlers. A cancelled task runs
 * none of its code past the point where it waits, only its cleanup
 * handlers, newest first; what it awaits (a task, a gather's children)
 * is cancelled with it; a task cancelled before its first step never
 * runs at all.
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
sleeper(void *arg)
{
    async_cleanup_push(cleanup_log, arg);
    log_event("%s sleeps", (const char *)arg);
    async_sleep(10);
    log_event("%s woke", (const char *)arg);
    async_cleanup_pop(false);
    return ASYNC_INT(1);
}

static async_value
main_cancel_sleeper(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_task *t = async_create_task(sleeper, "s");
    async_sleep(1);
    log_event("cancel %d", async_cancel(t));
    async_sleep(0);
    async_sleep(0);
    log_event("cancelled %d done %d at %.2f", async_task_cancelled(t),
              async_task_done(t), async_time() - t0);
    log_event("again %d", async_cancel(t)); /* done: false */
    return ASYNC_NONE;
}

static void
test_cancel_sleeping_task_runs_cleanup_not_code(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_sleeper, NULL);
    /* assert */
    assert_log("s sleeps", "cancel 1", "cleanup s",
               "cancelled 1 done 1 at 1.00", "again 0");
}

static async_value
awaits_other(void *arg)
{
    async_cleanup_push(cleanup_log, "outer");
    async_await((async_task *)arg);
    log_event("outer never resumes");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_cancel_awaiter(void *arg)
{
    (void)arg;
    async_task *inner = async_create_task(sleeper, "inner");
    async_task *outer = async_create_task(awaits_other, inner);
    async_sleep(1);
    async_cancel(outer);
    async_sleep(0.5);
    log_event("inner cancelled %d, outer cancelled %d",
              async_task_cancelled(inner), async_task_cancelled(outer));
    return ASYNC_NONE;
}

static void
test_cancel_awaiting_task_cancels_awaited_too(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_awaiter, NULL);
    /* the awaited task unwinds first, then the one awaiting it */
    /* assert */
    assert_log("inner sleeps", "cleanup inner", "cleanup outer",
               "inner cancelled 1, outer cancelled 1");
}

static async_value
awaits_cancelled(void *arg)
{
    async_cleanup_push(cleanup_log, "awaiter");
    async_await((async_task *)arg);
    log_event("awaiter never resumes");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_awaited_cancelled(void *arg)
{
    (void)arg;
    async_task *inner = async_create_task(sleeper, "inner");
    async_task *awaiter = async_create_task(awaits_cancelled, inner);
    async_sleep(1);
    async_cancel(inner);
    async_sleep(0.5);
    log_event("awaiter cancelled %d", async_task_cancelled(awaiter));
    return ASYNC_NONE;
}

static void
test_cancel_awaited_task_propagates_to_awaiter(void **state)
{
    (void)state;
    /* act */
    async_run(main_awaited_cancelled, NULL);
    /* assert */
    assert_log("inner sleeps", "cleanup inner", "cleanup awaiter",
               "awaiter cancelled 1");
}

static async_value
gatherer(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(sleeper, "child 1"),
                        async_create_task(sleeper, "child 2")};
    async_cleanup_push(cleanup_log, "gatherer");
    async_gather(t, 2, NULL);
    log_event("gatherer never resumes");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_cancel_gather(void *arg)
{
    (void)arg;
    async_task *g = async_create_task(gatherer, NULL);
    async_sleep(1);
    async_cancel(g);
    async_sleep(0.5);
    log_event("gatherer cancelled %d", async_task_cancelled(g));
    return ASYNC_NONE;
}

static void
test_cancel_gathering_task_cancels_children(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_gather, NULL);
    /* assert */
    assert_log("child 1 sleeps", "child 2 sleeps", "cleanup child 1",
               "cleanup child 2", "cleanup gatherer", "gatherer cancelled 1");
}

static async_value
three_handlers(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "first pushed");
    async_cleanup_push(cleanup_log, "second pushed");
    async_cleanup_push(cleanup_log, "third pushed");
    async_sleep(5);
    return ASYNC_NONE;
}

static async_value
main_three_handlers(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(three_handlers, NULL);
    async_sleep(1);
    async_cancel(t);
    async_sleep(1);
    return ASYNC_NONE;
}

static void
test_cleanup_push_handlers_run_newest_first(void **state)
{
    (void)state;
    /* act */
    async_run(main_three_handlers, NULL);
    /* assert */
    assert_log("cleanup third pushed", "cleanup second pushed",
               "cleanup first pushed");
}

static async_value
pops(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "popped and run");
    async_cleanup_pop(true);
    async_cleanup_push(cleanup_log, "popped, not run");
    async_cleanup_pop(false);
    log_event("returns");
    return ASYNC_NONE;
}

static void
test_cleanup_pop_runs_handler_only_if_asked(void **state)
{
    (void)state;
    /* act */
    async_run(pops, NULL);
    /* assert */
    assert_log("cleanup popped and run", "returns");
}

static async_value
main_cancel_before_start(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, "unstarted");
    log_event("cancel %d", async_cancel(t));
    async_sleep(0.1);
    log_event("cancelled %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_cancel_before_first_step_never_runs(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_before_start, NULL);
    /* assert */
    assert_log("cancel 1", "cancelled 1");
}

/* The step that ends an unstarted cancelled task is a step: under the
 * virtual clock it costs what any step costs (asyncio runs __step to
 * throw CancelledError into the coroutine). main's sleep(0) then resumes
 * three steps later, not two. */
static async_value
main_cancel_unstarted_costs_a_step(void *arg)
{
    double *took = arg;
    async_task *t = async_create_task(sleeper, "unstarted");
    async_cancel(t);
    double t0 = async_time();
    async_sleep(0);
    *took = async_time() - t0;
    return ASYNC_NONE;
}

static void
test_cancel_before_first_step_costs_one_step(void **state)
{
    (void)state;
    double took;
    async_run(main_cancel_unstarted_costs_a_step, &took);
    assert_true(fabs(took - 2e-6) < 1e-9); /* its step, then main's */
}

/*  async def selfish():
 *      asyncio.current_task().cancel(); return 5
 *  t = create_task(selfish()); await sleep(0); print(t.cancelled())  # True
 */
static async_value
selfish(void *arg)
{
    (void)arg;
    async_cancel(async_current_task());
    log_event("selfish returns");
    return ASYNC_INT(5);
}

static async_value
main_selfish(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(selfish, NULL);
    async_sleep(0);
    log_event("selfish cancelled %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_cancel_self_then_return_ends_cancelled(void **state)
{
    (void)state;
    async_run(main_selfish, NULL);
    assert_log("selfish returns", "selfish cancelled 1");
}

static async_value
self_canceller(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "self");
    async_cancel(async_current_task());
    log_event("runs on until it suspends");
    async_sleep(1);
    log_event("never");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
test_cancel_running_task_stops_at_next_suspension(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_value v = async_run(self_canceller, NULL);
    /* assert */
    assert_int_equal(v.i, 0);
    assert_log("runs on until it suspends", "cleanup self");
    assert_elapsed(async_time() - t0, 0.0); /* the sleep never happened */
}

/* ---- Cancel at each of three suspension points -------------------------- */

static async_value
helper_task(void *arg)
{
    (void)arg;
    async_sleep(1);
    return ASYNC_NONE;
}

static async_value
three_awaits(void *arg)
{
    async_future *f = arg;
    async_cleanup_push(cleanup_log, "three_awaits");
    log_event("point 1: sleep");
    async_sleep(1);
    log_event("point 2: await a task");
    async_await(async_create_task(helper_task, NULL));
    log_event("point 3: await a future");
    async_await(f);
    log_event("finished");
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_cancel_at(void *arg)
{
    long point = INT(arg);
    async_future *f = async_future_new();
    async_task *t = async_create_task(three_awaits, f);
    async_sleep(point - 0.5); /* the middle of wait number `point` */
    async_cancel(t);
    async_sleep(0.1);
    log_event("cancelled %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_cancel_at_each_suspension_point_runs_cleanup(void **state)
{
    (void)state;
    const char *points[] = {"point 1: sleep", "point 2: await a task",
                            "point 3: await a future"};
    for (long k = 1; k <= 3; k++) {
        /* arrange */
        log_reset();
        /* act */
        async_run(main_cancel_at, ARG(k));
        /* assert: the points up to k, nothing after, the cleanup */
        assert_int_equal(log_count(), (size_t)k + 2);
        for (long i = 0; i < k; i++)
            assert_string_equal(log_get((size_t)i), points[i]);
        assert_string_equal(log_get((size_t)k), "cleanup three_awaits");
        assert_string_equal(log_get((size_t)k + 1), "cancelled 1");
    }
}

/* A sleep cancelled in the iteration its timer fired, before the timer's
 * callback ran: asyncio queues the wake-up at cancel time, so B unwinds
 * ahead of A, whose timer fired before B's but queues A after the cancel:
 *     a, b = create_task(nap("A")), create_task(nap("B"))  # sleep(1)
 *     loop.call_later(1, b.cancel); await asyncio.sleep(2)
 * prints "B cancelled", "A woke" (regressions/cancel-after-timer-fired). */
static async_value
nap(void *arg)
{
    async_cleanup_push(cleanup_log, arg);
    async_sleep(1);
    async_cleanup_pop(false);
    log_event("%s woke", (const char *)arg);
    return ASYNC_NONE;
}

static void
cancel_cb(void *arg)
{
    async_cancel(arg);
}

static async_value
main_cancel_fired(void *arg)
{
    (void)arg;
    async_create_task(nap, "A");
    async_task *b = async_create_task(nap, "B");
    async_call_later(1, cancel_cb, b); /* fires first: armed first */
    async_sleep(2);
    log_event("B cancelled %d", async_task_cancelled(b));
    return ASYNC_NONE;
}

static void
test_cancel_after_timer_fired_wakes_at_once(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_fired, NULL);
    /* assert */
    assert_log("cleanup B", "A woke", "B cancelled 1");
}

/* A function that pushes a cleanup handler and returns without popping
 * it leaves a handler that a later unwind would run in a frame that is
 * gone: the end of the task, or of an async_try around the function,
 * stops the program and says so. */
static void
never_run(void *arg)
{
    *(int *)arg = 1; /* its frame is gone by then */
}

static async_value
pushes_and_returns(void *arg)
{
    int local = 0;
    (void)arg;
    async_cleanup_push(never_run, &local);
    return ASYNC_NONE;
}

static async_value
tries_it(void *arg)
{
    async_try(pushes_and_returns, arg, NULL, NULL);
    return ASYNC_NONE;
}

static void
run_main(void *fn)
{
    async_run((async_fn *)fn, NULL);
}

static void
test_cleanup_left_pushed_stops_with_message(void **state)
{
    (void)state;
    async_fn *mains[2] = {pushes_and_returns, tries_it};
    for (int i = 0; i < 2; i++) {
        struct child_result r;
        run_in_child(run_main, (void *)mains[i], &r);
        assert_true(r.exited && r.status != 0);
        assert_contains(r.err, "a function returned with a cleanup "
                               "handler still pushed");
        child_result_free(&r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_cancel_sleeping_task_runs_cleanup_not_code),
        TEST(test_cancel_awaiting_task_cancels_awaited_too),
        TEST(test_cancel_awaited_task_propagates_to_awaiter),
        TEST(test_cancel_gathering_task_cancels_children),
        TEST(test_cleanup_push_handlers_run_newest_first),
        TEST(test_cleanup_pop_runs_handler_only_if_asked),
        TEST(test_cleanup_left_pushed_stops_with_message),
        TEST(test_cancel_before_first_step_never_runs),
        TEST(test_cancel_before_first_step_costs_one_step),
        TEST(test_cancel_self_then_return_ends_cancelled),
        TEST(test_cancel_after_timer_fired_wakes_at_once),
        TEST(test_cancel_running_task_stops_at_next_suspension),
        TEST(test_cancel_at_each_suspension_point_runs_cleanup),
    };
    return cmocka_run_group_tests_name("test_cancel", tests, vclock_setup,
                                       vclock_teardown);
}
