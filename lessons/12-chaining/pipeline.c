// SPDX-License-Identifier: MIT
/*
 * pipeline.c: a chain of coroutines per item (fetch, then parse), run for
 * three items one after another, then for the three at once. Each chain
 * stays in order inside its task; the tasks overlap with each other.
 * Lesson 12 (chaining coroutines).
 */
#include <stdio.h>

#include "async.h"

static async_value
fetch(void *arg)
{
    async_sleep(0.5); /* the network */
    return ASYNC_INT((long)arg * 100);
}

static async_value
parse(void *arg)
{
    async_sleep(0.2); /* the parser waits on a worker */
    return ASYNC_INT((long)arg + 1);
}

/* One chain: parse needs fetch's result, so they cannot overlap. */
static async_value
process(void *arg)
{
    long raw = fetch(arg).i;
    long item = parse((void *)raw).i;
    printf("  item %ld -> %ld at %.2f s\n", (long)arg, item, async_time());
    return ASYNC_INT(item);
}

static async_value
main_task(void *arg)
{
    (void)arg;
    double start = async_time();

    puts("one after another:");
    for (long i = 1; i <= 3; i++)
        process((void *)i);
    printf("  took %.2f s\n", async_time() - start);

    puts("all at once:");
    start = async_time();
    void *items[3] = {(void *)1L, (void *)2L, (void *)3L};
    async_gather_fn(process, items, 3, NULL);
    printf("  took %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
