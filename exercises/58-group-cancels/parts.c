// SPDX-License-Identifier: MIT
/*
 * Exercise 58: one failure cancels the rest.
 *
 * The idea (lesson 27, structured concurrency):
 *   1. async_task_group_run(body, arg, &out, &errors) is `async with
 *      asyncio.TaskGroup() as tg:`. body(tg, arg) runs inline and starts
 *      tasks with async_task_group_create_task(tg, fn, arg); the call
 *      returns only when every one of them is done.
 *   2. When a child fails, the group cancels the other children (their
 *      cleanup handlers run), waits for them, and returns false with
 *      every error in errors (errors.n of them, errors.errors[i]).
 *   3. gather does not do this: its failing child leaves the siblings
 *      running, orphans nobody waits for.
 *
 * Your task: fetch_all fetches the parts of a file at once. If a part
 * fails, the others are useless: they must be cancelled at once, their
 * connections closed, and fetch_all returns false after printing the
 * error. If all succeed it returns true.
 *
 * Check it: make grade EX=58    Stuck? python3 grader/grade.py --hint 58
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "async.h"

#define BROKEN 4 /* the error fetch_part raises */

struct part {
    int id;
    double takes; /* how long its server needs */
    int broken;   /* its server sends garbage: fetching it fails */
};

struct file {
    struct part *parts;
    size_t n;
};

static double start;
int open_connections;

static double
now(void)
{
    return async_time() - start;
}

/* abandon: fetch_part's cleanup handler (arg: the struct part). */
static void
abandon(void *arg)
{
    struct part *p = arg;

    open_connections--;
    printf("%.2f s  part %d abandoned\n", now(), p->id);
}

/* fetch_part: a task's function (arg: a struct part *). */
async_value
fetch_part(void *arg)
{
    struct part *p = arg;

    open_connections++;
    async_cleanup_push(abandon, p);
    async_sleep(p->takes);
    async_cleanup_pop(false);
    open_connections--;
    if (p->broken)
        async_raise(BROKEN, "part %d is broken", p->id);
    printf("%.2f s  part %d fetched\n", now(), p->id);
    return ASYNC_NONE;
}

/* start_parts: the group's body (arg: the struct file): starts one task
 * per part, in tg. */
async_value
start_parts(async_task_group *tg, void *arg)
{
    /* TODO: start one task of the group per part (fetch_part). */
    (void)tg, (void)arg;
    return ASYNC_NONE;
}

/* fetch_all: fetches f's parts at once. Returns true once all are
 * fetched; if one fails, cancels the rest, prints "T s  failed: MESSAGE"
 * for each error and returns false. A coroutine function. */
bool
fetch_all(struct file *f)
{
    /* TODO: run start_parts in a task group, and report its errors if
     * it fails. */
    (void)f;
    TODO("fetch the parts in a task group");
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct part parts[] = { /* static: outlives amain */
        {1, 0.3, 0}, {2, 0.5, 1}, {3, 1.0, 0}, {4, 2.0, 0},
    };
    struct file f = {parts, 4};

    start = async_time();
    bool ok = fetch_all(&f);
    printf("%.2f s  %s, open connections: %d\n", now(),
           ok ? "fetched" : "gave up", open_connections);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
