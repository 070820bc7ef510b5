// SPDX-License-Identifier: MIT
/*
 * sleep.c: asyncio.sleep. Sleeping is not waiting in place: the task
 * arms a timer and gives the loop back, and the loop runs others until
 * the timer fires. Lesson 07 (sleeping without blocking) explains it.
 */
#include <math.h>

#include "internal.h"

/* The timer's callback: like asyncio, firing the timer only queues the
 * task, which then runs on the next iteration. */
static void
timer_fired(void *arg)
{
    task_wake(arg);
}

void
async_sleep(double seconds)
{
    async_task *t = task_running("async_sleep");
    async_loop *loop = t->fut.loop;

    if (isnan(seconds))
        fatal("async_sleep: task '%s' asked to sleep NaN seconds", t->name);
    if (seconds <= 0) { /* sleep(0): to the back of the queue */
        loop_schedule(loop, &t->step);
        task_suspend(t, WAIT_YIELD, NULL);
        return;
    }
    t->timer = (async_handle){.cb = timer_fired, .arg = t,
                              .when = clock_now() + seconds,
                              .seq = loop->next_seq++};
    timer_push(&loop->timers, &t->timer);
    task_suspend(t, WAIT_SLEEP, NULL);
}
