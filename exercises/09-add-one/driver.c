// SPDX-License-Identifier: MIT
/*
 * driver.c: the student's add_one() over other coroutine functions, each
 * run with async_run as asyncio.run(add_one(f)) would be, then three
 * add_one calls gathered at once. Exercise 09.
 */
#include <stdio.h>

#include "async.h"

double add_one(async_fn *coroutine);

static int calls; /* how many times instant() ran */

static async_value
instant(void *arg)
{
    (void)arg;
    calls++;
    return ASYNC_DOUBLE(41);
}

static async_value
slow(void *arg)
{
    (void)arg;
    async_sleep(0.1);
    return ASYNC_DOUBLE(41);
}

static async_value
negative(void *arg)
{
    (void)arg;
    return ASYNC_DOUBLE(-1);
}

static async_value
fractional(void *arg)
{
    (void)arg;
    return ASYNC_DOUBLE(2.5);
}

static async_fn *which; /* the coroutine function add_one gets next */

static async_value
run_add_one(void *arg)
{
    (void)arg;
    return ASYNC_DOUBLE(add_one(which));
}

/* run: asyncio.run(add_one(fn)); returns the value and the time taken. */
static double
run(async_fn *fn, double *took)
{
    double start = async_time();

    which = fn;
    double v = async_run(run_add_one, NULL).d;
    *took = async_time() - start;
    return v;
}

static async_value
gathered(void *arg)
{
    async_gather_fn(run_add_one, NULL, 3, arg);
    return ASYNC_NONE;
}

int
main(void)
{
    double took, v;
    async_value r[3];

    v = run(instant, &took);
    printf("%g %d\n", v, calls);
    v = run(slow, &took);
    printf("%g %.2fs\n", v, took);
    printf("%g\n", run(negative, &took));
    printf("%g\n", run(fractional, &took));

    double start = async_time();
    which = slow;
    async_run(gathered, r);
    printf("[%g, %g, %g] %.2fs\n", r[0].d, r[1].d, r[2].d,
           async_time() - start);
    return 0;
}
