// SPDX-License-Identifier: MIT
/*
 * as_completed.c: asyncio.as_completed. Each task's done-callback appends
 * it to a queue; next() takes from the queue, waiting on a future when it
 * is empty, so tasks come out in the order they finished. Lesson 11.
 */
#include "internal.h"

struct async_as_completed {
    async_future wakeup; /* pending while next() waits for a task */
    int freed;           /* debug: next() returned NULL, freed it */
    size_t n;            /* tasks in all */
    size_t head;         /* finished tasks handed out so far */
    size_t tail;         /* finished tasks so far */
    async_task *done[];  /* finished tasks, in order of finishing */
};

/* A task's done-callback (a task's future comes first in it). */
static void
completed(async_future *f, void *arg)
{
    async_as_completed *it = arg;
    it->done[it->tail++] = (async_task *)f;
    if (it->wakeup.state == FUTURE_PENDING)
        future_finish(&it->wakeup, FUTURE_DONE, ASYNC_NONE);
}

async_as_completed *
async_as_completed_new(async_task **tasks, size_t n)
{
    async_loop *loop = loop_get("async_as_completed_new");
    async_as_completed *it =
        loop_alloc(loop, sizeof *it + n * sizeof *it->done);

    *it = (async_as_completed){.n = n};
    future_init(&it->wakeup, loop);
    for (size_t i = 0; i < n; i++) {
        task_live(tasks[i], "async_as_completed_new")->awaited = 1;
        async_future_add_done_callback(&tasks[i]->fut, completed, it);
    }
    return it;
}

async_task *
async_as_completed_next(async_as_completed *it)
{
    async_task *self = task_running("async_as_completed_next");

    if (it->freed)
        fatal("async_as_completed_next: the iterator was freed when it "
              "returned NULL, after its last task; keep the tasks it "
              "returned, not the iterator");
    if (it->head == it->n) { /* every callback has run: nothing uses it */
        it->freed = 1;
        loop_release(self->fut.loop, it);
        return NULL;
    }
    if (it->head == it->tail) { /* none ready: wait for the next one */
        future_reset(&it->wakeup);
        future_add_handle(&it->wakeup, &self->step);
        task_suspend(self, WAIT_AS_COMPLETED, &it->wakeup);
        assert(it->wakeup.state == FUTURE_DONE); /* a cancel unwound */
    }
    return it->done[it->head++];
}
