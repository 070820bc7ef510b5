// SPDX-License-Identifier: MIT
/*
 * driver.c: another race, with four runners, the gun at 2.5 s and the
 * last runner at the line just before it. Exercise 39.
 */
#include <stdio.h>

#include "async.h"

struct runner {
    const char *name;
    double warm_up;
    double run_time;
};

void race(struct runner *runners, size_t n, double fire_at);

static async_value
amain(void *arg)
{
    (void)arg;
    struct runner runners[] = {
        {"Ann", 2.0, 4.0}, {"Bea", 0.5, 3.0}, {"Cat", 2.4, 3.5},
        {"Dot", 1.0, 5.0},
    };

    race(runners, 4, 2.5);
    printf("%.2f s  race over\n", async_time());
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
