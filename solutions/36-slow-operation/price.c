// SPDX-License-Identifier: MIT
/*
 * Exercise 36: the slow operation.
 *
 * The idea (lesson 18, timeouts):
 *   1. async_wait_for(t, seconds, &out) waits for the task t, but no
 *      longer than seconds. If t finishes in time it returns true and
 *      t's result in out, at once: a fast answer is not held back.
 *   2. If not, it cancels t, waits until t's cleanup handlers have run,
 *      and returns false: Python's TimeoutError.
 *          async_value v;
 *          if (async_wait_for(t, 0.5, &v)) use(v.i); else fallback();
 *   3. Decide beforehand what a timeout means: here, the last price we
 *      know, from a cache, is better than no price.
 *
 * Your task: price asks the price service (a task running ask_service)
 * but waits no longer than TIMEOUT; if the service is too slow, it gives
 * the cached price instead. Here the apple (0.2 s) and the pear (0.4 s)
 * get fresh prices, the melon's service would take 2 s: after 0.5 s it
 * gets the cached one. All three within 1.1 s.
 *
 * Check it: make grade EX=36    Stuck? python3 grader/grade.py --hint 36
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

#define TIMEOUT 0.5 /* seconds we wait for the service */

struct item {
    const char *name;   /* what we price */
    double takes;       /* how long the service needs to answer */
    long fresh_price;   /* what the service answers */
    long cached_price;  /* the last price we knew */
};

int open_requests; /* requests the service is still working on */

/* abandon: ask_service's cleanup handler; arg is the struct item. */
void
abandon(void *arg)
{
    struct item *it = arg;

    open_requests--;
    printf("%s: request abandoned\n", it->name);
}

/* ask_service: a task's function (arg: a struct item *): the price
 * service, which answers after it->takes seconds. */
async_value
ask_service(void *arg)
{
    struct item *it = arg;

    open_requests++;
    async_cleanup_push(abandon, it);
    async_sleep(it->takes);
    async_cleanup_pop(false);
    open_requests--;
    return ASYNC_INT(it->fresh_price);
}

/* price: it's price, from the service if it answers within TIMEOUT, else
 * from the cache; *fresh says which. A coroutine function: call it from
 * a task. */
long
price(struct item *it, bool *fresh)
{
    async_task *t = async_create_task(ask_service, it);
    async_value v;

    /* Why: waits for the answer, but gives up (cancelling t) in time. */
    *fresh = async_wait_for(t, TIMEOUT, &v);
    return *fresh ? v.i : it->cached_price;
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct item items[] = {
        {"apple", 0.2, 3, 2}, {"melon", 2.0, 7, 5}, {"pear", 0.4, 4, 4},
    };
    double start = async_time();

    for (int i = 0; i < 3; i++) {
        bool fresh;
        long p = price(&items[i], &fresh);
        printf("%s: %ld (%s) at %.2f s\n", items[i].name, p,
               fresh ? "fresh" : "cached", async_time() - start);
    }
    printf("open requests: %d\n", open_requests);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
