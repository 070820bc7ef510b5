/* SPDX-License-Identifier: MIT */
/*
 * test_generator.c: generators. A plain one works with no loop at all;
 * inside a task its body may sleep between yields (an async generator);
 * closing a paused one runs its cleanup handlers, never its code; the
 * loop closes what nobody closed; a task cancelled inside a generator
 * runs the generator's cleanups too.
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

static void
counter(async_gen *g, void *arg)
{
    long n = INT(arg);
    for (long i = 0; i < n; i++) {
        log_event("yield %ld", i);
        async_yield(g, ASYNC_INT(i));
    }
    log_event("body returns");
}

static void
test_gen_next_plain_outside_a_loop(void **state)
{
    (void)state;
    /* arrange: calling the generator runs nothing */
    async_gen *g = async_gen_new(counter, ARG(3));
    log_event("made");
    /* act */
    async_for (v, g)
        log_event("got %ld", v.i);
    async_value last = ASYNC_INT(-7);
    bool more = async_gen_next(g, &last);
    async_gen_close(g);
    /* assert */
    assert_log("made", "yield 0", "got 0", "yield 1", "got 1", "yield 2",
               "got 2", "body returns");
    assert_false(more);
    assert_int_equal(last.i, -7); /* nothing stored at the end */
}

static void
outer_gen(async_gen *g, void *arg)
{
    (void)arg;
    async_gen *inner = async_gen_new(counter, ARG(2));
    async_for (v, inner)
        async_yield(g, ASYNC_INT(v.i * 10));
    async_gen_close(inner);
}

static void
test_gen_next_nested_generators(void **state)
{
    (void)state;
    /* act */
    async_gen *g = async_gen_new(outer_gen, NULL);
    async_for (v, g)
        log_event("outer got %ld", v.i);
    async_gen_close(g);
    /* assert */
    assert_log("yield 0", "outer got 0", "yield 1", "outer got 10",
               "body returns");
}

static void
ticker(async_gen *g, void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "ticker");
    for (long i = 1; i <= 3; i++) {
        async_sleep(0.5);
        async_yield(g, ASYNC_INT(i));
    }
    async_cleanup_pop(false);
}

static async_value
chatter(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        async_sleep(0.3);
        log_event("chatter");
    }
    return ASYNC_NONE;
}

static async_value
async_consumer(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_task *c = async_create_task(chatter, NULL);
    async_gen *g = async_gen_new(ticker, NULL);
    async_for (v, g)
        log_event("tick %ld at %.2f", v.i, async_time() - t0);
    async_gen_close(g);
    async_await(c);
    return ASYNC_NONE;
}

static void
test_gen_next_async_body_sleeps_between_yields(void **state)
{
    (void)state;
    /* act */
    async_run(async_consumer, NULL);
    /* assert: while the body sleeps, other tasks run */
    assert_log("chatter", "tick 1 at 0.50", "chatter", "chatter",
               "tick 2 at 1.00", "tick 3 at 1.50");
}

static void
guarded(async_gen *g, void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "guarded");
    async_yield(g, ASYNC_INT(1));
    log_event("guarded code after yield");
    async_yield(g, ASYNC_INT(2));
    async_cleanup_pop(true);
}

static void
test_gen_close_paused_runs_cleanup_not_code(void **state)
{
    (void)state;
    /* arrange */
    async_gen *g = async_gen_new(guarded, NULL);
    async_value v;
    assert_true(async_gen_next(g, &v));
    assert_int_equal(v.i, 1);
    /* act */
    async_gen_close(g);
    /* assert */
    assert_log("cleanup guarded");
}

static void
test_gen_close_unstarted_runs_nothing(void **state)
{
    (void)state;
    /* act */
    async_gen *g = async_gen_new(guarded, NULL);
    async_gen_close(g);
    /* assert */
    assert_int_equal(log_count(), 0);
}

static async_value
leaves_open(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(guarded, NULL);
    async_value v;
    async_gen_next(g, &v);
    log_event("main returns with the generator open");
    return ASYNC_NONE;
}

static void
test_loop_close_closes_unclosed_generators(void **state)
{
    (void)state;
    /* act */
    async_run(leaves_open, NULL);
    /* assert */
    assert_log("main returns with the generator open", "cleanup guarded");
}

static async_value
consumer_to_cancel(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "consumer");
    async_gen *g = async_gen_new(ticker, NULL);
    async_for (v, g)
        log_event("tick %ld", v.i);
    log_event("consumer never gets here");
    async_gen_close(g);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_cancel_inside_gen(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(consumer_to_cancel, NULL);
    async_sleep(0.75); /* t is inside ticker's second sleep */
    async_cancel(t);
    async_sleep(0.1);
    log_event("cancelled %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_cancel_task_inside_generator_runs_its_cleanups(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_inside_gen, NULL);
    /* innermost first: the generator's handler, then the task's */
    /* assert */
    assert_log("tick 1", "cleanup ticker", "cleanup consumer",
               "cancelled 1");
}

/* A cleanup handler that closes the generator the task was consuming,
 * the usual way to be sure a generator is closed: the close raises on the
 * generator's own stack while the task unwinds, which is allowed. */
static void
close_gen(void *g)
{
    async_gen_close(g);
    log_event("closed");
}

static async_value
consumer_closing_in_cleanup(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(ticker, NULL);
    async_cleanup_push(close_gen, g);
    async_value v;
    async_gen_next(g, &v);
    log_event("tick %ld", v.i);
    async_sleep(10); /* cancelled here, with the generator paused */
    async_cleanup_pop(true);
    return ASYNC_NONE;
}

static async_value
main_cancel_closing_consumer(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(consumer_closing_in_cleanup, NULL);
    async_sleep(1);
    async_cancel(t);
    async_sleep(0.1);
    log_event("cancelled %d", async_task_cancelled(t));
    return ASYNC_NONE;
}

static void
test_cleanup_handler_may_close_a_paused_generator(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_closing_consumer, NULL);
    /* assert: the generator's handler ran, inside the task's */
    assert_log("tick 1", "cleanup ticker", "closed", "cancelled 1");
}

static void
child_yield_outside(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(counter, ARG(1));
    async_yield(g, ASYNC_INT(1));
}

static void
test_yield_outside_generator_body_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_yield_outside, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_yield: called outside the generator");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_gen_next_plain_outside_a_loop),
        TEST(test_gen_next_nested_generators),
        TEST(test_gen_next_async_body_sleeps_between_yields),
        TEST(test_gen_close_paused_runs_cleanup_not_code),
        TEST(test_gen_close_unstarted_runs_nothing),
        TEST(test_loop_close_closes_unclosed_generators),
        TEST(test_cancel_task_inside_generator_runs_its_cleanups),
        TEST(test_yield_outside_generator_body_is_fatal),
        TEST(test_cleanup_handler_may_close_a_paused_generator),
    };
    return cmocka_run_group_tests_name("test_generator", tests, vclock_setup,
                                       vclock_teardown);
}
