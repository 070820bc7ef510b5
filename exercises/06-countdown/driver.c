// SPDX-License-Identifier: MIT
/*
 * driver.c: two other countdowns, each on a fresh loop, with the
 * student's countdown(). Exercise 06.
 */
#include <stdio.h>

#include "async.h"

void countdown(async_loop *loop, int from, double step);

static void
run(int from, double step)
{
    async_loop *loop = async_loop_new();

    countdown(loop, from, step);
    printf("scheduled %d\n", from);
    async_loop_run_forever(loop);
    async_loop_close(loop);
}

int
main(void)
{
    run(5, 0.25);
    run(1, 2.0);
    return 0;
}
