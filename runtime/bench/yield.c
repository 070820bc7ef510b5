// SPDX-License-Identifier: MIT
/*
 * yield.c: two tasks hand the loop back and forth with async_sleep(0):
 * each hand-off is one trip through the ready queue and two switches.
 */
#include "../async.h"
#include "bench.h"

static long n;

static async_value
player(void *arg)
{
    (void)arg;
    for (long i = 0; i < n / 2; i++)
        async_sleep(0);
    return ASYNC_NONE;
}

static async_value
game(void *arg)
{
    async_task *t[2] = {async_create_task(player, NULL),
                        async_create_task(player, NULL)};
    double t0 = bench_now();
    async_gather(t, 2, NULL);
    *(double *)arg = bench_now() - t0;
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    double seconds;

    n = bench_n(argc, argv, 10000000);
    async_run(game, &seconds);
    bench_report(n, seconds);
    return 0;
}
