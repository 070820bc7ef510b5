/* SPDX-License-Identifier: MIT */
/*
 * test_semaphore.c: asyncio.Semaphore and BoundedSemaphore. No more
 * tasks than its value are inside at once; waiters get in in the order
 * they came, before any newcomer; a waiter cancelled in line never gets
 * a place, and one cancelled after being handed one gives it back.
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

/* Enters (and stays), logging "in". */
static async_value
enter(void *arg)
{
    const char *name = async_task_name(async_current_task());
    async_cleanup_push(cleanup_log, (void *)name);
    async_semaphore_acquire(arg);
    log_event("%s in", name);
    async_cleanup_pop(false);
    return ASYNC_NONE;
}

static async_value
main_locked(void *arg)
{
    (void)arg;
    async_semaphore *s = async_semaphore_new(1);
    log_event("locked %d", async_semaphore_locked(s));
    async_semaphore_acquire(s);
    log_event("locked %d", async_semaphore_locked(s));
    async_semaphore_release(s);
    async_semaphore_release(s); /* unbounded: a second place */
    async_semaphore_acquire(s);
    async_semaphore_acquire(s);
    log_event("locked %d", async_semaphore_locked(s));
    log_event("zero: locked %d",
              async_semaphore_locked(async_semaphore_new(0)));
    return ASYNC_NONE;
}

static void
test_semaphore_locked_tracks_free_places(void **state)
{
    (void)state;
    /* act */
    async_run(main_locked, NULL);
    /* assert */
    assert_log("locked 0", "locked 1", "locked 1", "zero: locked 1");
}

static int inside, most_inside;

static async_value
bounded_worker(void *arg)
{
    async_semaphore_acquire(arg);
    if (++inside > most_inside)
        most_inside = inside;
    async_sleep(0.1);
    inside--;
    async_semaphore_release(arg);
    return ASYNC_NONE;
}

static async_value
main_bounds(void *arg)
{
    (void)arg;
    async_semaphore *s = async_semaphore_new(3);
    void *args[10];
    for (int i = 0; i < 10; i++)
        args[i] = s;
    inside = most_inside = 0;
    async_gather_fn(bounded_worker, args, 10, NULL);
    log_event("most inside %d", most_inside);
    return ASYNC_NONE;
}

static void
test_semaphore_bounds_concurrency(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_bounds, NULL);
    /* assert: 10 workers, 3 at a time, 4 rounds of 0.1 s */
    assert_log("most inside 3");
    assert_elapsed(async_time() - t0, 0.4);
}

static async_value
main_five_waiters(void *arg)
{
    (void)arg;
    static const char *names[] = {"w1", "w2", "w3", "w4", "w5"};
    async_semaphore *s = async_semaphore_new(0);
    async_task *t[5];
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task_named(enter, s, names[i]);
    async_sleep(0.1);
    for (int i = 0; i < 5; i++)
        async_semaphore_release(s);
    async_gather(t, 5, NULL);
    log_event("locked %d", async_semaphore_locked(s));
    return ASYNC_NONE;
}

static void
test_semaphore_waiters_served_in_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_five_waiters, NULL);
    /* assert */
    assert_log("w1 in", "w2 in", "w3 in", "w4 in", "w5 in", "locked 1");
}

static async_value
logging_worker(void *arg)
{
    const char *name = async_task_name(async_current_task());
    log_event("%s wants", name);
    async_semaphore_acquire(arg);
    log_event("%s in", name);
    async_sleep(0.1);
    log_event("%s out", name);
    async_semaphore_release(arg);
    return ASYNC_NONE;
}

static async_value
main_five_workers(void *arg)
{
    (void)arg;
    static const char *names[] = {"a", "b", "c", "d", "e"};
    async_semaphore *s = async_semaphore_new(2);
    async_task *t[5];
    for (int i = 0; i < 5; i++)
        t[i] = async_create_task_named(logging_worker, s, names[i]);
    async_gather(t, 5, NULL);
    return ASYNC_NONE;
}

/* The same order as CPython 3.11 and 3.12 print for:
 *
 *     async def worker(name, sem):
 *         print(f"{name} wants")
 *         async with sem:
 *             print(f"{name} in")
 *             await asyncio.sleep(0.1)
 *             print(f"{name} out")
 *
 *     async def main():
 *         sem = asyncio.Semaphore(2)
 *         await asyncio.gather(*(worker(n, sem) for n in "abcde"))
 */
static void
test_semaphore_order_matches_asyncio(void **state)
{
    (void)state;
    /* act */
    async_run(main_five_workers, NULL);
    /* assert */
    assert_log("a wants", "a in", "b wants", "b in", "c wants", "d wants",
               "e wants", "a out", "b out", "c in", "d in", "c out", "d out",
               "e in", "e out");
}

