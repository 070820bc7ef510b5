// SPDX-License-Identifier: MIT
/*
 * spawn.c: create n tasks that return at once, and gather them.
 */
#include "../async.h"
#include "bench.h"

static async_value
nothing(void *arg)
{
    return ASYNC_PTR(arg);
}

static async_value
spawn(void *arg)
{
    long n = *(long *)arg;
    async_task **t = malloc(n * sizeof *t);

    for (long i = 0; i < n; i++)
        t[i] = async_create_task(nothing, NULL);
    async_gather(t, n, NULL);
    free(t);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    long n = bench_n(argc, argv, 1000000);
    double t0 = bench_now();

    async_run(spawn, &n);
    bench_report(n, bench_now() - t0);
    return 0;
}
