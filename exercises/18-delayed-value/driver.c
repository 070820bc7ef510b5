// SPDX-License-Identifier: MIT
/*
 * driver.c: other delays and values; done-callbacks report when each
 * future is filled, so the timing of every one is checked. Exercise 18.
 */
#include <stdio.h>

#include "async.h"

async_future *delayed_value(double seconds, long value);

static double start;

static void
report(async_future *f, void *arg)
{
    (void)arg;
    printf("%ld at %.2f s\n", async_result(f).i, async_time() - start);
}

static async_value
amain(void *arg)
{
    (void)arg;
    static const double delays[4] = {0.7, 0.25, 0.5, 0};
    static const long values[4] = {70, -25, 50, 9};
    async_future *f[4];

    start = async_time();
    for (int i = 0; i < 4; i++) {
        f[i] = delayed_value(delays[i], values[i]);
        async_future_add_done_callback(f[i], report, NULL);
    }
    printf("pending: %d\n", !async_done(f[0]) + !async_done(f[1]) +
                                !async_done(f[2]) + !async_done(f[3]));
    long sum = 0;
    for (int i = 0; i < 4; i++)
        sum += async_await(f[i]).i;
    printf("sum %ld at %.2f s\n", sum, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
