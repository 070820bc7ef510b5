// SPDX-License-Identifier: MIT
/*
 * agen.c: an async generator: a generator whose body may await between
 * its yields. Consumed first with async_for, then by hand with
 * async_gen_next, which returns false at the end (Python raises
 * StopAsyncIteration there). Lesson 15 (async generators).
 */
#include <stdio.h>

#include "async.h"

static void
async_generator_function(async_gen *g, void *arg)
{
    (void)arg;
    async_yield(g, ASYNC_PTR("something"));
    async_sleep(0.1); /* awaiting between yields: this is the async part */
    async_yield(g, ASYNC_PTR("other thing"));
}

static async_value
main_task(void *arg)
{
    (void)arg;
    double start = async_time();

    async_gen *g = async_gen_new(async_generator_function, NULL);
    async_for (v, g)
        printf("%s\n", (char *)v.p);
    async_gen_close(g);

    async_gen *x = async_gen_new(async_generator_function, NULL);
    puts("async_gen");
    async_value v;
    if (async_gen_next(x, &v))
        printf("%s\n", (char *)v.p);
    if (async_gen_next(x, &v))
        printf("%s\n", (char *)v.p);
    if (!async_gen_next(x, &v))
        puts("StopAsyncIteration"); /* the body returned: no more values */
    async_gen_close(x);

    printf("elapsed %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
