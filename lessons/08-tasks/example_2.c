// SPDX-License-Identifier: MIT
/*
 * example_2.c: a task created and never awaited. main prints both its
 * lines and returns; the task's first step, already queued, still runs
 * (it prints text) and then the task is cancelled in its sleep.
 * Lesson 08 (tasks), seed 002 example 2.
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
    async_create_task(foo, "text"); /* queued, not started */
    printf("finished\n");
    /* main returns without suspending even once: foo has not run yet. */
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
