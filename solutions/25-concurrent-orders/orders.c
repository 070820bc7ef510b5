// SPDX-License-Identifier: MIT
/*
 * Exercise 25: many chains at once.
 *
 * The idea (lesson 12, chaining coroutines):
 *   1. process_order is a chain: reserve, then charge, then ship. Inside
 *      one order the steps must stay in that order.
 *   2. Calling process_order directly runs the whole chain inline: the
 *      caller waits 1 s for it before it can start the next order.
 *   3. Orders do not depend on each other. Run each chain as its own
 *      task and their waits overlap: n orders take as long as one.
 *   4. Every task you start must be awaited (async_gather, or
 *      async_await on each), or async_run cancels it when main returns.
 *
 * Your task: process_all runs the orders one after another and takes 4 s
 * for four. Make it process every order concurrently, so that the four
 * finish within 1.1 s, each still reserved, charged and shipped in turn.
 *
 * Check it: make grade EX=25    Stuck? python3 grader/grade.py --hint 25
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

#define MAX_ORDERS 16

static async_value
reserve(void *arg)
{
    async_sleep(0.3); /* the warehouse */
    printf("order %ld: reserved\n", (long)arg);
    return ASYNC_NONE;
}

static async_value
charge(void *arg)
{
    async_sleep(0.2); /* the bank */
    printf("order %ld: charged\n", (long)arg);
    return ASYNC_NONE;
}

static async_value
ship(void *arg)
{
    async_sleep(0.5); /* the courier */
    printf("order %ld: shipped\n", (long)arg);
    return ASYNC_NONE;
}

/* process_order: a coroutine function; one order's chain (1 s). The
 * order number is passed as (void *)number. */
async_value
process_order(void *arg)
{
    reserve(arg);
    charge(arg);
    ship(arg);
    return ASYNC_NONE;
}

/* process_all: processes orders[0..n-1] (n <= MAX_ORDERS) and returns
 * when all of them are shipped. Call it from a task. */
void
process_all(long *orders, size_t n)
{
    /* Why: one task per chain lets the chains' waits overlap. */
    async_task *tasks[MAX_ORDERS];
    for (size_t i = 0; i < n; i++)
        tasks[i] = async_create_task(process_order, (void *)orders[i]);
    async_gather(tasks, n, NULL);
}

static async_value
amain(void *arg)
{
    (void)arg;
    long orders[4] = {1, 2, 3, 4};
    double start = async_time();

    process_all(orders, 4);
    printf("all shipped in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
