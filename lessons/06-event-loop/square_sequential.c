// SPDX-License-Identifier: MIT
/*
 * square_sequential.c: three squares, each run to completion before the
 * next task even exists. Nothing overlaps, so three one-second sleeps
 * take three seconds. Lesson 06 (the event loop).
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

int
main(void)
{
    static long xs[3] = {1, 2, 3};
    long results[3];
    double start = async_time();
    async_loop *loop = async_loop_new();

    /* Each call runs the loop until its own task is done, then returns:
     * the next task is created only after the previous one finished. */
    for (int i = 0; i < 3; i++) {
        async_task *t = async_loop_create_task(loop, square, &xs[i]);
        results[i] = async_loop_run_until_complete(loop, t).i;
    }
    printf("[%ld, %ld, %ld]\n", results[0], results[1], results[2]);
    printf("elapsed %.2f s\n", async_time() - start);
    async_loop_close(loop);
    return 0;
}
