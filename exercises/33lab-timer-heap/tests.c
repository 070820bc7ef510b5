// SPDX-License-Identifier: MIT
/*
 * tests.c: lab 33lab's unit tests, of the runtime's own kind
 * (runtime/tests/test_timer.c). Given: read them, do not change them.
 * Each test runs on its own; the sizes and deadlines are drawn from the
 * run's seed, so only a heap that really orders passes.
 */
#include "unit.h"

#include <stdlib.h>

#include "lab_timer.h"

/* ---- Drawn inputs ---------------------------------------------------- */

/* draw: a number in [lo, hi], from this test's share of the seed. */
static unsigned
draw(unsigned lo, unsigned hi)
{
    return lo + (unsigned)unit_rand_below(hi - lo + 1);
}

/* ---- Helpers ------------------------------------------------------------ */

#define MAX 300

static unsigned long next_seq;

static void
arm(struct lab_heap *h, lab_timer *t, double when)
{
    *t = (lab_timer){.when = when, .seq = next_seq++};
    lab_heap_push(h, t);
}

/* earlier: the order the heap must keep, the tests' own copy (so that
 * a lab_before changed to please them changes nothing). */
static bool
earlier(const lab_timer *x, const lab_timer *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

/* assert_heap: each timer is due no earlier than its parent. */
static void
assert_heap(const struct lab_heap *h)
{
    for (size_t i = 1; i < h->n; i++)
        if (earlier(h->a[i], h->a[(i - 1) / 2]))
            fail_msg("a[%zu] (due %.3f) is due before its parent a[%zu] "
                     "(due %.3f)", i, h->a[i]->when, (i - 1) / 2,
                     h->a[(i - 1) / 2]->when);
}

/* assert_pops_in_order: pops every live timer, each due no earlier than
 * the one before it (ties: armed later); returns how many. */
static size_t
assert_pops_in_order(struct lab_heap *h)
{
    lab_timer *prev = NULL, *t;
    size_t n = 0;

    while ((t = lab_heap_pop(h)) != NULL) {
        assert_true(!t->armed);
        assert_true(!t->cancelled);
        if (prev != NULL && earlier(t, prev))
            fail_msg("popped %.3f (armed #%lu) after %.3f (armed #%lu)",
                     t->when, t->seq, prev->when, prev->seq);
        prev = t;
        n++;
    }
    assert_int_equal(h->n, 0);
    return n;
}

/* ---- 1-2. The heap ---------------------------------------------------------- */

static void
test_heap_empty(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    lab_timer t;

    assert_null(lab_heap_pop(&h));
    assert_null(lab_heap_peek(&h));
    arm(&h, &t, 1.0);
    assert_true(t.armed);
    assert_ptr_equal(lab_heap_pop(&h), &t);
    assert_true(!t.armed);
    assert_null(lab_heap_pop(&h));
    lab_heap_free(&h);
}

static void
test_heap_pops_in_deadline_order(void **state)
{
    (void)state;
    /* arrange: many timers, deadlines drawn to the millisecond (ties
     * come up) */
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    unsigned n = draw(40, MAX);
    for (unsigned i = 0; i < n; i++)
        arm(&h, &t[i], draw(0, 500) / 1000.0);
    assert_int_equal(h.n, n);
    /* act / assert: each once, in order */
    assert_int_equal(assert_pops_in_order(&h), n);
    lab_heap_free(&h);
}

static void
test_heap_keeps_its_shape(void **state)
{
    (void)state;
    /* arrange / act: pushes and pops drawn at random, the heap property
     * checked after each one */
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    unsigned used = 0, ops = draw(100, 250);
    size_t live = 0;
    for (unsigned k = 0; k < ops; k++) {
        if (live > 0 && draw(0, 2) == 0) {
            lab_timer *first = h.a[0];
            assert_ptr_equal(lab_heap_pop(&h), first);
            live--;
        } else {
            arm(&h, &t[used++], draw(0, 1000) / 100.0);
            live++;
        }
        /* assert */
        assert_int_equal(h.n, live);
        assert_heap(&h);
    }
    assert_pops_in_order(&h);
    lab_heap_free(&h);
}

static void
test_heap_peek_leaves_it(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    unsigned n = draw(5, 60);
    for (unsigned i = 0; i < n; i++)
        arm(&h, &t[i], draw(1, 100) / 10.0);
    /* act / assert: peek is the next pop, and takes nothing */
    for (unsigned i = 0; i < n; i++) {
        lab_timer *seen = lab_heap_peek(&h);
        assert_non_null(seen);
        assert_true(seen->armed);
        assert_int_equal(h.n, n - i);
        assert_ptr_equal(lab_heap_pop(&h), seen);
    }
    assert_null(lab_heap_peek(&h));
    lab_heap_free(&h);
}

/* A binary heap on its own is not stable: equal keys come out in an
 * order the tree's shape decides (asyncio's heap compares deadlines
 * only, and its ties do). Comparing the arming order after the deadline
 * is what makes ties come out in the order they were armed. */
static void
test_heap_equal_deadlines_in_arming_order(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    unsigned n = draw(20, 120);
    lab_timer *tied[MAX];
    unsigned ntied = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned pick = draw(0, 2); /* earlier, tied, or later */
        arm(&h, &t[i], pick == 1 ? 2.0 : pick == 0 ? draw(0, 19) / 10.0
                                                   : draw(21, 40) / 10.0);
        if (pick == 1)
            tied[ntied++] = &t[i];
    }
    /* act: pop everything due before 2.0 */
    while (lab_heap_peek(&h) != NULL && lab_heap_peek(&h)->when < 2.0)
        lab_heap_pop(&h);
    /* assert: the tied ones next, in the order they were armed */
    for (unsigned i = 0; i < ntied; i++) {
        lab_timer *got = lab_heap_pop(&h);
        assert_non_null(got);
        if (got != tied[i])
            fail_msg("the timers due at 2.000 must come out in arming "
                     "order: got #%lu (due %.3f), expected #%lu", got->seq,
                     got->when, tied[i]->seq);
    }
    lab_heap_free(&h);
}

