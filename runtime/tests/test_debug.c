/* SPDX-License-Identifier: MIT */
/*
 * test_debug.c: every message debug mode and misuse produce, each in a
 * child process so that the fatal ones can end it: a step that holds the
 * loop, tasks pending or never awaited at shutdown, an await outside a
 * task, a deadlock, the result of a pending task, a future set twice,
 * TODO(), and a bad ASYNC_STACK_SIZE.
 */
#define _DEFAULT_SOURCE /* usleep */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

/* Runs fn in a child with debug mode on and checks that it exited with
 * status `status`; r is left for the caller to inspect and free. */
static void
debug_child(child_fn *fn, int status, struct child_result *r)
{
    run_in_child(fn, NULL, r);
    if (!r->exited || r->status != status)
        print_error("child: exited %d status %d signal %d\nstderr:\n%s\n",
                    r->exited, r->status, r->sig, r->err);
    assert_true(r->exited);
    assert_int_equal(r->status, status);
}

/* ---- A step that holds the loop ----------------------------------------- */

static async_value
hog(void *arg)
{
    (void)arg;
    usleep(200000); /* 0.2 s without suspending: wrapped, charged */
    return ASYNC_NONE;
}

static async_value
main_hog(void *arg)
{
    (void)arg;
    async_await(async_create_task_named(hog, NULL, "hog"));
    return ASYNC_NONE;
}

static void
child_hog(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_hog, NULL);
}

static void
test_debug_step_over_100ms_names_task(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_hog, 0, &r);
    const char *msg = "task 'hog' held the loop for ";
    /* assert */
    assert_contains(r.err, msg);
    /* 0.2 s of usleep, plus the step's own real time */
    double held = strtod(strstr(r.err, msg) + strlen(msg), NULL);
    assert_true(held >= 0.2 && held < 1.0);
    child_result_free(&r);
}

static async_value
polite(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++)
        async_sleep(0.5); /* long waits are fine: the loop is free */
    return ASYNC_NONE;
}

static void
child_polite(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(polite, NULL);
}

static void
test_debug_sleeping_task_is_not_reported(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_polite, 0, &r);
    /* assert */
    assert_string_equal(r.err, "");
    child_result_free(&r);
}

/* ---- At shutdown -------------------------------------------------------- */

static async_value
lingers(void *arg)
{
    (void)arg;
    async_sleep(100);
    return ASYNC_NONE;
}

static async_value
quick(void *arg)
{
    (void)arg;
    return ASYNC_INT(1);
}

static async_value
main_leaves_tasks(void *arg)
{
    (void)arg;
    async_create_task_named(lingers, NULL, "lingerer");
    async_create_task_named(quick, NULL, "forgotten");
    async_sleep(1);
    return ASYNC_NONE;
}

static void
child_shutdown(void *arg)
{
    async_set_debug(arg == NULL);
    async_run(main_leaves_tasks, NULL);
}

static void
test_debug_pending_at_shutdown_is_reported(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_shutdown, 0, &r);
    /* assert */
    assert_contains(r.err, "task 'lingerer' (task 2) was still pending when "
                           "the loop closed");
    child_result_free(&r);
}

static void
test_debug_never_awaited_is_reported(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_shutdown, 0, &r);
    /* assert */
    assert_contains(r.err, "task 'forgotten' (task 3) was never awaited");
    assert_null(strstr(r.err, "'main'")); /* main was awaited by run */
    child_result_free(&r);
}

static void
test_debug_off_reports_nothing(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_shutdown, ARG(1), &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    child_result_free(&r);
}

/* ---- Misuse ------------------------------------------------------------- */

static void
child_await_outside(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, quick, NULL);
    async_await(t);
}

static void
test_debug_await_outside_task_is_error_not_crash(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_await_outside, 1, &r);
    /* assert */
    assert_contains(r.err, "async_await: called outside a task");
    child_result_free(&r);
}

static async_value
waits_forever(void *arg)
{
    (void)arg;
    async_await(async_future_new());
    return ASYNC_NONE;
}

static async_value
main_deadlock(void *arg)
{
    (void)arg;
    printf("before the deadlock\n");
    async_await(async_create_task_named(waits_forever, NULL, "waiter"));
    return ASYNC_NONE;
}

