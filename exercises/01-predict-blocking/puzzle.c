// SPDX-License-Identifier: MIT
/*
 * puzzle.c: the program whose output exercise 01 asks you to predict.
 * Three rounds of blocking waits of different lengths. Do not edit it;
 * edit prediction.txt. Lesson 01 (blocking).
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

int
main(void)
{
    double start = async_time();

    for (unsigned int i = 1; i <= 3; i++) {
        printf("%.2f s: round %u\n", async_time() - start, i);
        sleep(i);       /* 1 s, then 2 s, then 3 s */
        usleep(250000); /* and a quarter of a second each round */
    }
    printf("%.2f s: done\n", async_time() - start);
    return 0;
}
