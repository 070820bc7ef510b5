/* SPDX-License-Identifier: MIT */
/*
 * test_lifetime.c: what is done is freed. A loop's census (live tasks,
 * futures, loop-owned blocks) stays the same however many clients a
 * server served, tasks async_gather_fn gathered, iterators ran out or
 * shields ended, and however many detached tasks came and went. In debug
 * mode a call on a freed task (or a spent iterator) stops the program
 * with a sentence naming the rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

/* census: what the running loop holds now. */
static struct loop_census
census(void)
{
    struct loop_census c;
    loop_census(loop_current, &c);
    return c;
}

static async_value
worker(void *arg)
{
    async_sleep(0.001 * INT(arg));
    return ASYNC_INT(INT(arg) * 10);
}

/* ---- A server's clients --------------------------------------------------- */

static void
answer(async_stream *s, void *arg)
{
    (void)arg;
    char line[32];
    ssize_t n = async_stream_readline(s, line, sizeof line);
    if (n > 0)
        async_stream_write(s, line, (size_t)n);
}

/* One client: a line there and back, then gone. */
static void
visit(int port)
{
    char got[8] = "";
    int fd = async_tcp_connect("127.0.0.1", port);
    assert_true(fd >= 0);
    assert_int_equal(async_write(fd, "hi\n", 3), 3);
    for (size_t have = 0; have < 3;) {
        ssize_t r = async_read(fd, got + have, 3 - have);
        assert_true(r > 0);
        have += (size_t)r;
    }
    assert_string_equal(got, "hi\n");
    close(fd);
}

static async_value
main_server(void *arg)
{
    long *live = arg;
    async_server *srv = async_start_server(answer, NULL, "127.0.0.1", 0);
    assert_non_null(srv);
    for (int i = 0; i < 50; i++)
        visit(async_server_port(srv));
    async_sleep(0.01); /* the last client's task ends, then is freed */
    *live = (long)census().tasks;
    async_server_close(srv);
    return ASYNC_NONE;
}

static void
test_server_frees_each_client_task_when_it_ends(void **state)
{
    (void)state;
    long live = -1;
    /* act: 50 clients, one after another */
    async_run(main_server, &live);
    /* assert: main and the server are left, no client */
    assert_int_equal(live, 2);
}

/* ---- async_gather_fn -------------------------------------------------------- */

static async_value
main_gather_fn(void *arg)
{
    struct loop_census *after = arg;
    void *args[10];
    async_value r[10];

    for (int i = 0; i < 10; i++)
        args[i] = ARG(i);
    for (int round = 0; round < 3; round++) {
        async_gather_fn(worker, args, 10, r);
        assert_int_equal(r[9].i, 90);
    }
    async_sleep(0); /* the detached tasks are reaped */
    *after = census();
    return ASYNC_NONE;
}

static void
test_gather_fn_frees_its_tasks_and_array(void **state)
{
    (void)state;
    struct loop_census after;
    /* act: 30 tasks in three gathers */
    async_run(main_gather_fn, &after);
    /* assert: only main; no block left behind */
    assert_int_equal(after.tasks, 1);
    assert_int_equal(after.blocks, 0);
}

static async_value
gather_fn_then_cancelled(void *arg)
{
    (void)arg;
    void *args[3] = {ARG(100), ARG(200), ARG(300)};
    async_gather_fn(worker, args, 3, NULL);
    return ASYNC_NONE;
}

static async_value
main_gather_fn_cancelled(void *arg)
{
    struct loop_census *after = arg;
    async_task *g = async_create_task(gather_fn_then_cancelled, NULL);
    async_sleep(0.05);
    async_cancel(g);
    async_sleep(0.5); /* its three tasks, cancelled too, have ended */
    async_task_detach(g);
    async_sleep(0);
    *after = census();
    return ASYNC_NONE;
}

