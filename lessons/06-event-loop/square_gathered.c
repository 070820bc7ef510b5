// SPDX-License-Identifier: MIT
/*
 * square_gathered.c: the same three squares, but all three tasks are on
 * the loop before it runs. Their sleeps overlap: one second in all.
 * Lesson 06 (the event loop); lesson 10 explains gather itself.
 */
#include <stdio.h>

#include "async.h"

static async_value
square(void *arg)
{
    long x = *(long *)arg;

    printf("Square %ld\n", x);
    async_sleep(1);
    printf("End square %ld\n", x);
    return ASYNC_INT(x * x);
}

/* One task that starts the three squares and waits for all of them. */
static async_value
all_squares(void *arg)
{
    static long xs[3] = {1, 2, 3};
    void *args[3] = {&xs[0], &xs[1], &xs[2]};
    async_value *results = arg;

    async_gather_fn(square, args, 3, results);
    return ASYNC_NONE;
}

int
main(void)
{
    async_value results[3];
    double start = async_time();
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, all_squares, results);

    async_loop_run_until_complete(loop, t);
    printf("[%ld, %ld, %ld]\n", results[0].i, results[1].i, results[2].i);
    printf("elapsed %.2f s\n", async_time() - start);
    async_loop_close(loop);
    return 0;
}
