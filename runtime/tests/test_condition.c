/* SPDX-License-Identifier: MIT */
/*
 * test_condition.c: asyncio.Condition. notify wakes waiters in the order
 * they came, each resuming only once it holds the lock again; a waiter
 * cancelled or timed out takes the lock back before its cleanup runs;
 * wait_for tests its predicate first and after each wake. Every expected
 * order is what CPython 3.11 prints for the asyncio program quoted above
 * each test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static async_condition *C;

static void
release_cb(void *arg)
{
    log_event("cleanup %s locked=%d", (const char *)arg,
              async_condition_locked(C));
    async_condition_release(C);
}

/*  async def waiter(c, name):
 *      await c.acquire()
 *      try:
 *          print(f"{name} waits"); await c.wait(); print(f"{name} wakes")
 *      finally:
 *          print(f"cleanup {name} locked={int(c.locked())}"); c.release()
 */
static async_value
waiter(void *arg)
{
    const char *name = async_task_name(async_current_task());
    (void)arg;
    async_condition_acquire(C);
    async_cleanup_push(release_cb, (void *)name);
    log_event("%s waits", name);
    async_condition_wait(C);
    log_event("%s wakes", name);
    async_cleanup_pop(true);
    return ASYNC_NONE;
}

static async_task *
spawn(const char *name)
{
    return async_create_task_named(waiter, NULL, name);
}

/*  ts = [create_task(waiter(c, n)) for n in ("w1", "w2", "w3")]
 *  await sleep(0.1); await c.acquire(); c.notify(2); print("notified 2")
 *  await sleep(0.1); print("still holding"); c.release()
 *  await sleep(0.1); await c.acquire(); c.notify_all()
 *  print("notified all"); c.release(); await gather(*ts)
 */
static async_value
main_order(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_task *t[3] = {spawn("w1"), spawn("w2"), spawn("w3")};
    async_sleep(0.1);
    async_condition_acquire(C);
    async_condition_notify(C, 2);
    log_event("notified 2");
    async_sleep(0.1);
    log_event("still holding");
    async_condition_release(C);
    async_sleep(0.1);
    async_condition_acquire(C);
    async_condition_notify_all(C);
    log_event("notified all");
    async_condition_release(C);
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

static void
test_condition_notify_wakes_in_order_after_release(void **state)
{
    (void)state;
    /* act */
    async_run(main_order, NULL);
    /* assert */
    assert_log("w1 waits", "w2 waits", "w3 waits", "notified 2",
               "still holding", "w1 wakes", "cleanup w1 locked=1",
               "w2 wakes", "cleanup w2 locked=1", "notified all", "w3 wakes",
               "cleanup w3 locked=1");
}

/*  a, b = create_task(waiter(c, "a")), create_task(waiter(c, "b"))
 *  await sleep(0.1); await c.acquire(); a.cancel(); await sleep(0.1)
 *  print(f"main holds, a done={int(a.done())}"); c.release()
 *  await sleep(0); print(f"a cancelled={int(a.cancelled())}")
 *  await c.acquire(); c.notify(); c.release(); await b
 */
static async_value
main_cancel_waiting(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_task *a = spawn("a"), *b = spawn("b");
    async_sleep(0.1);
    async_condition_acquire(C);
    async_cancel(a);
    async_sleep(0.1);
    log_event("main holds, a done=%d", async_task_done(a));
    async_condition_release(C);
    async_sleep(0);
    log_event("a cancelled=%d", async_task_cancelled(a));
    async_condition_acquire(C);
    async_condition_notify(C, 1);
    async_condition_release(C);
    async_await(b);
    return ASYNC_NONE;
}

static void
test_condition_cancelled_waiter_retakes_lock_before_cleanup(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_waiting, NULL);
    /* assert: a unwinds only once main let go of the lock */
    assert_log("a waits", "b waits", "main holds, a done=0",
               "cleanup a locked=1", "a cancelled=1", "b wakes",
               "cleanup b locked=1");
}