static void
test_gather_fn_cancelled_frees_its_tasks_once_ended(void **state)
{
    (void)state;
    struct loop_census after;
    /* act */
    async_run(main_gather_fn_cancelled, &after);
    /* assert */
    assert_int_equal(after.tasks, 1);
    assert_int_equal(after.blocks, 0);
}

/* ---- as_completed ------------------------------------------------------------ */

static async_value
main_as_completed(void *arg)
{
    struct loop_census *after = arg;
    for (int round = 0; round < 3; round++) {
        async_task *t[3];
        for (int i = 0; i < 3; i++)
            t[i] = async_create_task(worker, ARG(3 - i));
        async_as_completed *it = async_as_completed_new(t, 3);
        long expect = 10;
        for (async_task *done; (done = async_as_completed_next(it)) != NULL;
             expect += 10) {
            assert_int_equal(async_result(done).i, expect);
            async_task_detach(done);
        }
    }
    async_sleep(0);
    *after = census();
    return ASYNC_NONE;
}

static void
test_as_completed_iterator_freed_when_it_returns_null(void **state)
{
    (void)state;
    struct loop_census after;
    /* act */
    async_run(main_as_completed, &after);
    /* assert: no iterator, no task but main */
    assert_int_equal(after.blocks, 0);
    assert_int_equal(after.tasks, 1);
}

/* ---- shield ------------------------------------------------------------------ */

static async_value
shield_it(void *t)
{
    return async_shield(t);
}

static async_value
main_shield(void *arg)
{
    struct loop_census *after = arg;
    for (int i = 0; i < 5; i++) { /* awaited to the end */
        async_task *t = async_create_task(worker, ARG(1));
        assert_int_equal(async_shield(t).i, 10);
        async_task_detach(t);
    }
    for (int i = 0; i < 5; i++) { /* the caller cancelled, t runs on */
        async_task *t = async_create_task(worker, ARG(10));
        async_task *c = async_create_task(shield_it, t);
        async_sleep(0.001);
        async_cancel(c);
        async_await(t);
        async_task_detach(t);
        async_task_detach(c);
    }
    async_sleep(0);
    *after = census();
    return ASYNC_NONE;
}

static void
test_shield_frees_its_future_when_both_are_done(void **state)
{
    (void)state;
    struct loop_census after;
    /* act */
    async_run(main_shield, &after);
    /* assert */
    assert_int_equal(after.futures, 0);
    assert_int_equal(after.blocks, 0);
    assert_int_equal(after.tasks, 1);
}

/* ---- Detached tasks ------------------------------------------------------------ */

static async_value
main_batches(void *arg)
{
    size_t *most = arg;
    async_task *t[100];
    async_value r[100];

    for (int batch = 0; batch < 30; batch++) {
        for (int i = 0; i < 100; i++)
            t[i] = async_create_task(worker, ARG(i % 3));
        async_gather(t, 100, r);
        for (int i = 0; i < 100; i++)
            async_task_detach(t[i]);
        size_t live = census().tasks;
        if (live > *most)
            *most = live;
    }
    return ASYNC_NONE;
}

static void
test_detach_after_gather_keeps_live_tasks_to_one_batch(void **state)
{
    (void)state;
    size_t most = 0;
    /* act: 3,000 tasks in batches of 100, in debug mode (its graveyard
     * goes round, and must free what leaves it) and out of it */
    async_set_debug(true);
    async_run(main_batches, &most);
    async_set_debug(false);
    async_run(main_batches, &most);
    /* assert: main + the batch just detached, never more */
    assert_true(most <= 101);
}

static async_value
late_awaiter(void *t)
{
    long v = async_await((async_task *)t).i;
    log_event("awaiter got %ld", v);
    return ASYNC_NONE;
}

static async_value
main_detach_pending(void *arg)
{
    (void)arg;
    async_task *t = async_create_task_named(worker, ARG(5), "w");
    async_task *a = async_create_task(late_awaiter, t);
    async_task_detach(t); /* still running, and awaited by a */
    async_await(a); /* a read t, then t went, then a ended */
    log_event("tasks %zu", census().tasks);
    return ASYNC_NONE;
}

