// SPDX-License-Identifier: MIT
/*
 * event.c: asyncio.Event, a flag that tasks wait for in a line (waitq.c);
 * setting it wakes them all, in the order they came. Lesson 19.
 */
#include "waitq.h"

struct async_event {
    struct waitq q; /* tasks waiting while the flag is clear */
    int is_set;     /* the flag */
};

async_event *
async_event_new(void)
{
    async_loop *loop = loop_get("async_event_new");
    async_event *e = loop_alloc(loop, sizeof *e);
    waitq_init(&e->q, loop, NULL, NULL);
    e->is_set = 0;
    return e;
}

void
async_event_set(async_event *e)
{
    LOOP_THREAD_ONLY("async_event_set");
    if (e->is_set)
        return;
    e->is_set = 1;
    while (waitq_wake_one(&e->q))
        ;
}

void
async_event_clear(async_event *e)
{
    LOOP_THREAD_ONLY("async_event_clear");
    e->is_set = 0; /* a waiter already woken still goes, as asyncio's */
}

bool
async_event_is_set(async_event *e)
{
    LOOP_THREAD_ONLY("async_event_is_set");
    return e->is_set;
}

void
async_event_wait(async_event *e)
{
    async_task *t = task_running("async_event_wait");
    if (!e->is_set)
        waitq_wait(&e->q, t, WAIT_EVENT);
}
