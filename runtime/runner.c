// SPDX-License-Identifier: MIT
/* runner.c: closing a loop, and asyncio.run: once main returns, pending
 * tasks are cancelled, unclosed generators closed, everything freed.
 * Lesson 08 (tasks) shows what this means for a task main did not await. */
#include <stdlib.h>

#include "internal.h"

/* loop_cancel_all: as asyncio.run: cancel what is pending, run till unwound */
static void
loop_cancel_all(async_loop *loop)
{
    loop_current = loop;
    for (async_task *t = loop->tasks; t != NULL; t = t->next)
        if (t->fut.state == FUTURE_PENDING)
            async_cancel(t);
    while (loop->pending > 0)
        loop_run_once(loop);
}

static void
free_handles(async_handle *h)
{
    while (h != NULL) {
        async_handle *next = h->next;
        if (h->flags & HANDLE_OWNED)
            free(h);
        h = next;
    }
}

void
async_loop_close(async_loop *loop)
{
    LOOP_THREAD_ONLY("async_loop_close");
    if (loop->running)
        fatal("async_loop_close: the loop is running; stop it first");
    debug_report_at_close(loop);
    loop_cancel_all(loop);
    thread_close(loop); /* waits for the threads still running */
    gen_close_all(loop);
    stream_close_all(loop); /* after the tasks that might close them */
    free_handles(loop->ready.head); /* some are in tasks (lifetime.c) */
    for (async_task *t = loop->tasks, *next; t != NULL; t = next) {
        next = t->next;
        free_handles(t->fut.callbacks.head);
        task_free(t);
    }
    for (async_future *f = loop->futures, *next; f != NULL; f = next) {
        next = f->next;
        free_handles(f->callbacks.head);
        free(f);
    }
    TRACE("close", NULL, NULL); /* line-buffered: written already */
    if (loop_current == loop)
        loop_current = NULL;
    io_close(loop);
    queue_free_all(loop); /* the queues themselves are owned blocks */
    loop_free_owned(loop);
    while (loop->timers.n > 0) { /* the timers still armed */
        async_handle *h = timer_pop(&loop->timers);
        if (h->flags & HANDLE_OWNED)
            free(h);
    }
    timer_free(&loop->timers);
    free(loop);
}

async_value
async_run(async_fn *main, void *arg)
{
    LOOP_THREAD_ONLY("async_run");
    if (loop_current && loop_current->running)
        fatal("async_run: a loop is already running; inside a task, "
              "await the coroutine instead (call it, or create a task)");
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task_named(loop, main, arg, "main");
    async_value v = async_loop_run_until_complete(loop, t);
    async_error e = t->error; /* asyncio.run raises main's exception */
    bool failed = t->state == TASK_FAILED;
    async_loop_close(loop);
    if (failed)
        fatal("task 'main' failed: %s (code %d); nothing caught the error",
              e.message, e.code);
    return v;
}
