// SPDX-License-Identifier: MIT
/*
 * turns.c: two generators driven in turn by one plain loop. Each runs a
 * step, pauses, and lets the other have a go: the seed of an event loop,
 * where tasks are bodies that pause and a loop takes turns between them.
 * Lesson 04 (generators); lesson 16 builds the whole loop this way.
 */
#include <stdbool.h>
#include <stdio.h>

#include "async.h"

static void
worker(async_gen *g, void *arg)
{
    const char *name = arg;

    for (int step = 1; step <= 3; step++) {
        printf("%s: step %d\n", name, step);
        async_yield(g, ASYNC_NONE); /* my turn is over */
    }
    printf("%s: finished\n", name);
}

int
main(void)
{
    async_gen *gens[2] = {
        async_gen_new(worker, "tick"),
        async_gen_new(worker, "tock"),
    };
    bool running[2] = {true, true};
    int left = 2;

    /* Round robin: give each unfinished generator one step per lap. */
    while (left > 0)
        for (int i = 0; i < 2; i++)
            if (running[i] && !async_gen_next(gens[i], NULL)) {
                running[i] = false;
                left--;
            }
    for (int i = 0; i < 2; i++)
        async_gen_close(gens[i]);
    return 0;
}
