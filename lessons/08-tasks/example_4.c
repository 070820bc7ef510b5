// SPDX-License-Identifier: MIT
/*
 * example_4.c: the task wants to sleep ten seconds, main only one. main
 * finishes first, and async_run cancels the task still asleep: the run
 * takes one second, not ten. Lesson 08 (tasks), seed 002 example 4.
 */
#include <stdio.h>

#include "async.h"

static async_value
foo(void *arg)
{
    printf("%s\n", (char *)arg);
    async_sleep(10);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    printf("hello\n");
    async_create_task(foo, "text");
    async_sleep(1); /* main suspends: foo runs its first step */
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
