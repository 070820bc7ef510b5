// SPDX-License-Identifier: MIT
/*
 * driver.c: sleep sorts other numbers, twice in one run, so a printed
 * answer does not pass. Exercise 14.
 */
#include <stdio.h>

#include "async.h"

void sleep_sort(const long *v, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    static const long v[] = {7, 0, 9, 4, 6, 2};
    static const long w[] = {12, 11};
    double start = async_time();

    sleep_sort(v, 6);
    printf("first in %.2f s\n", async_time() - start);
    sleep_sort(w, 2);
    printf("both in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
