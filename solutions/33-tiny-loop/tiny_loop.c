// SPDX-License-Identifier: MIT
/*
 * Exercise 33: a tiny event loop.
 *
 * The idea (lesson 16, build a loop):
 *   1. A task is a generator that yields how long it wants to sleep
 *      (0: it only lets the others run); its body returning ends it.
 *   2. The loop has a ready queue (push_ready, pop_ready), a table of
 *      timers (arm, take_timer) and a virtual clock, now. Unlike lesson
 *      16's heap, the table keeps its timers in no order: the one due
 *      first is wherever it is, and ties go to the one armed first
 *      (before() compares two timers).
 *   3. One iteration: (1) if nothing is ready and no timer is armed,
 *      stop; (2) if nothing is ready, jump now to the earliest deadline;
 *      (3) move every timer due by now to the ready queue, earliest
 *      first; (4) run exactly the tasks that are ready at this point,
 *      each with step(), not the ones they queue again.
 *
 * Your task: write earliest(), then phases 2 to 4 of run_once. The three
 * tasks below then tick at their times (b before a when both are due
 * together: its timer was armed first), and the loop reports 8
 * iterations.
 *
 * Check it: make grade EX=33    Stuck? python3 grader/grade.py --hint 33
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

#define MAX_TASKS 8

struct task {
    const char *name; /* for the output */
    double interval;  /* seconds between ticks (0: only yield) */
    int ticks;        /* how many */
    async_gen *gen;   /* the body */
};

struct timer {
    double when;       /* the deadline */
    unsigned long seq; /* arming order, for equal deadlines */
    struct task *task; /* who to wake */
};

double now; /* the loop's virtual clock, in seconds */

static struct task tasks[MAX_TASKS];
static int ntasks;

static struct {
    struct task *slot[MAX_TASKS];
    int head, n;
} ready;

static struct {
    struct timer a[MAX_TASKS]; /* in no order: see earliest() */
    int n;
    unsigned long next_seq;
} timers;

/* ---- Given: the ready queue --------------------------------------------- */

static void
push_ready(struct task *t)
{
    ready.slot[(ready.head + ready.n++) % MAX_TASKS] = t;
}

static struct task *
pop_ready(void)
{
    struct task *t = ready.slot[ready.head];
    ready.head = (ready.head + 1) % MAX_TASKS;
    ready.n--;
    return t;
}

/* ---- Given: the timer table ---------------------------------------------
 * Not a heap: the timers sit in an array in no particular order, so
 * finding the one due first is yours (earliest, below). */

/* before: x is due before y (equal deadlines: the one armed first). */
static bool
before(const struct timer *x, const struct timer *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

static void
arm(struct task *t, double when)
{
    timers.a[timers.n++] = (struct timer){when, timers.next_seq++, t};
}

/* take_timer: removes timer i (the last one moves into its slot) and
 * returns its task. */
static struct task *
take_timer(int i)
{
    struct task *t = timers.a[i].task;

    timers.a[i] = timers.a[--timers.n];
    return t;
}

/* ---- Given: running one task, and the tasks ----------------------------- */

/* step: runs t to its next yield, then queues it, arms its timer, or
 * reports it finished. */
static void
step(struct task *t)
{
    async_value wish;

    if (!async_gen_next(t->gen, &wish)) {
        printf("%.2f  loop: %s finished\n", now, t->name);
        async_gen_close(t->gen);
    } else if (wish.d > 0) {
        arm(t, now + wish.d);
    } else {
        push_ready(t);
    }
}

static void
ticker(async_gen *g, void *arg)
{
    struct task *t = arg;

    for (int i = 1; i <= t->ticks; i++) {
        printf("%.2f  %s: tick %d\n", now, t->name, i);
        async_yield(g, ASYNC_DOUBLE(t->interval));
    }
}

/* spawn: creates a ticker task and queues it; it runs in the loop. */
void
spawn(const char *name, double interval, int ticks)
{
    struct task *t = &tasks[ntasks++];

    *t = (struct task){name, interval, ticks, NULL};
    t->gen = async_gen_new(ticker, t);
    push_ready(t);
}

/* ---- Yours: the earliest timer, and one iteration ----------------------- */

/* earliest: the index of the timer due first (equal deadlines: the one
 * armed first), or -1 when no timer is armed. */
static int
earliest(void)
{
    int first = -1;

    /* Why: the table has no order, so every timer must be looked at. */
    for (int i = 0; i < timers.n; i++)
        if (first < 0 || before(&timers.a[i], &timers.a[first]))
            first = i;
    return first;
}

/* run_once: one iteration of the loop. Returns false, doing nothing,
 * when no task is ready and no timer is armed. */
bool
run_once(void)
{
    int e;

    /* 1. Nothing ready, nothing armed: nothing can ever happen again. */
    if (ready.n == 0 && timers.n == 0)
        return false;
    /* Why: a virtual clock need not wait, only move to the deadline. */
    e = earliest();
    if (ready.n == 0 && timers.a[e].when > now)
        now = timers.a[e].when;
    /* Why: every due timer, earliest first, so ties keep arming order. */
    while ((e = earliest()) >= 0 && timers.a[e].when <= now)
        push_ready(take_timer(e));
    /* Why: count first, so tasks requeued now wait for the next turn. */
    for (int n = ready.n; n > 0; n--)
        step(pop_ready());
    return true;
}

int
main(void)
{
    int iterations = 0;

    spawn("a", 0.25, 4);
    spawn("b", 0.5, 2);
    spawn("c", 0, 3);
    while (iterations < 1000 && run_once())
        iterations++;
    printf("%d iterations\n", iterations);
    return 0;
}
