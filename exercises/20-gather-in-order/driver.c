// SPDX-License-Identifier: MIT
/*
 * driver.c: measures other words, longest first, so that completion
 * order is the reverse of argument order. Exercise 20.
 */
#include <stdio.h>

#include "async.h"

void measure_all(const char **words, size_t n, long *lengths);

static async_value
amain(void *arg)
{
    (void)arg;
    const char *words[] = {"asynchronous", "coroutine", "event", "loop", "a"};
    long lengths[5];
    double start = async_time();

    measure_all(words, 5, lengths);
    for (int i = 0; i < 5; i++)
        printf("%s=%ld\n", words[i], lengths[i]);
    printf("%.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
