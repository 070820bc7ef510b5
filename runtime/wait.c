// SPDX-License-Identifier: MIT
/*
 * wait.c: asyncio.wait. Each task's done-callback sets the caller's future
 * once return_when holds, or a timer when time is up. Nothing is
 * cancelled: the caller gets the tasks sorted into done and pending.
 * Lesson 25 (waiting for the first).
 */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

struct wait_child {
    async_handle h;      /* the task's done-callback */
    struct wait_call *w; /* the call it belongs to */
    async_task *task;
};

/* Freed by the last to let go: the caller, or a callback queued. */
struct wait_call {
    async_future waiter;         /* set when the caller may go on */
    async_handle *timer;         /* the time-out, or NULL */
    enum async_return_when when; /* asyncio's return_when */
    size_t counter;              /* tasks not yet seen finishing */
    size_t refs;                 /* the caller + callbacks to come */
    size_t n;                    /* tasks */
    struct wait_child child[];   /* one per task */
};

static void
release(struct wait_call *w)
{
    assert(w->refs > 0);
    if (--w->refs == 0)
        free(w);
}

static void
stop_timer(struct wait_call *w)
{
    if (w->timer != NULL)
        async_handle_cancel(w->timer);
    w->timer = NULL;
}

static void
go_on(struct wait_call *w)
{
    stop_timer(w);
    if (w->waiter.state == FUTURE_PENDING)
        future_finish(&w->waiter, FUTURE_DONE, ASYNC_NONE);
}

/* asyncio's _on_completion. FIRST_EXCEPTION counts an error only, as
 * f.exception() does: a cancelled task is done, not failed. */
static void
completed(void *arg)
{
    struct wait_child *c = arg;
    struct wait_call *w = c->w;
    if (--w->counter == 0 || w->when == ASYNC_FIRST_COMPLETED ||
        (w->when == ASYNC_FIRST_EXCEPTION && async_task_failed(c->task)))
        go_on(w);
    release(w);
}

/* asyncio's _release_waiter: time is up. */
static void
expire(void *arg)
{
    struct wait_call *w = arg;
    w->timer = NULL; /* the loop frees a handle once it has run */
    go_on(w);
}

/* asyncio's `finally`: take back the callbacks of pending tasks; those
 * already queued let go of w when they run. */
static void
leave(void *arg)
{
    struct wait_call *w = arg;
    stop_timer(w);
    for (size_t i = 0; i < w->n; i++)
        if (w->child[i].task->fut.state == FUTURE_PENDING) {
            future_remove_handle(&w->child[i].task->fut, &w->child[i].h);
            w->refs--;
        }
    release(w);
}

static void
check_args(async_task **tasks, size_t n, enum async_return_when when,
           double timeout)
{
    if (n == 0 || tasks == NULL)
        fatal("async_wait: no tasks to wait for; pass at least one "
              "(asyncio raises ValueError for an empty set)");
    if (when != ASYNC_FIRST_COMPLETED && when != ASYNC_FIRST_EXCEPTION &&
        when != ASYNC_ALL_COMPLETED)
        fatal("async_wait: return_when is %d; use ASYNC_FIRST_COMPLETED, "
              "ASYNC_FIRST_EXCEPTION or ASYNC_ALL_COMPLETED", (int)when);
    if (isnan(timeout))
        fatal("async_wait: the timeout is NaN; pass seconds, or a negative "
              "number for no time limit");
}

/* Sorts the tasks, in argument order, into done then pending. */
static async_wait_sets
sort(async_loop *loop, async_task **tasks, size_t n)
{
    async_task **all = loop_alloc(loop, n * sizeof *all);
    async_wait_sets s = {.done = all};
    for (size_t i = 0; i < n; i++)
        if (tasks[i]->fut.state != FUTURE_PENDING)
            all[s.ndone++] = tasks[i];
    s.pending = all + s.ndone;
    for (size_t i = 0; i < n; i++)
        if (tasks[i]->fut.state == FUTURE_PENDING)
            s.pending[s.npending++] = tasks[i];
    assert(s.ndone + s.npending == n);
    return s;
}

static struct wait_call *
wait_call_new(async_loop *loop, async_task **tasks, size_t n,
              enum async_return_when when)
{
    struct wait_call *w = malloc(sizeof *w + n * sizeof w->child[0]);
    if (w == NULL)
        fatal("out of memory waiting for %zu tasks", n);
    *w = (struct wait_call){.when = when, .counter = n, .refs = n + 1, .n = n};
    future_init(&w->waiter, loop); /* cancelling the caller cancels it */
    for (size_t i = 0; i < n; i++) {
        w->child[i] = (struct wait_child){
            .h = {.cb = completed, .arg = &w->child[i], .heap_index = NO_HEAP},
            .w = w, .task = tasks[i]};
        tasks[i]->awaited = 1;
        future_add_handle(&tasks[i]->fut, &w->child[i].h);
    }
    return w;
}

/* Always suspends, as asyncio's: a task already done has its callback
 * queued, not run, so the caller resumes two iterations later. */
async_wait_sets
async_wait(async_task **tasks, size_t n, enum async_return_when return_when,
           double timeout)
{
    async_task *self = task_running("async_wait");
    check_args(tasks, n, return_when, timeout);
    async_loop *loop = self->fut.loop;
    struct wait_call *w = wait_call_new(loop, tasks, n, return_when);
    if (timeout >= 0)
        w->timer = async_call_later(timeout, expire, w);
    async_cleanup_push(leave, w);
    future_add_handle(&w->waiter, &self->step);
    task_suspend(self, WAIT_WAIT, &w->waiter);
    async_cleanup_pop(true);
    return sort(loop, tasks, n);
}

/* A loop that waits again and again frees each result, or holds them all. */
void
async_wait_sets_free(async_wait_sets *s)
{
    async_loop *loop = loop_get("async_wait_sets_free");
    if (s == NULL || !loop_owns(s->done))
        fatal("async_wait_sets_free: these sets did not come from "
              "async_wait, or were freed already; free each result once");
    loop_release(loop, s->done);
    *s = (async_wait_sets){0};
}
