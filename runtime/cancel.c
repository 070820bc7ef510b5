// SPDX-License-Identifier: MIT
/*
 * cancel.c: task.cancel() and cleanup handlers. Cancelling a task wakes
 * it where it waits; it resumes to run its cleanup handlers, newest first,
 * and finishes cancelled (task_unwind in task.c). Lesson 08 shows it at
 * shutdown; lesson 17 (cancellation) explains it.
 */
#include <stdlib.h>

#include "internal.h"

/* A sleep cancelled after its timer fired, before the timer's callback
 * ran. asyncio's cancel queues the wake-up at once, ahead of those that
 * timers firing later in this iteration queue. The timer is the task's
 * step handle, already in the batch the loop runs (its link in use): it
 * turns into a no-op there, and a second handle carries the wake-up. */
static void
fired_noop(void *arg)
{
    (void)arg;
}

static void
early_wake_run(void *arg)
{
    async_task *t = arg;
    t->step.cb = task_step;
    task_step(t);
}

static void
wake_fired_sleeper(async_task *t)
{
    assert(t->step.cb != task_step && t->state == TASK_WAITING);
    t->step.cb = fired_noop;
    t->early_wake = (async_handle){
        .cb = early_wake_run, .arg = t, .heap_index = NO_HEAP};
    task_set_state(t, TASK_READY);
    TRACE("wake", t, NULL);
    loop_schedule(t->fut.loop, &t->early_wake);
}

/* cancel_stop_waiting: t, waiting, is cancelled: take it off its timer
 * or future so that it resumes and unwinds soon. Returns true if what it
 * awaits carries the cancellation back: a task, cancelled in turn
 * (fut_waiter.cancel() returning True); t raises only if it ends so. */
bool
cancel_stop_waiting(async_task *t)
{
    async_future *on = t->waiting_on;

    if (t->holds_cancel == HOLD_PLACE)
        return false; /* keeps its place in line (condition.c) */
    if (t->why == WAIT_SLEEP) {
        if (t->step.heap_index == NO_HEAP) { /* fired, not yet run */
            wake_fired_sleeper(t);
            return false; /* it unwinds when it runs */
        }
        timer_remove(&t->fut.loop->timers, &t->step);
        t->step.cb = task_step;
        task_wake(t);
    } else if (on == NULL) {
        return false; /* ready: its step will see the request */
    } else if (on->is_task) { /* cancel it, wait for it */
        return async_cancel((async_task *)on);
    } else if (on->on_cancel != NULL) { /* a line of waiters, a gather */
        on->on_cancel(on, t);
    } else if (on->state == FUTURE_PENDING) { /* as asyncio: cancel it */
        future_finish(on, FUTURE_CANCELLED, ASYNC_NONE);
    }
    return false;
}

/* cancel_leave: an on_cancel for a future that stands for a line of
 * waiters (a thread's job): the cancelled one leaves, the rest stay. */
void
cancel_leave(async_future *f, async_task *waiter)
{
    future_remove_handle(f, &waiter->step);
    task_wake(waiter);
}

/* task_cancel: task.cancel() on a pending task: one more request, and
 * CancelledError where t resumes, unless what it awaits carries it. */
void
task_cancel(async_task *t)
{
    t->cancels++;
    t->must_cancel = 1;
    if (t->state == TASK_WAITING && cancel_stop_waiting(t))
        t->must_cancel = 0;
}

/* task_uncancel: task.uncancel(): one request fewer; returns those left. */
int
task_uncancel(async_task *t)
{
    if (t->cancels > 0)
        t->cancels--;
    return t->cancels;
}

bool
async_cancel(async_task *t)
{
    if (task_live(t, "async_cancel")->fut.state != FUTURE_PENDING)
        return false;
    if (!t->cancel_traced) {
        t->cancel_traced = 1;
        TRACE("cancel", t, NULL);
    }
    task_cancel(t);
    return true;
}

/* The handlers of what runs now: the innermost generator, or the task. */
static struct cleanup **
cleanup_list(const char *who)
{
    async_gen *g = gen_running();
    return g ? &g->uw.cleanups : &task_running(who)->uw.cleanups;
}

void
async_cleanup_push(async_callback *fn, void *arg)
{
    struct cleanup **list = cleanup_list("async_cleanup_push");
    struct cleanup *c = malloc(sizeof *c);
    if (c == NULL)
        fatal("out of memory in async_cleanup_push");
    *c = (struct cleanup){.fn = fn, .arg = arg, .next = *list};
    *list = c;
}

void
async_cleanup_pop(bool run)
{
    struct cleanup **list = cleanup_list("async_cleanup_pop");
    struct cleanup *c = *list;
    if (c == NULL)
        fatal("async_cleanup_pop: no cleanup handler to pop (a pop "
              "without its push?)");
    *list = c->next;
    if (run)
        c->fn(c->arg);
    free(c);
}