/*  a = create_task(waiter(c, "a")); await sleep(0.1)
 *  await c.acquire(); c.notify(); await sleep(0.1); a.cancel()
 *  await sleep(0.1); print(f"main holds, a done={int(a.done())}")
 *  c.release()
 *  try: await a
 *  except CancelledError:
 *      print(f"a cancelled={int(a.cancelled())} locked={int(c.locked())}")
 */
static async_value
main_cancel_reacquiring(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_task *a = spawn("a");
    async_sleep(0.1);
    async_condition_acquire(C);
    async_condition_notify(C, 1);
    async_sleep(0.1); /* a is notified and waits for the lock */
    async_cancel(a);
    async_sleep(0.1);
    log_event("main holds, a done=%d", async_task_done(a));
    async_condition_release(C);
    async_sleep(0.1);
    log_event("a cancelled=%d locked=%d", async_task_cancelled(a),
              async_condition_locked(C));
    return ASYNC_NONE;
}

static void
test_condition_cancel_while_retaking_lock_keeps_waiting(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_reacquiring, NULL);
    /* assert */
    assert_log("a waits", "main holds, a done=0", "cleanup a locked=1",
               "a cancelled=1 locked=0");
}

/*  a, b = ...; await sleep(0.1); await c.acquire(); c.notify(1)
 *  a.cancel(); c.release(); await sleep(0.1)
 *  print(f"b done={int(b.done())}"); b.cancel(); await sleep(0.1)
 */
static async_value
main_notified_then_cancelled(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_task *a = spawn("a"), *b = spawn("b");
    async_sleep(0.1);
    async_condition_acquire(C);
    async_condition_notify(C, 1);
    async_cancel(a);
    async_condition_release(C);
    async_sleep(0.1);
    log_event("b done=%d", async_task_done(b));
    async_cancel(b);
    async_sleep(0.1);
    return ASYNC_NONE;
}

static void
test_condition_notified_then_cancelled_loses_notification(void **state)
{
    (void)state;
    /* act */
    async_run(main_notified_then_cancelled, NULL);
    /* assert: 3.11 hands the notification to nobody else */
    assert_log("a waits", "b waits", "cleanup a locked=1", "b done=0",
               "cleanup b locked=1");
}

static async_value
wait_body(void *arg)
{
    async_condition_wait(arg);
    return ASYNC_NONE;
}

/*  async def body():
 *      await c.acquire()
 *      try:
 *          print("t waits")
 *          async with asyncio.timeout(0.1): await c.wait()
 *      except TimeoutError:
 *          print(f"t timed out at {loop.time() - t0:.2f} "
 *                f"locked={int(c.locked())}")
 *      finally: c.release()
 *  t = create_task(body()); await sleep(0); await c.acquire()
 *  await sleep(0.3); print("main releases"); c.release(); await t
 */
static async_value
timed_waiter(void *t0)
{
    async_condition_acquire(C);
    log_event("t waits");
    if (!async_timeout(0.1, wait_body, C, NULL))
        log_event("t timed out at %.2f locked=%d",
                  async_time() - *(double *)t0, async_condition_locked(C));
    async_condition_release(C);
    return ASYNC_NONE;
}

static async_value
main_timed_out(void *arg)
{
    (void)arg;
    double t0 = async_time();
    C = async_condition_new(NULL);
    async_task *t = async_create_task(timed_waiter, &t0);
    async_sleep(0);
    async_condition_acquire(C);
    async_sleep(0.3);
    log_event("main releases");
    async_condition_release(C);
    async_await(t);
    return ASYNC_NONE;
}

static void
test_condition_timeout_in_wait_returns_holding_lock(void **state)
{
    (void)state;
    /* act */
    async_run(main_timed_out, NULL);
    /* assert */
    assert_log("t waits", "main releases", "t timed out at 0.30 locked=1");
}

static long box[4];
static int nbox;

static bool
two_items(void *arg)
{
    (void)arg;
    log_event("check %d", nbox);
    return nbox >= 2;
}

