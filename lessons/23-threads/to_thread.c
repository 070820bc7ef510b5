// SPDX-License-Identifier: MIT
/*
 * to_thread.c: lesson 14's frozen worker again, but the blocking call is
 * inside a library function we cannot change. async_to_thread runs it on
 * a worker thread; the task waits for it as it would for a timer, and the
 * ticker keeps its times. Lesson 23 (threads for blocking calls).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static double start;

/* read_disk: a library's blocking call: no async version, it just
 * waits (here, sleep(1)) and returns how many bytes it read. It is not a
 * task, so it does not call the runtime. */
static async_value
read_disk(void *arg)
{
    (void)arg;
    sleep(1);
    return ASYNC_INT(4096);
}

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
    const char *file = arg;

    printf("worker: reading %s on a thread\n", file);
    /* This task waits; the thread blocks; the loop runs on. */
    long n = async_to_thread(read_disk, arg).i;
    printf("worker: read %ld bytes at %.2f s\n", n, async_time() - start);
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    start = async_time();
    async_task *t[2] = {async_create_task(ticker, NULL),
                        async_create_task(worker, "log.txt")};
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
