// SPDX-License-Identifier: MIT
/*
 * semaphore.c: asyncio.Semaphore and BoundedSemaphore. Release hands a
 * place straight to the first waiter (waitq.c); a newcomer waits while
 * anyone is in line or about to run, as 3.12's does. Lesson 19.
 */
#include <limits.h>

#include "waitq.h"

struct async_semaphore {
    struct waitq q; /* tasks waiting for a place */
    long value;     /* free places not yet handed to a waiter */
    long bound;     /* the most value may reach (LONG_MAX: unbounded) */
};

/* acquire's `finally`: places freed meanwhile go to the next in line. */
static void
wake_more(async_semaphore *s)
{
    while (s->value > 0 && waitq_wake_one(&s->q))
        s->value--;
}

/* A waiter handed a place, cancelled before it ran: give it back. */
static void
pass_on(void *arg)
{
    async_semaphore *s = arg;
    s->value++;
    wake_more(s);
}

static async_semaphore *
semaphore_new(long value, long bound, const char *who)
{
    async_loop *loop = loop_get(who);
    if (value < 0)
        fatal("%s: value %ld is negative; a semaphore counts free places, "
              "so start it at 0 or more", who, value);
    async_semaphore *s = loop_alloc(loop, sizeof *s);
    waitq_init(&s->q, loop, pass_on, s);
    s->value = value;
    s->bound = bound;
    return s;
}

async_semaphore *
async_semaphore_new(long value)
{
    return semaphore_new(value, LONG_MAX, "async_semaphore_new");
}

async_semaphore *
async_bounded_semaphore_new(long value)
{
    return semaphore_new(value, value, "async_bounded_semaphore_new");
}

bool
async_semaphore_locked(async_semaphore *s)
{
    LOOP_THREAD_ONLY("async_semaphore_locked");
    return s->value == 0 || s->q.line.callbacks.head != NULL || s->q.woken > 0;
}

void
async_semaphore_acquire(async_semaphore *s)
{
    async_task *t = task_running("async_semaphore_acquire");
    if (!async_semaphore_locked(s)) {
        s->value--;
        return;
    }
    waitq_wait(&s->q, t, WAIT_SEMAPHORE);
    wake_more(s);
}

void
async_semaphore_release(async_semaphore *s)
{
    LOOP_THREAD_ONLY("async_semaphore_release");
    if (s->value >= s->bound)
        fatal("async_semaphore_release: bounded semaphore released more "
              "times than it was acquired (its value is back at %ld); "
              "release once per acquire", s->bound);
    if (!waitq_wake_one(&s->q))
        s->value++;
}
