// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's run_on_new_loop on other coroutines, so
 * that printing 42 and 15 by hand does not pass. Exercise 11.
 */
#include <stdio.h>

#include "async.h"

long run_on_new_loop(async_fn *fn, void *arg);

/* Checks that it really runs in a task, on a loop, with time passing. */
static async_value
negate_later(void *arg)
{
    double t0 = async_time();

    async_sleep(0.125);
    if (async_current_task() == NULL)
        return ASYNC_INT(-999);
    return ASYNC_INT(-*(long *)arg + (long)((async_time() - t0) * 8 + 0.5));
}

static async_value
square_now(void *arg)
{
    long x = *(long *)arg;

    return ASYNC_INT(x * x);
}

int
main(void)
{
    long a = 100, b = 9, c = -7;

    printf("%ld\n", run_on_new_loop(negate_later, &a));
    printf("%ld\n", run_on_new_loop(square_now, &b));
    printf("%ld\n", run_on_new_loop(square_now, &c));
    printf("%ld\n", run_on_new_loop(negate_later, &c));
    return 0;
}
