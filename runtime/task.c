// SPDX-License-Identifier: MIT
/* task.c: a task is a coroutine with its own stack, driven by the loop.
 * Each step is one callback: task_step switches from the loop's stack to
 * the task's, which switches back as it suspends (task_suspend) or ends
 * (task_exit): coroutines of each other. Lessons 05 and 08 explain it. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *const task_state_name[] = {
    "new", "ready", "running", "waiting", "done", "cancelled", "failed",
};
const char *const wait_reason_name[] = {
    "none", "yield", "sleep", "task", "future", "gather", "as_completed",
    "event", "lock", "semaphore", "queue", "io", "thread",
    "condition", "barrier", "wait",
};

static void task_entry(void);

async_task *
async_loop_create_task_named(async_loop *loop, async_fn *fn, void *arg,
                             const char *name)
{
    LOOP_THREAD_ONLY("async_loop_create_task");
    async_task *t = calloc(1, sizeof *t);
    if (t == NULL)
        fatal("out of memory creating task number %llu",
              (unsigned long long)loop->next_id);
    future_init(&t->fut, loop);
    t->fut.is_task = 1;
    t->fn = fn;
    t->arg = arg;
    t->id = loop->next_id++;
    if (name != NULL) /* cut to fit (calloc ended it); no printf here */
        memcpy(t->name, name, strnlen(name, sizeof t->name - 1));
    else
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

/* task_running: the calling task; suspending outside one is an error. */
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
/* task_finish: t is done, cancelled or failed. Wakes what awaits it. */
static void
task_finish(async_task *t, enum task_state state, async_value v)
{
    static const enum future_state fstate[] = {
        [TASK_DONE] = FUTURE_DONE, [TASK_CANCELLED] = FUTURE_CANCELLED,
        [TASK_FAILED] = FUTURE_FAILED};
    assert(t->uw.cleanups == NULL); /* popped, or run by the unwinding */
    task_set_state(t, state);
    t->fut.loop->pending--;
    t->fut.error = &t->error;
    if (state == TASK_FAILED && t->detached && !t->fut.callbacks.head)
        debug_error_lost(t); /* fire and forget: nobody will see it */
    TRACE(task_state_name[state], t, state == TASK_FAILED ? ",\"cpu\":%.6f,"
          "\"code\":%d" : ",\"cpu\":%.6f", debug_step_cpu(t->fut.loop),
          t->error.code); /* the step's CPU time: see task_suspend */
    future_finish(&t->fut, fstate[state], v);
    if (t->detached) /* after its awaiters, now queued */
        task_reap_later(t);
}

/* task_step: runs one step of t, on its stack, until it suspends or ends.
 * As in asyncio, a task cancelled before its first step never runs. */
