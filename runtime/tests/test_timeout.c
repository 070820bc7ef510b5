/* SPDX-License-Identifier: MIT */
/*
 * test_timeout.c: asyncio.timeout, wait_for and shield. A deadline that
 * passes cancels what waits at that moment: its cleanup handlers run
 * (only those pushed inside the scope), the awaited task or future is
 * cancelled too, and the scope returns false at exactly the deadline. A
 * body that returns in time leaves no timer behind. Where asyncio has the
 * same program, it is written above the test; CPython prints the lines
 * the test expects.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

static void
cleanup_log(void *arg)
{
    log_event("cleanup %s", (const char *)arg);
}

/* Sleeps INT(arg) seconds, with a cleanup handler, and returns 42. */
static async_value
sleeper(void *arg)
{
    async_cleanup_push(cleanup_log, "sleeper");
    async_sleep(INT(arg));
    async_cleanup_pop(false);
    log_event("sleeper done");
    return ASYNC_INT(42);
}

/* ---- wait_for --------------------------------------------------------- */

static async_value
main_wait_for(void *arg)
{
    async_task *t = async_create_task(sleeper, ARG(1));
    async_value v = ASYNC_NONE;
    double t0 = async_time();
    bool ok = async_wait_for(t, INT(arg), &v);
    log_event("ok %d, result %ld, at %.2f", ok, v.i, async_time() - t0);
    return ASYNC_NONE;
}

static void
test_wait_for_in_time_returns_result(void **state)
{
    (void)state;
    async_run(main_wait_for, ARG(2));
    assert_log("sleeper done", "ok 1, result 42, at 1.00");
}

/*  async def sleeper():
 *      try: await asyncio.sleep(5)
 *      except asyncio.CancelledError: print("cleanup sleeper"); raise
 *  async def main():
 *      t = asyncio.create_task(sleeper())
 *      try: await asyncio.wait_for(t, 1)
 *      except TimeoutError: print(f"timed out at {loop.time()-t0:.2f}, "
 *                                  f"cancelled {t.cancelled()}")
 */
static async_value
main_wait_for_late(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(5));
    double t0 = async_time();
    bool ok = async_wait_for(t, 1, NULL);
    log_event("ok %d at %.3f, cancelled %d", ok, async_time() - t0,
              async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_wait_for_timeout_cancels_task_before_returning(void **state)
{
    (void)state;
    async_run(main_wait_for_late, NULL);
    assert_log("cleanup sleeper", "ok 0 at 1.000, cancelled 1");
}

static async_value
main_wait_for_done(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(1));
    async_await(t);
    async_value v = ASYNC_NONE;
    double t0 = async_time();
    bool ok = async_wait_for(t, 0, &v);
    log_event("ok %d, result %ld, waited %d", ok, v.i, async_time() > t0);
    return ASYNC_NONE;
}

static void
test_wait_for_done_task_returns_at_once(void **state)
{
    (void)state;
    async_run(main_wait_for_done, NULL);
    assert_log("sleeper done", "ok 1, result 42, waited 0");
}

static async_value
waits_for(void *arg)
{
    async_cleanup_push(cleanup_log, "caller");
    async_wait_for(arg, 10, NULL);
    async_cleanup_pop(false);
    log_event("caller went on");
    return ASYNC_NONE;
}

