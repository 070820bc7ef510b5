// SPDX-License-Identifier: MIT
/*
 * Exercise 52: a bounded buffer on a condition.
 *
 * The idea (lesson 25, waiting for the first):
 *   1. A condition is a lock plus a line of waiting tasks. Hold its lock
 *      (async_condition_acquire ... async_condition_release) whenever
 *      you look at or change the state it guards.
 *   2. To wait until the state is right, wait with a predicate:
 *          async_condition_wait_for(b->c, has_room, b);
 *      It releases the lock while it waits, and tests the predicate
 *      again, holding the lock, after every wake: being woken does not
 *      mean the state is right, another task may have been first.
 *   3. After changing the state, and still holding the lock, wake the
 *      waiters: async_condition_notify_all(b->c). Producers and
 *      consumers wait on one condition for different things, so wake
 *      them all and let each one test.
 *
 * Your task: write buffer_put (waits while the buffer is full) and
 * buffer_get (waits while it is empty) for a buffer of 2 slots shared
 * by one producer and two consumers, so that every item is used once.
 *
 * Check it: make grade EX=52    Stuck? python3 grader/grade.py --hint 52
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

#define MAX_CAP 16

struct buffer {
    async_condition *c;   /* guards everything below */
    long items[MAX_CAP];  /* a ring of cap slots */
    size_t cap;           /* slots */
    size_t head;          /* the oldest item */
    size_t n;             /* items in it now */
};

/* The predicates: call them with the lock held. */
static bool
has_room(void *arg)
{
    struct buffer *b = arg;
    return b->n < b->cap;
}

static bool
has_item(void *arg)
{
    struct buffer *b = arg;
    return b->n > 0;
}

/* A mistake found: say so and stop at once. */
static void
bug(const char *what)
{
    printf("BUG: %s\n", what);
    fflush(stdout);
    _exit(3);
}

/* push, pop: the ring itself. Call them with the lock held, and only
 * when has_room / has_item is true. */
void
push(struct buffer *b, long v)
{
    if (!has_room(b))
        bug("put into a full buffer");
    b->items[(b->head + b->n++) % b->cap] = v;
}

long
pop(struct buffer *b)
{
    if (!has_item(b))
        bug("took from an empty buffer");
    long v = b->items[b->head];
    b->head = (b->head + 1) % b->cap;
    b->n--;
    return v;
}

/* buffer_put: puts v in b, waiting while b is full. A coroutine
 * function. */
void
buffer_put(struct buffer *b, long v)
{
    /* TODO: with the lock held: wait until there is room, push v, and
     * wake the waiters. */
    TODO("put: acquire, wait_for has_room, push, notify_all, release");
    (void)b, (void)v;
}

/* buffer_get: takes the oldest item from b, waiting while b is empty. A
 * coroutine function. */
long
buffer_get(struct buffer *b)
{
    long v = 0;

    /* TODO: with the lock held: wait until there is an item, pop it, and
     * wake the waiters. */
    (void)b;

    return v;
}

/* ---- The producer and the consumers (nothing to change here) ---------- */

struct buffer *buffer_new(size_t cap);

struct buffer *
buffer_new(size_t cap)
{
    static struct buffer buffers[4];
    static int used;
    struct buffer *b = &buffers[used++ % 4];

    *b = (struct buffer){.c = async_condition_new(NULL), .cap = cap};
    return b;
}

struct consumer {
    const char *name;    /* who */
    double seconds;      /* to use one item */
    struct buffer *b;    /* where the items are */
};

static async_value
consume(void *arg)
{
    struct consumer *c = arg;
    long v;

    while ((v = buffer_get(c->b)) != 0) { /* 0: no more items */
        printf("%.2f s  %s got %ld\n", async_time(), c->name, v);
        async_sleep(c->seconds);
    }
    return ASYNC_NONE;
}

/* run: a producer that makes n items (the i-th after pause[i] seconds)
 * and two consumers, on a buffer of cap slots. */
void run(size_t cap, const double *pause, long n, double a, double b);

void
run(size_t cap, const double *pause, long n, double a, double b)
{
    struct buffer *buf = buffer_new(cap);
    struct consumer cs[2] = {{"A", a, buf}, {"B", b, buf}};
    async_task *t[2] = {async_create_task_named(consume, &cs[0], "A"),
                        async_create_task_named(consume, &cs[1], "B")};

    for (long i = 1; i <= n; i++) {
        async_sleep(pause[i - 1]);
        buffer_put(buf, i);
        printf("%.2f s  put %ld\n", async_time(), i);
    }
    buffer_put(buf, 0); /* one "no more" for each consumer */
    buffer_put(buf, 0);
    async_gather(t, 2, NULL);
    printf("%.2f s  all used\n", async_time());
}

static async_value
amain(void *arg)
{
    (void)arg;
    const double pause[] = {0.1, 0.1, 0, 0, 0, 0};

    run(2, pause, 6, 0.3, 0.5);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