void
task_step(void *arg)
{
    async_task *t = arg;
    async_loop *loop = t->fut.loop;
    void *fake = NULL;

    clock_step(); /* a step, even one that only ends a cancelled task */
    if (t->state == TASK_NEW) {
        if (t->must_cancel) {
            debug_step_begin(loop);
            task_finish(t, TASK_CANCELLED, ASYNC_NONE);
            return;
        }
        t->stack = t->run_stack = stack_get(t->name);
        context_init(&t->ctx, t->stack, stack_size(), task_entry);
    }
    task_set_state(t, TASK_RUNNING);
    t->why = WAIT_NONE;
    t->waiting_on = NULL;
    loop->current = t;
    TRACE("run", t, NULL);
    debug_step_begin(loop); /* after the new stack's setup: not its CPU */

    fiber_start(&fake, t->run_stack, stack_size());
    switch_context(&loop->ctx, t->ctx);
    fiber_finish(fake, NULL, NULL);

    stack_check(t->run_stack, t->name);
    debug_step_end(loop, t);
    loop->current = NULL;
    if (t->fut.state != FUTURE_PENDING) {
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

/* task_entry: every task starts here, on its fresh stack. It runs the
 * function under the stack's base catch frame and finishes the task done,
 * or cancelled or failed if a cancel or an error reached the base. */
static void
task_entry(void)
{
    async_task *t = loop_current->current;
    async_loop *loop = t->fut.loop;
    struct catch_frame base;
    fiber_finish(NULL, &loop->stack_bottom, &loop->stack_size);
    catch_push(&t->uw, &base, 0);
    if (setjmp(base.jb) == 0) {
        async_value v = t->fn(t->arg);
        catch_pop(&t->uw, &base); /* cancelled just before it returned: */
        task_exit(t, t->must_cancel ? TASK_CANCELLED : TASK_DONE, v);
    }
    if (t->uw.raising == UNWIND_ERROR) { /* its handlers have run */
        t->error = error_raising;
        task_exit(t, TASK_FAILED, ASYNC_NONE);
    }
    task_exit(t, TASK_CANCELLED, ASYNC_NONE);
}

/* task_suspend: the running task t gives the CPU back to the loop, having
 * arranged to be woken (a timer, a future's callbacks, the ready queue);
 * `why` and `on` only describe it. Returns when t's step next runs, or if
 * t was cancelled meanwhile (a timeout expired), raises it: task_unwind. */
void
task_suspend(async_task *t, enum wait_reason why, async_future *on)
{
    async_loop *loop = t->fut.loop;
    if (t->unwinding)
        fatal("task '%s' tried to wait in a cleanup handler while being "
              "cancelled; cleanup handlers must not suspend", t->name);
    task_set_state(t, why == WAIT_YIELD ? TASK_READY : TASK_WAITING);
    t->why = why;
    t->waiting_on = on;
    /* The step's CPU time too: the virtual clock charges a step 1 us
     * unless it computed long (clock.c); a timeline draws it this wide. */
    TRACE("suspend", t, ",\"why\":\"%s\",\"on\":%llu,\"until\":%.6f,"
          "\"cpu\":%.6f", wait_reason_name[why], on && on->is_task ?
          (unsigned long long)((async_task *)on)->id : 0ULL,
          why == WAIT_SLEEP ? t->step.when : 0.0, debug_step_cpu(loop));
    if (t->must_cancel && cancel_stop_waiting(t)) /* cancelled while */
        t->must_cancel = 0;                        /* running: go at once */
    fiber_start(&t->fake_stack, loop->stack_bottom, loop->stack_size);
    switch_context(&t->ctx, loop->ctx);
    fiber_finish(t->fake_stack, &loop->stack_bottom, &loop->stack_size);

    if (t->holds_cancel != HOLD_NONE) /* the caller delivers it */
        return;
    if (t->must_cancel)
        task_unwind(t);
}

/* task_wake: what t waited for has happened; its step joins the back of
 * the ready queue. Safe to call twice: only a waiting task is queued. */
void
task_wake(async_task *t)
{
    if (t->state != TASK_WAITING)
        return;
    task_set_state(t, TASK_READY);
    TRACE("wake", t, NULL);
    loop_schedule(t->fut.loop, &t->step);
}

/* task_unwind: CancelledError in the running task t, at a suspension
 * point: the request (asyncio's _must_cancel) is taken; t's stack unwinds
 * to its innermost catch frame (unwind.c), or with none t ends cancelled,
 * cleanup handlers run newest first, frames abandoned (as pthread_cancel). */
_Noreturn void
task_unwind(async_task *t)
{
    t->must_cancel = 0;
    unwind_raise(unwind_here(), UNWIND_CANCEL);
}

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
    if (t->fut.state != FUTURE_DONE) /* CancelledError, errors propagate */
        task_raise_outcome(t);
    return t->fut.result;
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
    if (t->fut.state == FUTURE_FAILED) /* raises its error */
        task_raise_outcome(t);
    t->awaited = 1;
    return t->fut.result;
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
