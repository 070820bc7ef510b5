// SPDX-License-Identifier: MIT
/*
 * driver.c: the student's fetch_all() on four jobs of different lengths;
 * it must take as long as the longest (1.50 s), not the sum (3.25 s).
 * Exercise 10.
 */
#include <stdio.h>

#include "async.h"

struct fetch { /* as in overlap.c */
    const char *name;
    double seconds;
    long value;
    long result;
};

void fetch_all(struct fetch *jobs, size_t n);

static async_value
amain(void *arg)
{
    struct fetch jobs[] = {
        {"a", 0.5, 10, 0},
        {"b", 1.5, -20, 0},
        {"c", 0.25, 30, 0},
        {"d", 1.0, 40, 0},
    };
    double start = async_time();

    (void)arg;
    fetch_all(jobs, 4);
    for (size_t i = 0; i < 4; i++)
        printf("%s %ld\n", jobs[i].name, jobs[i].result);
    printf("in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