static async_value
main_cancel_caller(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(5));
    async_task *caller = async_create_task(waits_for, t);
    async_sleep(1);
    async_cancel(caller);
    async_sleep(0.1);
    log_event("caller %d, task %d", async_task_cancelled(caller),
              async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_wait_for_caller_cancelled_cancels_task(void **state)
{
    (void)state;
    async_run(main_cancel_caller, NULL);
    assert_log("cleanup sleeper", "cleanup caller", "caller 1, task 1");
}

/* ---- async_timeout ---------------------------------------------------- */

static async_value
body_sleep(void *arg)
{
    async_cleanup_push(cleanup_log, "body");
    async_sleep(INT(arg));
    async_cleanup_pop(false);
    log_event("body done");
    return ASYNC_INT(7);
}

/*  async def main():
 *      try:
 *          async with asyncio.timeout(1):
 *              try: await asyncio.sleep(5)
 *              except asyncio.CancelledError: print("cleanup body"); raise
 *      except TimeoutError: print("timed out at 1.000")
 */
static async_value
main_timeout_sleep(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "outside");
    double t0 = async_time();
    async_value v = ASYNC_NONE;
    bool ok = async_timeout(1, body_sleep, ARG(5), &v);
    log_event("ok %d at %.3f", ok, async_time() - t0);
    ok = async_timeout(2, body_sleep, ARG(1), &v);
    log_event("ok %d, result %ld", ok, v.i);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
test_timeout_sleep_runs_only_inner_cleanups(void **state)
{
    (void)state;
    async_run(main_timeout_sleep, NULL);
    assert_log("cleanup body", "ok 0 at 1.000", "body done", "ok 1, result 7");
}

static async_value
body_future(void *arg)
{
    return async_future_await(arg);
}

static async_value
main_timeout_future(void *arg)
{
    (void)arg;
    async_future *f = async_future_new();
    bool ok = async_timeout(0.5, body_future, f, NULL);
    log_event("ok %d, future cancelled %d", ok,
              f->state == FUTURE_CANCELLED);
    return ASYNC_NONE;
}

static void
test_timeout_future_is_cancelled(void **state)
{
    (void)state;
    async_run(main_timeout_future, NULL);
    assert_log("ok 0, future cancelled 1");
}

static async_value
body_await(void *arg)
{
    return async_task_await(arg);
}

/*  async def main():
 *      t = asyncio.create_task(sleeper())       # sleeps 5
 *      try:
 *          async with asyncio.timeout(1): await t
 *      except TimeoutError: print("timed out", t.cancelled())
 */
static async_value
main_timeout_task(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(5));
    bool ok = async_timeout(1, body_await, t, NULL);
    log_event("ok %d, task cancelled %d", ok, async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_timeout_awaited_task_is_cancelled(void **state)
{
    (void)state;
    async_run(main_timeout_task, NULL);
    assert_log("cleanup sleeper", "ok 0, task cancelled 1");
}

static async_value
body_event(void *arg)
{
    async_event_wait(arg);
    log_event("event seen");
    return ASYNC_NONE;
}

static async_value
event_waiter(void *arg)
{
    async_event_wait(arg);
    log_event("other waiter woke");
    return ASYNC_NONE;
}

static async_value
main_timeout_event(void *arg)
{
    (void)arg;
    async_event *e = async_event_new();
    async_task *w = async_create_task(event_waiter, e);
    bool ok = async_timeout(1, body_event, e, NULL);
    log_event("ok %d", ok);
    async_event_set(e);
    async_await(w);
    return ASYNC_NONE;
}

static void
test_timeout_event_wait_leaves_other_waiters(void **state)
{
    (void)state;
    async_run(main_timeout_event, NULL);
    assert_log("ok 0", "other waiter woke");
}

/* ---- Nesting ---------------------------------------------------------- */

struct nest {
    double inner, outer; /* the two deadlines */
};

static async_value
outer_body(void *arg)
{
    struct nest *n = arg;
    async_cleanup_push(cleanup_log, "outer body");
    bool ok = async_timeout(n->inner, body_sleep, ARG(5), NULL);
    log_event("inner ok %d at %.3f", ok, async_time());
    async_sleep(1);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_nested(void *arg)
{
    double t0 = async_time();
    struct nest *n = arg;
    bool ok = async_timeout(n->outer, outer_body, n, NULL);
    log_event("outer ok %d after %.3f", ok, async_time() - t0);
    return ASYNC_NONE;
}

static void
test_timeout_nested_inner_expires(void **state)
{
    (void)state;
    log_reset();
    struct nest n = {1, 3};
    double t0 = async_time();
    async_run(main_nested, &n);
    assert_true(log_count() == 3);
    assert_string_equal(log_get(0), "cleanup body");
    assert_string_equal(log_get(2), "outer ok 1 after 2.000");
    assert_elapsed(async_time() - t0, 2);
}

/*  async with asyncio.timeout(1):          # outer
 *      try:
 *          async with asyncio.timeout(3):  # inner
 *              await sleep(5)  (cleanup body)
 *      ...                     (cleanup outer body)
 *  -> TimeoutError from the outer one, at 1. With both at 1, CPython too
 *  lets the outer one win (the inner re-raises CancelledError). */
static void
test_timeout_nested_outer_expires_through_inner(void **state)
{
    (void)state;
    struct nest n = {3, 1};
    async_run(main_nested, &n);
    assert_log("cleanup body", "cleanup outer body", "outer ok 0 after 1.000");
}

static void
test_timeout_nested_both_expire_outer_wins(void **state)
{
    (void)state;
    struct nest n = {1, 1};
    async_run(main_nested, &n);
    assert_log("cleanup body", "cleanup outer body", "outer ok 0 after 1.000");
}

static async_value
main_in_time(void *arg)
{
    (void)arg;
    async_timeout(10, body_sleep, ARG(1), NULL);
    async_timeout(-1, body_sleep, ARG(1), NULL); /* no deadline at all */
    return ASYNC_NONE;
}

static void
test_timeout_in_time_leaves_no_timer(void **state)
{
    (void)state;
    async_loop *loop = async_loop_new();
    double t0 = async_time();
    async_task *t = async_loop_create_task(loop, main_in_time, NULL);
    async_loop_run_until_complete(loop, t);
    assert_int_equal(loop->timers.n, 0);
    async_call_later(0.5, stop_cb, loop);
    async_loop_run_forever(loop);
    assert_elapsed(async_time() - t0, 2.5);
    async_loop_close(loop);
    assert_log("body done", "body done");
}

/* ---- Inside generators -------------------------------------------------- */

static void
ticker(async_gen *g, void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "ticker");
    for (long i = 0;; i++) {
        async_sleep(0.4);
        async_yield(g, ASYNC_INT(i));
    }
}

static async_value
body_consume(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(ticker, NULL);
    async_for (v, g)
        log_event("tick %ld", v.i);
    async_gen_close(g);
    return ASYNC_NONE;
}

/*  async def ticker():
 *      try:
 *          i = 0
 *          while True: await asyncio.sleep(0.4); yield i; i += 1
 *      finally: print("cleanup ticker")
 *  async with asyncio.timeout(1):
 *      async for v in ticker(): print("tick", v)
 */
static async_value
main_gen(void *arg)
{
    (void)arg;
    double t0 = async_time();
    bool ok = async_timeout(1, body_consume, NULL, NULL);
    log_event("ok %d at %.3f", ok, async_time() - t0);
    return ASYNC_NONE;
}

static void
test_timeout_around_async_for(void **state)
{
    (void)state;
    async_run(main_gen, NULL);
    assert_log("tick 0", "tick 1", "cleanup ticker", "ok 0 at 1.000");
}

static async_value
gen_body_timeout(void *arg)
{
    return ASYNC_INT(async_timeout(0.5, body_sleep, arg, NULL));
}

static void
timed_gen(async_gen *g, void *arg)
{
    (void)arg;
    async_value ok = gen_body_timeout(ARG(5));
    async_yield(g, ok);
    async_yield(g, gen_body_timeout(ARG(0)));
}

static async_value
main_timeout_in_gen(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(timed_gen, NULL);
    async_for (v, g)
        log_event("yielded %ld", v.i);
    async_gen_close(g);
    return ASYNC_NONE;
}

static void
test_timeout_inside_generator_body(void **state)
{
    (void)state;
    async_run(main_timeout_in_gen, NULL);
    assert_log("cleanup body", "yielded 0", "body done", "yielded 1");
}

/* A timeout around async_for whose generator runs on a stack above the
 * consumer's: glibc's fortified longjmp (Ubuntu's default) aborted when
 * the old scope jumped from the generator's stack down to the task's.
 * The generator gets the stack of a task that finished just before. */
static async_value
quick(void *arg)
{
    (void)arg;
    async_sleep(0); /* holds its stack while the consumer takes one */
    return ASYNC_NONE;
}

static async_value
consumer_after_quick(void *arg)
{
    (void)arg;
    async_sleep(0); /* quick finishes meanwhile: its stack is free */
    return ASYNC_INT(async_timeout(1, body_consume, NULL, NULL));
}

static async_value
main_gen_high_stack(void *arg)
{
    (void)arg;
    async_create_task(quick, NULL);
    async_task *c = async_create_task(consumer_after_quick, NULL);
    log_event("ok %ld", async_await(c).i);
    return ASYNC_NONE;
}

static void
test_timeout_around_async_for_generator_stack_above(void **state)
{
    (void)state;
    async_run(main_gen_high_stack, NULL);
    assert_log("tick 0", "tick 1", "cleanup ticker", "ok 0");
}

/* A generator that yields inside its own timeout, whose deadline passes
 * while the consumer sleeps. asyncio's timeout cancels the task that
 * entered it, so the consumer is cancelled where it sleeps; the
 * generator stays paused until the loop closes it (CPython 3.11):
 *
 *  async def ticks():
 *      try:
 *          async with asyncio.timeout(1):
 *              for i in range(3): yield i
 *      finally: print("cleanup ticks")
 *  async def consumer():
 *      try:
 *          g = ticks(); print("got", await anext(g)); await asyncio.sleep(2)
 *      finally: print("cleanup consumer")
 *  async def main():
 *      t = asyncio.create_task(consumer())
 *      try: await t
 *      except asyncio.CancelledError: print("consumer cancelled", t.cancelled())
 *      print("main returns")
 *  -> got 0 / cleanup consumer / consumer cancelled True / main returns /
 *     cleanup ticks
 */
static async_value
yields_three(void *g)
{
    for (long i = 0; i < 3; i++)
        async_yield(g, ASYNC_INT(i));
    return ASYNC_NONE;
}

static void
ticks_in_scope(async_gen *g, void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "ticks");
    async_timeout(1, yields_three, g, NULL);
    async_cleanup_pop(true);
}

static async_value
consumer_sleeps(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "consumer");
    async_gen *g = async_gen_new(ticks_in_scope, NULL);
    async_value v;
    async_gen_next(g, &v);
    log_event("got %ld", v.i);
    async_sleep(2);
    log_event("consumer woke");
    async_cleanup_pop(true);
    return ASYNC_NONE;
}

