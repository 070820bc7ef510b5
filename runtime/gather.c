// SPDX-License-Identifier: MIT
/* gather.c: asyncio.gather. The caller waits on one "outer" future; each
 * task's done-callback counts it off, the last sets it. Results are read
 * in argument order, whatever order the tasks ended in. See lesson 10. */
#include <stdlib.h>

#include "internal.h"

struct gather_child {
    async_handle h;    /* its done-callback, embedded: no allocation later */
    struct gather *g;  /* the gather it belongs to */
    async_task *task;  /* the task it watches */
};

/* Freed by the last to let go: the gatherer or a child's done-callback (a
 * child may end after a cancel, or never: then the closing loop frees it). */
struct gather {
    async_future outer;     /* first: done when every task is */
    async_task **tasks;     /* the tasks, in argument order */
    size_t n;               /* how many */
    size_t ndone;           /* how many have finished */
    size_t refs;            /* the gathering task + unfinished children */
    struct gather_child child[]; /* one per task */
};

static void
release(void *arg)
{
    struct gather *g = arg;
    if (--g->refs == 0)
        loop_release(g->outer.loop, g);
}

/* A child finished. The last one completes the gather; a cancelled or
 * failed one ends it at once, as in asyncio (the others keep running). */
static void
child_done(void *arg)
{
    struct gather_child *c = arg;
    struct gather *g = c->g;
    g->ndone++;
    if (g->outer.state == FUTURE_PENDING) {
        g->outer.error = c->task->fut.error;
        if (c->task->fut.state != FUTURE_DONE)
            future_finish(&g->outer, c->task->fut.state, ASYNC_NONE);
        else if (g->ndone == g->n)
            future_finish(&g->outer, FUTURE_DONE, ASYNC_NONE);
    }
    release(g);
}

/* The gathering task was cancelled: as in asyncio, so is every child. */
static void
cancel_children(async_future *outer, async_task *waiter)
{
    struct gather *g = (struct gather *)outer;
    (void)waiter;
    for (size_t i = 0; i < g->n; i++)
        async_cancel(g->tasks[i]);
}

void
async_gather(async_task **tasks, size_t n, async_value *results)
{
    async_task *self = task_running("async_gather");
    if (n == 0)
        return; /* like gather() of nothing: done at once */

    struct gather *g = loop_alloc(self->fut.loop,
                                  sizeof *g + n * sizeof g->child[0]);
    *g = (struct gather){.tasks = tasks, .n = n, .refs = n + 1};
    future_init(&g->outer, self->fut.loop);
    g->outer.on_cancel = cancel_children;
    for (size_t i = 0; i < n; i++) {
        struct gather_child *c = &g->child[i];
        *c = (struct gather_child){.g = g, .task = tasks[i],
                                   .h = {.cb = child_done, .arg = c,
                                         .heap_index = NO_HEAP}};
        task_live(tasks[i], "async_gather")->awaited = 1;
        future_add_handle(&tasks[i]->fut, &c->h);
    }
    async_cleanup_push(release, g); /* if we are cancelled while waiting */
    future_add_handle(&g->outer, &self->step);
    task_suspend(self, WAIT_GATHER, &g->outer);
    enum future_state state = g->outer.state;
    const async_error *error = g->outer.error;
    async_cleanup_pop(true);
    if (state == FUTURE_CANCELLED) /* a cancelled task cancels the gather */
        task_unwind(self);
    if (state == FUTURE_FAILED) /* the first error, raised at once */
        error_raise(error);
    for (size_t i = 0; results != NULL && i < n; i++)
        results[i] = tasks[i]->fut.result;
}

/* Nobody but async_gather_fn holds its tasks: it detaches them once
 * gathered, or as its caller unwinds (they were cancelled with it). */
static void
detach_all(void *arg)
{
    for (async_task **t = arg; *t != NULL; t++)
        async_task_detach(*t);
    free(arg);
}

void
async_gather_fn_named(async_fn *fn, void **args, size_t n,
                      async_value *results, const char *name)
{
    task_running("async_gather_fn");
    async_task **tasks = calloc(n + 1, sizeof *tasks); /* NULL-ended */
    if (tasks == NULL)
        fatal("out of memory gathering %zu tasks", n);
    async_cleanup_push(detach_all, tasks);
    for (size_t i = 0; i < n; i++) /* created, so started, in order */
        tasks[i] = async_create_task_named(fn, args ? args[i] : NULL, name);
    async_gather(tasks, n, results);
    async_cleanup_pop(true);
}
