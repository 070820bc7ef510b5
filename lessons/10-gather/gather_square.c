// SPDX-License-Identifier: MIT
/*
 * gather_square.c: three squares started together with async_gather_fn.
 * They start in argument order, sleep side by side, and the results come
 * back in argument order: one second in all. Lesson 10 (gather).
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

static async_value
amain(void *arg)
{
    (void)arg;
    static long xs[3] = {1, 2, 3};
    void *args[3] = {&xs[0], &xs[1], &xs[2]};
    async_value r[3];

    /* gather(square(1), square(2), square(3)): one task per argument. */
    async_gather_fn(square, args, 3, r);
    printf("[%ld, %ld, %ld]\n", r[0].i, r[1].i, r[2].i);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("elapsed %.2f s\n", async_time() - start);
    return 0;
}