static async_value
consumer(void *arg)
{
    (void)arg;
    async_condition_acquire(C);
    log_event("consumer waits");
    assert_true(async_condition_wait_for(C, two_items, NULL));
    log_event("consumer got [%ld, %ld]", box[0], box[1]);
    async_condition_release(C);
    return ASYNC_NONE;
}

/*  def ready(): print(f"check {len(box)}"); return len(box) >= 2
 *  async def consumer():
 *      async with c: print("consumer waits"); await c.wait_for(ready)
 *                    print(f"consumer got {box}")
 *  t = create_task(consumer())
 *  for i in (1, 2, 3):
 *      await sleep(0.1)
 *      async with c: box.append(i); c.notify(); print(f"put {i}")
 *  await t
 */
static async_value
main_wait_for(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    nbox = 0;
    async_task *t = async_create_task(consumer, NULL);
    for (long i = 1; i <= 3; i++) {
        async_sleep(0.1);
        async_condition_acquire(C);
        box[nbox++] = i;
        async_condition_notify(C, 1);
        log_event("put %ld", i);
        async_condition_release(C);
    }
    async_await(t);
    return ASYNC_NONE;
}

static void
test_condition_wait_for_tests_predicate_after_each_wake(void **state)
{
    (void)state;
    /* act */
    async_run(main_wait_for, NULL);
    /* assert */
    assert_log("consumer waits", "check 0", "put 1", "check 1", "put 2",
               "check 2", "consumer got [1, 2]", "put 3");
}

static async_value
other(void *arg)
{
    (void)arg;
    log_event("other ran");
    return ASYNC_NONE;
}

static async_value
main_shared_lock(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    C = async_condition_new(l);
    nbox = 2;
    async_create_task(other, NULL);
    async_lock_acquire(l);
    assert_true(async_condition_locked(C));
    assert_true(async_condition_wait_for(C, two_items, NULL)); /* at once */
    log_event("main went on");
    async_condition_release(C);
    assert_false(async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_condition_shares_lock_and_true_predicate_does_not_wait(void **state)
{
    (void)state;
    /* act */
    async_run(main_shared_lock, NULL);
    /* assert */
    assert_log("check 2", "main went on", "other ran");
}

static async_value
main_unlocked_wait(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_condition_wait(C);
    return ASYNC_NONE;
}

static async_value
main_unlocked_notify(void *arg)
{
    (void)arg;
    C = async_condition_new(NULL);
    async_condition_notify(C, 1);
    return ASYNC_NONE;
}

static void
run_child(void *fn)
{
    async_run((async_fn *)fn, NULL);
}

static void
test_condition_wait_or_notify_without_lock_stops_with_message(void **state)
{
    (void)state;
    struct child_result r;
    async_fn *mains[2] = {main_unlocked_wait, main_unlocked_notify};
    const char *who[2] = {"async_condition_wait:", "async_condition_notify:"};
    for (int i = 0; i < 2; i++) {
        /* act */
        run_in_child(run_child, (void *)mains[i], &r);
        /* assert */
        assert_true(r.exited && r.status != 0);
        assert_contains(r.err, who[i]);
        assert_contains(r.err, "lock is not held; acquire it first");
        child_result_free(&r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_condition_notify_wakes_in_order_after_release),
        TEST(test_condition_cancelled_waiter_retakes_lock_before_cleanup),
        TEST(test_condition_cancel_while_retaking_lock_keeps_waiting),
        TEST(test_condition_notified_then_cancelled_loses_notification),
        TEST(test_condition_timeout_in_wait_returns_holding_lock),
        TEST(test_condition_wait_for_tests_predicate_after_each_wake),
        TEST(test_condition_shares_lock_and_true_predicate_does_not_wait),
        TEST(test_condition_wait_or_notify_without_lock_stops_with_message),
    };
    return cmocka_run_group_tests_name("test_condition", tests, vclock_setup,
                                       vclock_teardown);
}
