// SPDX-License-Identifier: MIT
/* loop.c: the event loop: a queue of ready callbacks, a heap of timers,
 * and loop_run_once, asyncio's BaseEventLoop._run_once, which every task
 * step, timer and done-callback goes through. Lesson 06 walks through it. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

_Thread_local async_loop *loop_current;

async_loop *
async_loop_new(void)
{
    LOOP_THREAD_ONLY("async_loop_new");
    config_load();
    stack_watch_overflow();
    async_loop *loop = calloc(1, sizeof *loop);
    if (loop == NULL)
        fatal("out of memory creating a loop");
    loop->next_id = 1;
    loop_current = loop;
    TRACE("loop", NULL, ",\"clock\":\"%s\"",
          clock_is_virtual() ? "virtual" : "real");
    return loop;
}

/* loop_get: the current loop, for a function that needs one. */
async_loop *
loop_get(const char *who)
{
    if (loop_current == NULL)
        fatal_no_loop(who);
    return loop_current;
}

/* loop_schedule: appends h to the ready queue. Never allocates: this is
 * how a task is woken, so waking is O(1) and cannot fail. */
void
loop_schedule(async_loop *loop, async_handle *h)
{
    list_append(&loop->ready, h);
}

/* loop_run_once: one turn of the loop, in four phases.
 *   1. Decide how long to wait: not at all if a callback is ready (or the
 *      loop is stopping), else until the earliest timer, else as long as
 *      it takes a descriptor (or a thread) to wake someone. With none of
 *      these, nothing could ever happen again: a deadlock.
 *   2. Wait that long: in epoll or poll if descriptors are awaited (it
 *      wakes their tasks: asyncio's selector.select), else sleep. The
 *      virtual clock jumps instead (clock.c says when).
 *   3. Move every timer now due to the ready queue, earliest first.
 *   4. Run exactly the callbacks ready at this point. What they schedule
 *      (a task that yields, a task woken by one that finished) waits for
 *      the next iteration: why sleep(0) lets every other ready task run
 *      before the caller continues. */
void
loop_run_once(async_loop *loop)
{
    if (config.debug) /* O(n) invariants */
        debug_check_loop(loop);
    /* 1. Until when to wait, in loop time (0: just look). A timer at
     * INFINITY (async_sleep(INFINITY)) never fires: it counts as none. */
    double deadline = 0;
    if (loop->ready.head == NULL && !loop->stopping) {
        if (loop->timers.n > 0 && !isinf(loop->timers.a[0].when))
            deadline = loop->timers.a[0].when;
        else if (loop->io_waiting > 0)
            deadline = INFINITY;
        else
            debug_report_deadlock(loop); /* NOTREACHED */
    }

    clock_wait(loop, deadline); /* 2. Wait, or jump: see clock_wait. */

    /* 3. Expired timers, in deadline order (ties in arming order). The
     * clock is only read when there is a timer to compare it with. */
    if (loop->timers.n > 0) {
        double now = clock_now();
        while (loop->timers.n > 0 && loop->timers.a[0].when <= now) {
            async_handle *h = timer_pop(&loop->timers);
            TRACE("timer", NULL, ",\"when\":%.6f", h->when);
            loop_schedule(loop, h);
        }
    }

    /* 4. Run what is ready now, and only that. */
    async_handle *h = loop->ready.head;
    loop->ready.head = loop->ready.tail = NULL;
    while (h != NULL) {
        /* Read all we need of h first: its callback may queue it again,
         * or free the memory it is embedded in. */
        async_handle *next = h->next;
        unsigned flags = h->flags;
        if (!(flags & HANDLE_CANCELLED))
            h->cb(h->arg);
        if (flags & HANDLE_OWNED)
            free(h);
        h = next;
    }
}

void
async_loop_run_forever(async_loop *loop)
{
    LOOP_THREAD_ONLY("async_loop_run_forever");
    if (loop->running || (loop_current && loop_current->current))
        fatal("async_loop_run_forever: the loop is already running "
              "(a task cannot run a loop; it can await instead)");
    loop_current = loop;
    loop->running = 1;
    do
        loop_run_once(loop);
    while (!loop->stopping);
    loop->stopping = 0;
    loop->running = 0;
}

void
async_loop_stop(async_loop *loop)
{
    LOOP_THREAD_ONLY("async_loop_stop");
    loop->stopping = 1;
}

static void
stop_when_done(async_future *f, void *loop)
{
    (void)f;
    async_loop_stop(loop);
}

/* async_loop_run_until_complete: as asyncio does, a done-callback on t
 * stops the loop, so the iteration after t finished still runs. */
async_value
async_loop_run_until_complete(async_loop *loop, async_task *t)
{
    async_future_add_done_callback(&t->fut, stop_when_done, loop);
    async_loop_run_forever(loop);
    if (t->fut.state == FUTURE_PENDING)
        fatal("async_loop_run_until_complete: the loop was stopped "
              "before task '%s' finished", t->name);
    t->awaited = 1;
    return t->fut.state == FUTURE_DONE ? t->fut.result : ASYNC_NONE;
}

