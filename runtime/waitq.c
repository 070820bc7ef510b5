// SPDX-License-Identifier: MIT
/*
 * waitq.c: the line of waiting tasks under Lock, Semaphore, Queue, Event
 * and Condition, first come, first served. Waking the first hands it what
 * it waited for, so a newcomer never takes it first. Lesson 19.
 */
#include "waitq.h"

/* One task in the line; it lives on that task's stack while it waits. */
struct waiter {
    async_handle link; /* its place in the line; link.arg is this */
    async_task *t;
    struct waitq *q;
    int woken;     /* waitq_wake_one picked it */
    int cancelled; /* cancelled, still in line until it unwinds */
};

/* A waiter cancelled before its turn leaves the line; in a lock's line
 * (left set) it stays until it unwinds, then calls left, as 3.11's Lock
 * keeps it in _waiters: a release meanwhile finds it and wakes nobody. */
static void
leave(async_future *f, async_task *t)
{
    for (async_handle *h = f->callbacks.head; h != NULL; h = h->next) {
        struct waiter *w = h->arg;
        if (w->t != t)
            continue;
        if (w->q->left != NULL)
            w->cancelled = 1;
        else
            future_remove_handle(f, h);
        break;
    }
    task_wake(t);
}

void
waitq_init(struct waitq *q, async_loop *loop, async_callback *pass_on,
           void *arg)
{
    *q = (struct waitq){.pass_on = pass_on, .arg = arg};
    future_init(&q->line, loop);
    q->line.on_cancel = leave;
}

/* The waiter's cleanup handler. Woken, then cancelled before it ran, it
 * passes on what it was handed (asyncio's `except CancelledError`). */
static void
cancelled(void *arg)
{
    struct waiter *w = arg;
    if (w->cancelled) { /* kept in line: it leaves now, and says so */
        future_remove_handle(&w->q->line, &w->link);
        w->q->left(w->q->arg);
        return;
    }
    if (!w->woken)
        return;
    assert(w->q->woken > 0);
    w->q->woken--;
    if (w->q->pass_on != NULL)
        w->q->pass_on(w->q->arg);
}

/* waitq_wait: the running task t joins the back of q until woken; if
 * cancelled, it unwinds, or returns if it holds that (HOLD_WAKE). */
void
waitq_wait(struct waitq *q, async_task *t, enum wait_reason why)
{
    struct waiter w = {
        .link = {.arg = &w, .heap_index = NO_HEAP}, .t = t, .q = q};

    list_append(&q->line.callbacks, &w.link);
    async_cleanup_push(cancelled, &w);
    task_suspend(t, why, &q->line);
    async_cleanup_pop(false);
    assert(w.woken || t->holds_cancel == HOLD_WAKE);
    assert(q->woken >= w.woken);
    q->woken -= w.woken;
}

/* waitq_wake_one: wakes the first waiter, to run next iteration; returns
 * whether there was one; never suspends. If the first is cancelled (kept
 * in a lock's line) it is awake already: nobody is (Lock._wake_up_first). */
bool
waitq_wake_one(struct waitq *q)
{
    async_handle *h = q->line.callbacks.head;
    if (h == NULL || ((struct waiter *)h->arg)->cancelled)
        return false;
    struct waiter *w = h->arg;
    assert(w->q == q && !w->woken && w->t->state == TASK_WAITING);
    future_remove_handle(&q->line, h);
    w->woken = 1;
    q->woken++;
    task_wake(w->t);
    return true;
}

/* waitq_only_cancelled: nobody waits but cancelled waiters on their way
 * out (asyncio 3.11 Lock.acquire's fast path: all(w.cancelled() ...)). */
bool
waitq_only_cancelled(const struct waitq *q)
{
    for (async_handle *h = q->line.callbacks.head; h != NULL; h = h->next)
        if (!((struct waiter *)h->arg)->cancelled)
            return false;
    return true;
}
