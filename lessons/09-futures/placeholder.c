// SPDX-License-Identifier: MIT
/*
 * placeholder.c: a future is an empty box. One task waits on it; another
 * fills it half a second later, and the waiter wakes with the value.
 * Lesson 09 (futures).
 */
#include <stdio.h>

#include "async.h"

/* When main started: every time printed is measured from here. */
static double start;

static async_value
waiter(void *arg)
{
    async_future *box = arg;

    printf("waiter: waiting\n");
    long v = async_await(box).i; /* suspends: the box is still empty */
    printf("waiter: got %ld at %.2f s\n", v, async_time() - start);
    return ASYNC_NONE;
}

static async_value
filler(void *arg)
{
    async_future *box = arg;

    async_sleep(0.5);
    printf("filler: setting the result\n");
    async_future_set_result(box, ASYNC_INT(42)); /* wakes the waiter */
    printf("filler: done\n"); /* still ours: the waiter runs later */
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_future *box = async_future_new();

    start = async_time();
    printf("done before: %s\n", async_done(box) ? "True" : "False");
    async_task *w = async_create_task(waiter, box);
    async_task *f = async_create_task(filler, box);
    async_await(w);
    async_await(f);
    printf("done after: %s, result %ld\n", async_done(box) ? "True" : "False",
           async_result(box).i);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
