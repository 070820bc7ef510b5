// SPDX-License-Identifier: MIT
/*
 * replicas.c: ask three replicas the same question and take the first
 * answer. async_wait with ASYNC_FIRST_COMPLETED returns as soon as one
 * task is done; the others are still running, and stopping them is the
 * caller's job: cancel them, then wait until they have unwound. Lesson
 * 25 (waiting for the first).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began */

/* now: seconds since main began, as the lesson prints them. */
static double
now(void)
{
    return async_time() - start;
}

struct replica {
    const char *name; /* where it runs */
    double latency;   /* seconds until it answers */
};

static void
gave_up(void *name)
{
    printf("%.2f s  %s cancelled\n", now(), (const char *)name);
}

static async_value
ask(void *arg)
{
    struct replica *r = arg;

    async_cleanup_push(gave_up, (void *)r->name);
    async_sleep(r->latency);
    async_cleanup_pop(false);
    printf("%.2f s  %s answers\n", now(), r->name);
    return ASYNC_PTR((void *)r->name);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    struct replica rs[] = {{"eu", 0.30}, {"us", 0.12}, {"asia", 0.25}};
    async_task *t[3];

    for (int i = 0; i < 3; i++)
        t[i] = async_create_task_named(ask, &rs[i], rs[i].name);
    async_wait_sets s = async_wait(t, 3, ASYNC_FIRST_COMPLETED, -1);
    printf("%.2f s  first answer from %s; %zu still running\n", now(),
           (const char *)async_result(s.done[0]).p, s.npending);
    for (size_t i = 0; i < s.npending; i++)
        async_cancel(s.pending[i]);
    /* not async_await: awaiting a cancelled task cancels the awaiter */
    async_wait(s.pending, s.npending, ASYNC_ALL_COMPLETED, -1);
    printf("%.2f s  the others are gone\n", now());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
