// SPDX-License-Identifier: MIT
/*
 * driver.c: times other jobs with the student's stopwatch, one after
 * another, and counts how often each job ran. Exercise 02.
 */
#include <stdio.h>
#include <unistd.h>

#include "async.h"

double stopwatch(void (*job)(void *), void *arg);

static int calls; /* how many times a job ran */

static void
nap(void *arg)
{
    calls++;
    usleep(*(unsigned int *)arg);
}

static void
long_job(void *arg)
{
    (void)arg;
    calls++;
    sleep(2);
    usleep(500000);
}

int
main(void)
{
    unsigned int quarter = 250000, none = 0;

    printf("%.2f\n", stopwatch(nap, &quarter));
    printf("%.2f\n", stopwatch(nap, &none));
    printf("%.2f\n", stopwatch(long_job, NULL));
    printf("%.2f\n", stopwatch(nap, &quarter));
    printf("calls: %d\n", calls);
    return 0;
}
