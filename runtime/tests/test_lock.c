/* SPDX-License-Identifier: MIT */
/*
 * test_lock.c: asyncio.Lock. Waiters get the lock in the order they
 * asked; release hands it to the first of them, so a newcomer waits its
 * turn; a waiter cancelled in line never holds it, and one cancelled
 * after being handed it passes it on.
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

/* async with lock: log "has", hold it across one sleep(0). */
static async_value
worker(void *arg)
{
    const char *name = async_task_name(async_current_task());
    async_cleanup_push(cleanup_log, (void *)name);
    async_lock_acquire(arg);
    log_event("%s has", name);
    async_sleep(0);
    async_lock_release(arg);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_basics(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    log_event("locked %d", async_lock_locked(l));
    async_lock_acquire(l);
    log_event("locked %d", async_lock_locked(l));
    async_lock_release(l);
    log_event("locked %d", async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_lock_acquire_release_locked(void **state)
{
    (void)state;
    /* act */
    async_run(main_basics, NULL);
    /* assert */
    assert_log("locked 0", "locked 1", "locked 0");
}

static async_value
main_five_waiters(void *arg)
{
    (void)arg;
    static const char *names[] = {"w1", "w2", "w3", "w4", "w5"};
    async_lock *l = async_lock_new();
    async_task *t[5];
    async_lock_acquire(l);
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task_named(worker, l, names[i]);
    async_sleep(0.1);
    async_lock_release(l);
    async_gather(t, 5, NULL);
    log_event("locked %d", async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_lock_waiters_served_in_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_five_waiters, NULL);
    /* assert */
    assert_log("w1 has", "w2 has", "w3 has", "w4 has", "w5 has", "locked 0");
}

/* A logging worker whose hold lasts 0.1 s, as in the asyncio program. */
static async_value
slow_worker(void *arg)
{
    const char *name = async_task_name(async_current_task());
    log_event("%s wants", name);
    async_lock_acquire(arg);
    log_event("%s has", name);
    async_sleep(0.1);
    log_event("%s releases", name);
    async_lock_release(arg);
    return ASYNC_NONE;
}

static async_value
main_newcomer(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    async_task *t[3] = {async_create_task_named(slow_worker, l, "a"),
                        async_create_task_named(slow_worker, l, "b"),
                        async_create_task_named(slow_worker, l, "c")};
    async_sleep(0);
    async_lock_release(l);
    log_event("main released");
    async_lock_acquire(l);
    log_event("main has again");
    async_lock_release(l);
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

/* The same order as CPython 3.11 and 3.12 print for:
 *
 *     async def worker(name, lock):
 *         print(f"{name} wants")
 *         async with lock:
 *             print(f"{name} has")
 *             await asyncio.sleep(0.1)
 *             print(f"{name} releases")
 *
 *     async def main():
 *         lock = asyncio.Lock()
 *         await lock.acquire()
 *         ts = [asyncio.create_task(worker(n, lock)) for n in "abc"]
 *         await asyncio.sleep(0)
 *         lock.release()
 *         print("main released")
 *         await lock.acquire()   # a newcomer: queues behind a, b, c
 *         print("main has again")
 *         lock.release()
 *         await asyncio.gather(*ts)
 */
static void
test_lock_newcomer_does_not_jump_the_queue(void **state)
{
    (void)state;
    /* act */
    async_run(main_newcomer, NULL);
    /* assert */
    assert_log("a wants", "b wants", "c wants", "main released", "a has",
               "a releases", "b has", "b releases", "c has", "c releases",
               "main has again");
}

static async_value
main_cancel_waiting(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    async_task *t[3] = {async_create_task_named(worker, l, "w1"),
                        async_create_task_named(worker, l, "w2"),
                        async_create_task_named(worker, l, "w3")};
    async_sleep(0.1);
    async_cancel(t[1]);
    async_sleep(0.1);
    async_lock_release(l);
    async_await(t[0]);
    async_await(t[2]);
    log_event("w2 cancelled %d, locked %d", async_task_cancelled(t[1]),
              async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_lock_cancelled_waiter_never_holds_it(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_waiting, NULL);
    /* assert */
    assert_log("cleanup w2", "w1 has", "w3 has", "w2 cancelled 1, locked 0");
}

/* asyncio 3.11: main cancels the first waiter and releases in one step.
 * The cancelled waiter keeps its place until it unwinds, so release
 * hands the lock to nobody (locked() is False) and w2 gets it only when
 * w1 has left, one iteration after main's next line:
 *     lock = asyncio.Lock(); await lock.acquire()
 *     w1, w2 = create_task(worker(lock)), create_task(worker(lock))
 *     await asyncio.sleep(0); w1.cancel(); lock.release()
 *     print(lock.locked()); await asyncio.sleep(0); print("main 1") ...
 * prints False, "cleanup w1", "main 1", "w2 has". A newcomer arriving
 * while only cancelled waiters remain takes the free lock at once. */
static async_value
main_cancel_then_release(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    async_task *w1 = async_create_task_named(worker, l, "w1");
    async_task *w2 = async_create_task_named(worker, l, "w2");
    async_sleep(0);
    async_cancel(w1);
    async_lock_release(l);
    log_event("locked %d", async_lock_locked(l));
    async_sleep(0);
    log_event("main 1");
    async_await(w2);
    async_lock_acquire(l);
    async_task *w3 = async_create_task_named(worker, l, "w3");
    async_sleep(0);
    async_cancel(w3);
    async_lock_release(l);
    async_lock_acquire(l); /* only w3, cancelled, is in line: take it */
    log_event("main has again, w3 cancelled %d", async_task_cancelled(w3));
    async_lock_release(l);
    return ASYNC_NONE;
}

static void
test_lock_cancel_and_release_in_one_step(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_then_release, NULL);
    /* assert */
    assert_log("locked 0", "cleanup w1", "main 1", "w2 has",
               "main has again, w3 cancelled 0", "cleanup w3");
}

static async_value
main_cancel_woken(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    async_task *w1 = async_create_task_named(worker, l, "w1");
    async_task *w2 = async_create_task_named(worker, l, "w2");
    async_sleep(0.1);
    async_lock_release(l); /* hands it to w1, which has not run yet */
    async_cancel(w1);
    async_await(w2);
    log_event("w1 cancelled %d, locked %d", async_task_cancelled(w1),
              async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_lock_woken_then_cancelled_passes_it_on(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_woken, NULL);
    /* assert */
    assert_log("cleanup w1", "w2 has", "w1 cancelled 1, locked 0");
}

static async_value
acquire_body(void *arg)
{
    async_lock_acquire(arg);
    return ASYNC_NONE;
}

static async_value
main_timeout(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    log_event("in time %d", async_timeout(0.5, acquire_body, l, NULL));
    async_task *w = async_create_task_named(worker, l, "w");
    async_sleep(0.1);
    async_lock_release(l); /* to w: the timed-out wait left the line */
    async_await(w);
    log_event("locked %d", async_lock_locked(l));
    return ASYNC_NONE;
}

static void
test_lock_acquire_timed_out_leaves_the_line(void **state)
{
    (void)state;
    /* act */
    async_run(main_timeout, NULL);
    /* assert */
    assert_log("in time 0", "w has", "locked 0");
}

static async_value
main_release_unlocked(void *arg)
{
    (void)arg;
    async_lock_release(async_lock_new());
    return ASYNC_NONE;
}

static void
child_release_unlocked(void *arg)
{
    async_run(main_release_unlocked, arg);
}

static void
test_lock_release_unlocked_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_release_unlocked, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_lock_release: the lock is not locked");
    child_result_free(&r);
}

static async_value
blocked(void *arg)
{
    async_lock_acquire(arg);
    return ASYNC_NONE;
}

static async_value
main_deadlock(void *arg)
{
    (void)arg;
    async_lock *l = async_lock_new();
    async_lock_acquire(l);
    async_await(async_create_task(blocked, l)); /* never released */
    return ASYNC_NONE;
}

static void
child_deadlock(void *arg)
{
    async_run(main_deadlock, arg);
}

static void
test_lock_acquire_forever_reports_deadlock(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_deadlock, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "'main' (task 1) waits for task 'blocked'");
    assert_contains(r.err, "'blocked' (task 2) waits in async_lock");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_lock_acquire_release_locked),
        TEST(test_lock_waiters_served_in_order),
        TEST(test_lock_newcomer_does_not_jump_the_queue),
        TEST(test_lock_cancelled_waiter_never_holds_it),
        TEST(test_lock_woken_then_cancelled_passes_it_on),
        TEST(test_lock_cancel_and_release_in_one_step),
        TEST(test_lock_acquire_timed_out_leaves_the_line),
        TEST(test_lock_release_unlocked_is_fatal),
        TEST(test_lock_acquire_forever_reports_deadlock),
    };
    return cmocka_run_group_tests_name("test_lock", tests, vclock_setup,
                                       vclock_teardown);
}
