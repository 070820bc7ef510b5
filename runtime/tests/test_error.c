/* SPDX-License-Identifier: MIT */
/*
 * test_error.c: tasks that fail (error.c) and waiting for many of them
 * (taskgroup.c). An error unwinds a task as a cancellation does, running
 * its cleanup handlers, and is raised again in whoever awaits it; gather
 * raises the first one at once; a TaskGroup cancels the siblings and the
 * body of a failed child and reports every error; a task may catch its
 * cancellation and return a value. Each scenario's asyncio twin is
 * written above it; CPython 3.11 prints the lines the test expects.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

enum { APP_ERROR = 7 };

static double t0;

static double
now(void)
{
    return async_time() - t0;
}

static void
cleanup_log(void *arg)
{
    log_event("cleanup %s", (const char *)arg);
}

/* ---- Through three levels of await --------------------------------------
 *  async def level3():
 *      try: await asyncio.sleep(0.5); raise AppError("disk full")
 *      finally: print("cleanup level3")
 *  async def level2():
 *      try: return await asyncio.create_task(level3())
 *      finally: print("cleanup level2")
 *  async def level1(): (the same around level2)
 *  t = asyncio.create_task(level1())
 *  try: await t
 *  except AppError as e: print(f"main caught: {e} at {now()}, failed ...")
 */
static async_value
level3(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "level3");
    async_sleep(0.5);
    async_raise(APP_ERROR, "disk %s", "full");
}

static async_value
level2(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "level2");
    async_value v = async_await(async_create_task(level3, NULL));
    async_cleanup_pop(true);
    return v;
}

static async_value
level1(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "level1");
    async_value v = async_await(async_create_task(level2, NULL));
    async_cleanup_pop(true);
    return v;
}

static async_value
await_arg(void *t)
{
    return async_task_await(t);
}

static async_value
main_three_levels(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *t = async_create_task(level1, NULL);
    async_error e;
    if (!async_try(await_arg, t, NULL, &e))
        log_event("main caught: %s (code %d) at %.2f, failed %d", e.message,
                  e.code, now(), async_task_failed(t));
    return ASYNC_NONE;
}

static void
test_error_propagates_through_three_awaits(void **state)
{
    (void)state;
    async_run(main_three_levels, NULL);
    assert_log("cleanup level3", "cleanup level2", "cleanup level1",
               "main caught: disk full (code 7) at 0.50, failed 1");
}

static async_value
main_uncaught(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(level3, NULL);
    async_sleep(1);
    const async_error *e = async_task_error(t);
    log_event("done %d, failed %d, cancelled %d, error '%s'",
              async_task_done(t), async_task_failed(t),
              async_task_cancelled(t), e ? e->message : "");
    async_await(t); /* raises: main fails in turn */
    log_event("never here");
    return ASYNC_NONE;
}

static void
test_error_uncaught_fails_each_awaiter(void **state)
{
    (void)state;
    async_loop *loop = async_loop_new();
    async_task *m = async_loop_create_task(loop, main_uncaught, NULL);
    async_loop_run_until_complete(loop, m);
    assert_int_equal(m->state, TASK_FAILED);
    assert_string_equal(async_task_error(m)->message, "disk full");
    async_loop_close(loop);
    assert_log("cleanup level3",
               "done 1, failed 1, cancelled 0, error 'disk full'");
}

/* ---- gather: the first failure at once ----------------------------------
 *  ts = [child(0, 2), child(1, 1, fails), child(2, 3)] as tasks
 *  try: await asyncio.gather(*ts)
 *  except AppError as e: print(f"gather raised: {e} at {now()}")
 *  await asyncio.sleep(3); print("after", [t.done() for t in ts])
 */
static async_value
child(void *arg)
{
    long i = INT(arg);
    async_sleep(i == 1 ? 1 : i == 0 ? 2 : 3);
    if (i == 1)
        async_raise(APP_ERROR, "child %ld failed", i);
    log_event("child %ld done at %.2f", i, now());
    return ASYNC_INT(i);
}

static async_value
gather_three(void *ts)
{
    async_gather(ts, 3, NULL);
    return ASYNC_NONE;
}

