// SPDX-License-Identifier: MIT
/*
 * driver.c: sleep sorts other numbers, twice in one run, so a printed
 * answer does not pass. Given a seed (the grader draws one each time it
 * grades), the numbers are drawn from it; with none, they are those of
 * check.toml. Exercise 14.
 */
#include <stdio.h>
#include <stdlib.h>

#include "async.h"

void sleep_sort(const long *v, size_t n);

static long v[] = {7, 0, 9, 4, 6, 2};
static long w[] = {12, 11};

/* draw: a number in [0, n), from a small generator the seed starts. */
static unsigned long long state;

static long
draw(long n)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (long)((state >> 33) % (unsigned long long)n);
}

static async_value
amain(void *arg)
{
    (void)arg;
    double start = async_time();

    sleep_sort(v, 6);
    printf("first in %.2f s\n", async_time() - start);
    sleep_sort(w, 2);
    printf("both in %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(int argc, char **argv)
{
    if (argc > 1) { /* distinct numbers, so the order is well defined */
        state = strtoull(argv[1], NULL, 10);
        for (int i = 0; i < 6; i++)
            v[i] = 3 * i + draw(3);
        for (int i = 5; i > 0; i--) { /* shuffled */
            long j = draw(i + 1), t = v[i];
            v[i] = v[j], v[j] = t;
        }
        w[0] = 20 + draw(5), w[1] = 10 + draw(5);
    }
    async_run(amain, NULL);
    return 0;
}
