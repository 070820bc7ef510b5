// SPDX-License-Identifier: MIT
/*
 * loop_add_numbers.c: a coroutine that never waits still needs a loop to
 * run it. After run_until_complete the task is done and holds its result.
 * Lesson 06 (the event loop).
 */
#include <stdio.h>

#include "async.h"

struct pair {
    long a;
    long b;
};

static async_value
add_numbers(void *arg)
{
    struct pair *p = arg;

    return ASYNC_INT(p->a + p->b);
}

int
main(void)
{
    struct pair p = {2, 10};
    async_loop *loop = async_loop_new();
    async_task *task = async_loop_create_task(loop, add_numbers, &p);

    async_loop_run_until_complete(loop, task);
    /* The task is done now, so reading its result cannot fail. */
    printf("%ld\n", async_result(task).i);
    async_loop_close(loop);
    return 0;
}
