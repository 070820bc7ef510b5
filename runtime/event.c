// SPDX-License-Identifier: MIT
/*
 * event.c: asyncio.Event, a flag that tasks wait for. The waiters sit on
 * one future's callback list; setting the event finishes that future, so
 * they all wake in the order they came. Clearing it starts a fresh one.
 * Lesson 09 (futures) explains the future it rests on.
 */
#include "internal.h"

struct async_event {
    async_future waiters; /* pending while the flag is clear */
    int is_set;           /* the flag */
};

async_event *
async_event_new(void)
{
    async_loop *loop = loop_get("async_event_new");
    async_event *e = loop_alloc(loop, sizeof *e);

    future_init(&e->waiters, loop);
    e->waiters.on_cancel = cancel_leave; /* the others go on waiting */
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
    future_finish(&e->waiters, FUTURE_DONE, ASYNC_NONE);
}

void
async_event_clear(async_event *e)
{
    LOOP_THREAD_ONLY("async_event_clear");
    if (!e->is_set)
        return;
    e->is_set = 0;
    future_reset(&e->waiters);
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
    async_task *self = task_running("async_event_wait");

    if (e->is_set)
        return;
    future_add_handle(&e->waiters, &self->step);
    task_suspend(self, WAIT_EVENT, &e->waiters);
}
