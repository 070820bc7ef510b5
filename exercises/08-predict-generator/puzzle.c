// SPDX-License-Identifier: MIT
/*
 * puzzle.c: the program whose output exercise 08 asks you to predict.
 * Two generators made from one body, asked for values in turn, one of
 * them closed half-way. Do not edit it; edit prediction.txt.
 * Lesson 04 (generators).
 */
#include <stdio.h>

#include "async.h"

static void
tens(async_gen *g, void *arg)
{
    const char *name = arg;

    printf("%s: start\n", name);
    for (long i = 1; i <= 3; i++) {
        async_yield(g, ASYNC_INT(i * 10));
        printf("%s: after yield %ld\n", name, i);
    }
    printf("%s: end\n", name);
}

int
main(void)
{
    async_gen *a = async_gen_new(tens, "a");
    async_gen *b = async_gen_new(tens, "b");
    async_value v;

    printf("made a and b\n");
    async_gen_next(a, &v);
    printf("got %ld from a\n", v.i);
    async_gen_next(b, &v);
    printf("got %ld from b\n", v.i);
    async_gen_next(a, &v);
    printf("got %ld from a\n", v.i);
    async_gen_close(b); /* b is paused at a yield: it runs no more code */
    printf("closed b\n");
    async_for (w, a)
        printf("got %ld from a\n", w.i);
    printf("the end\n");
    async_gen_close(a);
    return 0;
}
