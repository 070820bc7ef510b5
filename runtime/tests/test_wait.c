/* SPDX-License-Identifier: MIT */
/*
 * test_wait.c: asyncio.wait. Each return_when returns when asyncio's
 * does, with the same tasks done and pending; a time-out is no error;
 * nothing is cancelled but what the caller cancels; a cancelled task is
 * done, not failed; waiting on tasks already done still suspends, for
 * two iterations. Each expected order is what CPython 3.11 prints for the
 * program quoted in the comments, built on:
 *
 *  async def job(name, delay):
 *      try: await asyncio.sleep(delay)
 *      except asyncio.CancelledError: print(f"{name} cancelled"); raise
 *      print(f"{name} done"); return delay
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

static void
cancelled_log(void *name)
{
    log_event("%s cancelled", (const char *)name);
}

static async_value
job(void *arg)
{
    const char *name = async_task_name(async_current_task());
    async_cleanup_push(cancelled_log, (void *)name);
    async_sleep(INT(arg) / 100.0);
    async_cleanup_pop(false);
    log_event("%s done", name);
    return ASYNC_INT(INT(arg));
}

static const char *const when_name[] = {
    "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"};

/* "a c", or "-" when empty: the task names of one set. */
static const char *
names(async_task **t, size_t n, char *buf)
{
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        sprintf(buf + strlen(buf), "%s%s", i ? " " : "",
                async_task_name(t[i]));
    return n ? buf : "-";
}

struct run {
    enum async_return_when when;
    double timeout;
    long delay[3]; /* hundredths of a second */
};

/*  async def run(return_when, timeout=None, delays=(0.3, 0.1, 0.2)):
 *      ts = [create_task(job(n, d), name=n) for n, d in zip("abc", delays)]
 *      done, pending = await asyncio.wait(ts, timeout=timeout,
 *                                         return_when=return_when)
 *      print(f"{return_when} t={loop.time()-t0:.2f} "
 *            f"done={names(done, ts)} pending={names(pending, ts)}")
 *      for t in ts:
 *          if t in pending: t.cancel()
 *      await asyncio.sleep(0)
 */
static async_value
run(void *arg)
{
    struct run *r = arg;
    double t0 = async_time();
    char b1[32], b2[32];
    async_task *ts[3];
    for (int i = 0; i < 3; i++)
        ts[i] = async_create_task_named(job, ARG(r->delay[i]),
                                        (char[]){(char)('a' + i), '\0'});
    async_wait_sets s = async_wait(ts, 3, r->when, r->timeout);
    log_event("%s t=%.2f done=%s pending=%s", when_name[r->when],
              async_time() - t0, names(s.done, s.ndone, b1),
              names(s.pending, s.npending, b2));
    for (size_t i = 0; i < s.npending; i++)
        async_cancel(s.pending[i]);
    async_sleep(0);
    return ASYNC_NONE;
}

static void
test_wait_first_completed_returns_first_leaves_rest(void **state)
{
    (void)state;
    /* act */
    async_run(run, &(struct run){ASYNC_FIRST_COMPLETED, -1, {30, 10, 20}});
    /* assert */
    assert_log("b done", "FIRST_COMPLETED t=0.10 done=b pending=a c",
               "a cancelled", "c cancelled");
}

static void
test_wait_first_completed_counts_ties_done(void **state)
{
    (void)state;
    /* act */
    async_run(run, &(struct run){ASYNC_FIRST_COMPLETED, -1, {10, 10, 20}});
    /* assert: b finished in the same iteration as a */
    assert_log("a done", "b done",
               "FIRST_COMPLETED t=0.10 done=a b pending=c", "c cancelled");
}

static void
test_wait_all_completed_waits_for_all(void **state)
{
    (void)state;
    /* act */
    async_run(run, &(struct run){ASYNC_ALL_COMPLETED, -1, {30, 10, 20}});
    /* assert */
    assert_log("b done", "c done", "a done",
               "ALL_COMPLETED t=0.30 done=a b c pending=-");
}

static void
test_wait_first_exception_without_failure_waits_for_all(void **state)
{
    (void)state;
    /* act */
    async_run(run, &(struct run){ASYNC_FIRST_EXCEPTION, -1, {30, 10, 20}});
    /* assert */
    assert_log("b done", "c done", "a done",
               "FIRST_EXCEPTION t=0.30 done=a b c pending=-");
}

static void
test_wait_timeout_returns_pending_without_cancelling(void **state)
{
    (void)state;
    /* act */
    async_run(run, &(struct run){ASYNC_ALL_COMPLETED, 0.15, {30, 10, 20}});
    /* assert: the pending ones ran on until the caller cancelled them */
    assert_log("b done", "ALL_COMPLETED t=0.15 done=b pending=a c",
               "a cancelled", "c cancelled");
}

static async_value
cancel_cb_task(void *arg)
{
    async_sleep(0.05);
    async_cancel(arg);
    return ASYNC_NONE;
}

