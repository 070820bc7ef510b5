// SPDX-License-Identifier: MIT
/*
 * timeout.c: asyncio.timeout, wait_for and shield. A timeout, as 3.11's,
 * is a catch frame (unwind.c) whose timer cancels its task; it takes the
 * CancelledError as its own (TimeoutError) only if uncancel() leaves no
 * more requests than at entry, so an outer expiry goes through inner
 * scopes, and a real cancellation wins. Lessons 17 and 18 (timeouts).
 */
#include "internal.h"

struct timeout_scope {
    struct catch_frame frame;       /* first: async_timeout's catch frame */
    async_task *task;               /* the task that entered it */
    async_handle *volatile timer;   /* its deadline, NULL once fired */
    volatile int expired;           /* the timer fired: task cancelled */
    int cancelling;                 /* task's cancelling() at entry */
};

/* The deadline passed: asyncio's _on_timeout. */
static void
expire(void *arg)
{
    struct timeout_scope *s = arg;
    s->timer = NULL; /* the loop frees it */
    s->expired = 1;
    if (s->task->fut.state == FUTURE_PENDING) /* else cancel() is False */
        task_cancel(s->task);
}

/* leave: disarm the timer (it points into this frame). An expired scope
 * takes its request back, unless outside its task (the loop closing a
 * generator); true if then none newer than the scope is left. */
static bool
leave(struct timeout_scope *s)
{
    if (s->timer != NULL)
        async_handle_cancel(s->timer);
    s->timer = NULL;
    if (!s->expired || async_current_task() != s->task)
        return false;
    return task_uncancel(s->task) <= s->cancelling;
}

bool
async_timeout(double seconds, async_fn *body, void *arg, async_value *out)
{
    async_task *t = task_running("async_timeout");
    struct unwind *u = unwind_here();
    struct timeout_scope s = {.task = t, .cancelling = t->cancels};

    clock_check_delay("async_timeout", seconds);
    catch_push(u, &s.frame, 1);
    if (setjmp(s.frame.jb) != 0) { /* s is read through memory only */
        if (leave(&s) && u->raising == UNWIND_CANCEL)
            return false; /* our own expiry: TimeoutError */
        unwind_raise(u, u->raising);
    }
    if (seconds >= 0)
        s.timer = async_call_later(seconds, expire, &s);
    async_value v = body(arg);
    catch_pop(u, &s.frame);
    leave(&s);
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
    clock_check_delay("async_wait_for", seconds);
    return async_timeout(seconds, await_task, t, out);
}

/* The future a shield's caller waits on, freed by the last to let go:
 * the caller, or t's done-callback (t may end after the caller left). */
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

/* t ended: hand its outcome on, unless the caller was cancelled. */
static void
pass_on(async_future *inner, void *arg)
{
    struct shield *s = arg;
    if (s->outer.state == FUTURE_PENDING) {
        s->outer.error = inner->error; /* a failed task's error too */
        future_finish(&s->outer, inner->state, inner->result);
    }
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
