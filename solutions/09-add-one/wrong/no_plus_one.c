// SPDX-License-Identifier: MIT
/*
 * Exercise 09: add one, asynchronously.
 *
 * The idea (lesson 05, coroutines and await):
 *   1. A coroutine function has the type async_fn: it takes a void * and
 *      returns an async_value. Here every one returns a double (.d).
 *   2. Inside a task, calling it is awaiting it: coroutine(NULL) runs it
 *      right there, and if it sleeps, your task sleeps with it.
 *   3. So add_one is itself a coroutine function in the C sense: it may
 *      suspend (when its argument does), and only a task may call it.
 *   4. async_create_task(fn, arg) only queues a task; async_await(t)
 *      waits for it. Create several before awaiting any, and they wait
 *      at the same time.
 *
 * Your task: (a) write add_one(): call the coroutine function it is given,
 * once, and return its value plus one. (b) In amain, run three
 * add_one_task at once. The program then prints
 *     42
 *     [42, 42, 42] in 0.10 s
 * and takes 0.20 s. The grader also tries add_one on other coroutines.
 *
 * Check it: make grade EX=09    Stuck? python3 grader/grade.py --hint 09
 */
#include <stdio.h>

#include "async.h"

/* add_one: awaits coroutine(NULL) and returns its value (.d) plus one.
 * Suspends if the coroutine does; call it only inside a task. */
double
add_one(async_fn *coroutine)
{
    async_value result = coroutine(NULL);
    return result.d;
}

/* forty_one: waits a tenth of a second, then gives 41. */
static async_value
forty_one(void *arg)
{
    (void)arg;
    async_sleep(0.1);
    return ASYNC_DOUBLE(41);
}

/* add_one_task: one add_one(forty_one), as a coroutine function of its
 * own, so that it can be made into a task. */
static async_value
add_one_task(void *arg)
{
    (void)arg;
    return ASYNC_DOUBLE(add_one(forty_one));
}

static async_value
amain(void *arg)
{
    double r[3];

    (void)arg;
    printf("%g\n", add_one(forty_one));
    double start = async_time();
    async_task *t[3];
    for (int i = 0; i < 3; i++) /* why: all start before any is awaited */
        t[i] = async_create_task(add_one_task, NULL);
    for (int i = 0; i < 3; i++)
        r[i] = async_await(t[i]).d;
    printf("[%g, %g, %g] in %.2f s\n", r[0], r[1], r[2],
           async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
