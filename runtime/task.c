// SPDX-License-Identifier: MIT
/*
 * task.c: a task is a coroutine with its own stack, driven by the loop.
 * Each step of a task is one callback on the loop: task_step switches
 * from the loop's stack to the task's, and the task switches back when it
 * suspends (task_suspend) or finishes (task_exit). The two are coroutines
 * of each other. Lesson 05 (coroutines) and lesson 08 (tasks) explain it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *const task_state_name[] = {
    "new", "ready", "running", "waiting", "done", "cancelled",
};
const char *const wait_reason_name[] = {
    "none", "yield", "sleep", "task", "future", "gather", "as_completed",
    "event", "lock", "semaphore", "queue", "io", "thread",
};

static void task_entry(void);
static void cancel_awaited(async_future *f, async_task *waiter);

/* ---- Creating ----------------------------------------------------------- */

async_task *
async_loop_create_task_named(async_loop *loop, async_fn *fn, void *arg,
                             const char *name)
{
    async_task *t = calloc(1, sizeof *t);
    if (t == NULL)
        fatal("out of memory creating task number %llu",
              (unsigned long long)loop->next_id);
    future_init(&t->fut, loop);
    t->fut.is_task = 1;
    t->fut.on_cancel = cancel_awaited;
    t->fn = fn;
    t->arg = arg;
    t->id = loop->next_id++;
    if (name != NULL) { /* copied, cut to fit: no printf on this path */
        size_t n = strnlen(name, sizeof t->name - 1);
        memcpy(t->name, name, n);
        t->name[n] = '\0';
    } else
        snprintf(t->name, sizeof t->name, "Task-%llu",
                 (unsigned long long)t->id);
    t->step = (async_handle){.cb = task_step, .arg = t, .heap_index = NO_HEAP};
    t->prev = loop->last_task; /* in creation order, for messages */
    if (loop->last_task)
        loop->last_task->next = t;
    else
        loop->tasks = t;
    loop->last_task = t;
    loop->pending++;
    TRACE("create", t, ",\"by\":%llu",
          loop->current ? (unsigned long long)loop->current->id : 0ULL);
    loop_schedule(loop, &t->step); /* at the back: the creator runs on */
    return t;
}

async_task *
async_create_task_named(async_fn *fn, void *arg, const char *name)
{
    return async_loop_create_task_named(loop_get("async_create_task"), fn,
                                        arg, name);
}

/* task_running: the task calling a function that may suspend. Suspending
 * outside a task would switch to nowhere, so it is an error. */
async_task *
task_running(const char *who)
{
    if (loop_current == NULL || loop_current->current == NULL)
        fatal_no_task(who);
    return loop_current->current;
}

async_task *
async_current_task(void)
{
    return loop_current ? loop_current->current : NULL;
}

/* ---- Running: the loop's side ------------------------------------------- */

/* task_finish: t is done or cancelled. Wakes what awaits it. */
static void
task_finish(async_task *t, enum task_state state, async_value v)
{
    cleanup_all(&t->cleanups, false); /* returned without popping */
    t->state = state;
    t->fut.loop->pending--;
    TRACE(state == TASK_DONE ? "done" : "cancelled", t, NULL);
    future_finish(&t->fut, state == TASK_DONE ? FUTURE_DONE : FUTURE_CANCELLED,
                  v);
    if (t->detached) /* after its awaiters, now queued */
        task_reap_later(t);
}

/* task_step: the callback that runs one step of t: switch to its stack,
 * and come back here when it suspends or finishes. A task cancelled
 * before its first step never runs at all, as in asyncio. */
void
task_step(void *arg)
{
    async_task *t = arg;
    async_loop *loop = t->fut.loop;
    void *fake = NULL;
    double cpu0;

    if (t->state == TASK_NEW) {
        if (t->cancel_requested) {
            task_finish(t, TASK_CANCELLED, ASYNC_NONE);
            return;
        }
        t->stack = t->run_stack = stack_get(t->name);
        context_init(&t->ctx, t->stack, stack_size(), task_entry);
    }
    t->state = TASK_RUNNING;
    t->why = WAIT_NONE;
    t->waiting_on = NULL;
    loop->current = t;
    clock_step();
    TRACE("run", t, NULL);
    debug_step_begin(loop, &cpu0);

    fiber_start(&fake, t->run_stack, stack_size());
    switch_context(&loop->ctx, t->ctx);
    fiber_finish(fake, NULL, NULL);

    stack_check(t->run_stack, t->name);
    debug_step_end(loop, t, cpu0);
    loop->current = NULL;
    if (t->state == TASK_DONE || t->state == TASK_CANCELLED) {
        stack_put(t->stack);
        t->stack = NULL;
    }
}

/* ---- Running: the task's side ------------------------------------------- */

/* task_exit: t's last switch back to the loop; its stack is released
 * there. ASan is told (NULL) that this stack's frames are gone. */
