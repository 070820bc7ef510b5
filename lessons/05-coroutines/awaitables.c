// SPDX-License-Identifier: MIT
/*
 * awaitables.c: what async_await accepts: a task or a future, chosen at
 * compile time by _Generic. Awaiting waits until it is done and gives its
 * value; awaiting something already done returns at once.
 * Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static double start; /* when main began */

static async_value
seven(void *arg)
{
    (void)arg;
    async_sleep(0.5);
    return ASYNC_INT(7);
}

/* A callback that fills the future in, one second from now. */
static void
fill(void *f)
{
    async_future_set_result(f, ASYNC_INT(8));
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    async_task *t = async_create_task(seven, NULL);
    async_future *f = async_future_new();
    async_call_later(1.0, fill, f);

    long v = async_await(t).i; /* a task: async_task_await */
    printf("task:       %ld at %.2f s\n", v, async_time() - start);
    v = async_await(f).i; /* a future: async_future_await */
    printf("future:     %ld at %.2f s\n", v, async_time() - start);
    v = async_await(t).i; /* done already: no waiting */
    printf("task again: %ld at %.2f s\n", v, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
