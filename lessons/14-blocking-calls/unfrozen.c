// SPDX-License-Identifier: MIT
/*
 * unfrozen.c: frozen.c with sleep(1) replaced by async_sleep(1). The
 * worker now waits as a task waits, on a timer, and the ticker keeps
 * ticking on time meanwhile. Lesson 14 (blocking calls).
 */
#include <stdio.h>

#include "async.h"

static double start;

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 4; i++) {
        printf("tick %d at %.2f s\n", i, async_time() - start);
        async_sleep(0.25);
    }
    return ASYNC_NONE;
}

static async_value
worker(void *arg)
{
    (void)arg;
    puts("worker: waiting 1 s for the disk");
    async_sleep(1); /* only this task waits; the loop runs on */
    printf("worker: done at %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    async_task *t[2] = {async_create_task(ticker, NULL),
                        async_create_task(worker, NULL)};
    async_gather(t, 2, NULL);
    printf("all done at %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
