/* SPDX-License-Identifier: MIT */
/*
 * test_queue.c: asyncio.Queue. Items come out in the order they went in;
 * a full queue holds its producer back; getters and putters wait in line
 * and a woken one looks again; a cancelled waiter passes on a wake-up it
 * cannot use; join waits for every task_done; unbounded queues grow.
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

static const char *
me(void)
{
    return async_task_name(async_current_task());
}

/* Gets one item and logs it. */
static async_value
getter(void *arg)
{
    async_cleanup_push(cleanup_log, (void *)me());
    log_event("%s got %ld", me(), async_queue_get(arg).i);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

/* Puts the item 100 and logs it. */
static async_value
putter(void *arg)
{
    async_cleanup_push(cleanup_log, (void *)me());
    async_queue_put(arg, ASYNC_INT(100));
    log_event("%s put", me());
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static void
test_queue_nowait_size_empty_full(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_queue *q = async_queue_new(2);
    async_value v = ASYNC_INT(-1);
    /* act / assert */
    assert_true(async_queue_empty(q));
    assert_false(async_queue_get_nowait(q, &v));
    assert_int_equal(v.i, -1);
    assert_true(async_queue_put_nowait(q, ASYNC_INT(1)));
    assert_true(async_queue_put_nowait(q, ASYNC_INT(2)));
    assert_true(async_queue_full(q));
    assert_false(async_queue_put_nowait(q, ASYNC_INT(3)));
    assert_int_equal(async_queue_size(q), 2);
    assert_true(async_queue_get_nowait(q, &v));
    assert_int_equal(v.i, 1);
    assert_false(async_queue_full(q));
    assert_true(async_queue_put_nowait(q, ASYNC_INT(3)));
    assert_true(async_queue_get_nowait(q, &v));
    assert_int_equal(v.i, 2);
    assert_true(async_queue_get_nowait(q, NULL));
    assert_true(async_queue_empty(q));
    async_loop_close(loop);
}

static void
test_queue_unbounded_grows_past_1000_items(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    async_queue *q = async_queue_new(0);
    async_value v;
    long next = 0;
    /* act: two in, one out, so the ring wraps before each growth */
    for (long i = 0; i < 3000; i++) {
        assert_true(async_queue_put_nowait(q, ASYNC_INT(i)));
        if (i % 2 == 1) {
            assert_true(async_queue_get_nowait(q, &v));
            assert_int_equal(v.i, next++);
        }
    }
    /* assert */
    assert_int_equal(async_queue_size(q), 1500);
    assert_false(async_queue_full(q));
    while (async_queue_get_nowait(q, &v))
        assert_int_equal(v.i, next++);
    assert_int_equal(next, 3000);
    async_loop_close(loop);
}

static async_value
producer(void *arg)
{
    for (long i = 0; i < 5; i++) {
        async_queue_put(arg, ASYNC_INT(i));
        log_event("put %ld", i);
    }
    async_queue_put(arg, ASYNC_INT(-1));
    return ASYNC_NONE;
}

static async_value
consumer(void *arg)
{
    long item;
    while ((item = async_queue_get(arg).i) != -1) {
        log_event("got %ld", item);
        async_sleep(0.1);
    }
    return ASYNC_NONE;
}

static async_value
main_backpressure(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(2);
    async_task *t[2] = {async_create_task(producer, q),
                        async_create_task(consumer, q)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

/* The same order as CPython 3.11 and 3.12 print for:
 *
 *     async def producer(q):
 *         for i in range(5):
 *             await q.put(i)
 *             print(f"put {i}")
 *         await q.put(None)
 *
 *     async def consumer(q):
 *         while (item := await q.get()) is not None:
 *             print(f"got {item}")
 *             await asyncio.sleep(0.1)
 *
 *     async def main():
 *         q = asyncio.Queue(2)
 *         await asyncio.gather(producer(q), consumer(q))
 */
static void
test_queue_put_waits_while_full(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_backpressure, NULL);
    /* assert: the producer runs at most two items ahead */
    assert_log("put 0", "put 1", "got 0", "put 2", "got 1", "put 3", "got 2",
               "put 4", "got 3", "got 4");
    assert_elapsed(async_time() - t0, 0.5);
}

static async_value
main_getters(void *arg)
{
    (void)arg;
    static const char *names[] = {"g1", "g2", "g3", "g4", "g5"};
    async_queue *q = async_queue_new(0);
    async_task *t[5];
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task_named(getter, q, names[i]);
    async_sleep(0.1);
    for (long i = 0; i < 5; i++)
        async_queue_put(q, ASYNC_INT(i));
    async_gather(t, 5, NULL);
    return ASYNC_NONE;
}

static void
test_queue_getters_served_in_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_getters, NULL);
    /* assert */
    assert_log("g1 got 0", "g2 got 1", "g3 got 2", "g4 got 3", "g5 got 4");
}

static async_value
main_cancel_getter(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(0);
    async_task *t[3] = {async_create_task_named(getter, q, "g1"),
                        async_create_task_named(getter, q, "g2"),
                        async_create_task_named(getter, q, "g3")};
    async_sleep(0.1);
    async_cancel(t[1]);
    async_sleep(0.1);
    async_queue_put(q, ASYNC_INT(1));
    async_queue_put(q, ASYNC_INT(2));
    async_await(t[0]);
    async_await(t[2]);
    log_event("left %zu", async_queue_size(q));
    return ASYNC_NONE;
}

static void
test_queue_cancelled_getter_leaves_the_line(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_getter, NULL);
    /* assert */
    assert_log("cleanup g2", "g1 got 1", "g3 got 2", "left 0");
}

