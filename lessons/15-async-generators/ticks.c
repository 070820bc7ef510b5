// SPDX-License-Identifier: MIT
/*
 * ticks.c: while an async generator awaits between two values, the task
 * consuming it is suspended, and the loop runs other tasks. The consumer
 * reads the values as they come, without knowing how they are made.
 * Lesson 15 (async generators).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began, in loop time */

struct ticks {
    long count;      /* how many values */
    double interval; /* seconds between them */
};

/* Yields 1, 2, ... count, one every interval seconds. */
static void
ticks(async_gen *g, void *arg)
{
    struct ticks *spec = arg;

    for (long i = 1; i <= spec->count; i++) {
        async_sleep(spec->interval);
        async_yield(g, ASYNC_INT(i));
    }
}

static async_value
chatter(void *arg)
{
    (void)arg;
    async_sleep(0.25);
    printf("%.2f s  chatter: the loop is free while the generator waits\n",
           async_time() - start);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    struct ticks spec = {3, 0.2};
    start = async_time();
    async_task *other = async_create_task(chatter, NULL);

    async_gen *g = async_gen_new(ticks, &spec);
    async_for (v, g)
        printf("%.2f s  main: got %ld\n", async_time() - start, v.i);
    async_gen_close(g);
    async_await(other);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
