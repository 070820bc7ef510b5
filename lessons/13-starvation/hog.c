// SPDX-License-Identifier: MIT
/*
 * hog.c: a task that computes without ever suspending keeps every other
 * task waiting. The ticker is ready from the start, yet it gets its first
 * turn only when the worker has finished. Lesson 13 (starvation).
 */
#include <stdio.h>

#include "async.h"

/* Some real work: the sum of i*i below n. */
static long
crunch(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i * i % 7;
    return s;
}

static async_value
worker(void *arg)
{
    (void)arg;
    for (int chunk = 1; chunk <= 3; chunk++)
        printf("worker: chunk %d gives %ld\n", chunk, crunch(chunk * 100000));
    return ASYNC_NONE;
}

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 3; i++) {
        printf("ticker: tick %d\n", i);
        async_sleep(0);
    }
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(worker, NULL),
                        async_create_task(ticker, NULL)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