/* ---- 3. Cancelling ------------------------------------------------------------ */

static void
test_cancel_is_never_popped(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    unsigned n = draw(30, 200), cancelled = 0;
    for (unsigned i = 0; i < n; i++)
        arm(&h, &t[i], draw(0, 300) / 100.0);
    for (unsigned i = 0; i < n; i++)
        if (draw(0, 2) == 0) {
            lab_timer_cancel(&h, &t[i]);
            lab_timer_cancel(&h, &t[i]); /* twice counts once */
            cancelled++;
        }
    /* act / assert: the marked ones stay until they leave the heap */
    assert_int_equal(h.n, n);
    assert_int_equal(h.cancelled, cancelled);
    assert_int_equal(assert_pops_in_order(&h), n - cancelled);
    assert_int_equal(h.cancelled, 0);
    for (unsigned i = 0; i < n; i++)
        assert_true(!t[i].armed);
    lab_heap_free(&h);
}

static void
test_cancel_top_then_peek(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    lab_timer t[4];
    arm(&h, &t[0], 3.0);
    arm(&h, &t[1], 1.0);
    arm(&h, &t[2], 1.0);
    arm(&h, &t[3], 2.0);
    /* act: cancel the two earliest */
    lab_timer_cancel(&h, &t[1]);
    lab_timer_cancel(&h, &t[2]);
    /* assert: peek drops them and shows the next live one */
    assert_ptr_equal(lab_heap_peek(&h), &t[3]);
    assert_int_equal(h.n, 2);
    assert_int_equal(h.cancelled, 0);
    assert_true(!t[1].armed);
    assert_true(!t[2].armed);
    assert_heap(&h);
    lab_heap_free(&h);
}

static void
test_purge_drops_and_reheapifies(void **state)
{
    (void)state;
    struct lab_heap h = {0};
    static lab_timer t[MAX];
    /* arrange: first a heap whose packed remains are no heap:
     * [1 5 2 6 7 3 4] less 1 and 6 packs to [5 2 7 3 4] */
    double when[] = {1, 5, 2, 6, 7, 3, 4};
    for (int i = 0; i < 7; i++)
        arm(&h, &t[i], when[i]);
    lab_timer_cancel(&h, &t[0]);
    lab_timer_cancel(&h, &t[3]);
    lab_heap_purge(&h);
    assert_int_equal(h.n, 5);
    assert_heap(&h);
    assert_int_equal(assert_pops_in_order(&h), 5);
    /* then many, most of them cancelled */
    unsigned n = draw(60, MAX), live = 0;
    for (unsigned i = 0; i < n; i++)
        arm(&h, &t[i], draw(0, 1000) / 100.0);
    for (unsigned i = 0; i < n; i++) {
        if (draw(0, 2) != 0)
            lab_timer_cancel(&h, &t[i]);
        else
            live++;
    }
    /* act */
    lab_heap_purge(&h);
    /* assert: only the live ones, a heap again */
    assert_int_equal(h.n, live);
    assert_int_equal(h.cancelled, 0);
    for (unsigned i = 0; i < n; i++)
        assert_true(t[i].armed == !t[i].cancelled);
    assert_heap(&h);
    assert_int_equal(assert_pops_in_order(&h), live);
    lab_heap_free(&h);
}

/* ---- 4-5. The loop, on a fake clock ------------------------------------------ */

