// SPDX-License-Identifier: MIT
/* future.c: a future is a placeholder for a result that is not there yet.
 * Whoever wants it waits on its callback list; setting the result moves
 * the list, in the order it was built, to the loop's ready queue. A task
 * is a future set when its function returns. Lesson 09 explains it. */
#include <stdlib.h>

#include "internal.h"

struct done_callback { /* a user's done-callback: handle and function */
    async_handle h; /* first, so the loop's free() of h frees all of it */
    async_done_callback *fn;
    void *arg;
    async_future *f;
};

/* future_init: pending on loop, no callbacks, no on_cancel behaviour. */
void
future_init(async_future *f, async_loop *loop)
{
    *f = (async_future){.loop = loop, .state = FUTURE_PENDING};
}

/* future_reset: pending again, to be set once more; on_cancel stays. */
void
future_reset(async_future *f)
{
    f->state = FUTURE_PENDING;
    f->callbacks.head = f->callbacks.tail = NULL;
}

async_future *
async_future_new(void)
{
    async_loop *loop = loop_get("async_future_new");
    async_future *f = calloc(1, sizeof *f);
    if (f == NULL)
        fatal("out of memory creating a future");
    future_init(f, loop);
    f->next = loop->futures;
    loop->futures = f;
    return f;
}

/* future_add_handle: h runs once f is done (next iteration if it is). */
void
future_add_handle(async_future *f, async_handle *h)
{
    if (f->state != FUTURE_PENDING)
        loop_schedule(f->loop, h);
    else
        list_append(&f->callbacks, h);
}

void
future_remove_handle(async_future *f, async_handle *h)
{
    async_handle **p = &f->callbacks.head, *prev = NULL;
    for (; *p != h; prev = *p, p = &(*p)->next)
        if (*p == NULL)
            return; /* not there */
    *p = h->next;
    if (f->callbacks.tail == h)
        f->callbacks.tail = prev;
    h->next = NULL;
}

/* future_finish: f is done (or cancelled). Its callbacks join the ready
 * queue in the order they were added; tasks among them are now ready. */
void
future_finish(async_future *f, enum future_state state, async_value v)
{
    f->state = state;
    f->result = v;
    for (async_handle *h = f->callbacks.head; h != NULL; h = h->next) {
        async_task *t = h->arg;
        if (h->cb == task_step && t->state == TASK_WAITING) {
            task_set_state(t, TASK_READY);
            TRACE("wake", t, NULL);
        }
    }
    list_splice(&f->loop->ready, &f->callbacks);
}

void
async_future_set_result(async_future *f, async_value v)
{
    LOOP_THREAD_ONLY("async_future_set_result");
    if (f->state != FUTURE_PENDING)
        fatal("async_future_set_result: the future is already %s; a "
              "future's result is set once",
              f->state == FUTURE_DONE ? "done" : "cancelled");
    future_finish(f, FUTURE_DONE, v);
}

bool
async_future_done(async_future *f)
{
    LOOP_THREAD_ONLY("async_done");
    return f->state != FUTURE_PENDING;
}

/* result_of: f's result; a message names what the student wrote (who). */
static async_value
result_of(async_future *f, const char *who)
{
    LOOP_THREAD_ONLY(who);
    if (f->state == FUTURE_PENDING)
        fatal("%s: the future is not done yet; await it first", who);
    if (f->state == FUTURE_CANCELLED)
        fatal("%s: the future was cancelled and has no result", who);
    if (f->state == FUTURE_FAILED) /* future.result() raises it */
        error_raise(f->error);
    return f->result;
}

async_value
async_future_result(async_future *f)
{
    return result_of(f, "async_future_result");
}

async_value
async_result_of_future(async_future *f)
{
    return result_of(f, "async_result");
}

async_value
async_future_await(async_future *f)
{
    async_task *self = task_running("async_await");
    if (f->state == FUTURE_PENDING) {
        future_add_handle(f, &self->step);
        task_suspend(self, WAIT_FUTURE, f);
    }
    if (f->state == FUTURE_CANCELLED) /* CancelledError propagates */
        task_unwind(self);
    if (f->state == FUTURE_FAILED) /* a shielded task's error too */
        error_raise(f->error);
    return f->result;
}

static void
run_done_callback(void *arg)
{
    struct done_callback *d = arg;
    d->fn(d->f, d->arg);
}

void
async_future_add_done_callback(async_future *f, async_done_callback *cb,
                               void *arg)
{
    LOOP_THREAD_ONLY("async_future_add_done_callback");
    struct done_callback *d = malloc(sizeof *d);
    if (d == NULL)
        fatal("out of memory adding a done-callback");
    *d = (struct done_callback){.h = {.cb = run_done_callback, .arg = d,
                                      .heap_index = NO_HEAP,
                                      .flags = HANDLE_OWNED},
                                .fn = cb, .arg = arg, .f = f};
    future_add_handle(f, &d->h);
}
