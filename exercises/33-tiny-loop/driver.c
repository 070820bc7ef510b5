// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's run_once over other tasks (two yielders,
 * three sleepers with equal deadlines) and counts the iterations; it
 * gives up after 1000 so that a loop that never advances still ends.
 * Exercise 33.
 */
#include <stdbool.h>
#include <stdio.h>

extern double now;
void spawn(const char *name, double interval, int ticks);
bool run_once(void);

int
main(void)
{
    int iterations = 0;

    spawn("x", 0.2, 3);
    spawn("y", 0, 2);
    spawn("z", 0.1, 4);
    spawn("w", 0, 1);
    spawn("v", 0.4, 1);
    while (iterations < 1000 && run_once())
        iterations++;
    printf("%d iterations, ended at %.2f\n", iterations, now);
    return 0;
}
