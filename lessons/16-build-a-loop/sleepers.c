// SPDX-License-Identifier: MIT
/*
 * sleepers.c: an event loop from scratch, step two. A task now yields
 * how long it wants to sleep (0: just let the others run). The loop keeps
 * a virtual clock, a binary heap of deadlines and the ready queue, and
 * runs one iteration in the four phases of runtime/loop.c. Lesson 16.
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
    double when;        /* the deadline, on our clock */
    unsigned long seq;  /* arming order: breaks ties between deadlines */
    struct task *task;  /* who to wake */
};

static double now; /* our virtual clock, in seconds */

static struct {
    struct task *slot[MAX_TASKS];
    int head, n;
} ready;

static struct {
    struct timer a[MAX_TASKS]; /* a min-heap on (when, seq) */
    int n;
    unsigned long next_seq;
} timers;

/* ---- The ready queue (as in roundrobin.c) ------------------------------- */

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

/* ---- The timer heap: the earliest deadline is always a[0] --------------- */

static bool
before(const struct timer *x, const struct timer *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

static void
swap(int i, int j)
{
    struct timer tmp = timers.a[i];
    timers.a[i] = timers.a[j];
    timers.a[j] = tmp;
}

/* Add at the bottom, then climb while earlier than the parent. */
static void
arm(struct task *t, double when)
{
    int i = timers.n++;

    timers.a[i] = (struct timer){when, timers.next_seq++, t};
    while (i > 0 && before(&timers.a[i], &timers.a[(i - 1) / 2])) {
        swap(i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

/* Take the root, move the last one there, then sink it below its
 * earlier child until both children are later. */
static struct task *
pop_timer(void)
{
    struct task *t = timers.a[0].task;
    int i = 0;

    timers.a[0] = timers.a[--timers.n];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= timers.n)
            break;
        if (c + 1 < timers.n && before(&timers.a[c + 1], &timers.a[c]))
            c++;
        if (!before(&timers.a[c], &timers.a[i]))
            break;
        swap(i, c);
        i = c;
    }
    return t;
}

/* ---- The loop ----------------------------------------------------------- */

/* step: run t until it yields; the value it yields is its wish. */
static void
step(struct task *t)
{
    async_value wish;

    if (!async_gen_next(t->gen, &wish)) {
        printf("%.2f  loop: %s finished\n", now, t->name);
        async_gen_close(t->gen);
    } else if (wish.d > 0) {
        arm(t, now + wish.d); /* asleep until then */
    } else {
        push_ready(t); /* sleep(0): back of the queue */
    }
}

/* run_once: one iteration. Returns false when nothing is left to do. */
static bool
run_once(void)
{
    /* 1. How long to wait: not at all if a task is ready. */
    if (ready.n == 0 && timers.n == 0)
        return false;
    /* 2. Wait: on a virtual clock, jump to the earliest deadline. */
    if (ready.n == 0 && timers.a[0].when > now)
        now = timers.a[0].when;
    /* 3. Every timer now due joins the ready queue, earliest first. */
    while (timers.n > 0 && timers.a[0].when <= now)
        push_ready(pop_timer());
    /* 4. Run exactly the tasks ready now; those they requeue wait for
     * the next iteration. */
    for (int n = ready.n; n > 0; n--)
        step(pop_ready());
    return true;
}

/* ---- Tasks -------------------------------------------------------------- */

static void
ticker(async_gen *g, void *arg)
{
    struct task *t = arg;

    for (int i = 1; i <= t->ticks; i++) {
        printf("%.2f  %s: tick %d\n", now, t->name, i);
        async_yield(g, ASYNC_DOUBLE(t->interval)); /* "sleep" */
    }
}

int
main(void)
{
    struct task tasks[] = {
        {"fast", 0.3, 4, NULL},
        {"slow", 0.5, 3, NULL},
        {"eager", 0, 2, NULL},
    };

    for (int i = 0; i < 3; i++) {
        tasks[i].gen = async_gen_new(ticker, &tasks[i]);
        push_ready(&tasks[i]);
    }
    while (run_once())
        ;
    return 0;
}
