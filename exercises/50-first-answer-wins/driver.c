// SPDX-License-Identifier: MIT
/*
 * driver.c: other mirrors: four with two tied for first, then a single
 * one (nothing left to cancel). Exercise 50.
 */
#include <stdio.h>

#include "async.h"

struct mirror {
    const char *name;
    double latency;
};

const char *fastest(struct mirror *mirrors, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    struct mirror four[] = {
        {"north", 0.50}, {"south", 0.20}, {"east", 0.20}, {"west", 0.35},
    };
    struct mirror one[] = {{"home", 0.10}};

    /* fastest first, then the time: the order in which a call's
     * arguments are evaluated is the compiler's to choose. */
    const char *name = fastest(four, 4);
    printf("%.2f s  got it from %s\n", async_time(), name);
    name = fastest(one, 1);
    printf("%.2f s  got it from %s\n", async_time(), name);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