static async_value
main_gather_fails(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *ts[3];
    for (long i = 0; i < 3; i++)
        ts[i] = async_create_task(child, ARG(i));
    async_error e;
    if (!async_try(gather_three, ts, NULL, &e))
        log_event("gather raised: %s at %.2f", e.message, now());
    async_sleep(3);
    log_event("after: %d %d %d", async_task_done(ts[0]),
              async_task_done(ts[1]), async_task_done(ts[2]));
    return ASYNC_NONE;
}

static void
test_gather_first_failure_raises_at_once(void **state)
{
    (void)state;
    async_run(main_gather_fails, NULL);
    assert_log("gather raised: child 1 failed at 1.00", "child 0 done at 2.00",
               "child 2 done at 3.00", "after: 1 1 1");
}

/*  r = await asyncio.gather(child(0, 2), child(1, 1, fails), child(2, 3),
 *                           return_exceptions=True)
 */
static async_value
main_gather_settled(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *ts[3];
    async_value v[3];
    const async_error *e[3];
    for (long i = 0; i < 3; i++)
        ts[i] = async_create_task(child, ARG(i));
    async_cancel(ts[2]);
    async_gather_settled(ts, 3, v, e);
    for (int i = 0; i < 3; i++)
        log_event("%d: %ld %s", i, v[i].i, e[i] ? e[i]->message : "-");
    log_event("at %.2f", now());
    return ASYNC_NONE;
}

static void
test_gather_settled_collects_values_and_errors_in_order(void **state)
{
    (void)state;
    async_run(main_gather_settled, NULL);
    assert_log("child 0 done at 2.00", "0: 0 -", "1: 0 child 1 failed",
               "2: 0 cancelled", "at 2.00");
}

/* ---- TaskGroup -----------------------------------------------------------
 *  async with asyncio.TaskGroup() as tg:
 *      tg.create_task(grouped("A", 2)); tg.create_task(grouped("B", 1,
 *      fails)); tg.create_task(grouped("C", 3))
 *      try: await asyncio.sleep(5)
 *      except CancelledError: print("body cancelled at", now()); raise
 *  except* AppError as eg: print("group errors", ..., now())
 *  -> A cancelled at 1.00 / C cancelled at 1.00 / body cancelled at 1.00 /
 *     group errors: ['B failed'] at 1.00 / cancelling 0
 */
static void
cancelled_log(void *arg)
{
    log_event("%s cancelled at %.2f", (const char *)arg, now());
}

static async_value
grouped(void *arg)
{
    const char *name = arg;
    async_cleanup_push(cancelled_log, arg);
    async_sleep(name[0] == 'A' ? 2 : name[0] == 'B' ? 1 : 3);
    async_cleanup_pop(false);
    if (name[0] == 'B')
        async_raise(APP_ERROR, "%s failed", name);
    log_event("%s done", name);
    return ASYNC_NONE;
}

static async_value
group_body(async_task_group *tg, void *arg)
{
    (void)arg;
    async_task_group_create_task(tg, grouped, "A");
    async_task_group_create_task(tg, grouped, "B");
    async_task_group_create_task(tg, grouped, "C");
    async_cleanup_push(cancelled_log, "body");
    async_sleep(5);
    async_cleanup_pop(false);
    return ASYNC_INT(1);
}

static async_value
main_group(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_error_list errs = {0, NULL};
    bool ok = async_task_group_run(group_body, NULL, NULL, &errs);
    log_event("ok %d, %zu error(s): %s at %.2f", ok, errs.n,
              errs.n ? errs.errors[0].message : "", now());
    log_event("cancelling %d", async_task_cancelling(async_current_task()));
    return ASYNC_NONE;
}

static void
test_group_middle_child_fails_cancels_the_rest(void **state)
{
    (void)state;
    async_run(main_group, NULL);
    assert_log("A cancelled at 1.00", "C cancelled at 1.00",
               "body cancelled at 1.00", "ok 0, 1 error(s): B failed at 1.00",
               "cancelling 0");
}

static async_value
quiet_body(async_task_group *tg, void *arg)
{
    (void)arg;
    async_task_group_create_task(tg, grouped, "A");
    async_task_group_create_task(tg, grouped, "C");
    return ASYNC_INT(5); /* leaving the block waits for both */
}

