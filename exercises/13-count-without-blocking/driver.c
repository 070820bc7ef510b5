// SPDX-License-Identifier: MIT
/*
 * driver.c: gathers the student's count() over four other names and
 * checks the order and the time. Exercise 13.
 */
#include <stdio.h>

#include "async.h"

async_value count(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    void *names[4] = {"w", "x", "y", "z"};

    async_gather_fn(count, names, 4, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("%.2f\n", async_time() - start);
    return 0;
}
