// SPDX-License-Identifier: MIT
/*
 * countsync.c: three counts, one after another. Each count prints "One",
 * blocks in sleep(1) and prints "Two"; nothing else can happen while it
 * sleeps, so the three seconds add up. Lesson 01 (blocking).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

static void
count(void)
{
    printf("One\n");
    sleep(1); /* blocks: the program does nothing else for 1 s */
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
