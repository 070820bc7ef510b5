// SPDX-License-Identifier: MIT
/*
 * batches.c: long work that cannot be replaced by a wait (here a checksum
 * over 5000 records) is split instead: the worker yields every 1000
 * records, and a progress task reports between batches. Lesson 14
 * (blocking calls).
 */
#include <stdio.h>

#include "async.h"

#define RECORDS 5000
#define BATCH 1000

static int records_done;

static unsigned long
checksum(int record)
{
    unsigned long h = 5381;
    for (int i = 0; i < 200; i++)
        h = h * 33 + (unsigned long)(record ^ i);
    return h;
}

static async_value
worker(void *arg)
{
    (void)arg;
    unsigned long sum = 0;

    for (int r = 0; r < RECORDS; r++) {
        sum ^= checksum(r);
        records_done = r + 1;
        if (records_done % BATCH == 0)
            async_sleep(0); /* once per batch: cheap, and often enough */
    }
    printf("worker: checksum %lu\n", sum % 1000000);
    return ASYNC_NONE;
}

static async_value
progress(void *arg)
{
    (void)arg;
    for (;;) {
        printf("progress: %d of %d\n", records_done, RECORDS);
        if (records_done == RECORDS)
            return ASYNC_NONE;
        async_sleep(0);
    }
}

static async_value
main_task(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(worker, NULL),
                        async_create_task(progress, NULL)};
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