/*  ts = [create_task(job(n, d), name=n) for n, d in zip("ab", (0.1, 0.3))]
 *  loop.call_later(0.05, ts[0].cancel)
 *  done, pending = await asyncio.wait(ts, return_when=FIRST_EXCEPTION)
 *  print(f"t={loop.time()-t0:.2f} done={names(done, ts)} "
 *        f"pending={names(pending, ts)} a cancelled={...}")
 */
static async_value
main_cancelled_is_no_exception(void *arg)
{
    (void)arg;
    double t0 = async_time();
    char b1[32], b2[32];
    async_task *ts[2] = {async_create_task_named(job, ARG(10), "a"),
                         async_create_task_named(job, ARG(30), "b")};
    async_create_task(cancel_cb_task, ts[0]);
    async_wait_sets s = async_wait(ts, 2, ASYNC_FIRST_EXCEPTION, -1);
    log_event("t=%.2f done=%s pending=%s a cancelled=%d", async_time() - t0,
              names(s.done, s.ndone, b1), names(s.pending, s.npending, b2),
              async_task_cancelled(ts[0]));
    return ASYNC_NONE;
}

static void
test_wait_first_exception_ignores_cancelled_task(void **state)
{
    (void)state;
    /* act */
    async_run(main_cancelled_is_no_exception, NULL);
    /* assert */
    assert_log("a cancelled", "b done",
               "t=0.30 done=a b pending=- a cancelled=1");
}

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 4; i++) {
        log_event("tick %d", i);
        async_sleep(0);
    }
    return ASYNC_NONE;
}

/*  t = create_task(job("x", 0)); await sleep(0.1)
 *  create_task(ticker()); await asyncio.wait([t]); print("wait returned")
 */
static async_value
main_already_done(void *arg)
{
    (void)arg;
    async_task *t = async_create_task_named(job, ARG(0), "x");
    async_sleep(0.1);
    async_create_task(ticker, NULL);
    async_wait_sets s = async_wait(&t, 1, ASYNC_ALL_COMPLETED, -1);
    log_event("wait returned done=%zu pending=%zu", s.ndone, s.npending);
    async_sleep(0.1);
    return ASYNC_NONE;
}

static void
test_wait_on_done_task_still_takes_two_iterations(void **state)
{
    (void)state;
    /* act */
    async_run(main_already_done, NULL);
    /* assert */
    assert_log("x done", "tick 0", "tick 1", "wait returned done=1 pending=0",
               "tick 2", "tick 3");
}

static async_task *waited[2];

static async_value
waiter(void *arg)
{
    (void)arg;
    async_wait(waited, 2, ASYNC_ALL_COMPLETED, 5);
    log_event("never");
    return ASYNC_NONE;
}

/*  ts = [create_task(job(n, 0.2)) for n in "ab"]
 *  w = create_task(waiter())  # await asyncio.wait(ts); print("never")
 *  await sleep(0.1); w.cancel(); await sleep(0)
 *  print(f"waiter cancelled={int(w.cancelled())} "
 *        f"a pending={int(not ts[0].done())}")
 *  await gather(*ts)
 */
static async_value
main_cancel_caller(void *arg)
{
    (void)arg;
    waited[0] = async_create_task_named(job, ARG(20), "a");
    waited[1] = async_create_task_named(job, ARG(20), "b");
    async_task *w = async_create_task(waiter, NULL);
    async_sleep(0.1);
    async_cancel(w);
    async_sleep(0);
    log_event("waiter cancelled=%d a pending=%d", async_task_cancelled(w),
              !async_task_done(waited[0]));
    async_gather(waited, 2, NULL);
    assert_int_equal(loop_current->timers.n, 0); /* its timer went too */
    return ASYNC_NONE;
}

static void
test_wait_cancelled_caller_leaves_tasks_running(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_cancel_caller, NULL);
    /* assert */
    assert_log("waiter cancelled=1 a pending=1", "a done", "b done");
    assert_elapsed(async_time() - t0, 0.2);
}

static async_value
wait_nothing(void *arg)
{
    (void)arg;
    async_wait(NULL, 0, ASYNC_FIRST_COMPLETED, -1);
    return ASYNC_NONE;
}

static async_value
wait_bad_when(void *arg)
{
    (void)arg;
    async_task *t = async_create_task_named(job, ARG(0), "x");
    async_wait(&t, 1, (enum async_return_when)7, -1);
    return ASYNC_NONE;
}

static void
run_child(void *fn)
{
    async_run((async_fn *)fn, NULL);
}

static void
test_wait_bad_arguments_stop_with_message(void **state)
{
    (void)state;
    struct child_result r;
    async_fn *mains[2] = {wait_nothing, wait_bad_when};
    const char *msg[2] = {"async_wait: no tasks to wait for",
                          "async_wait: return_when is 7"};
    for (int i = 0; i < 2; i++) {
        /* act */
        run_in_child(run_child, (void *)mains[i], &r);
        /* assert */
        assert_true(r.exited && r.status != 0);
        assert_contains(r.err, msg[i]);
        child_result_free(&r);
    }
}

