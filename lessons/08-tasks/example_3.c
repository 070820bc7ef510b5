// SPDX-License-Identifier: MIT
/*
 * example_3.c: create the task, then await it. The task starts when
 * main suspends in the await, and main resumes once the task is done.
 * Lesson 08 (tasks), seed 002 example 3.
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
    async_task *task = async_create_task(foo, "text");
    async_await(task); /* main suspends: foo starts now */
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
