// SPDX-License-Identifier: MIT
/*
 * await.c: main awaits a coroutine that sleeps for a second. main is
 * paused at the call until print_something returns, then goes on.
 * Lesson 05 (coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
print_something(void *arg)
{
    (void)arg;
    async_sleep(1); /* suspends the task this runs in: main's */
    printf("something\n");
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    printf("main\n");
    print_something(NULL); /* await print_something() */
    printf("main again\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
