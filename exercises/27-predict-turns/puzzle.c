// SPDX-License-Identifier: MIT
/*
 * puzzle.c: three tasks that yield at different places, and a main that
 * yields once itself. Read it, predict its output in prediction.txt,
 * then check. Exercise 27.
 */
#include <stdio.h>

#include "async.h"

static async_value
a(void *arg)
{
    (void)arg;
    puts("a1");
    async_sleep(0);
    puts("a2");
    async_sleep(0);
    puts("a3");
    return ASYNC_NONE;
}

static async_value
b(void *arg)
{
    (void)arg;
    puts("b1");
    puts("b2"); /* no yield between b1 and b2 */
    async_sleep(0);
    puts("b3");
    return ASYNC_NONE;
}

static async_value
c(void *arg)
{
    (void)arg;
    puts("c1"); /* never yields */
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *t[3] = {async_create_task(a, NULL),
                        async_create_task(b, NULL),
                        async_create_task(c, NULL)};
    puts("main: created");
    async_sleep(0);
    puts("main: back");
    async_gather(t, 3, NULL);
    puts("main: all done");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
