/* SPDX-License-Identifier: MIT */
/*
 * test_cancel_points.c: cancel a task at each of its suspension points in
 * turn. One scenario task passes through every kind of await the runtime
 * has (sleep, futures, tasks, gather, as_completed, events, generators,
 * nested timeouts, wait_for, locks, queues, conditions, barriers, wait,
 * a try, task groups, gather_settled), calling point() before each.
 * A first run counts the K points; then, for each i in 1..K, a fresh run
 * is cancelled at point i, by the task itself or by a callback that runs
 * while it waits there, and must end cancelled with every cleanup handler
 * run exactly once, every resource closed, no timer left armed and no
 * task left pending. ASan and valgrind runs of this file check the rest:
 * nothing leaks, no frame is used after it was abandoned.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

#define MAX_RES 64
#define MAX_HELPERS 32

static struct harness {
    int target;          /* cancel at this point; 0: never */
    int outside;         /* from a callback, not the task itself */
    int points;          /* points passed so far */
    enum task_state seen; /* the task's state when the callback cancelled */
    int opened;          /* resources opened (each is a cleanup handler) */
    int closed[MAX_RES]; /* how often each was closed */
    async_task *helpers[MAX_HELPERS]; /* tasks the scenario started */
    int nhelpers;
    async_task *task;    /* the scenario */
    int cancel_later;    /* a helper cancels it inside a wait (point_later) */
} H;

static void
cancel_cb(void *arg)
{
    H.seen = ((async_task *)arg)->state;
    async_cancel(arg);
}

/* A suspension point follows: count it, and cancel here if asked. */
static void
point(void)
{
    if (++H.points != H.target)
        return;
    if (H.outside)
        async_call_soon(cancel_cb, async_current_task());
    else
        async_cancel(async_current_task());
}

/* A point inside a wait, which only a helper can reach: the one that
 * holds a condition's lock while the scenario waits to take it back. */
static void
point_later(void)
{
    if (++H.points == H.target)
        H.cancel_later = 1;
}

static void
close_res(void *arg)
{
    H.closed[INT(arg)]++;
}

/* Opens a resource: a cleanup handler closes it if the opener is
 * cancelled; res_close pops it, closing it, on the normal path. */
static void
res_open(void)
{
    assert_true(H.opened < MAX_RES);
    async_cleanup_push(close_res, ARG(H.opened++));
}

static void
res_close(void)
{
    async_cleanup_pop(true);
}

static async_task *
spawn(async_fn *fn, void *arg)
{
    assert_true(H.nhelpers < MAX_HELPERS);
    return H.helpers[H.nhelpers++] = async_create_task(fn, arg);
}

/* ---- Helpers: they hold resources too ----------------------------------- */

/* Sleeps INT(arg) tenths of a second. */
static async_value
child(void *arg)
{
    res_open();
    async_sleep(INT(arg) / 10.0);
    res_close();
    return ASYNC_NONE;
}

static async_value
set_future(void *f)
{
    async_sleep(0.1);
    if (!async_future_done(f)) /* a cancelled waiter cancelled it */
        async_future_set_result(f, ASYNC_INT(1));
    return ASYNC_NONE;
}

static async_value
set_event(void *e)
{
    async_sleep(0.1);
    async_event_set(e);
    return ASYNC_NONE;
}

static async_value
hold_lock(void *l)
{
    async_lock_acquire(l);
    res_open();
    async_sleep(0.1);
    res_close();
    async_lock_release(l);
    return ASYNC_NONE;
}

static async_value
produce(void *q)
{
    async_sleep(0.1);
    async_queue_put_nowait(q, ASYNC_INT(5));
    return ASYNC_NONE;
}

static async_value
notify(void *c)
{
    async_sleep(0.1);
    async_condition_acquire(c);
    async_condition_notify_all(c);
    async_condition_release(c);
    return ASYNC_NONE;
}

/* Notifies, then holds the lock: the scenario, notified, waits to take
 * it back, and may be cancelled in that wait. */
