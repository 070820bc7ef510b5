// SPDX-License-Identifier: MIT
/*
 * timers.c: n plain timers (call_later) with random deadlines under an
 * hour, fired under the virtual clock: the timer heap alone.
 */
#include "../async.h"
#include "bench.h"

static long fired;

static void
tick(void *arg)
{
    (void)arg;
    fired++;
}

static void
stop(void *loop)
{
    async_loop_stop(loop);
}

int
main(int argc, char **argv)
{
    long n = bench_n(argc, argv, 1000000);

    async_use_virtual_clock(true);
    async_loop *loop = async_loop_new();
    srand(1);
    double t0 = bench_now();
    for (long i = 0; i < n; i++)
        async_call_later(3600.0 * rand() / (RAND_MAX + 1.0), tick, NULL);
    async_call_later(3601, stop, loop);
    async_loop_run_forever(loop);
    double seconds = bench_now() - t0;
    async_loop_close(loop);
    if (fired != n) {
        fprintf(stderr, "timers: %ld of %ld fired\n", fired, n);
        return 1;
    }
    bench_report(n, seconds);
    return 0;
}
