// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's service twice more, with another camera
 * speed, upload time, number of uploaders and stop time. Exercise 48.
 */
#include <stdio.h>

#include "async.h"

struct config {
    double every;
    double upload;
    int uploaders;
    double stop_after;
};

void run(struct config *cfg);

static async_value
amain(void *arg)
{
    (void)arg;
    struct config two = {0.15, 0.5, 2, 0.7}, one = {0.25, 0.3, 1, 0.9};

    puts("two uploaders:");
    run(&two);
    puts("one uploader:");
    run(&one);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
