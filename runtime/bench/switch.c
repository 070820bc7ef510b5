// SPDX-License-Identifier: MIT
/*
 * switch.c: the floor. Two contexts swap with the runtime's own
 * switch_context and nothing else: no loop, no queue. Every scheduler
 * hand-off costs at least this.
 */
#include "../internal.h"
#include "bench.h"

static struct context *main_ctx, *other_ctx;
static long rounds;

static void
other(void)
{
    for (;;)
        switch_context(&other_ctx, main_ctx);
}

int
main(int argc, char **argv)
{
    static char stack[64 * 1024] __attribute__((aligned(16)));
    long n = bench_n(argc, argv, 10000000);

    context_init(&other_ctx, stack, sizeof stack, other);
    double t0 = bench_now();
    for (rounds = 0; rounds < n / 2; rounds++)
        switch_context(&main_ctx, other_ctx); /* there and back: two */
    bench_report(n, bench_now() - t0);
    return 0;
}
