// SPDX-License-Identifier: MIT
/*
 * new_event_loop.c: the event loop by hand. Make a loop, hand it a task,
 * run the loop until that task is done, read the result, close the loop.
 * Lesson 06 (the event loop), first example.
 */
#include <stdio.h>

#include "async.h"

/* The coroutine function: waits one second, then gives back its argument. */
static async_value
my_function(void *arg)
{
    async_sleep(1);
    return ASYNC_PTR(arg);
}

int
main(void)
{
    async_loop *loop = async_loop_new();
    /* Creating the task only queues its first step: nothing runs yet. */
    async_task *task = async_loop_create_task(loop, my_function, "done");

    /* The loop runs here, and only here, until the task has finished. */
    async_loop_run_until_complete(loop, task);
    printf("%s\n", (char *)async_result(task).p);

    /* Closing frees the task too: read its result before this line. */
    async_loop_close(loop);
    return 0;
}
