// SPDX-License-Identifier: MIT
/*
 * Exercise 39: the starting gun.
 *
 * The idea (lesson 19, locks and semaphores):
 *   1. An event is a flag tasks can wait for: async_event_wait(e)
 *      suspends until someone calls async_event_set(e) (it returns at
 *      once if the flag is already set).
 *   2. One async_event_set wakes every waiting task, in the order they
 *      began to wait, all at the same moment.
 *   3. So an event is a starting gun: tasks get ready at their own pace,
 *      wait on the event, and all go when it is set.
 *
 * Your task: the runners reach the line at different times and each
 * sets off as soon as it arrives. Make them wait for the gun: every
 * runner must start at the moment the starter fires (1.00 s below), and
 * finish its own run time after that.
 *
 * Check it: make grade EX=39    Stuck? python3 grader/grade.py --hint 39
 */
#include <stdio.h>

#include "async.h"

#define MAX_RUNNERS 8

struct runner {
    const char *name; /* who */
    double warm_up;   /* seconds until they reach the line */
    double run_time;  /* seconds from the start to the finish */
};

static async_event *gun; /* set when the starter fires */

/* runner: warms up, waits at the line, runs. A task; arg is its struct
 * runner. */
async_value
runner(void *arg)
{
    struct runner *r = arg;

    async_sleep(r->warm_up);
    printf("%.2f s  %s is at the line\n", async_time(), r->name);
    /* Why: nobody starts before the gun, whenever they arrived. */
    async_event_wait(gun);
    printf("%.2f s  %s starts\n", async_time(), r->name);
    async_sleep(r->run_time);
    printf("%.2f s  %s finishes\n", async_time(), r->name);
    return ASYNC_NONE;
}

/* race: runs the n runners (at most MAX_RUNNERS), the starter firing at
 * `fire_at` seconds from now, and returns when all have finished. A
 * coroutine function; every runner reaches the line before fire_at. */
void
race(struct runner *runners, size_t n, double fire_at)
{
    async_task *t[MAX_RUNNERS];

    /* Why: made before the runners exist, so none waits on NULL. */
    gun = async_event_new();
    for (size_t i = 0; i < n; i++)
        t[i] = async_create_task(runner, &runners[i]);
    async_sleep(fire_at);
    printf("%.2f s  bang!\n", async_time());
    /* Why: one set wakes every runner waiting at the line. */
    async_event_set(gun);
    async_gather(t, n, NULL);
}

static async_value
amain(void *arg)
{
    (void)arg;
    struct runner runners[] = {
        {"Owens", 0.3, 10.2}, {"Bolt", 0.1, 9.6}, {"Joyner", 0.2, 10.5},
    };

    race(runners, 3, 1.0);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