static async_value
main_yield_in_scope(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(consumer_sleeps, NULL);
    double t0 = async_time();
    async_sleep(3);
    log_event("consumer cancelled %d at %.2f", async_task_cancelled(t),
              async_time() - t0);
    log_event("main returns");
    return ASYNC_NONE;
}

static void
test_timeout_yield_inside_scope_cancels_consumer(void **state)
{
    (void)state;
    async_run(main_yield_in_scope, NULL);
    assert_log("got 0", "cleanup consumer", "consumer cancelled 1 at 3.00",
               "main returns", "cleanup ticks");
}

/* Closing the generator leaves its scope: the timer is disarmed, so the
 * consumer sleeps past the deadline unharmed. */
static async_value
main_close_gen_in_scope(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(ticks_in_scope, NULL);
    async_gen_next(g, NULL);
    async_gen_close(g);
    async_sleep(2);
    log_event("slept past the deadline");
    return ASYNC_NONE;
}

static void
test_timeout_closing_generator_disarms_its_scope(void **state)
{
    (void)state;
    async_run(main_close_gen_in_scope, NULL);
    assert_log("cleanup ticks", "slept past the deadline");
}

static void
child_yield_in_scope_debug(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_yield_in_scope, NULL);
}

static void
test_timeout_yield_inside_scope_warns_in_debug_mode(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_yield_in_scope_debug, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "a generator yields inside async_timeout");
    child_result_free(&r);
}

