// SPDX-License-Identifier: MIT
/*
 * round_robin.c: async_sleep(0) moves the caller to the back of the ready
 * queue. Two tasks that do it after every line take turns, line by line,
 * and main, waiting behind them, gets its turns in between.
 * Lesson 08 (tasks), rule 2.
 */
#include <stdio.h>

#include "async.h"

static async_value
talker(void *arg)
{
    const char *name = arg;

    for (int i = 0; i < 3; i++) {
        printf("%s %d\n", name, i);
        async_sleep(0); /* everyone already ready goes before my next line */
    }
    return ASYNC_NONE;
}

static async_value
amain(void *arg)
{
    (void)arg;
    async_task *a = async_create_task(talker, "A");
    async_task *b = async_create_task(talker, "B");

    printf("main: both created\n");
    async_sleep(0);
    printf("main: after one turn\n");
    async_await(a);
    async_await(b);
    printf("main: both done\n");
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
