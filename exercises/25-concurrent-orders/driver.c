// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's process_all on six other orders and
 * prints when they were all shipped. Exercise 25.
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

void process_all(long *orders, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    long orders[6] = {17, 5, 42, 8, 23, 99};
    double start = async_time();

    process_all(orders, 6);
    printf("six shipped in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
