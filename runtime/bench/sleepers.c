// SPDX-License-Identifier: MIT
/*
 * sleepers.c: n tasks each sleep a random time under a second, all at
 * once, with default settings: what a task costs while it waits.
 */
#include "../async.h"
#include "bench.h"

static async_value
sleeper(void *arg)
{
    async_sleep(*(double *)arg);
    return ASYNC_NONE;
}

static async_value
sleepers(void *arg)
{
    long n = *(long *)arg;
    async_task **t = malloc(n * sizeof *t);
    double *d = malloc(n * sizeof *d);

    srand(1);
    for (long i = 0; i < n; i++) {
        d[i] = rand() / (RAND_MAX + 1.0);
        t[i] = async_create_task(sleeper, &d[i]);
    }
    async_gather(t, n, NULL);
    free(t);
    free(d);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    long n = bench_n(argc, argv, 1000000);
    double t0 = bench_now();

    async_run(sleepers, &n);
    bench_report(n, bench_now() - t0);
    return 0;
}
