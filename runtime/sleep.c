// SPDX-License-Identifier: MIT
/* sleep.c: asyncio.sleep. Sleeping is not waiting in place: the task
 * arms a timer and gives the loop back, and the loop runs others until
 * the timer fires. Lesson 07 (sleeping without blocking) explains it. */
#include "internal.h"

/* As in asyncio, firing only queues the task. The timer is the task's step
 * handle (a sleeper is queued nowhere else): it turns back into the step. */
static void
timer_fired(void *arg)
{
    async_task *t = arg;
    t->step.cb = task_step;
    task_wake(t);
}

void
async_sleep(double seconds)
{
    async_task *t = task_running("async_sleep");
    async_loop *loop = t->fut.loop;
    if (seconds <= 0) { /* sleep(0): to the back of the queue */
        loop_schedule(loop, &t->step);
        task_suspend(t, WAIT_YIELD, NULL);
        return;
    }
    t->step.cb = timer_fired; /* INFINITY: a timer that never fires */
    t->step.when = clock_deadline("async_sleep", seconds); /* NaN: fatal */
    t->step.seq = loop->next_seq++;
    timer_push(&loop->timers, &t->step);
    task_suspend(t, WAIT_SLEEP, NULL);
}