static async_value
main_steal(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(0);
    async_value v;
    async_task *g = async_create_task_named(getter, q, "g");
    async_sleep(0.1);
    async_queue_put_nowait(q, ASYNC_INT(1)); /* wakes g... */
    async_queue_get_nowait(q, &v);           /* ...but main takes it */
    log_event("main took %ld", v.i);
    async_sleep(0.1);
    log_event("g still waits %d", !async_task_done(g));
    async_queue_put_nowait(q, ASYNC_INT(2));
    async_await(g);
    return ASYNC_NONE;
}

static void
test_queue_woken_getter_looks_again(void **state)
{
    (void)state;
    /* act */
    async_run(main_steal, NULL);
    /* assert */
    assert_log("main took 1", "g still waits 1", "g got 2");
}

static async_value
main_cancel_woken_getter(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(0);
    async_task *g1 = async_create_task_named(getter, q, "g1");
    async_task *g2 = async_create_task_named(getter, q, "g2");
    async_sleep(0.1);
    async_queue_put_nowait(q, ASYNC_INT(7)); /* wakes g1, not run yet */
    async_cancel(g1);
    async_await(g2);
    log_event("g1 cancelled %d", async_task_cancelled(g1));
    return ASYNC_NONE;
}

static void
test_queue_woken_then_cancelled_getter_passes_item_on(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_woken_getter, NULL);
    /* assert */
    assert_log("cleanup g1", "g2 got 7", "g1 cancelled 1");
}

static async_value
main_cancel_woken_putter(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(1);
    async_value v;
    async_queue_put(q, ASYNC_INT(1));
    async_task *p1 = async_create_task_named(putter, q, "p1");
    async_task *p2 = async_create_task_named(putter, q, "p2");
    async_sleep(0.1);
    async_queue_get_nowait(q, &v); /* room: wakes p1, not run yet */
    async_cancel(p1);
    async_await(p2);
    async_queue_get_nowait(q, &v);
    log_event("p1 cancelled %d, item %ld", async_task_cancelled(p1), v.i);
    return ASYNC_NONE;
}

static void
test_queue_woken_then_cancelled_putter_passes_room_on(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_woken_putter, NULL);
    /* assert */
    assert_log("cleanup p1", "p2 put", "p1 cancelled 1, item 100");
}

static async_value
get_body(void *q)
{
    return async_queue_get(q);
}

static async_value
late_put(void *q)
{
    async_sleep(1);
    async_queue_put(q, ASYNC_INT(5));
    return ASYNC_NONE;
}

/* asyncio.wait_for(q.get(), 0.5): the timed-out getter leaves the line,
 * so the item put later stays for the next get. */
static async_value
main_get_timeout(void *arg)
{
    (void)arg;
    async_queue *q = async_queue_new(0);
    async_value v;
    async_create_task(late_put, q);
    log_event("in time %d", async_timeout(0.5, get_body, q, &v));
    bool in_time = async_timeout(1, get_body, q, &v);
    log_event("in time %d, got %ld", in_time, v.i);
    return ASYNC_NONE;
}

static void
test_queue_get_timed_out_leaves_the_line(void **state)
{
    (void)state;
    /* act */
    async_run(main_get_timeout, NULL);
    /* assert */
    assert_log("in time 0", "in time 1, got 5");
}

static async_value
worker(void *arg)
{
    for (int n = 0; n < 3; n++) {
        long item = async_queue_get(arg).i;
        async_sleep(0.1);
        log_event("done %ld", item);
        async_queue_task_done(arg);
    }
    return ASYNC_NONE;
}

static async_value
main_join(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_queue *q = async_queue_new(0);
    async_queue_join(q); /* nothing unfinished: returns at once */
    async_create_task(worker, q);
    for (long i = 1; i <= 3; i++)
        async_queue_put(q, ASYNC_INT(i));
    async_queue_join(q);
    log_event("joined at %.2f", async_time() - t0);
    return ASYNC_NONE;
}

static void
test_queue_join_waits_for_every_task_done(void **state)
{
    (void)state;
    /* act */
    async_run(main_join, NULL);
    /* assert */
    assert_log("done 1", "done 2", "done 3", "joined at 0.30");
}

static void
child_task_done(void *arg)
{
    (void)arg;
    async_loop_new();
    async_queue *q = async_queue_new(0);
    async_queue_put_nowait(q, ASYNC_INT(1));
    async_queue_task_done(q);
    async_queue_task_done(q); /* one more than was put */
}

static void
test_queue_task_done_too_often_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_task_done, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_queue_task_done: called more times than "
                           "items were put");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_queue_nowait_size_empty_full),
        TEST(test_queue_unbounded_grows_past_1000_items),
        TEST(test_queue_put_waits_while_full),
        TEST(test_queue_getters_served_in_order),
        TEST(test_queue_cancelled_getter_leaves_the_line),
        TEST(test_queue_woken_getter_looks_again),
        TEST(test_queue_woken_then_cancelled_getter_passes_item_on),
        TEST(test_queue_woken_then_cancelled_putter_passes_room_on),
        TEST(test_queue_get_timed_out_leaves_the_line),
        TEST(test_queue_join_waits_for_every_task_done),
        TEST(test_queue_task_done_too_often_is_fatal),
    };
    return cmocka_run_group_tests_name("test_queue", tests, vclock_setup,
                                       vclock_teardown);
}
