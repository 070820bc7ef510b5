// SPDX-License-Identifier: MIT
/*
 * taskgroup.c: gather(return_exceptions=True), and asyncio.TaskGroup
 * (3.11's taskgroups.py, step for step): a scope that waits for all its
 * tasks; the first failure cancels the others and the body, then takes
 * that request back, as a timeout does. Lesson 27.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const async_error cancelled_error = {ASYNC_CANCELLED, "cancelled"};

struct settle { /* gather(return_exceptions=True) */
    async_future all; /* first: set once every task is done */
    async_task **tasks;
    size_t n;
    size_t left; /* tasks not done yet */
};

static void
settled_one(async_future *f, void *arg)
{
    struct settle *s = arg;
    (void)f;
    if (--s->left == 0)
        future_finish(&s->all, FUTURE_DONE, ASYNC_NONE);
}

/* The gathering task was cancelled: so is every task (asyncio's
 * _GatheringFuture.cancel); the caller raises once they are all done. */
static void
settle_cancel(async_future *all, async_task *waiter)
{
    struct settle *s = (struct settle *)all;
    (void)waiter;
    for (size_t i = 0; i < s->n; i++)
        async_cancel(s->tasks[i]);
}

void
async_gather_settled(async_task **tasks, size_t n, async_value *results,
                     const async_error **errors)
{
    async_task *self = task_running("async_gather_settled");
    struct settle s = {.tasks = tasks, .n = n, .left = n};

    future_init(&s.all, self->fut.loop);
    s.all.on_cancel = settle_cancel;
    for (size_t i = 0; i < n; i++)
        async_future_add_done_callback(&tasks[i]->fut, settled_one, &s);
    if (n > 0) {
        future_add_handle(&s.all, &self->step);
        task_suspend(self, WAIT_GATHER, &s.all);
    }
    for (size_t i = 0; i < n; i++) {
        async_task *t = tasks[i];
        t->awaited = 1;
        if (results != NULL)
            results[i] = t->fut.state == FUTURE_DONE ? t->fut.result
                                                      : ASYNC_NONE;
        if (errors != NULL)
            errors[i] = t->fut.state == FUTURE_DONE ? NULL
                        : t->fut.state == FUTURE_FAILED ? &t->error
                                                        : &cancelled_error;
    }
}

struct async_task_group {
    async_group_fn *body;        /* the scope's code, and its argument */
    void *arg;
    async_task *parent;          /* the task that runs the group */
    async_future done;           /* set when no child is left: the wait */
    async_task **children;       /* every child, to cancel them */
    size_t nchildren, cap;
    size_t pending;              /* children not done yet */
    async_error *errors;         /* what failed children raised, in order */
    size_t nerrors;
    int aborting;                /* cancelling the children */
    int parent_cancel_requested; /* a failure cancelled the parent */
    int exiting;                 /* the body is over */
};

static void
group_abort(async_task_group *tg)
{
    tg->aborting = 1;
    for (size_t i = 0; i < tg->nchildren; i++)
        async_cancel(tg->children[i]);
}

static void
add_error(async_task_group *tg, const async_error *e)
{
    async_error *more = realloc(tg->errors, (tg->nerrors + 1) * sizeof *more);
    if (more == NULL)
        fatal("out of memory keeping a task group's errors");
    tg->errors = more;
    tg->errors[tg->nerrors++] = *e;
}

/* A child ended: asyncio's _on_task_done. The first failure aborts the
 * group and cancels the body (the parent), once. */
static void
member_done(async_future *f, void *arg)
{
    async_task *t = (async_task *)f; /* a task's future comes first */
    async_task_group *tg = arg;
    t->awaited = 1;
    if (--tg->pending == 0 && tg->done.state == FUTURE_PENDING)
        future_finish(&tg->done, FUTURE_DONE, ASYNC_NONE);
    if (t->fut.state != FUTURE_FAILED)
        return;
    add_error(tg, &t->error);
    if (!tg->aborting && !tg->parent_cancel_requested) {
        group_abort(tg);
        tg->parent_cancel_requested = 1;
        async_cancel(tg->parent);
    }
}

async_task *
async_task_group_create_task_named(async_task_group *tg, async_fn *fn,
                                   void *arg, const char *name)
{
    if (tg->exiting && tg->pending == 0)
        fatal("async_task_group_create_task: the group is finished; "
              "create the task inside the group's body");
    if (tg->aborting)
        fatal("async_task_group_create_task: the group is shutting down "
              "(a task failed or the group was cancelled); it takes no "
              "new tasks");
    if (tg->nchildren == tg->cap) {
        tg->cap = tg->cap ? 2 * tg->cap : 8;
        tg->children = realloc(tg->children, tg->cap * sizeof *tg->children);
    }
    if (tg->children == NULL)
        fatal("out of memory creating a task in a task group");
    async_task *t = async_create_task_named(fn, arg, name);
    async_future_add_done_callback(&t->fut, member_done, tg);
    tg->children[tg->nchildren++] = t;
    tg->pending++;
    return t;
}

static async_value
call_body(void *arg)
{
    async_task_group *tg = arg;
    return tg->body(tg, tg->arg);
}

static async_value
wait_children(void *arg)
{
    async_task_group *tg = arg;
    future_reset(&tg->done);
    return async_future_await(&tg->done);
}

/* asyncio's __aexit__: wait for every child, cancelling them all if the
 * body raised or the parent is cancelled; returns whether that goes on. */
static bool
group_exit(async_task_group *tg, bool ok, const async_error *e)
{
    bool propagate = false;
    tg->exiting = 1;
    if (!ok && e->code == ASYNC_CANCELLED &&
        !(tg->parent_cancel_requested && task_uncancel(tg->parent) == 0))
        propagate = true; /* not (only) the group's own cancellation */
    if (!ok && !tg->aborting)
        group_abort(tg);
    while (tg->pending > 0)
        if (!async_try(wait_children, tg, NULL, NULL) && !tg->aborting) {
            propagate = true; /* the parent was cancelled meanwhile */
            group_abort(tg);
        }
    return propagate;
}

bool
async_task_group_run(async_group_fn *body, void *arg, async_value *out,
                     async_error_list *errors)
{
    async_task *self = task_running("async_task_group_run");
    async_task_group tg = {.body = body, .arg = arg, .parent = self};
    async_value v = ASYNC_NONE;
    async_error e;

    future_init(&tg.done, self->fut.loop);
    bool ok = async_try(call_body, &tg, &v, &e);
    bool propagate = group_exit(&tg, ok, &e);
    free(tg.children);
    if (propagate && tg.nerrors == 0)
        task_unwind(self);
    if (!ok && e.code != ASYNC_CANCELLED)
        add_error(&tg, &e); /* the body's own error comes last */
    if (tg.nerrors == 0) {
        if (out != NULL)
            *out = v;
        return true;
    }
    if (errors != NULL) {
        async_error *copy = loop_alloc(self->fut.loop,
                                       tg.nerrors * sizeof *copy);
        memcpy(copy, tg.errors, tg.nerrors * sizeof *copy);
        *errors = (async_error_list){tg.nerrors, copy};
    }
    free(tg.errors);
    return false;
}