/* ---- Cancellation wins, shield ---------------------------------------- */

static async_value
timed_caller(void *arg)
{
    async_cleanup_push(cleanup_log, "caller");
    async_timeout(2, body_sleep, arg, NULL);
    async_cleanup_pop(false);
    log_event("caller went on");
    return ASYNC_NONE;
}

static async_value
main_cancel_wins(void *arg)
{
    (void)arg;
    async_task *c = async_create_task(timed_caller, ARG(5));
    async_sleep(1);
    async_cancel(c);
    async_sleep(3); /* past the scope's deadline: no stale timer fires */
    log_event("caller cancelled %d", async_task_cancelled(c));
    return ASYNC_NONE;
}

static void
test_timeout_real_cancel_unwinds_whole_task(void **state)
{
    (void)state;
    async_run(main_cancel_wins, NULL);
    assert_log("cleanup body", "cleanup caller", "caller cancelled 1");
}

static async_value
shields(void *arg)
{
    async_cleanup_push(cleanup_log, "caller");
    async_value v = async_shield(arg);
    async_cleanup_pop(false);
    log_event("caller got %ld", v.i);
    return ASYNC_NONE;
}

/*  async def main():
 *      t = asyncio.create_task(sleeper())          # 2 s, returns 42
 *      c = asyncio.create_task(shields(t))         # await shield(t)
 *      await asyncio.sleep(1); c.cancel()
 *      print("result", await t)
 *  -> cleanup caller / sleeper done / result 42 (at 2.00)
 */
