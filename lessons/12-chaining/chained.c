// SPDX-License-Identifier: MIT
/*
 * chained.c: square no longer sleeps itself; it awaits compute_square,
 * another coroutine function, by calling it. The call runs inside
 * square's task, so nothing about the timing or the order changes.
 * Lesson 12 (chaining coroutines).
 */
#include <stdio.h>

#include "async.h"

/* A coroutine function: await it by calling it from a task. */
static async_value
compute_square(void *arg)
{
    long x = (long)arg;

    async_sleep(1); /* suspends square's task, the one that called us */
    return ASYNC_INT(x * x);
}

static async_value
square(void *arg)
{
    long x = (long)arg;

    printf("Square %ld\n", x);
    long res = compute_square(arg).i; /* res = await compute_square(x) */
    printf("End square %ld\n", x);
    return ASYNC_INT(res);
}

static async_value
when_done(void *arg)
{
    (void)arg;
    async_task *tasks[3];

    for (long x = 1; x <= 3; x++)
        tasks[x - 1] = async_create_task(square, (void *)x);

    async_as_completed *it = async_as_completed_new(tasks, 3);
    for (async_task *t; (t = async_as_completed_next(it)) != NULL;)
        printf("Result: %ld\n", async_result(t).i);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(when_done, NULL);
    return 0;
}
