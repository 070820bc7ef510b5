// SPDX-License-Identifier: MIT
/* handle.c: asyncio's Handle layer: call_soon queues a function for the
 * next iteration, call_later arms a timer for it. Task steps and wake-ups
 * are handles too, embedded where they belong. Lesson 03 explains it. */
#include <stdlib.h>

#include "internal.h"

static async_handle *
handle_new(async_callback *cb, void *arg)
{
    async_handle *h = malloc(sizeof *h);
    if (h == NULL)
        fatal("out of memory creating a callback handle");
    *h = (async_handle){.cb = cb, .arg = arg, .heap_index = NO_HEAP,
                        .flags = HANDLE_OWNED};
    return h;
}

async_handle *
async_call_soon(async_callback *cb, void *arg)
{
    async_loop *loop = loop_get("async_call_soon");
    async_handle *h = handle_new(cb, arg);
    loop_schedule(loop, h);
    return h;
}

async_handle *
async_call_later(double delay, async_callback *cb, void *arg)
{
    async_loop *loop = loop_get("async_call_later");
    async_handle *h = handle_new(cb, arg);
    h->when = clock_deadline("async_call_later", delay);
    h->seq = loop->next_seq++;
    timer_push(&loop->timers, h);
    return h;
}

void
async_handle_cancel(async_handle *h)
{
    async_loop *loop = loop_get("async_handle_cancel");
    if (h->heap_index != NO_HEAP) {
        timer_remove(&loop->timers, h);
        if (h->flags & HANDLE_OWNED)
            free(h);
        return;
    }
    h->flags |= HANDLE_CANCELLED; /* it is queued: skipped when reached */
}
