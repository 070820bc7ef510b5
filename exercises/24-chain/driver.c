// SPDX-License-Identifier: MIT
/*
 * driver.c: calls the student's score_of for four other players, first
 * one by one (each call takes 0.30 s), then all at once. Exercise 24.
 */
#include <stdio.h>

#include "async.h"

async_value score_of(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    void *names[4] = {"zed", "ann", "grace", "linus"};
    async_value scores[4];
    double start = async_time();

    printf("%s: %ld\n", (char *)names[0], score_of(names[0]).i);
    printf("one call: %.2f s\n", async_time() - start);
    start = async_time();
    async_gather_fn(score_of, names, 4, scores);
    for (int i = 0; i < 4; i++)
        printf("%s: %ld\n", (char *)names[i], scores[i].i);
    printf("four at once: %.2f s\n", async_time() - start);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
