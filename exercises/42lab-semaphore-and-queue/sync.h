/* SPDX-License-Identifier: MIT */
/*
 * sync.h: the lab's semaphore and bounded queue, given. Your work is
 * sync.c. They run on the runtime's own tasks and futures (async.h):
 * a task that must wait makes a future, joins a line of waiters, and
 * awaits the future; whoever frees a place or an item sets the first
 * waiter's future. The names start with lab_ so that nothing clashes
 * with the runtime's async_semaphore_* and async_queue_*, which this lab
 * rebuilds (runtime/semaphore.c, runtime/queue.c, runtime/waitq.c).
 */
#ifndef LAB_SYNC_H
#define LAB_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "async.h"

/* ---- Part 1: a line of waiters ------------------------------------------ */

struct lab_waiter {
    async_future *f;         /* what the waiting task awaits */
    struct lab_waiter *next; /* the one who came after it */
};

/* A line: first come, first woken. It may hold waiters whose task was
 * cancelled while it waited (their future is cancelled, so done). */
struct lab_line {
    struct lab_waiter *first, *last;
    size_t count; /* how many waiters it holds, cancelled ones included */
};

/* lab_line_wait: the running task joins the back of the line and waits
 * until lab_line_wake_first picks it. Only inside a task. A task
 * cancelled while it waits unwinds from here: it never returns, and its
 * waiter stays in the line, cancelled, until a wake passes over it. */
void lab_line_wait(struct lab_line *line);

/* lab_line_wake_first: wakes the first waiter still waiting: its future
 * is set, it leaves the line, and its task runs on the loop's next turn.
 * The cancelled waiters in front of it leave the line too. Returns
 * false if no one was waiting (the line is then empty). Never
 * suspends. */
bool lab_line_wake_first(struct lab_line *line);

/* ---- Part 2: a semaphore ------------------------------------------------ */

/* asyncio.Semaphore(value): at most value tasks hold a place at once. */
typedef struct lab_semaphore {
    long value;            /* free places no one has been handed */
    struct lab_line line;  /* tasks waiting for a place */
} lab_semaphore;

/* lab_semaphore_init: value free places (value >= 0), nobody waiting. */
void lab_semaphore_init(lab_semaphore *s, long value);

/* lab_semaphore_acquire: await sem.acquire(). Takes a free place at once
 * if there is one; else waits in line, first come first served, and
 * returns holding the place that a release handed to it. Only inside a
 * task. */
void lab_semaphore_acquire(lab_semaphore *s);

/* lab_semaphore_release: sem.release(). Hands the place to the first
 * task still waiting, if any (it does not become free: no newcomer can
 * take it first), else frees it. Never suspends. */
void lab_semaphore_release(lab_semaphore *s);

/* ---- Part 3: a bounded queue -------------------------------------------- */

/* asyncio.Queue(maxsize): first in, first out, at most maxsize items. */
typedef struct lab_queue {
    long *items;     /* a ring of maxsize places */
    size_t maxsize;  /* >= 1 */
    size_t head;     /* where the oldest item is */
    size_t count;    /* how many items it holds */
    struct lab_line getters; /* tasks waiting for an item */
    struct lab_line putters; /* tasks waiting for a free place */
} lab_queue;

/* lab_queue_init / lab_queue_free: an empty queue of maxsize (>= 1)
 * places; what init allocated. */
void lab_queue_init(lab_queue *q, size_t maxsize);
void lab_queue_free(lab_queue *q);

/* lab_queue_put: await queue.put(v). Waits while the queue is full, then
 * adds v at the back and wakes the first waiting getter. Only inside a
 * task. */
void lab_queue_put(lab_queue *q, long v);

/* lab_queue_get: await queue.get(). Waits while the queue is empty, then
 * takes the oldest item and wakes the first waiting putter. A woken task
 * looks again before it goes on: a task that did not wait may have taken
 * the item or the place first (asyncio's queue does the same). Only
 * inside a task. */
long lab_queue_get(lab_queue *q);

#endif /* LAB_SYNC_H */