static async_value
main_shield(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(2));
    async_task *c = async_create_task(shields, t);
    async_sleep(1);
    async_cancel(c);
    async_value v = async_await(t);
    log_event("caller cancelled %d, result %ld at %.2f",
              async_task_cancelled(c), v.i, async_time());
    return ASYNC_NONE;
}

static void
test_shield_caller_cancelled_task_completes(void **state)
{
    (void)state;
    double t0 = async_time();
    async_run(main_shield, NULL);
    assert_int_equal(log_count(), 3);
    assert_string_equal(log_get(0), "cleanup caller");
    assert_string_equal(log_get(1), "sleeper done");
    assert_contains(log_get(2), "caller cancelled 1, result 42");
    assert_elapsed(async_time() - t0, 2);
}

static async_value
main_shield_ok(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(sleeper, ARG(1));
    async_task *c = async_create_task(shields, t);
    async_await(c);
    async_task *u = async_create_task(sleeper, ARG(5));
    async_task *d = async_create_task(shields, u);
    async_sleep(1);
    async_cancel(u);
    async_sleep(0.1);
    log_event("caller cancelled with it %d", async_task_cancelled(d));
    return ASYNC_NONE;
}

static void
test_shield_passes_result_and_cancellation(void **state)
{
    (void)state;
    async_run(main_shield_ok, NULL);
    assert_log("sleeper done", "caller got 42", "cleanup sleeper",
               "cleanup caller", "caller cancelled with it 1");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_wait_for_in_time_returns_result),
        TEST(test_wait_for_timeout_cancels_task_before_returning),
        TEST(test_wait_for_done_task_returns_at_once),
        TEST(test_wait_for_caller_cancelled_cancels_task),
        TEST(test_timeout_sleep_runs_only_inner_cleanups),
        TEST(test_timeout_future_is_cancelled),
        TEST(test_timeout_awaited_task_is_cancelled),
        TEST(test_timeout_event_wait_leaves_other_waiters),
        TEST(test_timeout_nested_inner_expires),
        TEST(test_timeout_nested_outer_expires_through_inner),
        TEST(test_timeout_nested_both_expire_outer_wins),
        TEST(test_timeout_in_time_leaves_no_timer),
        TEST(test_timeout_around_async_for),
        TEST(test_timeout_inside_generator_body),
        TEST(test_timeout_around_async_for_generator_stack_above),
        TEST(test_timeout_yield_inside_scope_cancels_consumer),
        TEST(test_timeout_closing_generator_disarms_its_scope),
        TEST(test_timeout_yield_inside_scope_warns_in_debug_mode),
        TEST(test_timeout_real_cancel_unwinds_whole_task),
        TEST(test_shield_caller_cancelled_task_completes),
        TEST(test_shield_passes_result_and_cancellation),
    };
    return cmocka_run_group_tests_name("test_timeout", tests, vclock_setup,
                                       vclock_teardown);
}
