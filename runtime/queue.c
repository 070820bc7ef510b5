// SPDX-License-Identifier: MIT
/*
 * queue.c: asyncio.Queue over a ring buffer. Getters wait in one line
 * (waitq.c), putters in another; each put wakes the first getter, each
 * get the first putter, and the woken one looks again, as asyncio's.
 * Lesson 20 (queues).
 */
#include <stdlib.h>
#include <string.h>

#include "waitq.h"

struct async_queue {
    struct waitq getters; /* tasks waiting for an item */
    struct waitq putters; /* tasks waiting for room */
    struct waitq joiners; /* tasks in async_queue_join */
    async_value *items;   /* the ring buffer, cap slots from head */
    size_t cap;           /* slots allocated */
    size_t head;          /* where the oldest item is */
    size_t n;             /* items in it */
    size_t maxsize;       /* most items it holds, 0: no limit */
    size_t unfinished;    /* items put and not yet task_done */
    async_queue *next;    /* the loop's list of queues */
};

/* A getter (putter) woken, cancelled before it ran: pass its turn on. */
static void
pass_on_get(void *q)
{
    if (!async_queue_empty(q))
        waitq_wake_one(&((async_queue *)q)->getters);
}

static void
pass_on_put(void *q)
{
    if (!async_queue_full(q))
        waitq_wake_one(&((async_queue *)q)->putters);
}

async_queue *
async_queue_new(size_t maxsize)
{
    async_loop *loop = loop_get("async_queue_new");
    async_queue *q = loop_alloc(loop, sizeof *q);
    *q = (async_queue){.maxsize = maxsize, .next = loop->queues};
    waitq_init(&q->getters, loop, pass_on_get, q);
    waitq_init(&q->putters, loop, pass_on_put, q);
    waitq_init(&q->joiners, loop, NULL, NULL);
    loop->queues = q;
    return q;
}

/* queue_free_all: the loop closes: free its queues' buffers. */
void
queue_free_all(async_loop *loop)
{
    for (async_queue *q = loop->queues; q != NULL; q = q->next)
        free(q->items);
}

/* Doubles the full buffer (up to maxsize). If the ring wraps, the items
 * from head to the old end move to the new end, so it stays in order. */
static void
grow(async_queue *q)
{
    size_t cap = q->cap ? 2 * q->cap : 8;
    if (q->maxsize > 0 && cap > q->maxsize)
        cap = q->maxsize;
    async_value *items = realloc(q->items, cap * sizeof *items);
    if (items == NULL)
        fatal("out of memory growing a queue to %zu items", cap);
    if (q->head > 0) { /* full, so the ring wraps */
        memmove(items + q->head + cap - q->cap, items + q->head,
                (q->cap - q->head) * sizeof *items);
        q->head += cap - q->cap;
    }
    q->items = items;
    q->cap = cap;
}

bool
async_queue_put_nowait(async_queue *q, async_value v)
{
    LOOP_THREAD_ONLY("async_queue_put_nowait");
    if (async_queue_full(q))
        return false;
    if (q->n == q->cap)
        grow(q);
    q->items[(q->head + q->n++) % q->cap] = v;
    q->unfinished++;
    waitq_wake_one(&q->getters);
    return true;
}

bool
async_queue_get_nowait(async_queue *q, async_value *out)
{
    LOOP_THREAD_ONLY("async_queue_get_nowait");
    if (q->n == 0)
        return false;
    if (out != NULL)
        *out = q->items[q->head];
    q->head = (q->head + 1) % q->cap;
    q->n--;
    waitq_wake_one(&q->putters);
    return true;
}

/* A woken task looks again: between its wake-up and its turn to run,
 * another may have taken the item (or the room) it was woken for. */
void
async_queue_put(async_queue *q, async_value v)
{
    async_task *t = task_running("async_queue_put");
    while (async_queue_full(q))
        waitq_wait(&q->putters, t, WAIT_QUEUE);
    async_queue_put_nowait(q, v);
}

async_value
async_queue_get(async_queue *q)
{
    async_task *t = task_running("async_queue_get");
    async_value v;
    while (!async_queue_get_nowait(q, &v))
        waitq_wait(&q->getters, t, WAIT_QUEUE);
    return v;
}

size_t
async_queue_size(async_queue *q)
{
    LOOP_THREAD_ONLY("async_queue_size");
    return q->n;
}

bool
async_queue_empty(async_queue *q)
{
    LOOP_THREAD_ONLY("async_queue_empty");
    return q->n == 0;
}

bool
async_queue_full(async_queue *q)
{
    LOOP_THREAD_ONLY("async_queue_full");
    return q->maxsize > 0 && q->n >= q->maxsize;
}

void
async_queue_task_done(async_queue *q)
{
    LOOP_THREAD_ONLY("async_queue_task_done");
    if (q->unfinished == 0)
        fatal("async_queue_task_done: called more times than items were "
              "put; call it once for each item you got");
    if (--q->unfinished == 0) /* join's waiters all go, as an event's */
        while (waitq_wake_one(&q->joiners))
            ;
}

void
async_queue_join(async_queue *q)
{
    async_task *t = task_running("async_queue_join");
    if (q->unfinished > 0)
        waitq_wait(&q->joiners, t, WAIT_QUEUE);
}
