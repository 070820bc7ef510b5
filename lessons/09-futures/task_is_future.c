// SPDX-License-Identifier: MIT
/*
 * task_is_future.c: a task is a future whose result is set when its
 * function returns. async_task_future gives that future, so a task takes
 * done-callbacks like any future. Lesson 09 (futures).
 */
#include <stdio.h>

#include "async.h"

static async_value
slow_double(void *arg)
{
    long x = *(long *)arg;

    async_sleep(1);
    return ASYNC_INT(2 * x);
}

static void
announce(async_future *f, void *arg)
{
    printf("%s finished with %ld\n", (char *)arg, async_result(f).i);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static long x = 21;
    async_task *t = async_create_task(slow_double, &x);
    async_future *f = async_task_future(t);

    async_future_add_done_callback(f, announce, "slow_double");
    printf("done: %s\n", async_done(f) ? "True" : "False");
    long v = async_await(f).i; /* awaiting the future is awaiting the task */
    printf("main got %ld; task done: %s\n", v,
           async_done(t) ? "True" : "False");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
