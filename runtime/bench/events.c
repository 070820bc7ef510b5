// SPDX-License-Identifier: MIT
/*
 * events.c: future ping-pong. Two tasks wake each other through events:
 * each hand-off is a set, a wake-up through the ready queue, a clear.
 */
#include "../async.h"
#include "bench.h"

static long n;
static async_event *ping, *pong;

static async_value
player(void *arg)
{
    async_event **mine = arg;
    async_event *me = mine[0], *other = mine[1];

    for (long i = 0; i < n / 2; i++) {
        async_event_set(other);
        async_event_wait(me);
        async_event_clear(me);
    }
    async_event_set(other); /* let the other finish its last wait */
    return ASYNC_NONE;
}

static async_value
game(void *arg)
{
    ping = async_event_new();
    pong = async_event_new();
    async_event *a[2] = {ping, pong}, *b[2] = {pong, ping};
    async_task *t[2] = {async_create_task(player, a),
                        async_create_task(player, b)};
    double t0 = bench_now();
    async_gather(t, 2, NULL);
    *(double *)arg = bench_now() - t0;
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    double seconds;

    n = bench_n(argc, argv, 2000000);
    async_run(game, &seconds);
    bench_report(n, seconds);
    return 0;
}
