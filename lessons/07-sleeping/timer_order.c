// SPDX-License-Identifier: MIT
/*
 * timer_order.c: three tasks arm timers of 3, 1 and 2 seconds, in that
 * order. The timer heap hands them back by deadline, not by arming order,
 * and each task wakes at its own time. Lesson 07 (sleeping).
 */
#include <stdio.h>

#include "async.h"

/* When main started: every time printed is measured from here. */
static double start;

struct nap {
    const char *name;
    double seconds;
};

static async_value
nap(void *arg)
{
    struct nap *n = arg;

    printf("%s sleeps %.0f s\n", n->name, n->seconds);
    async_sleep(n->seconds);
    printf("%s wakes at %.2f s\n", n->name, async_time() - start);
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct nap naps[3] = {{"A", 3}, {"B", 1}, {"C", 2}};
    void *args[3] = {&naps[0], &naps[1], &naps[2]};

    start = async_time();
    async_gather_fn(nap, args, 3, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
