// SPDX-License-Identifier: MIT
/*
 * lock.c: asyncio.Lock. Release hands it straight to the first in line
 * (waitq.c). As in 3.11, a waiter cancelled in line keeps its place until
 * it unwinds, then passes the lock on (left). Lesson 19.
 */
#include "waitq.h"

struct async_lock {
    struct waitq q; /* tasks waiting for it */
    int locked;     /* someone holds it (or was just handed it) */
};

/* A waiter handed the lock, cancelled before it ran. */
static void
pass_on(void *l)
{
    async_lock_release(l);
}

/* A waiter cancelled in line has unwound: asyncio 3.11 Lock.acquire's
 * `except CancelledError: if not self._locked: self._wake_up_first()`. */
static void
left(void *arg)
{
    async_lock *l = arg;
    if (!l->locked && waitq_wake_one(&l->q))
        l->locked = 1;
}

async_lock *
async_lock_new(void)
{
    async_loop *loop = loop_get("async_lock_new");
    async_lock *l = loop_alloc(loop, sizeof *l);
    waitq_init(&l->q, loop, pass_on, l);
    l->q.left = left;
    l->locked = 0;
    return l;
}

void
async_lock_acquire(async_lock *l)
{
    async_task *t = task_running("async_lock_acquire");
    /* Free means nobody waits (release hands it over), or only waiters
     * cancelled in line, whom it is not handed to. */
    if (!l->locked && waitq_only_cancelled(&l->q)) {
        l->locked = 1;
        return;
    }
    waitq_wait(&l->q, t, WAIT_LOCK);
}

void
async_lock_release(async_lock *l)
{
    LOOP_THREAD_ONLY("async_lock_release");
    if (!l->locked)
        fatal("async_lock_release: the lock is not locked; release only "
              "a lock you acquired, once per acquire");
    if (!waitq_wake_one(&l->q))
        l->locked = 0;
}

bool
async_lock_locked(async_lock *l)
{
    LOOP_THREAD_ONLY("async_lock_locked");
    return l->locked;
}