static async_value
main_group_ok(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_value v = ASYNC_NONE;
    bool ok = async_task_group_run(quiet_body, NULL, &v, NULL);
    log_event("ok %d, %ld at %.2f", ok, v.i, now());
    return ASYNC_NONE;
}

static void
test_group_waits_for_every_child(void **state)
{
    (void)state;
    async_run(main_group_ok, NULL);
    assert_log("A done", "C done", "ok 1, 5 at 3.00");
}

/*  async with asyncio.TaskGroup() as tg:
 *      tg.create_task(grouped("A", 2))
 *      await asyncio.sleep(0.5); raise AppError("body broke")
 *  -> A cancelled at 0.50 / group errors: ['body broke'] at 0.50
 */
static async_value
breaking_body(async_task_group *tg, void *arg)
{
    (void)arg;
    async_task_group_create_task(tg, grouped, "A");
    async_sleep(0.5);
    async_raise(APP_ERROR, "body broke");
}

static async_value
main_group_body_fails(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_error_list errs = {0, NULL};
    bool ok = async_task_group_run(breaking_body, NULL, NULL, &errs);
    log_event("ok %d, %zu error(s): %s at %.2f", ok, errs.n,
              errs.errors[0].message, now());
    return ASYNC_NONE;
}

static void
test_group_body_error_cancels_children_and_is_reported(void **state)
{
    (void)state;
    async_run(main_group_body_fails, NULL);
    assert_log("A cancelled at 0.50", "ok 0, 1 error(s): body broke at 0.50");
}

/* The owner is cancelled while the group waits: the children are
 * cancelled, and the cancellation goes on once they are done. (CPython
 * cancels the children in the order of a set, so it may print C before
 * A; ours go in creation order.) */
static async_value
group_owner(void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "owner");
    async_task_group_run(quiet_body, NULL, NULL, NULL);
    log_event("owner never here");
    return ASYNC_NONE;
}

static async_value
main_group_owner_cancelled(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *o = async_create_task(group_owner, NULL);
    async_sleep(1);
    async_cancel(o);
    async_sleep(0.1);
    log_event("owner cancelled %d", async_task_cancelled(o));
    return ASYNC_NONE;
}

static void
test_group_owner_cancelled_cancels_children(void **state)
{
    (void)state;
    async_run(main_group_owner_cancelled, NULL);
    assert_log("A cancelled at 1.00", "C cancelled at 1.00", "cleanup owner",
               "owner cancelled 1");
}

/* ---- Catching a cancellation ---------------------------------------------
 *  async def stubborn():
 *      try: await asyncio.sleep(10)
 *      except asyncio.CancelledError:
 *          print("caught cancel at", now()); await asyncio.sleep(0.5)
 *          return 7
 *  s = create_task(stubborn()); await sleep(1); s.cancel()
 *  print(f"stubborn returned {await s}, cancelled {s.cancelled()}")
 */
static async_value
sleep_ten(void *arg)
{
    (void)arg;
    async_sleep(10);
    return ASYNC_NONE;
}

static async_value
stubborn(void *arg)
{
    (void)arg;
    async_error e;
    if (!async_try(sleep_ten, NULL, NULL, &e) && e.code == ASYNC_CANCELLED) {
        log_event("caught cancel at %.2f", now());
        async_sleep(0.5);
        return ASYNC_INT(7);
    }
    return ASYNC_NONE;
}

static async_value
main_stubborn(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *s = async_create_task(stubborn, NULL);
    async_sleep(1);
    async_cancel(s);
    long v = async_await(s).i;
    log_event("stubborn returned %ld, cancelled %d at %.2f", v,
              async_task_cancelled(s), now());
    return ASYNC_NONE;
}

static void
test_task_catches_its_cancellation_and_returns(void **state)
{
    (void)state;
    async_run(main_stubborn, NULL);
    assert_log("caught cancel at 1.00", "stubborn returned 7, cancelled 0 at 1.50");
}

/* Cancelling a task that awaits another cancels the awaited one, which
 * carries the cancellation back, or not: here it catches it and returns,
 * so the awaiter gets its value and is not cancelled (its request stays
 * counted, as asyncio's cancelling() says):
 *  async def parent(s): v = await s; print("parent got", v); return v
 *  p = create_task(parent(s)); await sleep(1); p.cancel(); await p
 */
