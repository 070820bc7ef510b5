// SPDX-License-Identifier: MIT
/*
 * lock.c: asyncio.Lock. One task holds it; the others wait in line
 * (waitq.c), and releasing hands it straight to the first of them, so a
 * newcomer never takes it first. One case follows asyncio 3.11 to the
 * letter: a waiter cancelled in line keeps its place until it unwinds,
 * so a release meanwhile hands the lock to nobody and the waiter passes
 * it on as it leaves. Lesson 19 (locks and semaphores) explains it.
 */
#include "waitq.h"

struct async_lock {
    struct waitq q; /* tasks waiting for it */
    int locked;     /* someone holds it (or was just handed it) */
};

/* A waiter handed the lock, cancelled before it ran: release on its
 * behalf. */
static void
pass_on(void *l)
{
    async_lock_release(l);
}

/* A waiter cancelled in line has unwound (asyncio 3.11 Lock.acquire's
 * `except CancelledError: if not self._locked: self._wake_up_first()`):
 * a release that found it first handed the lock to nobody, so hand it
 * on now. */
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
