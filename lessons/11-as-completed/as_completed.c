// SPDX-License-Identifier: MIT
/*
 * as_completed.c: three squares, each result printed as soon as it is
 * ready. The tasks are created in argument order, so they start, finish
 * and are reported in that order. Lesson 11 (as_completed).
 */
#include <stdio.h>

#include "async.h"

static async_value
square(void *arg)
{
    long x = (long)arg;

    printf("Square %ld\n", x);
    async_sleep(1);
    printf("End square %ld\n", x);
    return ASYNC_INT(x * x);
}

static async_value
when_done(void *arg)
{
    (void)arg;
    async_task *tasks[3];

    /* Create every task first: as_completed then watches all three. */
    for (long x = 1; x <= 3; x++)
        tasks[x - 1] = async_create_task(square, (void *)x);

    async_as_completed *it = async_as_completed_new(tasks, 3);
    async_task *t;
    while ((t = async_as_completed_next(it)) != NULL)
        printf("Result: %ld\n", async_result(t).i);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(when_done, NULL);
    return 0;
}
