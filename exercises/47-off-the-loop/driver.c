// SPDX-License-Identifier: MIT
/*
 * driver.c: two reports of other sizes rendered at the same time by the
 * student's render, beside a faster heartbeat. Exercise 47.
 */
#include <stdio.h>

#include "async.h"

long render(long pages);

static double begin;

static async_value
beat(void *arg)
{
    (void)arg;
    for (int i = 0; i < 6; i++) {
        printf("beat at %.2f s\n", async_time() - begin);
        async_sleep(0.15);
    }
    return ASYNC_NONE;
}

static async_value
one_report(void *arg)
{
    long pages = (long)arg;
    long bytes = render(pages);

    printf("%ld pages: %ld bytes at %.2f s\n", pages, bytes,
           async_time() - begin);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    begin = async_time();
    async_task *t[3] = {async_create_task(beat, NULL),
                        async_create_task(one_report, (void *)4L),
                        async_create_task(one_report, (void *)2L)};
    async_gather(t, 3, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
