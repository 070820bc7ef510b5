// SPDX-License-Identifier: MIT
/*
 * puzzle.c: a ticker that ticks every 0.2 s, and a saver that makes one
 * blocking call. Read it, predict its output (times included) in
 * prediction.txt, then check. Exercise 29.
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static async_value
ticker(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 4; i++) {
        printf("tick %d at %.2f\n", i, async_time());
        async_sleep(0.2);
    }
    return ASYNC_NONE;
}

static async_value
saver(void *arg)
{
    (void)arg;
    async_sleep(0.3);
    printf("saver: saving at %.2f\n", async_time());
    usleep(500000); /* a blocking write of 0.5 s */
    printf("saver: saved at %.2f\n", async_time());
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *t[2] = {async_create_task(ticker, NULL),
                        async_create_task(saver, NULL)};
    async_gather(t, 2, NULL);
    printf("main: done at %.2f\n", async_time());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
