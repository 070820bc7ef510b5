// SPDX-License-Identifier: MIT
/*
 * driver.c: another meal, so that fixed lines do not pass, timed by the
 * longest dish. Exercise 17.
 */
#include <stdio.h>

#include "async.h"

struct dish {
    const char *name;
    double seconds;
    long minutes;
};

long cook_all(struct dish *dishes, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    static struct dish lunch[] = {
        {"soup", 0.7, 4}, {"bread", 0.1, 1},
        {"salad", 0.4, 5}, {"tea", 0.2, 1},
    };
    double start = async_time();

    printf("%ld minutes\n", cook_all(lunch, 4));
    printf("%.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