static async_value
notify_and_hold(void *c)
{
    async_sleep(0.1);
    async_condition_acquire(c);
    res_open();
    async_condition_notify_all(c);
    async_sleep(0.1);
    assert_int_equal(H.task->why, WAIT_LOCK); /* notified, not yet back */
    if (H.cancel_later)
        async_cancel(H.task);
    async_sleep(0.1);
    res_close();
    async_condition_release(c);
    return ASYNC_NONE;
}

/* The other party at the barrier, unless the scenario was cancelled
 * (then nobody would come to let it through). */
static async_value
party(void *b)
{
    async_sleep(0.1);
    if (!async_task_done(H.task))
        async_barrier_wait(b);
    return ASYNC_NONE;
}

/* ---- The scenario ------------------------------------------------------- */

static void
ticks(async_gen *g, void *arg)
{
    (void)arg;
    res_open();
    for (long i = 0; i < 2; i++) {
        point();
        async_sleep(0.1);
        async_yield(g, ASYNC_INT(i));
    }
    res_close();
}

static async_value
sleepy(void *arg)
{
    res_open();
    point();
    async_sleep(INT(arg) / 10.0);
    res_close();
    return ASYNC_NONE;
}

static async_value
outer_scope(void *arg)
{
    (void)arg;
    res_open();
    async_timeout(5, sleepy, ARG(1), NULL);
    point();
    async_sleep(0.1);
    res_close();
    return ASYNC_NONE;
}

static void
waits(void)
{
    async_future *f = async_future_new();
    spawn(set_future, f);
    point();
    async_future_await(f);
    async_task *one = spawn(child, ARG(1));
    point();
    async_task_await(one);
    async_task *two[2] = {spawn(child, ARG(1)), spawn(child, ARG(1))};
    point();
    async_gather(two, 2, NULL);
    async_task *ac[2] = {spawn(child, ARG(1)), spawn(child, ARG(2))};
    async_as_completed *it = async_as_completed_new(ac, 2);
    for (int i = 0; i < 2; i++) {
        point();
        async_as_completed_next(it);
    }
    async_event *e = async_event_new();
    spawn(set_event, e);
    point();
    async_event_wait(e);
}

static void
more_waits(void)
{
    async_gen *g = async_gen_new(ticks, NULL);
    async_for (v, g)
        (void)v;
    async_gen_close(g);
    async_timeout(5, outer_scope, NULL, NULL);
    async_timeout(0.05, sleepy, ARG(10), NULL); /* expires: returns false */
    point();
    async_wait_for(spawn(child, ARG(1)), 5, NULL);
    async_lock *l = async_lock_new();
    spawn(hold_lock, l);
    point();
    async_sleep(0); /* the holder takes the lock */
    point();
    async_lock_acquire(l);
    async_lock_release(l);
    async_queue *q = async_queue_new(0);
    spawn(produce, q);
    point();
    async_queue_get(q);
}

static void
release_cond(void *c)
{
    async_condition_release(c);
}

/* Waits on c holding its lock, as a resource. */
static void
cond_wait(async_condition *c, async_fn *helper, int later)
{
    spawn(helper, c);
    async_condition_acquire(c);
    async_cleanup_push(release_cond, c);
    res_open();
    if (later)
        point_later();
    else
        point();
    async_condition_wait(c);
    res_close();
    async_cleanup_pop(true);
}

static void
sync_waits(void)
{
    async_condition *c = async_condition_new(NULL);
    cond_wait(c, notify, 0);
    cond_wait(c, notify_and_hold, 1);
    async_barrier *b = async_barrier_new(2);
    spawn(party, b);
    res_open();
    point();
    async_barrier_wait(b);
    res_close();
    async_task *two[2] = {spawn(child, ARG(1)), spawn(child, ARG(2))};
    point();
    async_wait(two, 2, ASYNC_FIRST_COMPLETED, 5);
}

/* The failure half: a try that re-raises what it caught, a task group
 * (cancelled in its body or while it waits for its children), gather
 * with return_exceptions. */
static async_value
group_body(async_task_group *tg, void *arg)
{
    async_task_group_create_task(tg, child, ARG(1));
    async_task_group_create_task(tg, child, ARG(2));
    if (INT(arg)) { /* else leave at once: the group waits */
        point();
        async_sleep(0.1);
    }
    return ASYNC_NONE;
}