static async_value
main_newcomer(void *arg)
{
    (void)arg;
    async_semaphore *s = async_semaphore_new(1);
    async_semaphore_acquire(s);
    async_task *w = async_create_task_named(enter, s, "w");
    async_sleep(0);
    async_semaphore_release(s); /* hands the place to w, not run yet */
    async_semaphore_release(s); /* a free place, but w is about to run */
    log_event("locked %d", async_semaphore_locked(s));
    async_semaphore_acquire(s); /* so main waits its turn behind w */
    log_event("main in");
    async_await(w);
    return ASYNC_NONE;
}

/* The same order as CPython 3.11 and 3.12 print for:
 *
 *     async def worker(sem):
 *         await sem.acquire()
 *         print("w in")
 *
 *     async def main():
 *         sem = asyncio.Semaphore(1)
 *         await sem.acquire()
 *         t = asyncio.create_task(worker(sem))
 *         await asyncio.sleep(0)
 *         sem.release()
 *         sem.release()
 *         print(f"locked {sem.locked()}")
 *         await sem.acquire()
 *         print("main in")
 *         await t
 */
static void
test_semaphore_newcomer_waits_behind_woken_waiter(void **state)
{
    (void)state;
    /* act */
    async_run(main_newcomer, NULL);
    /* assert */
    assert_log("locked 1", "w in", "main in");
}

static async_value
main_cancel_waiting(void *arg)
{
    (void)arg;
    async_semaphore *s = async_semaphore_new(0);
    async_task *t[3] = {async_create_task_named(enter, s, "w1"),
                        async_create_task_named(enter, s, "w2"),
                        async_create_task_named(enter, s, "w3")};
    async_sleep(0.1);
    async_cancel(t[1]);
    async_sleep(0.1);
    async_semaphore_release(s);
    async_semaphore_release(s);
    async_await(t[0]);
    async_await(t[2]);
    log_event("w2 cancelled %d", async_task_cancelled(t[1]));
    return ASYNC_NONE;
}

static void
test_semaphore_cancelled_waiter_never_gets_in(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_waiting, NULL);
    /* assert */
    assert_log("cleanup w2", "w1 in", "w3 in", "w2 cancelled 1");
}

static async_value
main_cancel_woken(void *arg)
{
    (void)arg;
    async_semaphore *s = async_semaphore_new(0);
    async_task *w1 = async_create_task_named(enter, s, "w1");
    async_task *w2 = async_create_task_named(enter, s, "w2");
    async_sleep(0.1);
    async_semaphore_release(s); /* hands the place to w1, not run yet */
    async_cancel(w1);
    async_await(w2);
    log_event("w1 cancelled %d, locked %d", async_task_cancelled(w1),
              async_semaphore_locked(s));
    async_semaphore_release(s); /* w2's place */
    log_event("locked %d", async_semaphore_locked(s));
    return ASYNC_NONE;
}

static void
test_semaphore_woken_then_cancelled_passes_place_on(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancel_woken, NULL);
    /* assert */
    assert_log("cleanup w1", "w2 in", "w1 cancelled 1, locked 1", "locked 0");
}

static async_value
main_bounded(void *arg)
{
    (void)arg;
    async_semaphore *s = async_bounded_semaphore_new(2);
    async_semaphore_acquire(s);
    async_semaphore_release(s);
    fprintf(stdout, "released once\n");
    fflush(stdout);
    async_semaphore_release(s); /* no acquire left to match */
    return ASYNC_NONE;
}

static void
child_bounded(void *arg)
{
    async_run(main_bounded, arg);
}

static void
test_bounded_semaphore_over_release_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_bounded, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "released once\n");
    assert_contains(r.err, "bounded semaphore released more times than it "
                           "was acquired");
    child_result_free(&r);
}

static void
child_negative(void *arg)
{
    (void)arg;
    async_loop_new();
    async_semaphore_new(-1);
}

static void
test_semaphore_new_negative_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_negative, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_semaphore_new: value -1 is negative");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_semaphore_locked_tracks_free_places),
        TEST(test_semaphore_bounds_concurrency),
        TEST(test_semaphore_waiters_served_in_order),
        TEST(test_semaphore_order_matches_asyncio),
        TEST(test_semaphore_newcomer_waits_behind_woken_waiter),
        TEST(test_semaphore_cancelled_waiter_never_gets_in),
        TEST(test_semaphore_woken_then_cancelled_passes_place_on),
        TEST(test_bounded_semaphore_over_release_is_fatal),
        TEST(test_semaphore_new_negative_is_fatal),
    };
    return cmocka_run_group_tests_name("test_semaphore", tests, vclock_setup,
                                       vclock_teardown);
}
