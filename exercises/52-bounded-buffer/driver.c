// SPDX-License-Identifier: MIT
/*
 * driver.c: two other runs: a buffer of one slot with a producer that
 * pauses late, then three slots and quick consumers. Exercise 52.
 */
#include <stdio.h>

#include "async.h"

void run(size_t cap, const double *pause, long n, double a, double b);

static async_value
amain(void *arg)
{
    (void)arg;
    const double late[] = {0, 0, 0, 0.5};
    const double steady[] = {0.2, 0.2, 0.2, 0.2, 0.2};

    puts("one slot:");
    run(1, late, 4, 0.2, 0.1);
    puts("three slots:");
    run(3, steady, 5, 0.1, 0.1);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
