// SPDX-License-Identifier: MIT
/*
 * countasync.c: three counters that sleep without blocking. Each one
 * prints One, gives the loop back for a second, then prints Two; the
 * three seconds of sleeping overlap, so the run takes one second.
 * Lesson 07 (sleeping without blocking).
 */
#include <stdio.h>

#include "async.h"

static async_value
count(void *arg)
{
    (void)arg;
    printf("One\n");
    async_sleep(1); /* arms a timer and suspends: the others run now */
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
    printf("countasync exec in %.2f seconds.\n", async_time() - start);
    return 0;
}