static _Noreturn void
task_exit(async_task *t, enum task_state state, async_value v)
{
    async_loop *loop = t->fut.loop;

    task_finish(t, state, v);
    fiber_start(NULL, loop->stack_bottom, loop->stack_size);
    switch_context(&t->ctx, loop->ctx);
    abort(); /* NOTREACHED: a finished task is never resumed */
}

/* task_entry: where every task starts, on its fresh stack. It runs the
 * task's function and then finishes the task with its result. */
static void
task_entry(void)
{
    async_task *t = loop_current->current;
    async_loop *loop = t->fut.loop;

    fiber_finish(NULL, &loop->stack_bottom, &loop->stack_size);
    task_exit(t, TASK_DONE, t->fn(t->arg));
}

/* task_suspend: the running task t gives the CPU back to the loop. The
 * caller has already arranged to be woken (a timer, a future's callback
 * list, the ready queue); `why` and `on` only describe it. Returns when
 * t's step is next run, unless t was cancelled or its timeout passed
 * meanwhile: then it unwinds instead (task_unwind, timeout_deliver). */
void
task_suspend(async_task *t, enum wait_reason why, async_future *on)
{
    async_loop *loop = t->fut.loop;

    if (t->unwinding)
        fatal("task '%s' tried to wait in a cleanup handler while being "
              "cancelled; cleanup handlers must not suspend", t->name);
    t->state = why == WAIT_YIELD ? TASK_READY : TASK_WAITING;
    t->why = why;
    t->waiting_on = on;
    if (config.trace) {
        unsigned long long on_id =
            on && on->is_task ? (unsigned long long)((async_task *)on)->id
                              : 0;
        trace_event("suspend", t, ",\"why\":\"%s\",\"on\":%llu,\"until\":%.6f",
                    wait_reason_name[why], on_id,
                    why == WAIT_SLEEP ? t->step.when : 0.0);
    }
    if (t->cancel_requested) /* cancelled while running: go at once */
        cancel_stop_waiting(t);
    fiber_start(&t->fake_stack, loop->stack_bottom, loop->stack_size);
    switch_context(&t->ctx, loop->ctx);
    fiber_finish(t->fake_stack, &loop->stack_bottom, &loop->stack_size);

    if (t->cancel_requested)
        task_unwind(t);
    if (t->timeouts != NULL) /* a deadline may have passed: unwind to it */
        timeout_deliver(t);
}

/* task_wake: what t waited for has happened; its step joins the back of
 * the ready queue. Safe to call twice: only a waiting task is queued. */
void
task_wake(async_task *t)
{
    if (t->state != TASK_WAITING)
        return;
    t->state = TASK_READY;
    TRACE("wake", t, NULL);
    loop_schedule(t->fut.loop, &t->step);
}

/* task_unwind: t was cancelled at a suspension point. Run its cleanup
 * handlers, newest first, on its own stack, then finish it cancelled. The
 * frames above are abandoned, as pthread_cancel abandons a thread's. */
_Noreturn void
task_unwind(async_task *t)
{
    t->unwinding = 1;
    timeout_drop_all(t); /* its scopes' timers point into its frames */
    gen_abandon_to(t, NULL);
    cleanup_all(&t->cleanups, true);
    task_exit(t, TASK_CANCELLED, ASYNC_NONE);
}

/* cancel_awaited: a task waiting on this task was cancelled. asyncio then
 * cancels the awaited task too (use shield to prevent it). */
static void
cancel_awaited(async_future *f, async_task *waiter)
{
    (void)waiter;
    async_cancel((async_task *)f);
}

/* ---- Awaiting a task ---------------------------------------------------- */

async_value
async_task_await(async_task *t)
{
    async_task *self = task_running("async_await");

    if (task_live(t, "async_await") == self)
        fatal("async_await: task '%s' awaits itself, which can never "
              "finish", t->name);
    t->awaited = 1;
    if (t->fut.state == FUTURE_PENDING) {
        future_add_handle(&t->fut, &self->step);
        task_suspend(self, WAIT_TASK, &t->fut);
    }
    if (t->fut.state == FUTURE_CANCELLED) /* CancelledError propagates */
        task_unwind(self);
    return t->fut.result;
}

bool
async_task_done(async_task *t)
{
    return task_live(t, "async_done")->fut.state != FUTURE_PENDING;
}

async_value
async_task_result(async_task *t)
{
    if (task_live(t, "async_result")->fut.state == FUTURE_PENDING)
        fatal("async_result: task '%s' is not done yet; await it first",
              t->name);
    if (t->fut.state == FUTURE_CANCELLED)
        fatal("async_result: task '%s' was cancelled and has no result",
              t->name);
    t->awaited = 1;
    return t->fut.result;
}

bool
async_task_cancelled(async_task *t)
{
    task_live(t, "async_task_cancelled")->awaited = 1; /* it looked */
    return t->fut.state == FUTURE_CANCELLED;
}

const char *
async_task_name(async_task *t)
{
    return task_live(t, "async_task_name")->name;
}

async_future *
async_task_future(async_task *t)
{
    task_live(t, "async_task_future")->awaited = 1;
    return &t->fut;
}
