// SPDX-License-Identifier: MIT
/*
 * count_blocking.c: countasync with one mistake: the counters call libc's
 * sleep() instead of async_sleep(). Each sleep holds the loop, so the
 * tasks run one after another and the run takes three seconds again.
 * Lesson 07 (sleeping); lesson 14 returns to blocking calls.
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static async_value
count(void *arg)
{
    (void)arg;
    printf("One\n");
    sleep(1); /* the mistake: the loop cannot run anyone else meanwhile */
    printf("Two\n");
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_gather_fn(count, NULL, 3, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("count_blocking exec in %.2f seconds.\n", async_time() - start);
    return 0;
}
