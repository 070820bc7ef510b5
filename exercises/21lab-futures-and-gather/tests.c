/* SPDX-License-Identifier: MIT */
/*
 * tests.c: the lab's tests, written as the runtime's own are
 * (runtime/tests/test_future.c, test_gather.c). Each test runs in a
 * process of its own; `make run EX=21lab` runs them all, and the
 * program built there takes a seed and test names: `./tests 42
 * test_gather_results_in_argument_order`. Read a failing test: its
 * name and its asserts say what your code must do.
 */
#include "unit.h"

#include "future.h"

/* ---- What the callbacks saw --------------------------------------------- */

#define LOG_MAX 64
static long seen[LOG_MAX]; /* what each callback run logged, in order */
static size_t nseen;

/* log_arg: a done-callback that logs its argument (a number). */
static void
log_arg(lab_future *f, void *arg)
{
    (void)f;
    assert_true(nseen < LOG_MAX);
    seen[nseen++] = (long)(intptr_t)arg;
}

/* log_result: a done-callback that logs the future's result. */
static void
log_result(lab_future *f, void *arg)
{
    (void)arg;
    assert_true(nseen < LOG_MAX);
    assert_int_equal(f->state, LAB_DONE);
    seen[nseen++] = lab_future_result(f);
}

#define ARG(n) ((void *)(intptr_t)(n))

/* ---- Part 1: a future is set once ------------------------------------- */

static void
test_new_future_is_pending(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    assert_false(lab_future_done(&f));
    assert_int_equal(f.state, LAB_PENDING);
    assert_null(f.first);
}

static void
test_set_result_makes_it_done(void **state)
{
    (void)state;
    long v = (long)unit_rand_below(1000000);
    lab_future f;
    lab_future_init(&f);
    assert_true(lab_future_set_result(&f, v));
    assert_true(lab_future_done(&f));
    assert_int_equal(f.state, LAB_DONE);
    assert_int_equal(lab_future_result(&f), v);
}

static void
test_outcome_is_set_once(void **state)
{
    (void)state;
    long v = 1 + (long)unit_rand_below(1000);
    lab_future f;
    lab_future_init(&f);
    lab_future_add_done_callback(&f, log_result, NULL);
    assert_true(lab_future_set_result(&f, v));
    assert_false(lab_future_set_result(&f, v + 1));
    assert_false(lab_future_set_error(&f, 5));
    assert_int_equal(f.state, LAB_DONE);
    assert_int_equal(lab_future_result(&f), v);
    lab_run();
    assert_int_equal(nseen, 1); /* its callback ran once */
    assert_int_equal(seen[0], v);
}

/* ---- Part 2: done-callbacks, through the loop ---------------------------- */

static void
test_callbacks_wait_for_the_loop(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    lab_future_add_done_callback(&f, log_arg, ARG(1));
    lab_future_add_done_callback(&f, log_arg, ARG(2));
    assert_int_equal(lab_queued(), 0); /* pending: nothing to run */
    lab_future_set_result(&f, 7);
    assert_int_equal(nseen, 0);        /* setting it ran none */
    assert_int_equal(lab_queued(), 2); /* it queued both */
    assert_int_equal(lab_run(), 2);
    assert_int_equal(nseen, 2);
}

