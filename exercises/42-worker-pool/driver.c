// SPDX-License-Identifier: MIT
/*
 * driver.c: two other pools: five photos for two workers, then two
 * photos for four workers (two of them never get one). Exercise 42.
 */
#include <stdio.h>

#include "async.h"

struct photo {
    const char *name;
    double seconds;
};

void run_pool(const struct photo *photos, size_t n, size_t nworkers);

static async_value
amain(void *arg)
{
    (void)arg;
    const struct photo five[] = {
        {"ant", 0.3}, {"bee", 0.3}, {"cow", 0.1}, {"doe", 0.1}, {"elk", 0.2},
    };
    const struct photo two[] = {{"fox", 0.5}, {"gnu", 0.2}};

    puts("two workers:");
    run_pool(five, 5, 2);
    puts("four workers:");
    run_pool(two, 2, 4);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
