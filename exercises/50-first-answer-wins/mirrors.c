// SPDX-License-Identifier: MIT
/*
 * Exercise 50: first answer wins.
 *
 * The idea (lesson 25, waiting for the first):
 *   1. async_wait with ASYNC_FIRST_COMPLETED suspends until one of the
 *      tasks is done and returns two sets, done and pending:
 *          async_wait_sets s = async_wait(t, n, ASYNC_FIRST_COMPLETED, -1);
 *          async_task *first = s.done[0];
 *   2. It cancels nothing: the tasks in s.pending[0..s.npending) are
 *      still running. Cancel each with async_cancel.
 *   3. Then wait until they have unwound, with async_wait(...,
 *      ASYNC_ALL_COMPLETED, -1) on them; never async_await a cancelled
 *      task (that cancels the awaiter). async_wait needs at least one
 *      task: with nothing pending, there is nothing to wait for.
 *
 * Your task: download the file from three mirrors at once and keep the
 * first that sends it. Print its name within 0.2 s, after every other
 * mirror has given up.
 *
 * Check it: make grade EX=50    Stuck? python3 grader/grade.py --hint 50
 */
#include <stdio.h>

#include "async.h"

#define MAX_MIRRORS 8

struct mirror {
    const char *name; /* where the file is */
    double latency;   /* seconds until it has sent it */
};

static void
gave_up(void *arg)
{
    printf("%.2f s  %s gave up\n", async_time(), (const char *)arg);
}

/* download: fetches the file from one mirror and returns the mirror's
 * name (.p). A task; arg is its struct mirror. */
async_value
download(void *arg)
{
    struct mirror *m = arg;

    async_cleanup_push(gave_up, (void *)m->name);
    async_sleep(m->latency);
    async_cleanup_pop(false);
    printf("%.2f s  %s sent the file\n", async_time(), m->name);
    return ASYNC_PTR((void *)m->name);
}

/* fastest: downloads from the n mirrors at once (1 <= n <= MAX_MIRRORS)
 * and returns the name of the first to send the file, once the others
 * have stopped. A coroutine function. */
const char *
fastest(struct mirror *mirrors, size_t n)
{
    async_task *t[MAX_MIRRORS];
    const char *name = NULL;

    for (size_t i = 0; i < n; i++)
        t[i] = async_create_task_named(download, &mirrors[i],
                                       mirrors[i].name);
    /* TODO: wait for the first download to finish and keep its name
     * (the task's result, .p). */
    TODO("wait for the first download: async_wait with "
         "ASYNC_FIRST_COMPLETED");
    (void)t;

    /* TODO: cancel the downloads still running, then wait until they
     * have stopped. */

    return name;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct mirror mirrors[] = {
        {"mirror-a", 0.40}, {"mirror-b", 0.15}, {"mirror-c", 0.30},
    };
    const char *name = fastest(mirrors, 3);

    printf("%.2f s  done: got it from %s\n", async_time(), name);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
