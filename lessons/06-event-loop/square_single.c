// SPDX-License-Identifier: MIT
/*
 * square_single.c: one coroutine, run to completion on a loop made by
 * hand. async_loop_run_until_complete gives back the task's result.
 * Lesson 06 (the event loop).
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
    static long one = 1;
    async_loop *loop = async_loop_new();
    async_task *t = async_loop_create_task(loop, square, &one);

    async_value result = async_loop_run_until_complete(loop, t);
    printf("%ld\n", result.i);
    async_loop_close(loop);
    return 0;
}
