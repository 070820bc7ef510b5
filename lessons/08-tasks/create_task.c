// SPDX-License-Identifier: MIT
/*
 * create_task.c: creating a task only puts it in the queue. main keeps
 * the CPU and prints on; the task starts when main suspends in await.
 * Lesson 08 (tasks).
 */
#include <stdio.h>

#include "async.h"

static async_value
print_something(void *arg)
{
    (void)arg;
    async_sleep(1);
    printf("something\n");
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    printf("main\n");
    async_task *task = async_create_task(print_something, NULL);
    printf("main again\n"); /* the task has not run yet */
    async_await(task);      /* main suspends: now the task starts */
    printf("awaited\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
