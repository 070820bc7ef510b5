/* SPDX-License-Identifier: MIT */
/*
 * test_as_completed.c: the as_completed iterator. Tasks come out in the
 * order they finish, each as soon as it has; the end is NULL, returned
 * without suspending; tasks done before the loop started come out too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "async.h"
#include "helpers.h"

static async_value
delayed(void *arg)
{
    async_sleep(INT(arg) / 1000.0);
    return ASYNC_INT(INT(arg));
}

static async_value
other(void *arg)
{
    (void)arg;
    log_event("other ran");
    return ASYNC_NONE;
}

static async_value
main_times(void *arg)
{
    (void)arg;
    double t0 = async_time();
    async_task *t[3] = {async_create_task(delayed, ARG(500)),
                        async_create_task(delayed, ARG(100)),
                        async_create_task(delayed, ARG(250))};
    async_as_completed *it = async_as_completed_new(t, 3);
    for (int i = 0; i < 3; i++) {
        async_task *done = async_as_completed_next(it);
        log_event("%ld at %.2f", async_result(done).i, async_time() - t0);
    }
    log_event("end");
    async_create_task(other, NULL); /* would run if next suspended */
    log_event("again %s", async_as_completed_next(it) ? "task" : "NULL");
    return ASYNC_NONE;
}

static void
test_as_completed_next_each_as_soon_as_done(void **state)
{
    (void)state;
    /* act */
    async_run(main_times, NULL);
    /* assert */
    assert_log("100 at 0.10", "250 at 0.25", "500 at 0.50", "end",
               "again NULL", "other ran");
}

static async_value
main_already_done(void *arg)
{
    (void)arg;
    async_task *t[3] = {async_create_task(delayed, ARG(30)),
                        async_create_task(delayed, ARG(10)),
                        async_create_task(delayed, ARG(20))};
    async_sleep(0.1); /* all three finish first */
    async_as_completed *it = async_as_completed_new(t, 3);
    async_task *done;
    while ((done = async_as_completed_next(it)) != NULL)
        log_event("%ld", async_result(done).i);
    return ASYNC_NONE;
}

static void
test_as_completed_next_finished_tasks_in_argument_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_already_done, NULL);
    /* assert */
    assert_log("30", "10", "20");
}

static async_value
main_none(void *arg)
{
    (void)arg;
    async_as_completed *it = async_as_completed_new(NULL, 0);
    log_event("%s", async_as_completed_next(it) == NULL ? "NULL" : "task");
    return ASYNC_NONE;
}

static void
test_as_completed_next_of_nothing_is_null(void **state)
{
    (void)state;
    /* act */
    async_run(main_none, NULL);
    /* assert */
    assert_log("NULL");
}

static async_value
main_total(void *arg)
{
    double *el = arg;
    double t0 = async_time();
    async_task *t[3];
    for (int i = 0; i < 3; i++)
        t[i] = async_create_task(delayed, ARG(1000));
    async_as_completed *it = async_as_completed_new(t, 3);
    while (async_as_completed_next(it) != NULL)
        ;
    *el = async_time() - t0;
    return ASYNC_NONE;
}

static void
test_as_completed_concurrent_elapsed_is_longest(void **state)
{
    (void)state;
    /* act */
    double el;
    async_run(main_total, &el);
    /* assert */
    assert_elapsed(el, 1.00);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_as_completed_next_each_as_soon_as_done),
        TEST(test_as_completed_next_finished_tasks_in_argument_order),
        TEST(test_as_completed_next_of_nothing_is_null),
        TEST(test_as_completed_concurrent_elapsed_is_longest),
    };
    return cmocka_run_group_tests_name("test_as_completed", tests,
                                       vclock_setup, vclock_teardown);
}
