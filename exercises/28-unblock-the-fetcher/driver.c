// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's fetch over three other URLs, gathered,
 * and prints the sizes and the time. Exercise 28.
 */
#include <stdio.h>

#include "async.h"

async_value fetch(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    void *urls[3] = {"/a", "/blog/2024", "/x"};
    async_value sizes[3];
    double start = async_time();

    async_gather_fn(fetch, urls, 3, sizes);
    for (int i = 0; i < 3; i++)
        printf("%s: %ld\n", (char *)urls[i], sizes[i].i);
    printf("%.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
