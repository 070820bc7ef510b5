// SPDX-License-Identifier: MIT
/*
 * rules.c: the legal half of Python's syntax rules, in C. A coroutine
 * function may await and return; a generator body run inside a task is an
 * async generator, consumed with async_for. Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
z(void *arg)
{
    long x = *(long *)arg;

    async_sleep(0.1);
    return ASYNC_INT(x * 10);
}

/* async def f(x): y = await z(x); return y */
static async_value
f(void *arg)
{
    async_value y = z(arg);
    return y;
}

/* async def g(x): yield x */
static void
g(async_gen *gen, void *arg)
{
    async_yield(gen, ASYNC_INT(*(long *)arg));
}

static async_value
main_task(void *arg)
{
    long four = 4, seven = 7;
    double start = async_time();

    (void)arg;
    printf("%ld\n", f(&four).i);
    async_gen *ag = async_gen_new(g, &seven);
    async_for (v, ag)
        printf("%ld\n", v.i);
    async_gen_close(ag);
    printf("elapsed %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
