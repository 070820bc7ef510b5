// SPDX-License-Identifier: MIT
/*
 * timeout.c: asyncio.timeout, wait_for and shield. A timeout is a scope
 * around one call, in the calling task: a timer that, when it fires,
 * marks the scope expired and takes the task off what it waits on, as a
 * cancellation does. When the task resumes (task_suspend), it runs the
 * cleanup handlers pushed inside the scope and jumps back into
 * async_timeout, which returns false: asyncio's TimeoutError. Lessons 17
 * (cancellation, shield) and 18 (timeouts) explain it.
 *
 * Why setjmp/longjmp is safe here: the jump only goes back to a live
 * async_timeout frame of the same task, below the frames it abandons (on
 * the same stack, or from a generator opened inside the scope back to
 * the stack the scope runs on). The abandoned frames are never returned
 * to, as pthread_cancel abandons a thread's: the only code that runs for
 * them is their cleanup handlers, before the jump. Anything else that
 * could still reach them (the timers of inner scopes) is disarmed first.
 */
#include <setjmp.h>

#include "internal.h"

struct timeout_scope {
    jmp_buf back;                /* where async_timeout returns false */
    async_task *task;            /* the task it runs in */
    async_handle *timer;         /* its deadline, or NULL: none */
    int expired;                 /* the timer fired (and was freed) */
    struct cleanup **cleanups;   /* the handler list in use at entry */
    struct cleanup *mark;        /* its top then: older handlers stay */
    async_gen *gen;              /* the generator running at entry */
    void *run_stack;             /* the stack async_timeout runs on */
    struct timeout_scope *outer; /* the enclosing scope, or NULL */
};

/* The deadline passed. The task learns of it when it next resumes, as it
 * would of a cancellation, so only wake it. */
static void
expire(void *arg)
{
    struct timeout_scope *s = arg;

    s->expired = 1;
    if (s->task->state == TASK_WAITING)
        cancel_stop_waiting(s->task);
}

/* leave: t leaves every scope inside stop, disarming the timers still
 * armed: the frames their callbacks point into are going away. */
static void
leave(async_task *t, struct timeout_scope *stop)
{
    for (; t->timeouts != stop; t->timeouts = t->timeouts->outer)
        if (t->timeouts->timer != NULL && !t->timeouts->expired)
            async_handle_cancel(t->timeouts->timer);
}

void
timeout_drop_all(async_task *t)
{
    leave(t, NULL);
}

/* timeout_deliver: t has resumed. If a deadline passed meanwhile, unwind
 * to the outermost expired scope (an inner scope lets an outer one's
 * cancellation through, as in asyncio): generators opened inside are
 * abandoned and the handlers pushed inside run, newest first. */
void
timeout_deliver(async_task *t)
{
    struct timeout_scope *hit = NULL;
    int how = 1;

    for (struct timeout_scope *s = t->timeouts; s != NULL; s = s->outer)
        if (s->expired)
            hit = s;
    if (hit == NULL)
        return;
    t->unwinding = 1; /* cleanup handlers must not suspend */
    gen_abandon_to(t, hit->gen);
    while (*hit->cleanups != hit->mark)
        async_cleanup_pop(true);
    t->unwinding = 0;
    leave(t, hit->outer);
    if (t->run_stack != hit->run_stack) { /* from a generator's stack */
        t->run_stack = hit->run_stack;
        fiber_start(NULL, hit->run_stack, stack_size());
        how = 2;
    }
    longjmp(hit->back, how);
}

bool
async_timeout(double seconds, async_fn *body, void *arg, async_value *out)
{
    async_task *t = task_running("async_timeout");
    async_gen *g = gen_running();
    struct timeout_scope s = {
        .task = t, .cleanups = g ? &g->cleanups : &t->cleanups,
        .gen = g, .run_stack = t->run_stack, .outer = t->timeouts,
    };

    s.mark = *s.cleanups;
    switch (setjmp(s.back)) { /* nothing here is read after the jump */
    case 0:
        break;
    case 2:
        fiber_finish(NULL, NULL, NULL);
        /* fall through */
    default:
        return false;
    }
    if (seconds >= 0)
        s.timer = async_call_later(seconds, expire, &s);
    t->timeouts = &s;
    async_value v = body(arg);
    leave(t, s.outer);
    if (out != NULL)
        *out = v;
    return true;
}

static async_value
await_task(void *t)
{
    return async_task_await(t);
}

/* asyncio 3.12's wait_for is a timeout around the await: on time-out the
 * awaited task is cancelled, and the caller resumes once it has ended. */
bool
async_wait_for(async_task *t, double seconds, async_value *out)
{
    task_running("async_wait_for");
    return async_timeout(seconds, await_task, t, out);
}

/* The future a shield's caller waits on. Freed by whichever lets go
 * last: the caller, or t's done-callback (t may end after the caller was
 * cancelled and left, or never, if the loop closes first). */
struct shield {
    async_future outer; /* first: done when t is, or cancelled */
    int refs;           /* the caller + t's done-callback */
};

static void
shield_release(void *arg)
{
    struct shield *s = arg;

    if (--s->refs == 0)
        loop_release(s->outer.loop, s);
}

/* t ended: hand its outcome to the shield's caller, unless the caller
 * was cancelled and left (its outer future is cancelled then). */
static void
pass_on(async_future *inner, void *arg)
{
    struct shield *s = arg;

    if (s->outer.state == FUTURE_PENDING)
        future_finish(&s->outer, inner->state, inner->result);
    shield_release(s);
}

/* As asyncio's shield: the caller awaits an outer future that t's end
 * sets. Cancelling the caller cancels only that future, never t. */
async_value
async_shield(async_task *t)
{
    async_task *self = task_running("async_shield");
    if (task_live(t, "async_shield")->fut.state != FUTURE_PENDING)
        return async_task_await(t);
    struct shield *s = loop_alloc(self->fut.loop, sizeof *s);
    future_init(&s->outer, self->fut.loop);
    s->refs = 2;
    async_future_add_done_callback(async_task_future(t), pass_on, s);
    async_cleanup_push(shield_release, s); /* if the caller unwinds */
    async_value v = async_future_await(&s->outer);
    async_cleanup_pop(true);
    return v;
}
