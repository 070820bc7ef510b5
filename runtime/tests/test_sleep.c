/* SPDX-License-Identifier: MIT */
/*
 * test_sleep.c: async_sleep. Zero (or less) goes to the back of the
 * ready queue; a delay wakes the task after exactly that much virtual
 * time; a chain of sleeps drifts by the step cost, as real asyncio's do;
 * 10,000 tasks sleeping random times finish in deadline order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "async.h"
#include "helpers.h"

static async_value
yielder(void *arg)
{
    const char *name = arg;
    log_event("%s before", name);
    async_sleep(0);
    log_event("%s after", name);
    return ASYNC_NONE;
}

static async_value
main_zero(void *arg)
{
    (void)arg;
    async_create_task(yielder, "a");
    async_create_task(yielder, "b");
    log_event("main yields");
    async_sleep(0);
    log_event("main back");
    async_sleep(0);
    log_event("main last");
    return ASYNC_NONE;
}

static void
test_sleep_zero_requeues_at_back(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(main_zero, NULL);
    /* assert: main's turn comes after a and b have had theirs */
    assert_log("main yields", "a before", "b before", "main back",
               "a after", "b after", "main last");
    assert_elapsed(async_time() - t0, 0.0);
}

static async_value
negative(void *arg)
{
    (void)arg;
    async_create_task(yielder, "other");
    log_event("negative sleep");
    async_sleep(-5);
    log_event("back");
    return ASYNC_NONE;
}

static void
test_sleep_negative_behaves_as_zero(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(negative, NULL);
    /* assert */
    assert_log("negative sleep", "other before", "back", "other after");
    assert_elapsed(async_time() - t0, 0.0);
}

static async_value
measured(void *arg)
{
    double *d = arg;
    double t0 = async_time();
    async_sleep(*d);
    *d = async_time() - t0;
    return ASYNC_NONE;
}

static void
test_sleep_positive_wakes_after_exact_delay(void **state)
{
    (void)state;
    /* arrange */
    double d = 0.25;
    /* act */
    async_run(measured, &d);
    /* assert: the delay, plus what the virtual clock charges for a step
     * and a wake-up: microseconds, invisible at two decimals */
    assert_true(d >= 0.25);
    assert_true(d < 0.25 + 1e-3);
}

static async_value
chain(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++)
        async_sleep(0.1);
    return ASYNC_NONE;
}

static void
test_sleep_chain_drifts_late_by_step_cost(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(chain, NULL);
    double el = async_time() - t0;
    /* late, as asyncio's chains are, but by less than a millisecond */
    /* assert */
    assert_true(el > 1.0);
    assert_true(el < 1.0 + 1e-3);
}

/* ---- 10,000 tasks ------------------------------------------------------- */

enum { MANY = 10000 };

struct sleeper {
    double delay;    /* how long it sleeps */
    double deadline; /* when it asked to be woken */
    double woke;     /* when it was */
    long order;      /* its place in the finishing order */
};

static long finished;

static async_value
random_sleeper(void *arg)
{
    struct sleeper *s = arg;
    s->deadline = async_time() + s->delay;
    async_sleep(s->delay);
    s->woke = async_time();
    s->order = finished++;
    return ASYNC_NONE;
}

static async_value
main_many(void *arg)
{
    struct sleeper *s = arg;
    async_task **t = malloc(MANY * sizeof *t);
    if (t == NULL)
        return ASYNC_INT(-1);
    for (int i = 0; i < MANY; i++)
        t[i] = async_create_task(random_sleeper, &s[i]);
    async_gather(t, MANY, NULL);
    free(t);
    return ASYNC_INT(0);
}

static void
test_sleep_ten_thousand_tasks_finish_in_deadline_order(void **state)
{
    (void)state;
    /* arrange: whole milliseconds up to 5 s, so there are many ties */
    struct sleeper *s = calloc(MANY, sizeof *s);
    assert_non_null(s);
    srand(2024);
    for (int i = 0; i < MANY; i++)
        s[i].delay = (1 + rand() % 5000) / 1000.0;
    finished = 0;
    /* act */
    double t0 = async_time();
    assert_int_equal(async_run(main_many, s).i, 0);
    double el = async_time() - t0;
    /* assert: everyone finished, none early, in (deadline, arming) order */
    assert_int_equal(finished, MANY);
    long *by_order = malloc(MANY * sizeof *by_order);
    assert_non_null(by_order);
    for (int i = 0; i < MANY; i++) {
        assert_true(s[i].woke >= s[i].deadline);
        by_order[s[i].order] = i;
    }
    for (int k = 1; k < MANY; k++) {
        struct sleeper *a = &s[by_order[k - 1]], *b = &s[by_order[k]];
        assert_true(a->deadline < b->deadline ||
                    (a->deadline == b->deadline &&
                     by_order[k - 1] < by_order[k]));
    }
    /* the longest sleep, plus main's step creating 10,000 tasks (a long
     * step under valgrind moves the virtual clock by its real time) */
    assert_true(el >= 5.0 - 1e-3 && el < 7.0);
    free(by_order);
    free(s);
}

/* ---- Misuse ------------------------------------------------------------- */

static async_value
nan_sleeper(void *arg)
{
    (void)arg;
    async_sleep(NAN);
    return ASYNC_NONE;
}

static void
child_nan(void *arg)
{
    (void)arg;
    async_run(nan_sleeper, NULL);
}

static void
test_sleep_nan_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_nan, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'main' gave NaN seconds");
    child_result_free(&r);
}

static void
child_sleep_outside(void *arg)
{
    (void)arg;
    async_sleep(1);
}

static void
test_sleep_outside_a_task_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_sleep_outside, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_sleep: called outside a task");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_sleep_zero_requeues_at_back),
        TEST(test_sleep_negative_behaves_as_zero),
        TEST(test_sleep_positive_wakes_after_exact_delay),
        TEST(test_sleep_chain_drifts_late_by_step_cost),
        TEST(test_sleep_ten_thousand_tasks_finish_in_deadline_order),
        TEST(test_sleep_nan_is_fatal),
        TEST(test_sleep_outside_a_task_is_fatal),
    };
    return cmocka_run_group_tests_name("test_sleep", tests, vclock_setup,
                                       vclock_teardown);
}
