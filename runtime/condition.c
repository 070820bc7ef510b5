// SPDX-License-Identifier: MIT
/*
 * condition.c: asyncio.Condition, a lock and a line (waitq.c). wait
 * releases the lock, waits, then takes it back even when cancelled:
 * cleanup handlers that release it must find it held, as asyncio's
 * `finally` does. Lesson 25 (waiting for the first).
 */
#include "waitq.h"

struct async_condition {
    async_lock *lock; /* its own, or one shared with others */
    struct waitq q;   /* the waiters, in order */
};

async_condition *
async_condition_new(async_lock *lock)
{
    async_loop *loop = loop_get("async_condition_new");
    async_condition *c = loop_alloc(loop, sizeof *c);
    c->lock = lock != NULL ? lock : async_lock_new();
    waitq_init(&c->q, loop, NULL, NULL);
    return c;
}

void
async_condition_acquire(async_condition *c)
{
    async_lock_acquire(c->lock);
}

void
async_condition_release(async_condition *c)
{
    async_lock_release(c->lock);
}

bool
async_condition_locked(async_condition *c)
{
    return async_lock_locked(c->lock);
}

/* asyncio checks only that the lock is locked, not who holds it. */
static void
must_hold(async_condition *c, const char *who)
{
    if (!async_lock_locked(c->lock))
        fatal("%s: the condition's lock is not held; acquire it first "
              "(async_condition_acquire), as asyncio's RuntimeError says",
              who);
}

/* Takes the lock back whatever comes: a cancellation now leaves t in the
 * lock's line (HOLD_PLACE) till it holds it. asyncio retries from the
 * back of the line; only a second cancellation tells them apart. */
static void
reacquire(async_condition *c, async_task *t)
{
    t->holds_cancel = HOLD_PLACE;
    async_lock_acquire(c->lock);
    t->holds_cancel = HOLD_NONE;
}

/* One wait: release, wait to be notified (a cancellation takes t out of
 * the line and wakes it, but leaves its delivery to us: HOLD_WAKE), take
 * the lock back, and only then unwind if t was cancelled or timed out. */
static void
wait_notified(async_condition *c, async_task *t, enum wait_reason why)
{
    assert(t->holds_cancel == HOLD_NONE); /* waits never nest */
    async_lock_release(c->lock);
    t->holds_cancel = HOLD_WAKE;
    waitq_wait(&c->q, t, why);
    reacquire(c, t);
    assert(async_lock_locked(c->lock));
    if (t->must_cancel) /* a cancellation, or a timeout's */
        task_unwind(t);
}

void
async_condition_wait(async_condition *c)
{
    async_task *t = task_running("async_condition_wait");
    must_hold(c, "async_condition_wait");
    wait_notified(c, t, WAIT_CONDITION);
}

/* condition_wait_for: async_condition_wait_for, waiting for `why`. */
bool
condition_wait_for(async_condition *c, async_predicate *pred, void *arg,
                   enum wait_reason why)
{
    async_task *t = task_running("async_condition_wait_for");
    while (!pred(arg)) { /* asyncio tests first: no wait if already true */
        must_hold(c, "async_condition_wait_for");
        wait_notified(c, t, why);
    }
    return true;
}

bool
async_condition_wait_for(async_condition *c, async_predicate *pred, void *arg)
{
    return condition_wait_for(c, pred, arg, WAIT_CONDITION);
}

/* A woken waiter has left the line: asyncio's "skip the done" is built in. */
void
async_condition_notify(async_condition *c, size_t n)
{
    must_hold(c, "async_condition_notify");
    for (; n > 0 && waitq_wake_one(&c->q); n--)
        ;
}

void
async_condition_notify_all(async_condition *c)
{
    must_hold(c, "async_condition_notify_all");
    async_condition_notify(c, (size_t)-1);
}