static async_value
parent(void *s)
{
    long v = async_await((async_task *)s).i;
    log_event("parent got %ld at %.2f", v, now());
    return ASYNC_INT(v);
}

static async_value
main_parent_of_stubborn(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *s = async_create_task(stubborn, NULL);
    async_task *p = async_create_task(parent, s);
    async_sleep(1);
    async_cancel(p);
    long v = async_await(p).i;
    log_event("parent returned %ld, cancelled %d, cancelling %d", v,
              async_task_cancelled(p), async_task_cancelling(p));
    return ASYNC_NONE;
}

static void
test_awaited_task_that_catches_the_cancellation_shields_its_awaiter(
    void **state)
{
    (void)state;
    async_run(main_parent_of_stubborn, NULL);
    assert_log("caught cancel at 1.00", "parent got 7 at 1.50",
               "parent returned 7, cancelled 0, cancelling 1");
}

/* Re-raising is one call; the finally that awaits is try + re-raise. */
static async_value
flushes_then_reraises(void *arg)
{
    (void)arg;
    async_error e;
    bool ok = async_try(sleep_ten, NULL, NULL, &e);
    async_sleep(0.5); /* finally: await conn.close() */
    log_event("flushed at %.2f", now());
    if (!ok)
        async_reraise(&e);
    return ASYNC_NONE;
}

static async_value
main_finally(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_task *s = async_create_task(flushes_then_reraises, NULL);
    async_sleep(1);
    async_cancel(s);
    async_sleep(1);
    log_event("cancelled %d", async_task_cancelled(s));
    return ASYNC_NONE;
}

static void
test_finally_that_awaits_then_reraises(void **state)
{
    (void)state;
    async_run(main_finally, NULL);
    assert_log("flushed at 1.50", "cancelled 1");
}

/* ---- wait_for, generators -------------------------------------------- */

static async_value
wait_for_child(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(child, ARG(1));
    return ASYNC_INT(async_wait_for(t, 5, NULL));
}

static async_value
main_wait_for(void *arg)
{
    (void)arg;
    t0 = async_time();
    async_error e;
    if (!async_try(wait_for_child, NULL, NULL, &e))
        log_event("wait_for raised: %s at %.2f", e.message, now());
    return ASYNC_NONE;
}

static void
test_wait_for_failing_task_raises_its_error(void **state)
{
    (void)state;
    async_run(main_wait_for, NULL);
    assert_log("wait_for raised: child 1 failed at 1.00");
}

static void
fails_after_one(async_gen *g, void *arg)
{
    (void)arg;
    async_cleanup_push(cleanup_log, "gen");
    async_yield(g, ASYNC_INT(1));
    async_sleep(0.5);
    async_raise(APP_ERROR, "generator broke");
}

static async_value
consume(void *arg)
{
    (void)arg;
    async_gen *g = async_gen_new(fails_after_one, NULL);
    async_for (v, g)
        log_event("got %ld", v.i);
    async_gen_close(g);
    return ASYNC_NONE;
}

static async_value
main_gen_error(void *arg)
{
    (void)arg;
    async_error e;
    if (!async_try(consume, NULL, NULL, &e))
        log_event("consumer caught: %s", e.message);
    return ASYNC_NONE;
}

static void
test_error_in_generator_body_reaches_consumer(void **state)
{
    (void)state;
    async_run(main_gen_error, NULL);
    assert_log("got 1", "cleanup gen", "consumer caught: generator broke");
}

/* ---- Debug mode: the error nobody retrieved ------------------------------ */

static async_value
main_fire_and_forget(void *arg)
{
    (void)arg;
    async_create_task(level3, NULL);
    async_sleep(1);
    return ASYNC_NONE;
}

static void
child_never_retrieved(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_fire_and_forget, NULL);
}

static void
test_debug_names_error_never_retrieved(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_never_retrieved, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "task 'level3' (task 2) failed and nobody "
                           "retrieved its error: disk full (code 7)");
    child_result_free(&r);
}

static async_value
main_detached_fails(void *arg)
{
    (void)arg;
    async_task_detach(async_create_task(level3, NULL));
    async_sleep(1);
    fprintf(stderr, "main goes on\n"); /* after the message */
    return ASYNC_NONE;
}

