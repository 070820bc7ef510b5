// SPDX-License-Identifier: MIT
/*
 * Exercise 17: make breakfast concurrently.
 *
 * The idea (lesson 08, tasks and their order):
 *   1. Calling a coroutine function from a task awaits it: the caller
 *      goes on only when it has returned. Three calls take the sum.
 *   2. async_create_task starts a coroutine as a task of its own; its
 *      waits overlap with everyone else's.
 *   3. async_await(t) then collects each result (.i here), in any order:
 *      a task that is already done returns at once.
 *   4. Tasks start in the order they were created; they finish in the
 *      order their waits end.
 *
 * Your task: cook_all cooks the dishes one after another (1.00 s for
 * this breakfast). Make it cook them all at once, so that the program
 * prints the ready lines in the order the dishes finish (toast, coffee,
 * eggs), "3 dishes, 6 minutes of work" and "served in 0.50 s".
 *
 * Check it: make grade EX=17    Stuck? python3 grader/grade.py --hint 17
 */
#include <stddef.h>
#include <stdio.h>

#include "async.h"

struct dish {
    const char *name;
    double seconds; /* cooking time, in seconds of this simulation */
    long minutes;   /* the cook's hands-on minutes, returned as the result */
};

/* cook: starts a dish, waits while it cooks, returns the cook's minutes. */
static async_value
cook(void *arg)
{
    struct dish *d = arg;

    printf("start %s\n", d->name);
    async_sleep(d->seconds);
    printf("%s ready\n", d->name);
    return ASYNC_INT(d->minutes);
}

/* cook_all: cooks the n dishes (n <= 8) and returns the total minutes.
 * Call it from a task. */
long
cook_all(struct dish *dishes, size_t n)
{
    long minutes = 0;

    /* Why: every dish is on the stove before we wait for any of them. */
    for (size_t i = 0; i < n; i++)
        minutes += async_await(async_create_task(cook, &dishes[i])).i;
    return minutes;
}

static async_value
amain(void *arg)
{
    (void)arg;
    static struct dish breakfast[] = {
        {"coffee", 0.3, 1}, {"eggs", 0.5, 3}, {"toast", 0.2, 2},
    };

    printf("3 dishes, %ld minutes of work\n", cook_all(breakfast, 3));
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();

    async_run(amain, NULL);
    printf("served in %.2f s\n", async_time() - start);
    return 0;
}