static void
test_callbacks_run_in_the_order_added(void **state)
{
    (void)state;
    size_t n = 3 + unit_rand_below(20);
    long want[LOG_MAX];
    lab_future f;
    lab_future_init(&f);
    for (size_t i = 0; i < n; i++) {
        want[i] = (long)unit_rand_below(1000);
        lab_future_add_done_callback(&f, log_arg, ARG(want[i]));
    }
    lab_future_set_error(&f, 3); /* failing runs them too */
    lab_run();
    assert_int_equal(nseen, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(seen[i], want[i]);
}

static void
test_callback_added_when_done_runs_soon(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    lab_future_set_result(&f, 4);
    lab_future_add_done_callback(&f, log_arg, ARG(9));
    assert_int_equal(nseen, 0); /* not now: soon */
    assert_int_equal(lab_queued(), 1);
    lab_run();
    assert_int_equal(nseen, 1);
    assert_int_equal(seen[0], 9);
}

static void
test_removed_callbacks_do_not_run(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    lab_future_add_done_callback(&f, log_arg, ARG(1));
    lab_future_add_done_callback(&f, log_arg, ARG(2));
    lab_future_add_done_callback(&f, log_arg, ARG(3));
    lab_future_add_done_callback(&f, log_arg, ARG(2));
    lab_future_add_done_callback(&f, log_arg, ARG(4));
    assert_int_equal(lab_future_remove_done_callback(&f, log_arg, ARG(2)), 2);
    assert_int_equal(lab_future_remove_done_callback(&f, log_arg, ARG(4)), 1);
    assert_int_equal(lab_future_remove_done_callback(&f, log_arg, ARG(5)), 0);
    lab_future_add_done_callback(&f, log_arg, ARG(6)); /* after the last */
    lab_future_set_result(&f, 0);
    lab_run();
    assert_int_equal(nseen, 3);
    assert_int_equal(seen[0], 1);
    assert_int_equal(seen[1], 3);
    assert_int_equal(seen[2], 6);
}

/* ---- Part 3: cancelling -------------------------------------------------- */

static void
test_cancel_pending_future(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    lab_future_add_done_callback(&f, log_arg, ARG(1));
    assert_true(lab_future_cancel(&f));
    assert_true(lab_future_done(&f));
    assert_int_equal(f.state, LAB_CANCELLED);
    assert_int_equal(nseen, 0); /* queued, not run */
    assert_false(lab_future_cancel(&f));
    assert_false(lab_future_set_result(&f, 2));
    lab_run();
    assert_int_equal(nseen, 1); /* once */
}

static void
test_cancel_done_future_is_refused(void **state)
{
    (void)state;
    lab_future f;
    lab_future_init(&f);
    lab_future_set_result(&f, 8);
    assert_false(lab_future_cancel(&f));
    assert_int_equal(f.state, LAB_DONE);
    assert_int_equal(lab_future_result(&f), 8);
}

/* ---- Part 4: gather ------------------------------------------------------- */

#define MAXN 12

/* n futures, in fs[0..n) */
static void
init_all(lab_future *fs, lab_future **ptrs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lab_future_init(&fs[i]);
        ptrs[i] = &fs[i];
    }
}

