// SPDX-License-Identifier: MIT
/*
 * example_1.c: awaiting a coroutine function is calling it. foo runs
 * inside main's task, sleeps there, and main goes on when foo returns.
 * Lesson 08 (tasks), seed 002 example 1.
 */
#include <stdio.h>

#include "async.h"

static async_value
foo(void *arg)
{
    printf("%s\n", (char *)arg);
    async_sleep(1);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    printf("hello\n");
    foo("text"); /* await foo("text"): runs inline, in this task */
    printf("finished\n");
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
