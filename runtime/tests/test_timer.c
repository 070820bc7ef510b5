/* SPDX-License-Identifier: MIT */
/*
 * test_timer.c: the timer heap (through internal.h) and the clocks. The
 * heap must pop deadlines in order, ties in arming order, survive
 * removals from the middle, and sort 10,000 random timers; the virtual
 * clock must jump exactly to deadlines and never run backwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "async.h"
#include "internal.h"
#include "helpers.h"

static uint64_t seq; /* arming order for the handles made below */

static async_handle
timer_at(double when)
{
    return (async_handle){.when = when, .seq = seq++, .heap_index = NO_HEAP};
}

static void
test_timer_pop_earliest_first(void **state)
{
    (void)state;
    /* arrange */
    struct timer_heap h = {0};
    double when[] = {0.5, 0.1, 0.9, 0.3, 0.7};
    async_handle t[5];
    for (int i = 0; i < 5; i++) {
        t[i] = timer_at(when[i]);
        timer_push(&h, &t[i]);
    }
    /* act / assert */
    assert_int_equal(h.n, 5);
    double expect[] = {0.1, 0.3, 0.5, 0.7, 0.9};
    for (int i = 0; i < 5; i++) {
        async_handle *got = timer_pop(&h);
        assert_non_null(got);
        assert_true(got->when == expect[i]);
        assert_int_equal(got->heap_index, NO_HEAP);
    }
    assert_null(timer_pop(&h));
    timer_free(&h);
}

static void
test_timer_pop_ties_in_arming_order(void **state)
{
    (void)state;
    /* arrange: eight timers due at the same instant, one earlier */
    struct timer_heap h = {0};
    async_handle t[9];
    for (int i = 0; i < 8; i++) {
        t[i] = timer_at(1.0);
        timer_push(&h, &t[i]);
    }
    t[8] = timer_at(0.5);
    timer_push(&h, &t[8]);
    /* act / assert */
    assert_ptr_equal(timer_pop(&h), &t[8]);
    for (int i = 0; i < 8; i++)
        assert_ptr_equal(timer_pop(&h), &t[i]);
    timer_free(&h);
}

static void
test_timer_remove_from_middle_keeps_order(void **state)
{
    (void)state;
    /* arrange */
    struct timer_heap h = {0};
    async_handle t[20];
    for (int i = 0; i < 20; i++) {
        t[i] = timer_at((double)((i * 7) % 20)); /* a permutation of 0..19 */
        timer_push(&h, &t[i]);
    }
    /* act: remove the timers due at 3, 10 and 19, wherever they sit */
    for (int i = 0; i < 20; i++) {
        int w = (int)t[i].when;
        if (w == 3 || w == 10 || w == 19)
            timer_remove(&h, &t[i]);
    }
    /* assert */
    assert_int_equal(h.n, 17);
    double prev = -1;
    async_handle *got;
    while ((got = timer_pop(&h)) != NULL) {
        assert_true(got->when > prev);
        assert_true(got->when != 3 && got->when != 10 && got->when != 19);
        prev = got->when;
    }
    timer_free(&h);
}

static void
test_timer_remove_keeps_heap_index_consistent(void **state)
{
    (void)state;
    struct timer_heap h = {0};
    async_handle t[50];
    for (int i = 0; i < 50; i++) {
        t[i] = timer_at((double)((i * 31) % 50));
        timer_push(&h, &t[i]);
    }
    for (int i = 0; i < 50; i += 3)
        timer_remove(&h, &t[i]);
    /* every armed handle knows where it is */
    for (size_t k = 0; k < h.n; k++)
        assert_int_equal(h.a[k].t->heap_index, k);
    for (int i = 0; i < 50; i += 3)
        assert_int_equal(t[i].heap_index, NO_HEAP);
    timer_free(&h);
}

static void
test_timer_pop_ten_thousand_random_sorted(void **state)
{
    (void)state;
    /* arrange: deadlines with many ties (whole milliseconds) */
    enum { N = 10000 };
    struct timer_heap h = {0};
    async_handle *t = malloc(N * sizeof *t);
    assert_non_null(t);
    srand(12345);
    for (int i = 0; i < N; i++) {
        t[i] = timer_at((rand() % 2000) / 1000.0);
        timer_push(&h, &t[i]);
    }
    /* act / assert: sorted on (deadline, arming order) */
    async_handle *prev = timer_pop(&h);
    for (int i = 1; i < N; i++) {
        async_handle *got = timer_pop(&h);
        assert_non_null(got);
        assert_true(prev->when < got->when ||
                    (prev->when == got->when && prev->seq < got->seq));
        prev = got;
    }
    assert_int_equal(h.n, 0);
    timer_free(&h);
    free(t);
}

/* ---- The clocks --------------------------------------------------------- */

struct stamp {
    char name[16];  /* what to log */
    double t0;      /* the time the callback was armed */
};

static void
stamp_cb(void *arg)
{
    struct stamp *s = arg;
    log_event("%s after %.3f", s->name, async_time() - s->t0);
}

static void
test_time_virtual_jumps_to_each_deadline(void **state)
{
    (void)state;
    /* arrange */
    async_loop *loop = async_loop_new();
    double t0 = async_time();
    struct stamp s[2] = {{"slow", t0}, {"fast", t0}};
    async_call_later(2.5, stamp_cb, &s[0]);
    async_call_later(0.25, stamp_cb, &s[1]);
    /* act */
    async_call_later(3.0, stop_cb, loop);
    async_loop_run_forever(loop);
    async_loop_close(loop);
    /* assert: exact to the millisecond (a wait overshoots by
     * microseconds, as a real one does) */
    assert_log("fast after 0.250", "slow after 2.500");
}

static async_value
hour_sleeper(void *arg)
{
    (void)arg;
    async_sleep(3600);
    return ASYNC_NONE;
}

static void
test_time_virtual_hour_sleep_is_instant_and_exact(void **state)
{
    (void)state;
    /* act */
    double t0 = async_time();
    async_run(hour_sleeper, NULL);
    double el = async_time() - t0;
    /* an hour of sleep, plus microseconds of step and wake-up costs */
    /* assert */
    assert_true(el >= 3600.0);
    assert_true(el < 3600.0 + 1e-3);
}

static void
test_time_virtual_never_goes_back(void **state)
{
    (void)state;
    /* act */
    double a = async_time();
    async_run(hour_sleeper, NULL);
    double b = async_time();
    async_run(hour_sleeper, NULL);
    double c = async_time();
    /* assert */
    assert_true(a < b && b < c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_timer_pop_earliest_first),
        TEST(test_timer_pop_ties_in_arming_order),
        TEST(test_timer_remove_from_middle_keeps_order),
        TEST(test_timer_remove_keeps_heap_index_consistent),
        TEST(test_timer_pop_ten_thousand_random_sorted),
        TEST(test_time_virtual_jumps_to_each_deadline),
        TEST(test_time_virtual_hour_sleep_is_instant_and_exact),
        TEST(test_time_virtual_never_goes_back),
    };
    return cmocka_run_group_tests_name("test_timer", tests, vclock_setup,
                                       vclock_teardown);
}
