// SPDX-License-Identifier: MIT
/*
 * generator.c: a generator hands out values one at a time and pauses in
 * between. Each generator made from the function starts from the top:
 * the loop uses up one, the explicit calls to next use a fresh one.
 * Lesson 04 (generators).
 */
#include <stdio.h>

#include "async.h"

/* The body: runs only when a value is asked for, up to the next yield. */
static void
generator_function(async_gen *g, void *arg)
{
    (void)arg;
    async_yield(g, ASYNC_PTR("something"));
    async_yield(g, ASYNC_PTR("other thing"));
}

int
main(void)
{
    async_gen *g = async_gen_new(generator_function, NULL);
    async_for (val, g)
        printf("%s\n", (const char *)val.p);
    async_gen_close(g);

    async_gen *x = async_gen_new(generator_function, NULL);
    async_value v;
    async_gen_next(x, &v); /* x is new: it starts from the top */
    printf("%s\n", (const char *)v.p);
    async_gen_next(x, &v);
    printf("%s\n", (const char *)v.p);
    async_gen_close(x);
    return 0;
}
