// SPDX-License-Identifier: MIT
/*
 * pingpong.c: who runs when. The consumer and the generator's body take
 * turns: each next() runs the body up to its next yield, each yield hands
 * control back, and the body's local variable survives every pause.
 * Lesson 04 (generators).
 */
#include <stdio.h>

#include "async.h"

static void
countdown(async_gen *g, void *arg)
{
    long n = *(long *)arg;

    printf("  body: starts with n = %ld\n", n);
    while (n > 0) {
        printf("  body: yields %ld\n", n);
        async_yield(g, ASYNC_INT(n)); /* pause here; n is kept */
        printf("  body: resumes\n");
        n--;
    }
    printf("  body: returns\n");
}

int
main(void)
{
    long from = 2;
    async_gen *g = async_gen_new(countdown, &from);
    async_value v;

    printf("consumer: generator made, nothing ran yet\n");
    for (;;) {
        printf("consumer: next\n");
        if (!async_gen_next(g, &v))
            break;
        printf("consumer: got %ld\n", v.i);
    }
    printf("consumer: no more values\n");
    async_gen_close(g);
    return 0;
}
