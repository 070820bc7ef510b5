// SPDX-License-Identifier: MIT
/*
 * square_run.c: what most programs write instead of the four loop calls.
 * async_run makes a loop, runs main as a task, closes the loop and hands
 * back main's result. Lesson 06 (the event loop).
 */
#include <stdio.h>

#include "async.h"

static async_value
square(void *arg)
{
    long x = *(long *)arg;

    printf("Square %ld\n", x);
    async_sleep(1);
    printf("End square %ld\n", x);
    return ASYNC_INT(x * x);
}

/* main is a task: inside it, calling a coroutine function awaits it. */
static async_value
amain(void *arg)
{
    (void)arg;
    long two = 2;
    async_value r = square(&two);

    printf("main got %ld\n", r.i);
    return ASYNC_INT(r.i + 1);
}

int
main(void)
{
    async_value v = async_run(amain, NULL);

    printf("main returned %ld\n", v.i);
    return 0;
}
