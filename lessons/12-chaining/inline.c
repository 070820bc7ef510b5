// SPDX-License-Identifier: MIT
/*
 * inline.c: awaiting a coroutine is a function call. If the callee never
 * suspends, no other task gets a turn; only a real suspension (here a
 * sleep) hands the loop to the others. Lesson 12 (chaining coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
other(void *arg)
{
    (void)arg;
    puts("other: my turn at last");
    return ASYNC_NONE;
}

/* Never suspends: awaiting it is exactly a plain call. */
static async_value
add(void *arg)
{
    long *ab = arg;
    return ASYNC_INT(ab[0] + ab[1]);
}

/* Suspends once, so whoever awaits it suspends too. */
static async_value
slow_add(void *arg)
{
    async_sleep(0.1);
    return add(arg);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    long ab[2] = {2, 3};

    async_task *t = async_create_task(other, NULL);
    puts("main: other is created");
    printf("main: add gave %ld\n", add(ab).i);
    printf("main: add gave %ld again\n", add(ab).i);
    printf("main: slow_add gave %ld\n", slow_add(ab).i);
    async_await(t);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
