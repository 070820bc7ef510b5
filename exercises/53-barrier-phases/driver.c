// SPDX-License-Identifier: MIT
/*
 * driver.c: four other workers, then a single one (who is always the
 * last to arrive). Exercise 53.
 */
#include <stdio.h>

#include "async.h"

struct worker {
    const char *name;
    double load;
    double compute;
    double save;
};

void run_phases(struct worker *workers, size_t n);

static async_value
amain(void *arg)
{
    (void)arg;
    struct worker four[] = {
        {"w1", 0.4, 0.1, 0.1}, {"w2", 0.1, 0.1, 0.2},
        {"w3", 0.2, 0.6, 0.1}, {"w4", 0.3, 0.2, 0.1},
    };
    struct worker one[] = {{"solo", 0.1, 0.1, 0.1}};

    puts("four workers:");
    run_phases(four, 4);
    puts("one worker:");
    run_phases(one, 1);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