/*  async def fails(): await asyncio.sleep(0.1); raise ValueError("boom")
 *  ts = [create_task(fails(), name="a"), create_task(job(0.3), name="b"),
 *        create_task(job(0.2), name="c")]
 *  for _ in range(2):  # the second time, a has failed already
 *      done, pending = await asyncio.wait(ts, return_when=FIRST_EXCEPTION)
 *      print(f"t={loop.time()-t0:.2f} done=... pending=...")
 * CPython prints t=0.10 done=a pending=b c, twice.
 */
static async_value
fails(void *arg)
{
    (void)arg;
    async_sleep(0.1);
    async_raise(5, "boom");
}

static async_value
main_first_exception(void *arg)
{
    (void)arg;
    double t0 = async_time();
    char b1[32], b2[32];
    async_task *ts[3] = {async_create_task_named(fails, NULL, "a"),
                         async_create_task_named(job, ARG(30), "b"),
                         async_create_task_named(job, ARG(20), "c")};
    for (int i = 0; i < 2; i++) {
        async_wait_sets s = async_wait(ts, 3, ASYNC_FIRST_EXCEPTION, -1);
        log_event("t=%.2f done=%s pending=%s", async_time() - t0,
                  names(s.done, s.ndone, b1),
                  names(s.pending, s.npending, b2));
        async_wait_sets_free(&s);
    }
    async_cancel(ts[1]);
    async_cancel(ts[2]);
    async_sleep(0);
    return ASYNC_NONE;
}

static void
test_wait_first_exception_returns_at_the_first_failure(void **state)
{
    (void)state;
    async_run(main_first_exception, NULL);
    assert_log("t=0.10 done=a pending=b c", "t=0.10 done=a pending=b c",
               "b cancelled", "c cancelled");
}

/* A loop that calls async_wait a thousand times: with each result freed
 * the loop holds no more blocks at the end than at the start; without,
 * one more per call until it closes. */
static async_value
wait_many(void *free_each)
{
    async_task *t = async_create_task_named(job, ARG(0), "quick");
    struct loop_census before, after;
    loop_census(loop_get("test"), &before);
    for (int i = 0; i < 1000; i++) {
        async_wait_sets s = async_wait(&t, 1, ASYNC_ALL_COMPLETED, -1);
        assert_int_equal(s.ndone, 1);
        if (free_each) {
            async_wait_sets_free(&s);
            assert_null(s.done);
            assert_int_equal(s.ndone + s.npending, 0);
        }
    }
    loop_census(loop_get("test"), &after);
    log_event("%zu more blocks", after.blocks - before.blocks);
    return ASYNC_NONE;
}

static void
test_wait_sets_free_keeps_a_waiting_loop_flat(void **state)
{
    (void)state;
    async_run(wait_many, ARG(1));
    async_run(wait_many, ARG(0));
    assert_log("quick done", "0 more blocks", "quick done",
               "1000 more blocks");
}

static async_value
free_twice(void *copy)
{
    async_task *t = async_create_task_named(job, ARG(0), "x");
    async_wait_sets s = async_wait(&t, 1, ASYNC_ALL_COMPLETED, -1);
    async_wait_sets same = s;
    async_wait_sets_free(&s);
    async_wait_sets_free(copy ? &same : &s);
    return ASYNC_NONE;
}

static void
run_free_twice(void *copy)
{
    async_set_debug(copy != NULL);
    async_run(free_twice, copy);
}

static void
test_wait_sets_freed_twice_stops_with_message(void **state)
{
    (void)state;
    struct child_result r;
    /* the same sets twice; a copy of them in debug mode, which keeps
     * freed blocks a while so that a late use can be named */
    for (int copy = 0; copy < 2; copy++) {
        run_in_child(run_free_twice, ARG(copy), &r);
        assert_true(r.exited && r.status != 0);
        assert_contains(r.err, "async_wait_sets_free: these sets did not "
                               "come from async_wait, or were freed already");
        child_result_free(&r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_wait_first_completed_returns_first_leaves_rest),
        TEST(test_wait_first_completed_counts_ties_done),
        TEST(test_wait_all_completed_waits_for_all),
        TEST(test_wait_first_exception_without_failure_waits_for_all),
        TEST(test_wait_timeout_returns_pending_without_cancelling),
        TEST(test_wait_first_exception_ignores_cancelled_task),
        TEST(test_wait_on_done_task_still_takes_two_iterations),
        TEST(test_wait_cancelled_caller_leaves_tasks_running),
        TEST(test_wait_bad_arguments_stop_with_message),
        TEST(test_wait_first_exception_returns_at_the_first_failure),
        TEST(test_wait_sets_free_keeps_a_waiting_loop_flat),
        TEST(test_wait_sets_freed_twice_stops_with_message),
    };
    return cmocka_run_group_tests_name("test_wait", tests, vclock_setup,
                                       vclock_teardown);
}
