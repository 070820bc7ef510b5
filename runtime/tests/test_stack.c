/* SPDX-License-Identifier: MIT */
/*
 * test_stack.c: task stacks. An overflow is reported with the task's name
 * and kills the program, never corrupting memory silently; a bigger stack
 * fixes it; stacks are page-rounded, usable almost whole, and reused.
 *
 * Past 16,384 stacks at once there are no guard pages left to map: the
 * stacks beyond come from slabs with a canary, and an overflow there is
 * caught when the task next suspends (the last test).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* Each call takes a 4 KiB frame the compiler cannot drop or shrink: the
 * empty asm makes the array's address escape, and the frame is read after
 * the recursive call, so the recursion cannot become a loop. */
static __attribute__((noinline)) long
recurse(long depth, long limit)
{
    char frame[4096];

    memset(frame, (int)depth, sizeof frame);
    __asm__ volatile("" : : "r"(frame) : "memory");
    if (depth >= limit)
        return frame[0];
    long below = recurse(depth + 1, limit);
    __asm__ volatile("" : : "r"(frame) : "memory");
    return below + frame[sizeof frame - 1];
}

static async_value
deep(void *arg)
{
    return ASYNC_INT(recurse(0, INT(arg)));
}

static async_value
main_deep(void *arg)
{
    async_task *t = async_create_task_named(deep, arg, "deep");
    async_await(t);
    log_event("survived");
    return ASYNC_NONE;
}

static void
child_overflow(void *arg)
{
    (void)arg;
    async_run(main_deep, ARG(1000)); /* 4 MB of frames on 64 KiB */
    printf("%s\n", log_get(0));
}

static void
test_stack_overflow_names_task_and_kills_program(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_overflow, NULL, &r);
    /* assert */
    assert_contains(r.err, "stack overflow in task 'deep' (stack 64 KiB)");
    assert_contains(r.err, "ASYNC_STACK_SIZE");
    assert_true((r.signaled && r.sig == SIGSEGV) ||
                (r.exited && r.status != 0));
    assert_null(strstr(r.out, "survived"));
    child_result_free(&r);
}

/* ---- Beyond the guard pages ------------------------------------------- */

#define SLEEPERS 16500 /* more than the runtime's 16,384 guarded stacks */

static async_value
sleeper(void *arg)
{
    (void)arg;
    async_sleep(1);
    return ASYNC_NONE;
}

/* Overflows by a few frames, into the slab's next stack down, then
 * suspends: the canary must catch it there. */
static async_value
deep_then_yield(void *arg)
{
    long got = recurse(0, INT(arg));
    async_sleep(0);
    return ASYNC_INT(got);
}

static async_value
main_many(void *arg)
{
    (void)arg;
    for (int i = 0; i < SLEEPERS; i++)
        async_create_task(sleeper, NULL);
    async_sleep(0); /* every sleeper takes its stack first */
    async_await(async_create_task_named(deep_then_yield, ARG(17),
                                        "deep_slab"));
    log_event("survived");
    return ASYNC_NONE;
}

static void
child_slab_overflow(void *arg)
{
    (void)arg;
    async_set_stack_size(64 * 1024); /* earlier tests may have changed it */
    async_run(main_many, NULL); /* 17 x 4 KiB of frames on 64 KiB */
    printf("%s\n", log_get(0));
}

static void
test_stack_overflow_past_the_guards_caught_by_canary(void **state)
{
    (void)state;
    if (RUNNING_ON_VALGRIND) /* it cannot track 33,000 mappings */
        skip();
#ifdef ASYNC_ASAN
    /* AddressSanitizer guards stack frames itself, and with clang it stops
     * the write into the next stack's frames before the canary can. */
    skip();
#endif
    /* act */
    struct child_result r;
    run_in_child(child_slab_overflow, NULL, &r);
    /* assert: named, and stopped before anything ran on the damage */
    assert_contains(r.err, "stack overflow in task 'deep_slab'");
    assert_true(r.exited && r.status != 0);
    assert_null(strstr(r.out, "survived"));
    child_result_free(&r);
}

static void
child_big_stack(void *arg)
{
    (void)arg;
    async_set_stack_size(1024 * 1024);
    async_run(main_deep, ARG(100)); /* 400 KiB of frames on 1 MiB */
    printf("%s\n", log_get(0));
}

static void
test_set_stack_size_bigger_stack_allows_deep_calls(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_big_stack, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "survived\n");
    child_result_free(&r);
}