/* The fake clock: wait() moves it by the timeout, but every other wait
 * by only `share` of it when share < 1 (a wait that ends early, as a
 * signal can make a real one). A wait with no limit is recorded: nothing
 * could end it. */
struct fake {
    double now, share;
    int endless, waits;
};

static double
fake_now(void *self)
{
    return ((struct fake *)self)->now;
}

static void
fake_wait(void *self, double timeout)
{
    struct fake *f = self;

    if (timeout < 0)
        f->endless++;
    else
        f->now += timeout * (f->waits++ % 2 == 0 ? f->share : 1);
}

static struct fake clock_;
static lab_loop loop;

static void
start(double now, double share)
{
    clock_ = (struct fake){.now = now, .share = share};
    lab_loop_init(&loop, (struct lab_clock){fake_now, fake_wait, &clock_});
}

/* What the callbacks saw: who ran, and when. */
static struct {
    int id;
    double at;
} fired[MAX];
static int nfired;
static int ids[MAX];

static void
record(void *arg)
{
    fired[nfired].id = *(int *)arg;
    fired[nfired++].at = clock_.now;
}

static void *
id(int i)
{
    ids[i] = i;
    return &ids[i];
}

/* run_until_idle: turns until nothing is ready or armed; the count. */
static int
run_until_idle(void)
{
    int turns = 0;

    while (loop.ready != NULL || lab_heap_peek(&loop.timers) != NULL) {
        lab_loop_run_once(&loop);
        if (++turns > 10000)
            fail_msg("still running after 10000 turns");
    }
    return turns;
}

static void
test_timeout_values(void **state)
{
    (void)state;
    lab_timer a, b, soon;
    double d = draw(1, 40) / 8.0; /* eighths: exact in binary */
    start(100.0, 1);
    /* nothing at all: no limit */
    assert_true(lab_loop_timeout(&loop) == -1);
    /* a timer: the time left until it */
    lab_call_later(&loop, &a, d, record, id(0));
    lab_call_later(&loop, &b, d + 1, record, id(1));
    assert_true(a.when == 100.0 + d);
    assert_true(lab_loop_timeout(&loop) == d);
    /* its deadline passed: 0, never below */
    clock_.now += d + 0.5;
    assert_true(lab_loop_timeout(&loop) == 0);
    /* a cancelled top does not count */
    lab_timer_cancel(&loop.timers, &a);
    assert_true(lab_loop_timeout(&loop) == 0.5);
    /* something ready: no waiting at all */
    lab_call_soon(&loop, &soon, record, id(2));
    assert_true(lab_loop_timeout(&loop) == 0);
    lab_loop_free(&loop);
}

static void
test_call_later_fires_at_deadline(void **state)
{
    (void)state;
    static lab_timer t[MAX];
    double when[MAX];
    int n = (int)draw(5, 40);
    start(0, 1);
    for (int i = 0; i < n; i++) {
        when[i] = draw(0, 80) / 8.0;
        lab_call_later(&loop, &t[i], when[i], record, id(i));
    }
    nfired = 0;
    /* act */
    run_until_idle();
    /* assert: each once, at its deadline exactly, earliest first */
    assert_int_equal(nfired, n);
    for (int k = 0; k < n; k++) {
        if (fired[k].at != when[fired[k].id])
            fail_msg("timer %d (due %.3f) fired at %.3f", fired[k].id,
                     when[fired[k].id], fired[k].at);
        if (k > 0 && fired[k].at < fired[k - 1].at)
            fail_msg("fired at %.3f after %.3f", fired[k].at,
                     fired[k - 1].at);
    }
    assert_int_equal(clock_.endless, 0);
    lab_loop_free(&loop);
}

static void
test_call_at_is_absolute(void **state)
{
    (void)state;
    lab_timer at, later, early;
    double base = draw(1, 1000);
    start(base, 1);
    nfired = 0;
    /* act: the same instant, one absolute, one relative; one before */
    lab_call_at(&loop, &at, base + 0.5, record, id(0));
    lab_call_later(&loop, &later, 0.5, record, id(1));
    lab_call_at(&loop, &early, base + 0.25, record, id(2));
    run_until_idle();
    /* assert */
    assert_int_equal(nfired, 3);
    assert_int_equal(fired[0].id, 2);
    assert_true(fired[0].at == base + 0.25);
    assert_int_equal(fired[1].id, 0); /* armed first */
    assert_int_equal(fired[2].id, 1);
    assert_true(fired[2].at == base + 0.5);
    lab_loop_free(&loop);
}

