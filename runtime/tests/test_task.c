/* SPDX-License-Identifier: MIT */
/*
 * test_task.c: tasks. Creating one names it and queues it without
 * running it; awaiting returns its value (integer, double or pointer);
 * awaiting a finished task does not suspend; several awaiters resume in
 * the order they began to wait.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

static async_value
worker(void *arg)
{
    log_event("worker %ld", INT(arg));
    return ASYNC_INT(INT(arg) * 10);
}

static async_value
main_names(void *arg)
{
    (void)arg;
    async_task *a = async_create_task(worker, ARG(1));
    async_task *b = async_create_task_named(worker, ARG(2), "custom");
    async_task *c = async_create_task_named(worker, ARG(3), NULL);
    log_event("%s %s %s", async_task_name(a), async_task_name(b),
              async_task_name(c));
    log_event("main is %s", async_task_name(async_current_task()));
    async_task *all[3] = {a, b, c};
    async_gather(all, 3, NULL);
    return ASYNC_NONE;
}

static void
test_create_task_named_after_function_or_given_name(void **state)
{
    (void)state;
    /* act */
    async_run(main_names, NULL);
    /* assert: unnamed tasks are called Task-<id>; main is task 1 */
    assert_log("worker custom Task-4", "main is main", "worker 1",
               "worker 2", "worker 3");
}

static async_value
main_ids(void *arg)
{
    (void)arg;
    async_task *self = async_current_task();
    async_task *a = async_create_task(worker, ARG(1));
    async_task *b = async_create_task(worker, ARG(2));
    log_event("ids %llu %llu %llu", (unsigned long long)self->id,
              (unsigned long long)a->id, (unsigned long long)b->id);
    async_await(b);
    async_await(a);
    return ASYNC_NONE;
}

static void
test_create_task_ids_in_creation_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_ids, NULL);
    /* assert */
    assert_log("ids 1 2 3", "worker 1", "worker 2");
}

static void
test_current_task_null_outside_a_task(void **state)
{
    (void)state;
    /* act / assert */
    assert_null(async_current_task());
    async_loop *loop = async_loop_new();
    assert_null(async_current_task()); /* a loop alone is not a task */
    async_loop_close(loop);
}

static async_value
main_done(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(worker, ARG(4));
    bool before = async_task_done(t);
    long v = async_await(t).i;
    log_event("done before %d after %d value %ld", before, async_done(t),
              v);
    log_event("result %ld", async_task_result(t).i);
    return ASYNC_NONE;
}

static void
test_task_done_false_until_finished(void **state)
{
    (void)state;
    /* act */
    async_run(main_done, NULL);
    /* assert */
    assert_log("worker 4", "done before 0 after 1 value 40", "result 40");
}

static async_value
gives_double(void *arg)
{
    (void)arg;
    async_sleep(0.01);
    return ASYNC_DOUBLE(2.5);
}

static async_value
gives_pointer(void *arg)
{
    async_sleep(0.01);
    return ASYNC_PTR(arg);
}

static async_value
gives_negative(void *arg)
{
    (void)arg;
    return ASYNC_INT(-1);
}

static async_value
main_values(void *arg)
{
    static char text[] = "a string";
    async_value *out = arg;
    out[0] = async_await(async_create_task(gives_negative, NULL));
    out[1] = async_await(async_create_task(gives_double, NULL));
    out[2] = async_await(async_create_task(gives_pointer, text));
    return ASYNC_PTR(text);
}

static void
test_task_await_result_integer_double_pointer(void **state)
{
    (void)state;
    /* arrange */
    async_value out[3];
    /* act */
    async_value v = async_run(main_values, out);
    /* assert */
    assert_int_equal(out[0].i, -1);
    assert_true(out[1].d == 2.5);
    assert_string_equal(out[2].p, "a string");
    assert_ptr_equal(v.p, out[2].p);
}

static async_value
main_await_finished(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(worker, ARG(5));
    async_sleep(0.1); /* t finishes meanwhile */
    async_create_task(worker, ARG(6));
    log_event("await");
    long v = async_await(t).i; /* done: must not suspend */
    log_event("got %ld", v);
    return ASYNC_NONE;
}

static void
test_task_await_finished_task_does_not_suspend(void **state)
{
    (void)state;
    /* act */
    async_run(main_await_finished, NULL);
    /* worker 6 runs only once main has returned */
    /* assert */
    assert_log("worker 5", "await", "got 50", "worker 6");
}

static async_value
awaiter(void *arg)
{
    async_task *t = arg;
    log_event("%s waits", async_task_name(async_current_task()));
    long v = async_await(t).i;
    log_event("%s got %ld", async_task_name(async_current_task()), v);
    return ASYNC_NONE;
}

static async_value
slow_worker(void *arg)
{
    async_sleep(0.2);
    return ASYNC_INT(INT(arg));
}

static async_value
main_two_awaiters(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(slow_worker, ARG(8));
    async_task *w[2] = {async_create_task_named(awaiter, t, "first"),
                        async_create_task_named(awaiter, t, "second")};
    async_gather(w, 2, NULL);
    return ASYNC_NONE;
}

static void
test_task_await_awaiters_resume_in_order(void **state)
{
    (void)state;
    /* act */
    async_run(main_two_awaiters, NULL);
    /* assert */
    assert_log("first waits", "second waits", "first got 8", "second got 8");
}

static async_value
self_awaiter(void *arg)
{
    (void)arg;
    async_await(async_current_task());
    return ASYNC_NONE;
}

static void
child_self_await(void *arg)
{
    (void)arg;
    async_run(self_awaiter, NULL);
}

static void
test_task_await_itself_is_fatal(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_self_await, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'main' awaits itself");
    child_result_free(&r);
}

static void
test_run_returns_main_result(void **state)
{
    (void)state;
    /* act */
    async_value v = async_run(worker, ARG(3));
    /* assert */
    assert_int_equal(v.i, 30);
    assert_log("worker 3");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_create_task_named_after_function_or_given_name),
        TEST(test_create_task_ids_in_creation_order),
        TEST(test_current_task_null_outside_a_task),
        TEST(test_task_done_false_until_finished),
        TEST(test_task_await_result_integer_double_pointer),
        TEST(test_task_await_finished_task_does_not_suspend),
        TEST(test_task_await_awaiters_resume_in_order),
        TEST(test_task_await_itself_is_fatal),
        TEST(test_run_returns_main_result),
    };
    return cmocka_run_group_tests_name("test_task", tests, vclock_setup,
                                       vclock_teardown);
}
