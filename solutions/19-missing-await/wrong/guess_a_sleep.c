// SPDX-License-Identifier: MIT
/*
 * Exercise 19: the missing await.
 *
 * The idea (lesson 09, futures):
 *   1. async_result(x) reads a result that is already there; on a future
 *      or task that is not done it stops the program ("not done yet").
 *   2. async_await(x) waits for it: it returns at once if x is done, or
 *      suspends the caller until x is done, then returns the result.
 *   3. A task is a future too: both are awaited the same way.
 *   4. Guessing a sleep long enough instead of awaiting works only until
 *      the work takes longer than the guess.
 *
 * Your task: checkout reads the price and the packing result before they
 * exist. Make it wait for both, so that the program prints
 *     pay 12 for 2 bags
 *     checkout at 0.30 s
 *
 * Check it: make grade EX=19    Stuck? python3 grader/grade.py --hint 19
 */
#include <stdio.h>

#include "async.h"

/* checkout: waits until the price is announced and the packing task is
 * done, prints the bill and returns price + bags. Call it from a task. */
long
checkout(async_future *price, async_task *packing)
{
    /* Why: the price is set later; await suspends until it is. */
    async_sleep(0.5);
    long p = async_result(price).i;
    /* Why: a task is a future: awaiting it waits until it is done. */
    long bags = async_result(packing).i;

    printf("pay %ld for %ld bags\n", p, bags);
    return p + bags;
}

struct order {
    async_future *price;
    long amount;
    double seconds;
};

/* clerk: looks the price up (it takes a while), then announces it. */
static async_value
clerk(void *arg)
{
    struct order *o = arg;

    async_sleep(o->seconds);
    async_future_set_result(o->price, ASYNC_INT(o->amount));
    return ASYNC_NONE;
}

/* pack: packs the bags; the result is how many. */
static async_value
pack(void *arg)
{
    (void)arg;
    async_sleep(0.3);
    return ASYNC_INT(2);
}

static async_value
amain(void *arg)
{
    (void)arg;
    double start = async_time();
    struct order o = {async_future_new(), 12, 0.2};

    async_task *c = async_create_task(clerk, &o);
    async_task *packing = async_create_task(pack, NULL);
    checkout(o.price, packing);
    printf("checkout at %.2f s\n", async_time() - start);
    async_await(c);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
