// SPDX-License-Identifier: MIT
/*
 * puzzle.c: the program whose output exercise 12 asks you to predict.
 * Two run_until_complete calls on one loop, with tasks created before
 * and between them. Read it; do not run it until you have written your
 * prediction in prediction.txt.
 */
#include <stdio.h>

#include "async.h"

struct word {
    const char *text;
    double delay;
};

/* When the program started: the times printed are measured from here. */
static double start;

static async_value
say(void *arg)
{
    struct word *w = arg;

    async_sleep(w->delay);
    printf("%s at %.2f s\n", w->text, async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    struct word a = {"A", 2}, b = {"B", 1}, c = {"C", 0.5};

    start = async_time();
    async_loop *loop = async_loop_new();
    async_task *ta = async_loop_create_task(loop, say, &a);
    async_task *tb = async_loop_create_task(loop, say, &b);
    printf("created A and B\n");

    async_loop_run_until_complete(loop, tb);
    printf("B is done\n");

    async_loop_create_task(loop, say, &c);
    async_loop_run_until_complete(loop, ta);
    printf("A is done\n");

    async_loop_close(loop);
    return 0;
}