static void
child_detached_fails(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_detached_fails, NULL);
}

/* A detached task that fails with nobody awaiting it is named as it
 * fails: it is freed at once, so loop close could not. */
static void
test_debug_names_detached_task_error_as_it_fails(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_detached_fails, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "task 'level3' (task 2) failed and nobody "
                           "retrieved its error: disk full (code 7); "
                           "await it, or read async_task_error\n"
                           "main goes on");
    child_result_free(&r);
}

static void
child_result_of_failed(void *arg)
{
    (void)arg;
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, level3, NULL);
    async_loop_run_until_complete(loop, t);
    async_task_result(t);
}

static void
test_result_of_failed_task_outside_a_task_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_result_of_failed, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'level3' failed: disk full");
    child_result_free(&r);
}

/* t.result() on a failed task's future raises its error, in a task as
 * outside one (where nothing can catch it: the program stops). */
static async_value
result_of_future(void *t)
{
    return async_result(async_task_future(t));
}

static async_value
main_future_result(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(level3, NULL);
    async_error e;
    if (!async_try(await_arg, t, NULL, &e))
        log_event("awaited: %s", e.message);
    if (!async_try(result_of_future, t, NULL, &e))
        log_event("result raised: %s (code %d)", e.message, e.code);
    return ASYNC_NONE;
}

static void
test_result_of_failed_future_raises_its_error(void **state)
{
    (void)state;
    async_run(main_future_result, NULL);
    assert_log("cleanup level3", "awaited: disk full",
               "result raised: disk full (code 7)");
}

static void
child_future_result_of_failed(void *arg)
{
    (void)arg;
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, level3, NULL);
    async_loop_run_until_complete(loop, t);
    async_result(async_task_future(t));
}

static void
test_result_of_failed_future_outside_a_task_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_future_result_of_failed, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "outside any task, where nothing can catch it: "
                           "disk full (code 7)");
    child_result_free(&r);
}

static void
child_main_fails(void *arg)
{
    (void)arg;
    async_run(level3, NULL);
}

/* asyncio.run(main()) raises main's exception: the program stops. */
static void
test_run_main_fails_stops_with_its_error(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_main_fails, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'main' failed: disk full (code 7)");
    child_result_free(&r);
}

static void
raising_handler(void *arg)
{
    (void)arg;
    async_raise(APP_ERROR, "from a handler");
}

static async_value
main_raise_in_handler(void *arg)
{
    (void)arg;
    async_cleanup_push(raising_handler, NULL);
    async_raise(APP_ERROR, "first");
}

static void
child_raise_in_handler(void *arg)
{
    (void)arg;
    async_run(main_raise_in_handler, NULL);
}

static void
test_raise_inside_cleanup_handler_is_fatal(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_raise_in_handler, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'main' raised an error or a cancellation "
                           "inside a cleanup handler");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_error_propagates_through_three_awaits),
        TEST(test_error_uncaught_fails_each_awaiter),
        TEST(test_gather_first_failure_raises_at_once),
        TEST(test_gather_settled_collects_values_and_errors_in_order),
        TEST(test_group_middle_child_fails_cancels_the_rest),
        TEST(test_group_waits_for_every_child),
        TEST(test_group_body_error_cancels_children_and_is_reported),
        TEST(test_group_owner_cancelled_cancels_children),
        TEST(test_task_catches_its_cancellation_and_returns),
        TEST(test_awaited_task_that_catches_the_cancellation_shields_its_awaiter),
        TEST(test_finally_that_awaits_then_reraises),
        TEST(test_wait_for_failing_task_raises_its_error),
        TEST(test_error_in_generator_body_reaches_consumer),
        TEST(test_debug_names_error_never_retrieved),
        TEST(test_debug_names_detached_task_error_as_it_fails),
        TEST(test_result_of_failed_task_outside_a_task_is_fatal),
        TEST(test_result_of_failed_future_raises_its_error),
        TEST(test_result_of_failed_future_outside_a_task_is_fatal),
        TEST(test_run_main_fails_stops_with_its_error),
        TEST(test_raise_inside_cleanup_handler_is_fatal),
    };
    return cmocka_run_group_tests_name("test_error", tests, vclock_setup,
                                       vclock_teardown);
}
