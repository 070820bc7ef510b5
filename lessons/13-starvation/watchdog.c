// SPDX-License-Identifier: MIT
/*
 * watchdog.c: a heartbeat that should beat every 0.05 s, next to a task
 * that computes for 0.3 s. In one piece, the computation holds the loop
 * and debug mode names it; in 15 slices with async_sleep(0) between, the
 * heartbeat keeps time. Lesson 13 (starvation).
 */
#include <stdio.h>
#include <time.h>

#include "async.h"

/* Computes for `seconds` of real CPU time: a stand-in for real work,
 * such as resizing an image, that takes as long as it takes. It counts
 * this thread's CPU time, not the wall clock, so a busy machine that
 * shares the CPU with other programs does not shorten the work. */
static void
compute_for(double seconds)
{
    struct timespec a, b;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    do
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    while ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9 < seconds);
}

static async_value
heartbeat(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 3; i++) {
        double t0 = async_time();
        async_sleep(0.05);
        double late = async_time() - t0 - 0.05;
        printf("heartbeat %d: %s\n", i, late > 0.1 ? "late" : "on time");
    }
    return ASYNC_NONE;
}

/* The whole 0.3 s in one step: nobody else runs meanwhile. */
static async_value
crunch(void *arg)
{
    (void)arg;
    compute_for(0.3);
    puts("crunch: done");
    return ASYNC_NONE;
}

/* The same 0.3 s in 15 steps of 0.02 s. */
static async_value
crunch_in_slices(void *arg)
{
    (void)arg;
    for (int i = 0; i < 15; i++) {
        compute_for(0.02);
        async_sleep(0); /* a turn for the heartbeat, if it is due */
    }
    puts("crunch_in_slices: done");
    return ASYNC_NONE;
}

static async_value
main_task(void *arg)
{
    (void)arg;
    puts("-- in one piece");
    async_task *t[2] = {async_create_task(heartbeat, NULL),
                        async_create_task(crunch, NULL)};
    async_gather(t, 2, NULL);

    puts("-- in slices");
    t[0] = async_create_task(heartbeat, NULL);
    t[1] = async_create_task(crunch_in_slices, NULL);
    async_gather(t, 2, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(main_task, NULL);
    return 0;
}
