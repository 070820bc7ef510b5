// SPDX-License-Identifier: MIT
/*
 * Lab 33lab: the timer heap and call_later.
 *
 * Every call_later is a deadline in a binary min-heap, so the loop finds
 * the next one in O(1) and arms one in O(log n); cancelling only marks
 * the timer, as asyncio's TimerHandle.cancel() does, and the loop drops
 * it when it reaches the top (or purges the heap when the dead outnumber
 * the living). The runtime's own heap is runtime/timer.c; its loop,
 * runtime/loop.c. Read them once your tests pass.
 *
 * Yours, in order (README.md says more):
 *   1. sift_up and lab_heap_push;
 *   2. sift_down, take_top, lab_heap_pop and lab_heap_peek;
 *   3. lab_timer_cancel and lab_heap_purge;
 *   4. lab_call_at and lab_call_later;
 *   5. lab_loop_timeout and lab_loop_wake_due.
 *
 * Check it: make grade EX=33lab    Stuck? python3 grader/grade.py --hint 33lab
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "async.h"
#include "lab_timer.h"

/* ---- Given: the order, and the heap's memory ---------------------------- */

bool
lab_before(const lab_timer *x, const lab_timer *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

/* grow: room for one more timer. Doubling keeps pushes amortised O(1)
 * in memory, and popping never allocates. */
static void
grow(struct lab_heap *h)
{
    if (h->n < h->cap)
        return;
    size_t cap = h->cap ? 2 * h->cap : 4;
    lab_timer **a = realloc(h->a, cap * sizeof *a);
    if (a == NULL) {
        fprintf(stderr, "lab_heap_push: out of memory for %zu timers\n", cap);
        exit(1);
    }
    h->a = a;
    h->cap = cap;
}

void
lab_heap_free(struct lab_heap *h)
{
    for (size_t i = 0; i < h->n; i++)
        h->a[i]->armed = false;
    free(h->a);
    *h = (struct lab_heap){0};
}

/* ---- 1. Pushing --------------------------------------------------------- */

/* sift_up: the timer at i may be due before its parent; move it up until
 * it is not. */
static void
sift_up(struct lab_heap *h, size_t i)
{
    /* TODO: while i is not the root and a[i] is due before its parent
     * a[(i - 1) / 2], swap them and go on from the parent's place. */
    while (i > 0 && lab_before(h->a[i], h->a[(i - 1) / 2])) {
        lab_timer *t = h->a[i];
        h->a[i] = h->a[(i - 1) / 2];
        h->a[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

void
lab_heap_push(struct lab_heap *h, lab_timer *t)
{
    assert(!t->armed); /* armed twice: it would fire twice */
    grow(h);
    /* TODO: put t in the first free slot, mark it armed, sift it up. */
    h->a[h->n++] = t;
    t->armed = true;
    sift_up(h, h->n - 1);
}

/* ---- 2. Popping ---------------------------------------------------------- */

/* sift_down: the timer at i may be due after one of its children; move it
 * down, each time in place of the child due first, until it is not. */
static void
sift_down(struct lab_heap *h, size_t i)
{
    /* TODO: c = 2i + 1 is the left child (none when c >= n); take the
     * right one, c + 1, if it exists and is due first. If a[c] is due
     * before a[i], swap them and go on from c; else stop. */
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            return;
        if (c + 1 < h->n && lab_before(h->a[c + 1], h->a[c]))
            c++;
        if (!lab_before(h->a[c], h->a[i]))
            return;
        lab_timer *t = h->a[i];
        h->a[i] = h->a[c];
        h->a[c] = t;
        i = c;
    }
}

/* take_top: removes a[0] (the heap is not empty) and returns it, no
 * longer armed; the last timer takes its place and sinks. */
static lab_timer *
take_top(struct lab_heap *h)
{
    /* TODO: keep a[0]; move the last timer to the root; sift it down;
     * the timer taken is no longer armed. */
    lab_timer *t = h->a[0];
    h->a[0] = h->a[--h->n];
    sift_down(h, 0);
    t->armed = false;
    return t;
}

lab_timer *
lab_heap_pop(struct lab_heap *h)
{
    /* TODO: take the top until it is a live timer (a cancelled one is
     * dropped, and no longer counted in h->cancelled); NULL when empty. */
    while (h->n > 0) {
        lab_timer *t = take_top(h);
        if (!t->cancelled)
            return t;
        h->cancelled--;
    }
    return NULL;
}

lab_timer *
lab_heap_peek(struct lab_heap *h)
{
    /* TODO: drop the cancelled timers at the top, as pop does; return
     * a[0] without taking it, or NULL when empty. */
    while (h->n > 0 && h->a[0]->cancelled) {
        take_top(h);
        h->cancelled--;
    }
    return h->n > 0 ? h->a[0] : NULL;
}

/* ---- 3. Cancelling -------------------------------------------------------- */

void
lab_timer_cancel(struct lab_heap *h, lab_timer *t)
{
    /* TODO: mark t cancelled (once); count it in h->cancelled if it is
     * still in the heap. It stays there: finding it would cost O(n). */
    if (t->cancelled)
        return;
    t->cancelled = true;
    if (t->armed)
        h->cancelled++;
}

void
lab_heap_purge(struct lab_heap *h)
{
    /* TODO: keep only the live timers, packed at the front (the others
     * are no longer armed); then make the array a heap again, sifting
     * down every parent from the last one to the root. */
    size_t live = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (h->a[i]->cancelled)
            h->a[i]->armed = false;
        else
            h->a[live++] = h->a[i];
    }
    h->n = live;
    h->cancelled = 0;
    for (size_t i = h->n / 2; i-- > 0;)
        sift_down(h, i);
}

/* ---- Given: the loop ------------------------------------------------------ */

void
lab_loop_init(lab_loop *loop, struct lab_clock clock)
{
    *loop = (lab_loop){.clock = clock};
}

void
lab_loop_free(lab_loop *loop)
{
    lab_heap_free(&loop->timers);
}

double
lab_loop_time(lab_loop *loop)
{
    return loop->clock.now(loop->clock.self);
}

/* ready: appends t to the ready queue. */
static void
ready(lab_loop *loop, lab_timer *t)
{
    t->next = NULL;
    if (loop->ready_tail)
        loop->ready_tail->next = t;
    else
        loop->ready = t;
    loop->ready_tail = t;
}

void
lab_call_soon(lab_loop *loop, lab_timer *t, lab_callback *cb, void *arg)
{
    *t = (lab_timer){.cb = cb, .arg = arg};
    ready(loop, t);
}

/* ---- 4. Arming ------------------------------------------------------------- */

void
lab_call_at(lab_loop *loop, lab_timer *t, double when, lab_callback *cb,
            void *arg)
{
    /* TODO: fill t (its deadline, the next seq of the loop, cb, arg, not
     * cancelled) and push it on the loop's heap. */
    *t = (lab_timer){.when = when, .seq = loop->next_seq++, .cb = cb,
                     .arg = arg};
    lab_heap_push(&loop->timers, t);
}

void
lab_call_later(lab_loop *loop, lab_timer *t, double delay, lab_callback *cb,
               void *arg)
{
    /* TODO: delay seconds from the loop's time now. */
    lab_call_at(loop, t, lab_loop_time(loop) + delay, cb, arg);
}

/* ---- 5. One iteration -------------------------------------------------------- */

double
lab_loop_timeout(lab_loop *loop)
{
    /* TODO: 0 if a callback is ready; -1 (no limit) if no live timer is
     * armed; else the time until the earliest deadline, never below 0. */
    if (loop->ready != NULL)
        return 0;
    lab_timer *t = lab_heap_peek(&loop->timers);
    if (t == NULL)
        return -1;
    double left = t->when - lab_loop_time(loop);
    return left > 0 ? left : 0;
}

void
lab_loop_wake_due(lab_loop *loop)
{
    /* TODO: move every live timer due by now (when <= now) to the ready
     * queue, earliest first, with ready(). Read the clock once. */
    double now = lab_loop_time(loop);
    lab_timer *t;
    while ((t = lab_heap_peek(&loop->timers)) != NULL && t->when <= now)
        ready(loop, lab_heap_pop(&loop->timers));
}

/* lab_loop_run_once: one turn, in the runtime's phases: purge if most of
 * the heap is dead, wait (no longer than the earliest timer), move the
 * due timers to the ready queue, run exactly what is ready now. */
void
lab_loop_run_once(lab_loop *loop)
{
    struct lab_heap *h = &loop->timers;

    if (h->n >= 8 && h->cancelled > h->n / 2)
        lab_heap_purge(h);
    loop->clock.wait(loop->clock.self, lab_loop_timeout(loop));
    lab_loop_wake_due(loop);
    /* What the callbacks schedule waits for the next turn. */
    lab_timer *t = loop->ready;
    loop->ready = loop->ready_tail = NULL;
    while (t != NULL) {
        lab_timer *next = t->next; /* t's owner may reuse it in cb */
        if (!t->cancelled)
            t->cb(t->arg);
        t = next;
    }
}
