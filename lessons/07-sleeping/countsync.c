// SPDX-License-Identifier: MIT
/*
 * countsync.c: the same three counts with no event loop at all. sleep()
 * holds the whole program for a second each time, so the run takes three.
 * The baseline for countasync.c; lesson 01 meets it first.
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static void
count(void)
{
    printf("One\n");
    sleep(1); /* the program can do nothing else during this second */
    printf("Two\n");
}

int
main(void)
{
    double start = async_time();

    for (int i = 0; i < 3; i++)
        count();
    printf("countsync exec in %.2f seconds.\n", async_time() - start);
    return 0;
}