static void
failure_waits(void)
{
    async_error e;
    if (!async_try(sleepy, ARG(1), NULL, &e))
        async_reraise(&e);
    async_task_group_run(group_body, ARG(1), NULL, NULL);
    point();
    async_task_group_run(group_body, ARG(0), NULL, NULL);
    async_task *two[2] = {spawn(child, ARG(1)), spawn(child, ARG(2))};
    point();
    async_gather_settled(two, 2, NULL, NULL);
}

static async_value
scenario(void *arg)
{
    (void)arg;
    res_open();
    point();
    async_sleep(0);
    point();
    async_sleep(0.1);
    waits();
    more_waits();
    sync_waits();
    failure_waits();
    res_close();
    return ASYNC_NONE;
}

/* ---- The harness -------------------------------------------------------- */

/* Runs the scenario, cancelled at point target (0: never), then lets the
 * helpers it started finish. Returns the scenario's task state. */
static enum task_state
run(int target, int outside, double *elapsed)
{
    H = (struct harness){.target = target, .outside = outside};
    async_loop *loop = async_loop_new();
    double t0 = async_time();
    async_task *t = H.task = async_loop_create_task(loop, scenario, NULL);
    async_loop_run_until_complete(loop, t);
    for (int i = 0; i < H.nhelpers; i++)
        async_loop_run_until_complete(loop, H.helpers[i]);
    *elapsed = async_time() - t0;
    enum task_state state = t->state;
    assert_int_equal(loop->timers.n, 0);
    assert_int_equal(loop->pending, 0);
    async_loop_close(loop);
    for (int i = 0; i < H.opened; i++)
        assert_int_equal(H.closed[i], 1);
    return state;
}

static void
test_cancel_points_uncancelled_run_counts_points(void **state)
{
    (void)state;
    double elapsed;
    assert_int_equal(run(0, 0, &elapsed), TASK_DONE);
    assert_int_equal(H.points, 25);
    assert_int_equal(H.opened, 25);
    /* 0.1 sleep, 0.1 future, 0.1 task, 0.1 gather, 0.2 as_completed,
     * 0.1 event, 0.2 generator, 0.2 nested scopes, 0.05 expired scope,
     * 0.1 wait_for, 0.1 lock, 0.1 queue, 0.1 condition, 0.3 condition
     * and its lock, 0.1 barrier, 0.1 wait (its slower child ends during
     * what follows), 0.1 try, 0.2 and 0.2 task groups, 0.2
     * gather_settled; plus the clock's cost
     * of a few hundred steps (more under valgrind), far below the 5 s a
     * timer left armed would add. */
    assert_true(elapsed > 2.75 && elapsed < 2.8);
}

static void
sweep(int outside)
{
    double elapsed;
    int k = (run(0, 0, &elapsed), H.points);
    for (int i = 1; i <= k; i++) {
        enum task_state s = run(i, outside, &elapsed);
        if (s != TASK_CANCELLED || H.points != i)
            fail_msg("cancelled at point %d: state %s after %d points", i,
                     task_state_name[s], H.points);
    }
}

static void
test_cancel_points_self_cancel_at_each_point(void **state)
{
    (void)state;
    sweep(0);
}

static void
test_cancel_points_outside_cancel_at_each_point(void **state)
{
    (void)state;
    sweep(1);
}

/* Point 1 is a sleep(0): the callback runs while the task is ready, not
 * waiting, and the task still unwinds at that point. */
static void
test_cancel_points_outside_cancel_while_ready(void **state)
{
    (void)state;
    double elapsed;
    assert_int_equal(run(1, 1, &elapsed), TASK_CANCELLED);
    assert_int_equal(H.seen, TASK_READY);
    assert_int_equal(H.points, 1);
    assert_int_equal(H.opened, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_cancel_points_uncancelled_run_counts_points),
        TEST(test_cancel_points_self_cancel_at_each_point),
        TEST(test_cancel_points_outside_cancel_at_each_point),
        TEST(test_cancel_points_outside_cancel_while_ready),
    };
    return cmocka_run_group_tests_name("test_cancel_points", tests,
                                       vclock_setup, vclock_teardown);
}
