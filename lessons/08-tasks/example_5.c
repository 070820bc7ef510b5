// SPDX-License-Identifier: MIT
/*
 * example_5.c: two tasks, and main awaits only the first. Both are queued
 * before either runs; they start in creation order when main suspends.
 * At 2 s the fetch finishes, main returns, and the counter is cancelled
 * mid-count. Lesson 08 (tasks), seed 002 example 5.
 */
#include <stdio.h>

#include "async.h"

static async_value
fetch_data(void *arg)
{
    (void)arg;
    printf("start fetching\n");
    async_sleep(2);
    printf("done fetching\n");
    return ASYNC_PTR("{'data': 1}");
}

static async_value
print_numbers(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        printf("%d\n", i);
        async_sleep(0.5);
    }
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *task1 = async_create_task(fetch_data, NULL);
    async_create_task(print_numbers, NULL); /* never awaited */
    const char *value = async_await(task1).p;
    printf("%s\n", value);
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