static void
test_early_wake_fires_nothing_early(void **state)
{
    (void)state;
    static lab_timer t[MAX];
    double when[MAX];
    int n = (int)draw(3, 20);
    /* arrange: every wait ends at a drawn share of its timeout */
    start(0, draw(1, 7) / 8.0);
    for (int i = 0; i < n; i++) {
        when[i] = draw(1, 40) / 8.0;
        lab_call_later(&loop, &t[i], when[i], record, id(i));
    }
    nfired = 0;
    /* act: a few turns more than with whole waits */
    run_until_idle();
    /* assert: no timer fired before its deadline */
    assert_int_equal(nfired, n);
    for (int k = 0; k < n; k++)
        if (fired[k].at < when[fired[k].id])
            fail_msg("timer %d (due %.3f) fired early, at %.3f",
                     fired[k].id, when[fired[k].id], fired[k].at);
    lab_loop_free(&loop);
}

/* A callback that cancels another timer due at the same instant: that
 * one is already in the ready queue, and must not run either. */
static lab_timer victims[2];

static void
cancel_other(void *arg)
{
    record(arg);
    lab_timer_cancel(&loop.timers, &victims[1]);
}

static void
test_cancelled_timer_never_runs(void **state)
{
    (void)state;
    static lab_timer t[MAX];
    int n = (int)draw(4, 30);
    bool cancelled[MAX] = {false};
    start(0, 1);
    nfired = 0;
    for (int i = 0; i < n; i++)
        lab_call_later(&loop, &t[i], draw(0, 40) / 8.0, record, id(i));
    for (int i = 0; i < n; i++)
        if (draw(0, 1)) {
            lab_timer_cancel(&loop.timers, &t[i]);
            cancelled[i] = true;
        }
    lab_call_later(&loop, &victims[0], 6.0, cancel_other, id(n));
    lab_call_later(&loop, &victims[1], 6.0, record, id(n + 1));
    /* act */
    run_until_idle();
    /* assert: every live one ran, no cancelled one did */
    int live = 1;
    for (int i = 0; i < n; i++)
        live += !cancelled[i];
    for (int k = 0; k < nfired; k++)
        if (fired[k].id == n + 1 ||
            (fired[k].id < n && cancelled[fired[k].id]))
            fail_msg("timer %d was cancelled but ran at %.3f", fired[k].id,
                     fired[k].at);
    assert_int_equal(nfired, live);
    lab_loop_free(&loop);
}

/* A ticker re-arms its own timer from its callback, as a task that
 * sleeps again does; call_later(0) from a callback runs a turn later. */
static lab_timer tick_timer, zero_timer;
static int ticks_left;
static double period;

static void
tick(void *arg)
{
    record(arg);
    if (--ticks_left > 0)
        lab_call_later(&loop, &tick_timer, period, tick, arg);
}

static void
arm_zero(void *arg)
{
    record(arg);
    lab_call_later(&loop, &zero_timer, 0, record, id(2));
}

static void
test_callback_rearms_itself(void **state)
{
    (void)state;
    lab_timer first;
    int n = (int)draw(3, 12);
    period = draw(1, 8) / 8.0;
    ticks_left = n;
    start(0, 1);
    nfired = 0;
    /* act: a ticker, and a callback that asks for a turn at once */
    lab_call_later(&loop, &tick_timer, period, tick, id(0));
    lab_call_soon(&loop, &first, arm_zero, id(1));
    lab_loop_run_once(&loop);
    /* assert: the zero-delay timer waits for the next turn */
    assert_int_equal(nfired, 1);
    assert_int_equal(fired[0].id, 1);
    lab_loop_run_once(&loop);
    assert_int_equal(nfired, 2);
    assert_int_equal(fired[1].id, 2);
    assert_true(fired[1].at == 0);
    run_until_idle();
    assert_int_equal(nfired, 2 + n);
    for (int k = 0; k < n; k++)
        assert_true(fired[2 + k].at == period * (k + 1));
    lab_loop_free(&loop);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_empty),
        cmocka_unit_test(test_heap_pops_in_deadline_order),
        cmocka_unit_test(test_heap_keeps_its_shape),
        cmocka_unit_test(test_heap_peek_leaves_it),
        cmocka_unit_test(test_heap_equal_deadlines_in_arming_order),
        cmocka_unit_test(test_cancel_is_never_popped),
        cmocka_unit_test(test_cancel_top_then_peek),
        cmocka_unit_test(test_purge_drops_and_reheapifies),
        cmocka_unit_test(test_timeout_values),
        cmocka_unit_test(test_call_later_fires_at_deadline),
        cmocka_unit_test(test_call_at_is_absolute),
        cmocka_unit_test(test_early_wake_fires_nothing_early),
        cmocka_unit_test(test_cancelled_timer_never_runs),
        cmocka_unit_test(test_callback_rearms_itself),
    };
    unit_args(argc, argv);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