static void
test_detach_pending_task_frees_it_after_its_awaiters(void **state)
{
    (void)state;
    /* act */
    async_run(main_detach_pending, NULL);
    /* assert: the awaiter read it; then it went (main and a are left) */
    assert_log("awaiter got 50", "tasks 2");
}

/* ---- Debug mode: a freed task is named ------------------------------------------ */

static async_value
main_use_after_detach(void *arg)
{
    const char *call = arg;
    async_task *t = async_create_task_named(worker, ARG(1), "fetch");
    async_await(t);
    async_task_detach(t);
    async_sleep(0); /* freed here */
    if (strcmp(call, "result") == 0)
        async_result(t);
    else if (strcmp(call, "await") == 0)
        async_await(t);
    else if (strcmp(call, "cancel") == 0)
        async_cancel(t);
    else
        async_task_detach(t);
    return ASYNC_NONE;
}

static void
child_use_after_detach(void *arg)
{
    async_set_debug(true);
    async_run(main_use_after_detach, arg);
}

static void
test_debug_call_on_freed_task_names_task_and_rule(void **state)
{
    (void)state;
    static const char *const calls[][2] = {
        {"result", "async_result"}, {"await", "async_await"},
        {"cancel", "async_cancel"}, {"detach", "async_task_detach"}};
    for (size_t i = 0; i < 4; i++) {
        /* act */
        struct child_result r;
        run_in_child(child_use_after_detach, (void *)calls[i][0], &r);
        /* assert */
        assert_true(r.exited);
        assert_int_equal(r.status, 1);
        assert_contains(r.err, calls[i][1]);
        assert_contains(r.err, ": task 'fetch' was freed when it finished, "
                               "because it was detached");
        assert_contains(r.err, "detach it after your last call on it");
        child_result_free(&r);
    }
}

static async_value
main_detach_twice(void *arg)
{
    (void)arg;
    async_task *t = async_create_task_named(worker, ARG(1), "fetch");
    async_task_detach(t);
    async_task_detach(t);
    return ASYNC_NONE;
}

static void
child_detach_twice(void *arg)
{
    (void)arg;
    async_run(main_detach_twice, NULL);
}

static void
test_detach_twice_is_error(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_detach_twice, NULL, &r);
    /* assert */
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "task 'fetch' is detached already");
    child_result_free(&r);
}

static async_value
main_next_after_null(void *arg)
{
    (void)arg;
    async_task *t = async_create_task(worker, ARG(1));
    async_as_completed *it = async_as_completed_new(&t, 1);
    while (async_as_completed_next(it) != NULL)
        ;
    async_as_completed_next(it);
    return ASYNC_NONE;
}

static void
child_next_after_null(void *arg)
{
    (void)arg;
    async_set_debug(true);
    async_run(main_next_after_null, NULL);
}

static void
test_debug_next_after_null_is_error(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_next_after_null, NULL, &r);
    /* assert */
    assert_int_equal(r.status, 1);
    assert_contains(r.err, "async_as_completed_next: the iterator was "
                           "freed when it returned NULL");
    child_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_server_frees_each_client_task_when_it_ends),
        TEST(test_gather_fn_frees_its_tasks_and_array),
        TEST(test_gather_fn_cancelled_frees_its_tasks_once_ended),
        TEST(test_as_completed_iterator_freed_when_it_returns_null),
        TEST(test_shield_frees_its_future_when_both_are_done),
        TEST(test_detach_after_gather_keeps_live_tasks_to_one_batch),
        TEST(test_detach_pending_task_frees_it_after_its_awaiters),
        TEST(test_debug_call_on_freed_task_names_task_and_rule),
        TEST(test_detach_twice_is_error),
        TEST(test_debug_next_after_null_is_error),
    };
    return cmocka_run_group_tests_name("test_lifetime", tests, vclock_setup,
                                       vclock_teardown);
}
