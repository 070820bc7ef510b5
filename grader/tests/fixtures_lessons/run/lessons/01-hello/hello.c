// SPDX-License-Identifier: MIT
/*
 * hello.c: a test fixture for grader/lessons.py. Two tasks sleep for
 * different times; the run prints in wake order and its virtual length.
 */
#include <stdio.h>

#include "async.h"

static async_value
nap(void *arg)
{
    double *seconds = arg;

    async_sleep(*seconds);
    printf("woke after %.1f s\n", *seconds);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    static double naps[2] = {0.2, 0.1};
    async_task *a = async_create_task(nap, &naps[0]);
    async_task *b = async_create_task(nap, &naps[1]);

    (void)arg;
    async_await(a);
    async_await(b);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("took %.2f s\n", async_time() - start);
    return 0;
}
