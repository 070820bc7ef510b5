// SPDX-License-Identifier: MIT
/*
 * example_6.c: the counter task is created only after the fetch is done,
 * and main returns right after. Its first step was already queued, so it
 * still prints 0, after main's last line; then it is cancelled.
 * Lesson 08 (tasks), seed 002 example 6.
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
    const char *value = async_await(task1).p;
    async_create_task(print_numbers, NULL); /* queued; main never waits */
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
