// SPDX-License-Identifier: MIT
/*
 * barrier.c: asyncio.Barrier (3.11), asyncio's own design on a Condition:
 * the last arrival turns the state to draining and notifies all; the last
 * to leave lets the next round fill. Lesson 25 (waiting for the first).
 */
#include "internal.h"

enum barrier_state { FILLING, DRAINING, RESETTING, BROKEN };

struct async_barrier {
    async_condition *cond;    /* its lock guards the fields below */
    long parties;             /* tasks it waits for */
    long count;               /* tasks inside wait now */
    enum barrier_state state; /* as asyncio's _BarrierState */
};

async_barrier *
async_barrier_new(long parties)
{
    async_loop *loop = loop_get("async_barrier_new");
    if (parties < 1)
        fatal("async_barrier_new: parties is %ld; a barrier waits for at "
              "least 1 task (asyncio raises ValueError)", parties);
    async_barrier *b = loop_alloc(loop, sizeof *b);
    *b = (async_barrier){.cond = async_condition_new(NULL),
                         .parties = parties, .state = FILLING};
    return b;
}

/* asyncio's _block: a new arrival waits while the last round drains. */
static bool
may_enter(void *arg)
{
    async_barrier *b = arg;
    return b->state != DRAINING && b->state != RESETTING;
}

/* asyncio's _wait: an arrival waits while the round fills. */
static bool
filled(void *arg)
{
    async_barrier *b = arg;
    return b->state != FILLING;
}

/* asyncio's `async with self._cond` exit. */
static void
unlock(void *arg)
{
    async_condition_release(((async_barrier *)arg)->cond);
}

/* asyncio's `finally: count -= 1; _exit()`: the last to leave lets the
 * next round fill. The lock is held, even on cancellation (condition.c). */
static void
leave(void *arg)
{
    async_barrier *b = arg;
    assert(b->count > 0 && async_condition_locked(b->cond));
    if (--b->count > 0)
        return;
    if (b->state == RESETTING || b->state == DRAINING)
        b->state = FILLING;
    async_condition_notify_all(b->cond);
}

/* Inside the lock and the round: the last arrival releases the others,
 * the rest wait for it. Returns index, or ASYNC_BROKEN. */
static long
arrive(async_barrier *b, long index)
{
    if (index + 1 == b->parties) {
        b->state = DRAINING;
        async_condition_notify_all(b->cond);
        return index;
    }
    condition_wait_for(b->cond, filled, b, WAIT_BARRIER);
    return b->state == BROKEN || b->state == RESETTING ? ASYNC_BROKEN : index;
}

long
async_barrier_wait(async_barrier *b)
{
    long index = ASYNC_BROKEN;
    task_running("async_barrier_wait");
    async_condition_acquire(b->cond);
    async_cleanup_push(unlock, b);
    condition_wait_for(b->cond, may_enter, b, WAIT_BARRIER);
    if (b->state != BROKEN) {
        async_cleanup_push(leave, b);
        index = arrive(b, b->count++);
        async_cleanup_pop(true);
    }
    async_cleanup_pop(true);
    return index;
}

long
async_barrier_parties(async_barrier *b)
{
    return b->parties;
}

long
async_barrier_n_waiting(async_barrier *b)
{
    return b->state == FILLING ? b->count : 0;
}

bool
async_barrier_broken(async_barrier *b)
{
    return b->state == BROKEN;
}

/* reset and abort take the lock, as asyncio's do: they may wait for it,
 * and a task cancelled there never changes the barrier. */
void
async_barrier_reset(async_barrier *b)
{
    task_running("async_barrier_reset");
    async_condition_acquire(b->cond);
    /* RESETTING: the waiters leave broken, then it fills. */
    b->state = b->count > 0 ? RESETTING : FILLING;
    async_condition_notify_all(b->cond);
    async_condition_release(b->cond);
}

void
async_barrier_abort(async_barrier *b)
{
    task_running("async_barrier_abort");
    async_condition_acquire(b->cond);
    b->state = BROKEN;
    async_condition_notify_all(b->cond);
    async_condition_release(b->cond);
}
