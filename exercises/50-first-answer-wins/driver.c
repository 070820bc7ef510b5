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

    printf("%.2f s  got it from %s\n", async_time(), fastest(four, 4));
    printf("%.2f s  got it from %s\n", async_time(), fastest(one, 1));
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