static void
child_deadlock(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_deadlock, NULL);
}

static void
test_debug_deadlock_lists_tasks_and_waits(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_deadlock, 1, &r);
    /* assert */
    assert_string_equal(r.out, "before the deadlock\n");
    assert_contains(r.err, "deadlock");
    assert_contains(r.err, "'main' (task 1) waits for task 'waiter'");
    assert_contains(r.err, "'waiter' (task 2) waits for a future that "
                           "nothing will set");
    child_result_free(&r);
}

static async_value
reads_too_soon(void *arg)
{
    (void)arg;
    async_task *t = async_create_task_named(lingers, NULL, "slowpoke");
    async_result(t);
    return ASYNC_NONE;
}

static void
child_result_pending(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(reads_too_soon, NULL);
}

static void
test_debug_result_of_pending_task_is_error(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_result_pending, 1, &r);
    /* assert */
    assert_contains(r.err, "async_result: task 'slowpoke' is not done yet");
    child_result_free(&r);
}

static void
child_set_twice(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_loop_new();
    async_future *f = async_future_new();
    async_future_set_result(f, ASYNC_INT(1));
    async_future_set_result(f, ASYNC_INT(2));
}

static void
test_debug_future_set_twice_is_error(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_set_twice, 1, &r);
    /* assert */
    assert_contains(r.err, "async_future_set_result: the future is already "
                           "done");
    child_result_free(&r);
}

static void
child_todo(void *arg)
{
    (void)arg;
    printf("work so far\n");
    TODO("await both tasks");
}

static void
test_todo_prints_place_and_exits_1(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    debug_child(child_todo, 1, &r);
    /* assert */
    assert_string_equal(r.out, "work so far\n");
    assert_contains(r.err, "test_debug.c:");
    assert_contains(r.err, ": TODO: await both tasks\n");
    child_result_free(&r);
}

/* ---- ASYNC_STACK_SIZE ------------------------------------------------------
 * The environment is read once per process; the child forgets that it
 * was read so that the setting below is seen.
 */
static void
child_stack_env(void *arg)
{
    config.loaded = 0;
    setenv("ASYNC_STACK_SIZE", arg, 1);
    async_run(quick, NULL);
    printf("%zu\n", stack_size());
}

static void
test_debug_stack_size_env_parse_error(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_stack_env, "lots", &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "ASYNC_STACK_SIZE=lots: expected a size");
    child_result_free(&r);
}

static void
test_debug_stack_size_env_out_of_range(void **state)
{
    (void)state;
    /* strtod reads these; no size_t holds them */
    static const char *const bad[] = {"inf", "nan", "1e30", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        /* act */
        struct child_result r;
        run_in_child(child_stack_env, (void *)bad[i], &r);
        /* assert */
        assert_true(r.exited);
        assert_int_equal(r.status, 1);
        assert_contains(r.err, "expected a size such as 65536");
        child_result_free(&r);
    }
}

static void
test_debug_stack_size_env_accepts_suffix(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_stack_env, "256K", &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    char want[32];
    snprintf(want, sizeof want, "%d\n", 256 * 1024 - 64);
    assert_string_equal(r.out, want);
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_debug_step_over_100ms_names_task),
        TEST(test_debug_sleeping_task_is_not_reported),
        TEST(test_debug_pending_at_shutdown_is_reported),
        TEST(test_debug_never_awaited_is_reported),
        TEST(test_debug_off_reports_nothing),
        TEST(test_debug_await_outside_task_is_error_not_crash),
        TEST(test_debug_deadlock_lists_tasks_and_waits),
        TEST(test_debug_result_of_pending_task_is_error),
        TEST(test_debug_future_set_twice_is_error),
        TEST(test_todo_prints_place_and_exits_1),
        TEST(test_debug_stack_size_env_parse_error),
        TEST(test_debug_stack_size_env_out_of_range),
        TEST(test_debug_stack_size_env_accepts_suffix),
    };
    return cmocka_run_group_tests_name("test_debug", tests, vclock_setup,
                                       vclock_teardown);
}