static void
test_gather_results_in_argument_order(void **state)
{
    (void)state;
    size_t n = 3 + unit_rand_below(MAXN - 3);
    lab_future fs[MAXN], *ptrs[MAXN];
    long value[MAXN];
    int order[MAXN];
    init_all(fs, ptrs, n);
    lab_gather *g = lab_gather_new(ptrs, n);
    for (size_t i = 0; i < n; i++) {
        value[i] = (long)unit_rand_below(100000);
        order[i] = (int)i;
    }
    unit_shuffle(order, n);
    for (size_t k = 0; k < n; k++) { /* finish in a drawn order */
        size_t i = (size_t)order[k];
        lab_future_set_result(&fs[i], value[i]);
        lab_run();
    }
    assert_int_equal(g->outer.state, LAB_DONE);
    assert_int_equal(lab_future_result(&g->outer), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(g->results[i], value[i]);
    lab_gather_free(g);
}

static void
test_gather_waits_for_every_child(void **state)
{
    (void)state;
    lab_future fs[3], *ptrs[3];
    init_all(fs, ptrs, 3);
    lab_gather *g = lab_gather_new(ptrs, 3);
    lab_future_add_done_callback(&g->outer, log_result, NULL);
    lab_future_set_result(&fs[2], 30);
    lab_future_set_result(&fs[0], 10);
    lab_run();
    assert_false(lab_future_done(&g->outer));
    lab_future_set_result(&fs[1], 20);
    assert_false(lab_future_done(&g->outer)); /* through the loop */
    lab_run();
    assert_true(lab_future_done(&g->outer));
    assert_int_equal(nseen, 1); /* the outer's callback ran */
    assert_int_equal(seen[0], 3);
    lab_gather_free(g);
}

static void
test_gather_of_nothing_is_done_at_once(void **state)
{
    (void)state;
    lab_gather *g = lab_gather_new(NULL, 0);
    assert_true(lab_future_done(&g->outer));
    assert_int_equal(g->outer.state, LAB_DONE);
    assert_int_equal(lab_future_result(&g->outer), 0);
    lab_gather_free(g);
}

static void
test_gather_fails_with_the_first_error(void **state)
{
    (void)state;
    lab_future fs[4], *ptrs[4];
    int first = 1 + (int)unit_rand_below(1000);
    init_all(fs, ptrs, 4);
    lab_gather *g = lab_gather_new(ptrs, 4);
    lab_future_set_result(&fs[0], 1);
    lab_future_set_error(&fs[3], first);
    lab_future_set_error(&fs[1], first + 1);
    lab_run();
    assert_int_equal(g->outer.state, LAB_FAILED);
    assert_int_equal(g->outer.error, first);
    assert_false(lab_future_done(&fs[2])); /* not waited for, not touched */
    lab_future_set_result(&fs[2], 3);      /* changes nothing */
    lab_run();
    assert_int_equal(g->outer.state, LAB_FAILED);
    assert_int_equal(g->outer.error, first);
    lab_gather_free(g);
}

static void
test_gather_is_cancelled_with_a_child(void **state)
{
    (void)state;
    lab_future fs[3], *ptrs[3];
    init_all(fs, ptrs, 3);
    lab_gather *g = lab_gather_new(ptrs, 3);
    lab_future_cancel(&fs[1]);
    lab_run();
    assert_int_equal(g->outer.state, LAB_CANCELLED);
    assert_false(lab_future_done(&fs[0])); /* the others run on */
    assert_false(lab_future_done(&fs[2]));
    lab_future_set_error(&fs[0], 4); /* too late to change it */
    lab_run();
    assert_int_equal(g->outer.state, LAB_CANCELLED);
    lab_gather_free(g);
}

static void
test_cancelling_the_gather_cancels_its_children(void **state)
{
    (void)state;
    lab_future fs[4], *ptrs[4];
    init_all(fs, ptrs, 4);
    lab_gather *g = lab_gather_new(ptrs, 4);
    lab_future_set_result(&fs[2], 5);
    lab_run();
    assert_true(lab_gather_cancel(g));
    assert_false(lab_future_done(&g->outer)); /* told by a callback, later */
    assert_int_equal(fs[0].state, LAB_CANCELLED);
    assert_int_equal(fs[1].state, LAB_CANCELLED);
    assert_int_equal(fs[2].state, LAB_DONE); /* done already: left alone */
    assert_int_equal(fs[3].state, LAB_CANCELLED);
    lab_run();
    assert_int_equal(g->outer.state, LAB_CANCELLED);
    assert_false(lab_gather_cancel(g)); /* nothing left to cancel */
    lab_gather_free(g);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_future_is_pending),
        cmocka_unit_test(test_set_result_makes_it_done),
        cmocka_unit_test(test_outcome_is_set_once),
        cmocka_unit_test(test_callbacks_wait_for_the_loop),
        cmocka_unit_test(test_callbacks_run_in_the_order_added),
        cmocka_unit_test(test_callback_added_when_done_runs_soon),
        cmocka_unit_test(test_removed_callbacks_do_not_run),
        cmocka_unit_test(test_cancel_pending_future),
        cmocka_unit_test(test_cancel_done_future_is_refused),
        cmocka_unit_test(test_gather_results_in_argument_order),
        cmocka_unit_test(test_gather_waits_for_every_child),
        cmocka_unit_test(test_gather_of_nothing_is_done_at_once),
        cmocka_unit_test(test_gather_fails_with_the_first_error),
        cmocka_unit_test(test_gather_is_cancelled_with_a_child),
        cmocka_unit_test(test_cancelling_the_gather_cancels_its_children),
    };
    unit_args(argc, argv);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
