/* SPDX-License-Identifier: MIT */
/*
 * test_invariants.c: the runtime's invariants are asserted in every build,
 * as xv6 and SQLite assert theirs. Each test breaks one on purpose, in a
 * child process, and sees the program stop on the assertion instead of
 * running on with the damage: a stack handed out or put back twice, a
 * timer armed twice or with a wrong back-pointer, a heap out of order, a
 * handle queued twice, a ready queue with a cycle, an illegal task state
 * change. The walks over whole structures run in debug mode only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>

#include "async.h"
#include "helpers.h"
#include "internal.h"

/* assert_aborts: fn(arg) in a child stops on a failed assertion. */
static void
assert_aborts(child_fn *fn, void *arg)
{
    struct child_result r;

    run_in_child(fn, arg, &r);
    assert_true(r.signaled);
    assert_int_equal(r.sig, SIGABRT);
    assert_contains(r.err, "Assertion");
    child_result_free(&r);
}

static void
stack_put_twice(void *arg)
{
    (void)arg;
    void *lo = stack_get("test");
    stack_put(lo);
    stack_put(lo);
}

static void
test_stack_put_back_twice_is_caught(void **state)
{
    (void)state;
    assert_aborts(stack_put_twice, NULL);
}

static void
timer_armed_twice(void *arg)
{
    (void)arg;
    struct timer_heap h = {0};
    async_handle t = {.when = 1, .heap_index = NO_HEAP};
    timer_push(&h, &t);
    timer_push(&h, &t);
}

static void
test_timer_armed_twice_is_caught(void **state)
{
    (void)state;
    assert_aborts(timer_armed_twice, NULL);
}

static void
timer_wrong_back_pointer(void *arg)
{
    (void)arg;
    struct timer_heap h = {0};
    async_handle a = {.when = 1, .heap_index = NO_HEAP};
    async_handle b = {.when = 2, .seq = 1, .heap_index = NO_HEAP};
    timer_push(&h, &a);
    timer_push(&h, &b);
    b.heap_index = 0; /* corrupted: it is in slot 1 */
    timer_remove(&h, &b);
}

static void
test_timer_removed_with_wrong_back_pointer_is_caught(void **state)
{
    (void)state;
    assert_aborts(timer_wrong_back_pointer, NULL);
}

/* The walks: a heap whose key changed behind its back, a ready queue
 * that loops. */
static void
heap_out_of_order(void *arg)
{
    (void)arg;
    async_loop loop = {0};
    async_handle a = {.when = 1, .heap_index = NO_HEAP};
    async_handle b = {.when = 2, .seq = 1, .heap_index = NO_HEAP};
    timer_push(&loop.timers, &a);
    timer_push(&loop.timers, &b);
    loop.timers.a[1].when = 0.5; /* the child now sorts before its parent */
    b.when = 0.5;
    debug_check_loop(&loop);
}

static void
test_debug_check_finds_heap_out_of_order(void **state)
{
    (void)state;
    assert_aborts(heap_out_of_order, NULL);
}

static void
ready_queue_cycle(void *arg)
{
    (void)arg;
    async_loop loop = {0};
    async_handle h[3] = {{.heap_index = NO_HEAP}, {.heap_index = NO_HEAP},
                         {.heap_index = NO_HEAP}};
    for (int i = 0; i < 3; i++)
        list_append(&loop.ready, &h[i]);
    h[2].next = &h[0]; /* a handle queued again further back */
    debug_check_loop(&loop);
}

static void
test_debug_check_finds_cycle_in_ready_queue(void **state)
{
    (void)state;
    assert_aborts(ready_queue_cycle, NULL);
}

static void
test_debug_check_passes_sound_loop(void **state)
{
    (void)state;
    async_loop loop = {0};
    async_handle h[3] = {{.heap_index = NO_HEAP}, {.heap_index = NO_HEAP},
                         {.heap_index = NO_HEAP}};
    for (int i = 0; i < 3; i++) {
        h[i].when = 3 - i;
        h[i].seq = (uint64_t)i;
        timer_push(&loop.timers, &h[i]);
    }
    debug_check_loop(&loop); /* returns */
    for (int i = 0; i < 3; i++)
        assert_ptr_equal(timer_pop(&loop.timers), &h[2 - i]);
    timer_free(&loop.timers);
}

static void
queued_twice(void *arg)
{
    (void)arg;
    struct handle_list l = {0};
    async_handle h = {.heap_index = NO_HEAP};
    list_append(&l, &h);
    list_append(&l, &h);
}

static void
test_handle_queued_twice_is_caught(void **state)
{
    (void)state;
    assert_aborts(queued_twice, NULL);
}

static void
done_task_woken(void *arg)
{
    (void)arg;
    async_task t = {.state = TASK_DONE};
    task_set_state(&t, TASK_READY);
}

static void
test_done_task_changing_state_is_caught(void **state)
{
    (void)state;
    assert_aborts(done_task_woken, NULL);
}

static void
test_legal_task_states_pass(void **state)
{
    (void)state;
    async_task t = {.state = TASK_NEW};
    static const enum task_state path[] = {
        TASK_RUNNING, TASK_WAITING, TASK_READY, TASK_RUNNING, TASK_READY,
        TASK_RUNNING, TASK_DONE};
    for (size_t i = 0; i < sizeof path / sizeof path[0]; i++)
        task_set_state(&t, path[i]);
    assert_int_equal(t.state, TASK_DONE);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_stack_put_back_twice_is_caught),
        TEST(test_timer_armed_twice_is_caught),
        TEST(test_timer_removed_with_wrong_back_pointer_is_caught),
        TEST(test_debug_check_finds_heap_out_of_order),
        TEST(test_debug_check_finds_cycle_in_ready_queue),
        TEST(test_debug_check_passes_sound_loop),
        TEST(test_handle_queued_twice_is_caught),
        TEST(test_done_task_changing_state_is_caught),
        TEST(test_legal_task_states_pass),
    };
    return cmocka_run_group_tests_name("test_invariants", tests, NULL, NULL);
}