static void
test_stack_small_recursion_fits_default_stack(void **state)
{
    (void)state;
    /* act */
    /* 8 frames of 4 KiB: well inside 64 KiB */
    async_run(main_deep, ARG(8));
    /* assert */
    assert_log("survived");
    assert_int_equal(stack_size(), 64 * 1024 - 64);
}

static void
child_sizes(void *arg)
{
    (void)arg;
    async_set_stack_size(1000); /* below the minimum */
    printf("%zu ", stack_size());
    async_set_stack_size(70000); /* not a page multiple */
    printf("%zu\n", stack_size());
}

static void
test_set_stack_size_rounds_to_minimum_and_pages(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_sizes, NULL, &r);
    char want[64];
    long page = sysconf(_SC_PAGESIZE);
    long rounded = (70000 + page - 1) / page * page;
    snprintf(want, sizeof want, "%d %ld\n", 16 * 1024 - 64, rounded - 64);
    /* assert */
    assert_string_equal(r.out, want);
    child_result_free(&r);
}

/* Changing the size while a task holds a stack: that stack's bookkeeping
 * would be looked for at the new size, past its end (a crash). Refused. */
static async_value
main_resizes(void *arg)
{
    (void)arg;
    async_set_stack_size(64 * 1024); /* the size it has: fine */
    async_set_stack_size(1024 * 1024);
    return ASYNC_NONE;
}

static void
child_resizes_in_task(void *arg)
{
    (void)arg;
    async_set_stack_size(64 * 1024);
    async_run(main_resizes, NULL);
    printf("returned\n");
}

static void
test_set_stack_size_while_a_task_holds_a_stack_is_refused(void **state)
{
    (void)state;
    /* act */
    struct child_result r;
    run_in_child(child_resizes_in_task, NULL, &r);
    /* assert */
    assert_true(r.exited);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "async_set_stack_size: 1 task still has a stack "
                           "of 64 KiB; the size can only change while no "
                           "task runs: call it before async_run");
    child_result_free(&r);
}

/* Between two runs no stack is out: the size changes and the pooled
 * stacks of the old size are let go. */
static void
child_resizes_between_runs(void *arg)
{
    (void)arg;
    async_set_stack_size(64 * 1024);
    async_run(main_deep, ARG(8));
    async_set_stack_size(1024 * 1024);
    async_run(main_deep, ARG(100)); /* 400 KiB of frames */
    printf("%s %s\n", log_get(0), log_get(1));
}

static void
test_set_stack_size_between_runs_takes_effect(void **state)
{
    (void)state;
    struct child_result r;
    run_in_child(child_resizes_between_runs, NULL, &r);
    assert_true(r.exited);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "survived survived\n");
    child_result_free(&r);
}

static async_value
big_frame(void *arg)
{
    (void)arg;
    char buf[48 * 1024]; /* three quarters of the default stack */

    memset(buf, 1, sizeof buf);
    __asm__ volatile("" : : "r"(buf) : "memory");
    log_event("used %zu bytes", sizeof buf);
    return ASYNC_INT(buf[0] + buf[sizeof buf - 1]);
}

static void
test_stack_task_can_use_most_of_its_stack(void **state)
{
    (void)state;
    /* act */
    async_value v = async_run(big_frame, NULL);
    /* assert */
    assert_int_equal(v.i, 2);
    assert_log("used 49152 bytes");
}

static void
test_stack_put_then_get_reuses_stack(void **state)
{
    (void)state;
    /* arrange */
    void *a = stack_get("test");
    /* act */
    stack_put(a);
    void *b = stack_get("test");
    /* assert: the pool hands the same stack back, no new mapping */
    assert_ptr_equal(a, b);
    stack_put(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_stack_overflow_names_task_and_kills_program), /* first */
        TEST(test_set_stack_size_bigger_stack_allows_deep_calls),
        TEST(test_stack_small_recursion_fits_default_stack),
        TEST(test_set_stack_size_rounds_to_minimum_and_pages),
        TEST(test_stack_task_can_use_most_of_its_stack),
        TEST(test_stack_put_then_get_reuses_stack),
        TEST(test_set_stack_size_while_a_task_holds_a_stack_is_refused),
        TEST(test_set_stack_size_between_runs_takes_effect),
        TEST(test_stack_overflow_past_the_guards_caught_by_canary),
    };
    return cmocka_run_group_tests_name("test_stack", tests, vclock_setup,
                                       vclock_teardown);
}
