// SPDX-License-Identifier: MIT
/*
 * task_return_value.c: awaiting a task gives back what its function
 * returned. Here it is a string, carried in the .p member of async_value.
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
    return ASYNC_PTR("finished");
}

static async_value
amain(void *arg)
{
    (void)arg;
    printf("main\n");
    async_task *task = async_create_task(print_something, NULL);
    printf("main again\n");
    const char *result = async_await(task).p;
    printf("%s\n", result);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
